/// \file gradcheck.hpp
/// Chapter 6 (course-provided): checking a gradient against finite differences, layer by layer.
///
/// Point it at your own loss and gradient:
///
///     const nn::GradientCheck check = nn::check_loss_and_gradient(
///         [&](const nn::Vector& t) { return nn::loss_and_gradient(t, c, X, Y, phi, lambda); }, theta, c);
///     std::cout << nn::gradient_check_report(check);
///
/// It prints, for every layer θ⁽ˡ⁾, the largest relative error between your gradient and the central
/// differences, where it is, and names the layer where the gradient first goes wrong.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/tensor.hpp"
#include "base/widths.hpp"
#include "student/backprop.hpp"

namespace nn {

/// A loss as a function of the flat θ.
using LossFunction = std::function<double(const Vector& theta)>;
/// A gradient ∇θL as a function of the flat θ, in θ's layout.
using GradientFunction = std::function<Vector(const Vector& theta)>;

/// The gradient by central differences, one component at a time:
/// \f$\frac{\partial L}{\partial \theta_k} \approx \frac{L(\theta + h e_k) - L(\theta - h e_k)}{2h}\f$.
///
/// Costs 2‖θ‖ evaluations of the loss (122 for the lecture's network). The error is of order
/// \f$h^2\f$ (the Taylor terms of even order cancel) plus the rounding of L divided by h: with
/// h = 1e-5, about 1e-10.
Vector numerical_gradient(const LossFunction& loss, const Vector& theta, double h = 1e-5);

/// How one layer's gradient ∂L/∂θ⁽ˡ⁾ compares with the finite differences.
struct LayerCheck {
    std::size_t layer = 0;        ///< l = 1, 2, …
    std::size_t rows = 0;         ///< θ⁽ˡ⁾ is rows × cols
    std::size_t cols = 0;         ///< θ⁽ˡ⁾ is rows × cols
    double relative_error = 0.0;  ///< max |g − n| / max(|g|, |n|) over the layer's entries
    std::size_t row = 0;          ///< where |g − n| is largest (row 0 is the bias row)
    std::size_t col = 0;          ///< where |g − n| is largest
    double analytic = 0.0;        ///< your gradient there
    double numeric = 0.0;         ///< the central difference there
    bool ok = true;               ///< relative_error ≤ the tolerance
    bool weights_ok = false;      ///< the layer is wrong in its bias row (row 0) only
};

/// The result of check_gradient(): one LayerCheck per layer, θ⁽¹⁾ first.
struct GradientCheck {
    std::vector<LayerCheck> layers;  ///< θ⁽¹⁾, θ⁽²⁾, …
    double tolerance = 1e-7;         ///< the largest relative error accepted
    double h = 1e-5;                 ///< the step of the central differences

    /// Every layer within the tolerance.
    bool ok() const;
    /// The layer where the gradient first goes wrong in backpropagation's order (the last layer is
    /// computed first, and its error flows into every layer below it), or 0 when every layer is right.
    std::size_t wrong_layer() const;
};

/// Compares gradient(theta) with numerical_gradient(loss, theta, h), layer by layer for the widths c.
///
/// The relative error of a layer is the largest difference between the two gradients divided by the
/// largest magnitude of either in that layer: a ratio that does not blow up at components that are
/// 0 or tiny, where a component-wise ratio would compare rounding noise with rounding noise. Throws
/// nn::shape_error when theta or the gradient does not have theta_size(c) numbers.
GradientCheck check_gradient(const LossFunction& loss, const GradientFunction& gradient, const Vector& theta,
                             const Widths& c, double tolerance = 1e-7, double h = 1e-5);

/// The same, for a function that returns the loss and the gradient together (its loss is used for the
/// finite differences, its gradient at theta for the comparison).
GradientCheck check_loss_and_gradient(const LossAndGradientFunction& f, const Vector& theta, const Widths& c,
                                      double tolerance = 1e-7, double h = 1e-5);

/// The table of a check, one line per layer from the last to the first (backpropagation's order), then
/// a verdict naming the layer where the gradient goes wrong and what to look at there.
std::string gradient_check_report(const GradientCheck& check);

}  // namespace nn
