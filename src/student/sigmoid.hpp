/// \file sigmoid.hpp
/// Chapter 1: the sigmoid σ and its derivative σ′ (the student writes both).
#pragma once

#include "base/tensor.hpp"

namespace nn {

/// The sigmoid, element by element: \f$\sigma(z) = \frac{1}{1 + e^{-z}}\f$.
///
/// Works on an array of any shape and returns one of the same shape. Stable: no overflow, NaN or
/// infinity for any finite z, e.g. σ(−1000) = 0 and σ(1000) = 1.
Array sigmoid(const Array& z);

/// The sigmoid's derivative, element by element: \f$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))\f$.
Array sigmoid_prime(const Array& z);

}  // namespace nn
