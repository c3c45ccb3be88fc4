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
    // BEGIN SOLUTION loss_and_gradient
    Vector theta_copy = theta;
    const std::vector<MatrixView> views = unpack_theta(theta_copy, c);
    const Matrix theta1 = views[0];
    const Matrix theta2 = views[1];
    const Matrix theta3 = views[2];
    const Forward fw = forward(X, theta1, theta2, theta3, phi);
    const Gradients g = backprop(fw, Y, theta1, theta2, theta3, phi, lambda);
    // L = cross-entropy + λ/(2N) Σ θ²;  ∇θL = ∂L/∂θ(1), ∂L/∂θ(2), ∂L/∂θ(3), packed like θ
    return {regularized_loss(fw.z3, Y, theta, c, lambda), pack_theta({g.dtheta1, g.dtheta2, g.dtheta3})};
    // END SOLUTION loss_and_gradient
}

}  // namespace nn
