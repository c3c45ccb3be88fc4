/// \file optimizer.hpp
/// Chapter 7 (course-provided): the class Optimizer, which picks one of the student's update rules
/// (gd_step, momentum_step, adam_step) by name and keeps its state between epochs.
#pragma once

#include <string>

#include "base/tensor.hpp"
#include "student/training.hpp"

namespace nn {

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
    friend struct OptimizerAccess;  // the grader carries the state to the process that runs train and back
    std::string name_;
    double lr_;
    double mu_;
    Vector velocity_;
    AdamState adam_;
};

}  // namespace nn
