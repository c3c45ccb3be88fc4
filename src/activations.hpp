/// \file activations.hpp
/// Chapter 2: the activations φ (sigmoid, tanh, ReLU), their derivatives, and choosing one by name.
#pragma once

#include <string>

#include "tensor.hpp"

namespace nn {

/// The hyperbolic tangent, element by element: \f$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}\f$.
///
/// Course-provided: a thin wrapper of the library's `xt::tanh`, accurate for every z (see chapter 2
/// for why it is preferred to a formula through exp). Returns an array of the same shape, in [−1, 1].
Array tanh(const Array& z);

/// The derivative of tanh, element by element: \f$\tanh'(z) = 1 - \tanh^2(z)\f$.
Array tanh_prime(const Array& z);

/// tanh computed through exp, stably: \f$\tanh(z) = \operatorname{sign}(z)\,\frac{1 - e^{-2|z|}}{1 + e^{-2|z|}}\f$.
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

/// An activation φ and its derivative φ′, chosen by name.
struct Activation {
    std::string name;                    ///< "sigmoid", "tanh" or "relu"
    Array (*phi)(const Array&);          ///< φ, element by element
    Array (*phi_prime)(const Array&);    ///< φ′, element by element
};

/// The activation called name: "sigmoid", "tanh" or "relu".
///
/// Throws std::invalid_argument naming the unknown name and listing the valid ones.
const Activation& activation(const std::string& name);

}  // namespace nn
