/// \file sequential.hpp
/// Chapter 8: the forward and backward passes of a Sequential, a network of any depth and widths, as the
/// student writes them.
#pragma once

#include <vector>

#include "base/tensor.hpp"
#include "course/08-sequential/sequential_model.hpp"

namespace nn {

/// Every intermediate of a forward pass through a Sequential, numbered as in the lecture.
struct SequentialForward {
    /// a_star[l] = \f$a^{(l)*} = [1 \mid a^{(l)}]\f$ for l = 0 … L−1, with \f$a^{(0)} = X\f$ (so a_star[0]
    /// is X*): N × (c⁽ˡ⁾ + 1). The input of layer l + 1.
    std::vector<Matrix> a_star;
    /// z[l] = \f$z^{(l)} = a^{(l-1)*}\theta^{(l)}\f$ for l = 1 … L: N × c⁽ˡ⁾. z[0] is unused (empty).
    std::vector<Matrix> z;
    /// \f$\hat{y} = \varphi_L(z^{(L)}) = \sigma(z^{(L)})\f$: N × c⁽ᴸ⁾.
    Matrix y_hat;
};

/// The forward pass, walking the list of layers: for l = 1 … L,
/// \f$z^{(l)} = a^{(l-1)*}\theta^{(l)}\f$ and \f$a^{(l)} = \varphi_l(z^{(l)})\f$.
///
/// theta: model.theta_size() numbers.  X: N × f. Throws nn::shape_error when X does not have f
/// columns (the first width) or theta has the wrong length.
SequentialForward sequential_forward(const Sequential& model, const Vector& theta, const Matrix& X);

/// The backward pass, walking the list backwards: the gradient of
/// \f$L = \text{cross-entropy} + \frac{\lambda}{2N}\sum\theta^2\f$ (biases left out) as one flat vector
/// in θ's layout, from \f$\partial L/\partial z^{(L)} = (\hat{y} - Y)/N\f$ down to \f$\partial L/\partial
/// \theta^{(1)}\f$.
///
/// fw: sequential_forward(model, theta, X).  Y: N × c⁽ᴸ⁾ one-hot.  Returns model.theta_size() numbers.
Vector sequential_backward(const Sequential& model, const SequentialForward& fw, const Vector& theta,
                           const Matrix& Y, double lambda);

}  // namespace nn
