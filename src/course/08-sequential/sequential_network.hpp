/// \file sequential_network.hpp
/// Chapter 8 (course-provided): a Sequential's loss and gradient from the student's passes, and the
/// Sequential as a Model that chapter 7's training code runs.
#pragma once

#include <string>

#include "base/tensor.hpp"
#include "base/widths.hpp"
#include "course/07-training/trainer.hpp"
#include "course/08-sequential/sequential_model.hpp"
#include "student/backprop.hpp"

namespace nn {

/// The loss and its gradient at θ: sequential_forward, regularized_loss of chapter 5 on z⁽ᴸ⁾,
/// sequential_backward. For the widths {2, 6, 4, 3} the same numbers, bit for bit, as
/// loss_and_gradient of chapter 6.
LossAndGradient sequential_loss_and_gradient(const Sequential& model, const Vector& theta, const Matrix& X,
                                             const Matrix& Y, double lambda);

/// A Sequential as the training code of chapter 7 sees it (run_training, run_command_line): widths
/// of any depth, hidden_activation in the hidden layers, σ on the output.
Model sequential_network(const Widths& widths, const std::string& hidden_activation);

}  // namespace nn
