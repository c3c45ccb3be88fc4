// Chapter 7's course code: the optimizer's dispatch to the student's steps, in chapter 7's library with them.
#include "course/07-training/optimizer.hpp"

#include <cmath>
#include <stdexcept>
#include <xtensor/xbuilder.hpp>

namespace nn {

const char* Optimizer::names()
{
    return "gd, momentum, adam";
}

double Optimizer::default_lr(const std::string& name)
{
    if (name == "gd") {
        return 0.3;
    }
    if (name == "momentum") {
        return 0.03;
    }
    if (name == "adam") {
        return 0.01;
    }
    throw std::invalid_argument("unknown optimizer '" + name + "'; the optimizers are: " + names());
}

Optimizer::Optimizer(const std::string& name, double lr, double mu) : name_(name), lr_(lr), mu_(mu)
{
    default_lr(name);  // throws for an unknown name
    if (!(std::isfinite(lr) && lr > 0.0)) {
        throw std::invalid_argument("the learning rate must be a positive number, got " + std::to_string(lr));
    }
    if (!(mu >= 0.0 && mu < 1.0)) {
        throw std::invalid_argument("the momentum μ must lie in [0, 1), got " + std::to_string(mu));
    }
}

void Optimizer::step(Vector& theta, const Vector& gradient)
{
    if (name_ == "gd") {
        gd_step(theta, gradient, lr_);
    } else if (name_ == "momentum") {
        if (velocity_.size() != theta.size()) {
            velocity_ = xt::zeros<double>(theta.shape());
        }
        momentum_step(theta, gradient, lr_, mu_, velocity_);
    } else {
        if (adam_.m.size() != theta.size()) {
            adam_ = AdamState{xt::zeros<double>(theta.shape()), xt::zeros<double>(theta.shape()), 0};
        }
        adam_step(theta, gradient, lr_, adam_);
    }
}

}  // namespace nn
