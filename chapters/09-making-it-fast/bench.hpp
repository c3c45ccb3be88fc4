// The appendix's benchmark: the same training, several implementations, timed side by side.
// Every implementation trains the lecture's network 2 → 6 → 4 → 3 (tanh in the hidden layers, σ at the
// output, the loss of chapter 5 with its L2 penalty) with full-batch gradient descent on the same data
// from the same θ, in double precision.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/tensor.hpp"
#include "base/widths.hpp"

namespace bench {

/// The data and the settings every implementation shares.
struct Problem {
    nn::Matrix X;              ///< N × f, the spiral
    nn::Matrix Y;              ///< N × c3, one-hot labels
    nn::Widths c{2, 6, 4, 3};  ///< the widths {f, c1, c2, c3}
    nn::Vector theta0;         ///< where every run starts
    double lambda = 0.01;      ///< λ of the L2 penalty
    double lr = 0.3;           ///< η of gradient descent
};

/// The loss and the flat gradient at one θ.
struct LossGradient {
    double loss;
    nn::Vector gradient;
};

/// One implementation: what it computes at θ (for the check), and its training loop (for the clock).
struct Implementation {
    std::string name;
    /// The loss and gradient at theta.
    std::function<LossGradient(const nn::Vector& theta)> at;
    /// `epochs` steps θ ← θ − η ∇θL, in place.
    std::function<void(nn::Vector& theta, int epochs)> train;
};

/// The problem every implementation solves (problem.cpp): chapter 3's spiral with `per_class` points in
/// each of 3 classes (N = 3000 by default), one-hot labels, and a seeded θ0 scaled like chapter 7's.
Problem make_problem(std::size_t per_class = 1000);

// The implementations (each in its own file).
Implementation course_loop(const Problem& p);
Implementation course_sequential(const Problem& p);
Implementation fast_xtensor(const Problem& p, bool blas);
Implementation hand_loops(const Problem& p);
Implementation fused_soa(const Problem& p, int threads = 1);

/// The facts course_epoch_matrices and course_epoch_megabytes (course_loop.cpp): how many matrices one
/// epoch of the course's loop returns fresh from forward and backprop, and their size.
void write_course_epoch_facts(const std::string& dir, const Problem& p);

}  // namespace bench
