/// \file backprop.hpp
/// Chapter 6: backpropagation, the gradient of the loss with respect to every θ⁽ˡ⁾, in matrix form over
/// all N samples, and the flat gradient ∇θL in the layout of θ.
#pragma once

#include <cstddef>
#include <functional>

#include "base/tensor.hpp"
#include "base/widths.hpp"
#include "course/02-activations/activation.hpp"
#include "student/forward.hpp"

namespace nn {

/// Every gradient of the backward pass, for the lecture's network f → c⁽¹⁾ → c⁽²⁾ → c⁽³⁾
/// (the second shape is for 2 → 6 → 4 → 3 and N = 3000).
struct Gradients {
    Matrix dz3;  ///< ∂L/∂z⁽³⁾ = (ŷ − Y)/N: N × c⁽³⁾, 3000 × 3
    Matrix dtheta3;  ///< ∂L/∂θ⁽³⁾ = a⁽²⁾*ᵀ ∂L/∂z⁽³⁾ + penalty: (c⁽²⁾ + 1) × c⁽³⁾, 5 × 3
    Matrix da2;  ///< ∂L/∂a⁽²⁾ = ∂L/∂z⁽³⁾ θ⁽³⁾ᵀ, bias row left out: N × c⁽²⁾, 3000 × 4
    Matrix dz2;  ///< ∂L/∂z⁽²⁾ = ∂L/∂a⁽²⁾ ⊙ φ′(z⁽²⁾): N × c⁽²⁾, 3000 × 4
    Matrix dtheta2;  ///< ∂L/∂θ⁽²⁾ = a⁽¹⁾*ᵀ ∂L/∂z⁽²⁾ + penalty: (c⁽¹⁾ + 1) × c⁽²⁾, 7 × 4
    Matrix da1;  ///< ∂L/∂a⁽¹⁾ = ∂L/∂z⁽²⁾ θ⁽²⁾ᵀ, bias row left out: N × c⁽¹⁾, 3000 × 6
    Matrix dz1;  ///< ∂L/∂z⁽¹⁾ = ∂L/∂a⁽¹⁾ ⊙ φ′(z⁽¹⁾): N × c⁽¹⁾, 3000 × 6
    Matrix dtheta1;  ///< ∂L/∂θ⁽¹⁾ = X*ᵀ ∂L/∂z⁽¹⁾ + penalty: (f + 1) × c⁽¹⁾, 3 × 6
};

/// The gradient of the L2 penalty \f$\frac{\lambda}{2N}\sum \theta^2\f$ (biases left out) with respect
/// to one layer's matrix: \f$\frac{\lambda}{N}\theta^{(l)}\f$ with its bias row (row 0) set to zero.
///
/// theta: (c⁽ˡ⁻¹⁾ + 1) × c⁽ˡ⁾.  Returns a matrix of the same shape. Throws nn::value_error for λ < 0
/// or N = 0.
Matrix l2_gradient(const Matrix& theta, double lambda, std::size_t N);

/// The backward pass: from the forward pass's intermediates to the gradient of
/// \f$L = \text{cross-entropy} + \frac{\lambda}{2N}\sum\theta^2\f$ with respect to every θ⁽ˡ⁾, over all
/// N samples at once.
///
/// fw: the result of forward(X, theta1, theta2, theta3, phi) for the same θ and φ.  Y: N × c⁽³⁾ one-hot
/// labels.  Throws nn::shape_error when Y or a θ does not fit fw.
Gradients backprop(const Forward& fw, const Matrix& Y, const Matrix& theta1, const Matrix& theta2,
                   const Matrix& theta3, const Activation& phi, double lambda);

/// The loss and its gradient, both as functions of the flat θ.
struct LossAndGradient {
    /// \f$L(\theta)\f$ = cross-entropy + \f$\frac{\lambda}{2N}\sum\theta^2\f$ (biases left out)
    double loss;
    /// \f$\nabla_\theta L\f$, in exactly the layout of θ (so θ − η ∇θL is one line)
    Vector gradient;
};

/// The loss and the gradient from one call, like loss_and_gradient() with the data bound.
using LossAndGradientFunction = std::function<LossAndGradient(const Vector& theta)>;

/// The loss of the network with parameters theta on the data (X, Y), and its gradient:
/// unpack θ, run forward(), regularized_loss() and backprop(), pack the three ∂L/∂θ⁽ˡ⁾.
///
/// theta: theta_size(c) numbers.  c: {f, c⁽¹⁾, c⁽²⁾, c⁽³⁾}, e.g. {2, 6, 4, 3}.  X: N × f.  Y: N × c⁽³⁾.
/// Throws nn::shape_error for a θ of the wrong length ("theta: expected length 61, got 60") or data
/// that does not fit the widths, and std::invalid_argument unless c has exactly 4 widths.
LossAndGradient loss_and_gradient(const Vector& theta, const Widths& c, const Matrix& X, const Matrix& Y,
                                  const Activation& phi, double lambda);

}  // namespace nn
