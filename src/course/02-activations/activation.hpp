/// \file activation.hpp
/// Chapter 2 (course-provided): the course's tanh, and an activation φ with its derivative φ′ chosen by
/// name ("sigmoid", "tanh" or "relu") from the functions of chapters 1 and 2.
#pragma once

#include <string>

#include "base/tensor.hpp"

namespace nn {

/// The hyperbolic tangent, element by element: \f$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}\f$.
///
/// Course-provided: chapter 2's formula through exp with the library's `expm1`,
/// \f$\tanh(z) = \operatorname{sign}(z)\,(-m)/(2 + m)\f$ with \f$m = e^{-2|z|} - 1\f$, accurate for every z
/// to a few units in the last place (see chapter 2 for why `expm1`). Returns an array of the same shape, in
/// [−1, 1].
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
