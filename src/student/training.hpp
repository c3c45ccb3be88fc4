/// \file training.hpp
/// Chapter 7: training, as the student writes it: a seeded starting θ, the update rules over the flat θ and
/// the flat gradient ∇θL, and the lecture's loop, for any model.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "base/tensor.hpp"
#include "base/widths.hpp"
#include "student/backprop.hpp"

namespace nn {

class Optimizer;  // course/07-training/optimizer.hpp: one of the steps below, chosen by name

/// A random starting θ for the widths c = {f, c⁽¹⁾, …, c⁽ᴸ⁾}, the same for the same seed.
///
/// In the layout of unpack_theta (layer by layer, row-major, row 0 of each matrix the bias row): every
/// bias is 0, and every weight of layer l is drawn from a normal distribution of mean 0 and standard
/// deviation \f$1/\sqrt{c^{(l-1)}}\f$, one after the other from `std::mt19937_64(seed)` through
/// `std::normal_distribution<double>(0, 1)`. Returns a vector of length theta_size(c).
Vector init_theta(const Widths& c, std::uint64_t seed);

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

/// Called after every epoch with the epoch (1, 2, …), the loss at the θ the epoch started from, and θ
/// after the epoch's step. The program uses it to show progress.
using EpochCallback = std::function<void(int epoch, double loss, const Vector& theta)>;

/// The lecture's loop, full batch: `epochs` times, take (L, ∇θL) at θ and let the optimizer step
/// (\f$\theta \leftarrow \theta - \eta\,\nabla_\theta L\f$ for plain gradient descent).
///
/// loss_and_gradient gives L and ∇θL at a θ for whatever model is trained (LossAndGradientFunction,
/// from chapter 6): the loop needs nothing else from the model, so chapter 7 passes the lecture's
/// network (loss_and_gradient of chapter 6) and chapter 8 a Sequential of any depth.
/// Changes theta in place; returns the loss of every epoch (length epochs); calls after_epoch, when
/// given, after each step.
std::vector<double> train(Vector& theta, const LossAndGradientFunction& loss_and_gradient,
                          Optimizer& optimizer, int epochs, const EpochCallback& after_epoch = {});

}  // namespace nn
