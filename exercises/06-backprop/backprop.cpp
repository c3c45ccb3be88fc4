// Chapter 6: backpropagation. Write the two functions below; check them with `./course check 6`.
#include "student/backprop.hpp"

#include <string>
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

#include "base/checks.hpp"
#include "base/errors.hpp"

namespace nn {

// ∂/∂θ(l) of λ/(2N) Σ θ² = (λ/N) θ(l), except the bias row (row 0), which is not penalised: 0 there.
// theta: (c(l−1) + 1) × c(l).  Returns the same shape, e.g. 7 × 4 for θ(2).
// A matrix's row 0: xt::row(m, 0).
Matrix l2_gradient(const Matrix& theta, double lambda, std::size_t N)
{
    if (!(lambda >= 0.0)) {
        throw value_error("lambda: expected a number ≥ 0, got " + std::to_string(lambda));
    }
    if (N == 0) {
        throw value_error("l2_gradient: N is 0, the penalty divides by the number of samples");
    }
    // TODO: write l2_gradient here, then run: ./course check 6
    throw not_implemented("l2_gradient", 6);
}

// The chain rule, last layer first, over all N samples at once (shapes for 2 → 6 → 4 → 3, N = 3000):
//   ∂L/∂z(3) = (ŷ − Y) / N                                        N × c3         3000 × 3
//   ∂L/∂θ(3) = a(2)*ᵀ ∂L/∂z(3) + l2_gradient(θ(3))                (c2+1) × c3    5 × 3
//   ∂L/∂a(2) = ∂L/∂z(3) θ(3)ᵀ, without θ(3)'s bias row 0            N × c2         3000 × 4
//   ∂L/∂z(2) = ∂L/∂a(2) ⊙ φ′(z(2))                                 N × c2         3000 × 4
//   ∂L/∂θ(2) = a(1)*ᵀ ∂L/∂z(2) + l2_gradient(θ(2))                 (c1+1) × c2    7 × 4
//   ∂L/∂a(1) = ∂L/∂z(2) θ(2)ᵀ, without θ(2)'s bias row 0            N × c1         3000 × 6
//   ∂L/∂z(1) = ∂L/∂a(1) ⊙ φ′(z(1))                                 N × c1         3000 × 6
//   ∂L/∂θ(1) = X*ᵀ ∂L/∂z(1) + l2_gradient(θ(1))                    (f+1) × c1     3 × 6
// ⊙ is element by element (*); the products are xt::linalg::dot; xt::transpose(m) is mᵀ;
// θ without its bias row: xt::view(theta, xt::range(1, theta.shape(0)), xt::all()); φ′ is phi.phi_prime.
Gradients backprop(const Forward& fw, const Matrix& Y, const Matrix& theta1, const Matrix& theta2,
                   const Matrix& theta3, const Activation& phi, double lambda)
{
    const std::size_t N = fw.x_star.shape(0);
    expect_shape(Y, N, fw.y_hat.shape(1), "Y (one-hot labels, the shape of y_hat)");
    expect_shape(theta1, fw.x_star.shape(1), fw.z1.shape(1), "theta1");
    expect_shape(theta2, fw.a1_star.shape(1), fw.z2.shape(1), "theta2");
    expect_shape(theta3, fw.a2_star.shape(1), fw.z3.shape(1), "theta3");
    Gradients g;
    // TODO: write backprop here, then run: ./course check 6
    throw not_implemented("backprop", 6);
}

}  // namespace nn
