/// \file optimizers.hpp
/// Chapter 7: the update rules of training, each a few lines over the flat θ and the flat gradient ∇θL.
///
/// The student writes the three steps; the class Optimizer (course-provided) picks one by name and
/// keeps its state between epochs.
#pragma once

#include <string>

#include "tensor.hpp"

namespace nn {

/// Plain gradient descent, in place: \f$\theta \leftarrow \theta - \eta\,\nabla_\theta L\f$.
///
/// theta and gradient have the same length (61 for the lecture's network); lr is η > 0.
void gd_step(Vector& theta, const Vector& gradient, double lr);

/// Gradient descent with momentum, in place: \f$v \leftarrow \mu v - \eta\,\nabla_\theta L\f$, then
/// \f$\theta \leftarrow \theta + v\f$.
///
/// velocity v has the length of θ, starts at zero and is kept between steps; mu is μ in [0, 1).
void momentum_step(Vector& theta, const Vector& gradient, double lr, double mu, Vector& velocity);

/// What Adam remembers between steps: the running means m of the gradient and v of its square, and
/// the number t of steps taken so far.
struct AdamState {
    Vector m;   ///< first moment, length of θ, starts at zero
    Vector v;   ///< second moment, length of θ, starts at zero
    int t = 0;  ///< steps taken so far
};

/// Adam (Kingma and Ba, 2015), in place. With g = ∇θL and t counted from 1:
/// \f[
///   m \leftarrow \beta_1 m + (1 - \beta_1)\,g,\quad v \leftarrow \beta_2 v + (1 - \beta_2)\,g^2,\quad
///   \hat{m} = \frac{m}{1 - \beta_1^t},\quad \hat{v} = \frac{v}{1 - \beta_2^t},\quad
///   \theta \leftarrow \theta - \eta\,\frac{\hat{m}}{\sqrt{\hat{v}} + \varepsilon}
/// \f]
void adam_step(Vector& theta, const Vector& gradient, double lr, AdamState& state, double beta1 = 0.9,
               double beta2 = 0.999, double eps = 1e-8);

/// An optimizer chosen by name ("gd", "momentum" or "adam") with its learning rate and its state.
///
/// `step(theta, gradient)` is the one line the training loop calls; the state (the velocity of
/// momentum, Adam's m, v and t) lives here, sized on the first step.
class Optimizer {
public:
    /// The valid names, for messages: "gd, momentum, adam".
    static const char* names();
    /// The learning rate used when none is given: 0.3 for gd, 0.03 for momentum, 0.01 for adam.
    static double default_lr(const std::string& name);

    /// Throws std::invalid_argument for an unknown name (listing the valid ones), or a learning rate
    /// that is not a finite positive number.
    Optimizer(const std::string& name, double lr, double mu = 0.9);

    /// One update of θ in place, against the gradient at θ.
    void step(Vector& theta, const Vector& gradient);

    const std::string& name() const { return name_; }  ///< "gd", "momentum" or "adam"
    double lr() const { return lr_; }                  ///< the learning rate η

private:
    std::string name_;
    double lr_;
    double mu_;
    Vector velocity_;
    AdamState adam_;
};

}  // namespace nn
