/// \file train.hpp
/// Chapter 7: the training loop of the lecture (the student writes it), for any model.
#pragma once

#include <functional>
#include <vector>

#include "backprop.hpp"
#include "gradcheck.hpp"
#include "optimizers.hpp"
#include "tensor.hpp"

namespace nn {


/// Called after every epoch with the epoch (1, 2, …), the loss at the θ the epoch started from, and θ
/// after the epoch's step. The program uses it to show progress.
using EpochCallback = std::function<void(int epoch, double loss, const Vector& theta)>;

/// The lecture's loop, full batch: `epochs` times, take (L, ∇θL) at θ and let the optimizer step
/// (\f$\theta \leftarrow \theta - \eta\,\nabla_\theta L\f$ for plain gradient descent).
///
/// loss_and_gradient gives L and ∇θL at a θ for whatever model is trained (LossAndGradientFunction,
/// from gradcheck.hpp): the loop needs nothing else from the model, so chapter 7 passes the lecture's
/// network (loss_and_gradient of chapter 6) and chapter 8 a Sequential of any depth.
/// Changes theta in place; returns the loss of every epoch (length epochs); calls after_epoch, when
/// given, after each step.
std::vector<double> train(Vector& theta, const LossAndGradientFunction& loss_and_gradient, Optimizer& optimizer, int epochs,
                          const EpochCallback& after_epoch = {});

}  // namespace nn
