// Chapter 8: Sequential. Write its forward and backward passes below; check them with `./course check 8`.
// The three layers of chapters 3 and 6, written once for layer l and walked over a list of any length.
#include "student/sequential.hpp"
#include "course/08-sequential/sequential_model.hpp"

#include <string>
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

#include "base/checks.hpp"
#include "base/errors.hpp"
#include "student/backprop.hpp"
#include "student/forward.hpp"
#include "student/sigmoid.hpp"

namespace nn {

// For l = 1 … L (L = model.depth(); θ(l) = thetas[l − 1], a view into θ; φ_l = model.phi(l)):
//   z(l)  = a(l−1)* θ(l)                    N × (c(l−1) + 1) · (c(l−1) + 1) × c(l)  ->  N × c(l)
//   a(l)  = φ_l(z(l)),   a(l)* = [1 | a(l)]  for l < L: the input of the next layer, N × (c(l) + 1)
//   ŷ     = φ_L(z(L)) = σ(z(L))              for the last layer
// starting from a(0)* = X* = [1 | X]. Store fw.a_star[l] = a(l)* (l = 0 … L−1) and fw.z[l] = z(l)
// (l = 1 … L; both vectors are already L + 1 and L long).
SequentialForward sequential_forward(const Sequential& model, const Vector& theta, const Matrix& X)
{
    const std::size_t f = model.widths().front();
    if (X.shape(1) != f) {
        throw shape_error("X: the Sequential " + model.describe() + " takes f = " + std::to_string(f) +
                          " features (its first width), so X must be N × " + std::to_string(f) + ", got " +
                          shape_str(X));
    }
    Vector theta_copy = theta;  // the views need a θ they may point into
    const std::vector<MatrixView> thetas = model.unpack(theta_copy);
    const std::size_t L = model.depth();
    SequentialForward fw;
    fw.a_star.resize(L);
    fw.z.resize(L + 1);
    // TODO: write sequential_forward here, then run: ./course check 8
    throw not_implemented("sequential_forward", 8);
}

// From the last layer to the first (l = L … 1), with N = number of samples:
//   ∂L/∂z(L) = (ŷ − Y) / N                                            N × c(L)
//   ∂L/∂θ(l) = a(l−1)*ᵀ ∂L/∂z(l) + l2_gradient(θ(l), λ, N)             (c(l−1) + 1) × c(l)
//   and, for l > 1, the step down to the layer before:
//   ∂L/∂a(l−1) = ∂L/∂z(l) θ(l)ᵀ, without θ(l)'s bias row 0              N × c(l−1)
//   ∂L/∂z(l−1) = ∂L/∂a(l−1) ⊙ φ′_(l−1)(z(l−1))                         N × c(l−1)
// Write ∂L/∂θ(l) into grads[l − 1], a view into the flat gradient (so the result has θ's layout).
// The same lines as backprop() of chapter 6, in the same order: for 2 → 6 → 4 → 3 the same bits.
Vector sequential_backward(const Sequential& model, const SequentialForward& fw, const Vector& theta,
                           const Matrix& Y, double lambda)
{
    const std::size_t L = model.depth();
    const std::size_t N = fw.a_star.at(0).shape(0);
    expect_shape(Y, N, model.widths().back(), "Y (N × c(L), one-hot)");
    Vector theta_copy = theta;
    const std::vector<MatrixView> thetas = model.unpack(theta_copy);
    Vector gradient = xt::zeros<double>(theta.shape());
    std::vector<MatrixView> grads = model.unpack(gradient);
    // TODO: write sequential_backward here, then run: ./course check 8
    throw not_implemented("sequential_backward", 8);
}

}  // namespace nn
