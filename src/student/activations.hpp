/// \file activations.hpp
/// Chapter 2: the activations φ (tanh, ReLU) and their derivatives, as the student writes them.
#pragma once

#include "base/tensor.hpp"

namespace nn {

/// The derivative of tanh, element by element: \f$\tanh'(z) = 1 - \tanh^2(z)\f$.
Array tanh_prime(const Array& z);

/// tanh computed through exp, stably: \f$\tanh(z) = \operatorname{sign}(z)\,\frac{1 - e^{-2|z|}}{1 +
/// e^{-2|z|}}\f$.
///
/// No overflow for any finite z; less accurate than tanh() near 0 (the subtraction 1 − e cancels).
Array tanh_from_exp(const Array& z);

/// The rectified linear unit, element by element: \f$\mathrm{ReLU}(z) = \max(0, z)\f$.
Array relu(const Array& z);

/// The derivative of ReLU, element by element: 1 where z > 0, and 0 where z ≤ 0.
///
/// ReLU has no derivative at z = 0 (its slopes from the left and right are 0 and 1); the course's
/// convention, like most libraries', is ReLU′(0) = 0.
Array relu_prime(const Array& z);

}  // namespace nn
