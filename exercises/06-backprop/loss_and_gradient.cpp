// Chapter 6: the loss and its gradient as functions of the flat θ. Check with `./course check 6`.
#include <stdexcept>
#include <string>

#include "base/checks.hpp"
#include "base/errors.hpp"
#include "student/backprop.hpp"
#include "student/loss.hpp"
#include "student/theta.hpp"

namespace nn {

// θ (61 numbers) -> θ(1) 3 × 6, θ(2) 7 × 4, θ(3) 5 × 3 (unpack_theta, on a copy: θ is const here)
//   -> forward(X, θ(1), θ(2), θ(3), φ) -> L = regularized_loss(z(3), Y, θ, c, λ)
//   -> backprop(...) -> ∇θL = pack_theta({∂L/∂θ(1), ∂L/∂θ(2), ∂L/∂θ(3)}): 61 numbers, in θ's layout.
// X: N × f.  Y: N × c3 one-hot.  c = {f, c1, c2, c3}.
LossAndGradient loss_and_gradient(const Vector& theta, const Widths& c, const Matrix& X, const Matrix& Y,
                                  const Activation& phi, double lambda)
{
    if (c.size() != 4) {
        throw std::invalid_argument(
            "widths: the lecture's network has 3 layers, so 4 widths {f, c1, c2, c3}; got " +
            std::to_string(c.size()));
    }
    expect_shape(X, X.shape(0), c[0], "X (N × f)");
    expect_shape(Y, X.shape(0), c[3], "Y (N × c3, one-hot)");
    expect_length(theta, theta_size(c), "theta");
    // TODO: write loss_and_gradient here, then run: ./course check 6
    throw not_implemented("loss_and_gradient", 6);
}

}  // namespace nn
