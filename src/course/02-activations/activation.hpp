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
///
/// φ = tanh of a layer's matrix z⁽ˡ⁾ (`activation("tanh").phi(z)`, in the forward pass) keeps its result,
/// and the next tanh of the very same numbers (in the backward pass, chapter 2's
/// \f$\tanh'(z) = 1 - \tanh^2 z\f$ of the same z⁽ˡ⁾) is handed it rather than computing it again.
Array tanh(const Array& z);

/// φ or φ′ of an activation: one of the functions of chapters 1 and 2, applied element by element to an
/// array, a matrix or an expression.
class ElementWise {
public:
    /// A function of chapters 1–2: σ, σ′, tanh, tanh′, ReLU or ReLU′.
    using Function = Array (*)(const Array&);

    constexpr ElementWise(Function f) : f_(f) {}  // NOLINT(google-explicit-constructor): {"tanh", &tanh, …}

    /// f(z): an array of the same shape.
    Array operator()(const Array& z) const { return f_(z); }

    /// f(z) for a matrix z⁽ˡ⁾: a matrix of the same shape, which takes over the memory of f's result
    /// (its numbers are not copied once more).
    Matrix operator()(const Matrix& z) const;

    /// f of an expression (a view, a sum, …), evaluated into an array first.
    template <class E>
    Array operator()(const xt::xexpression<E>& z) const
    {
        return f_(Array(z));
    }

    /// The function itself.
    Function function() const { return f_; }

private:
    Function f_;
};

/// An activation φ and its derivative φ′, chosen by name.
struct Activation {
    std::string name;       ///< "sigmoid", "tanh" or "relu"
    ElementWise phi;        ///< φ, element by element
    ElementWise phi_prime;  ///< φ′, element by element
};

/// The activation called name: "sigmoid", "tanh" or "relu".
///
/// Throws std::invalid_argument naming the unknown name and listing the valid ones.
const Activation& activation(const std::string& name);

}  // namespace nn
