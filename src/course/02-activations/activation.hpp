/// \file activation.hpp
/// Chapter 2 (course-provided): the library's tanh, and an activation φ with its derivative φ′ chosen by
/// name ("sigmoid", "tanh" or "relu") from the functions of chapters 1 and 2.
#pragma once

#include <string>

#include "base/tensor.hpp"

namespace nn {

/// The hyperbolic tangent, element by element: \f$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}\f$.
///
/// Course-provided: a thin wrapper of the library's `xt::tanh`, accurate for every z (see chapter 2
/// for why it is preferred to a formula through exp). Returns an array of the same shape, in [−1, 1].
Array tanh(const Array& z);

/// An activation φ and its derivative φ′, chosen by name.
struct Activation {
    std::string name;                  ///< "sigmoid", "tanh" or "relu"
    Array (*phi)(const Array&);        ///< φ, element by element
    Array (*phi_prime)(const Array&);  ///< φ′, element by element
};

/// The activation called name: "sigmoid", "tanh" or "relu".
///
/// Throws std::invalid_argument naming the unknown name and listing the valid ones.
const Activation& activation(const std::string& name);

}  // namespace nn
