// The hidden tests' random networks (never released): widths, the length of θ they make, and a whole problem
// (data, θ, φ, λ) drawn from the grader's seed (COURSE_SEED, tests/support/seed.hpp). Chapter 4 has it, as
// the first to use it; 5, 6 and 8 too.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "base/tensor.hpp"
#include "base/widths.hpp"
#include "seed.hpp"

namespace nn::hidden {

/// Widths {c(0), …, c(L)}: L from 1 to max_layers, each width from 1 to max_width (drawn in that order).
inline Widths random_widths(testing::RandomInputs& in, std::size_t max_layers, std::size_t max_width)
{
    Widths c;
    for (std::size_t l = 0, layers = in.integer(1, max_layers); l <= layers; ++l) {
        c.push_back(in.integer(1, max_width));
    }
    return c;
}

/// ‖θ‖ = Σ_l (c(l−1) + 1) c(l): the layout written out, what chapter 4's theta_size is compared with.
inline std::size_t theta_length(const Widths& c)
{
    std::size_t n = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        n += (c[l - 1] + 1) * c[l];
    }
    return n;
}

/// A network's whole problem: N samples of X with one-hot-like labels Y, a θ, an activation φ and λ.
struct Problem {
    Widths c;
    Matrix X, Y;
    Vector theta;
    std::string phi;
    double lambda;
};

/// The problem of widths c: N from 1 to 30, X in [−2, 2), Y 1 with probability 0.4, θ in [−1.5, 1.5), φ one
/// of sigmoid, tanh and ReLU, λ in [0, 2).
inline Problem random_problem(testing::RandomInputs& in, Widths c)
{
    Problem p;
    p.c = std::move(c);
    const std::size_t N = in.integer(1, 30);
    p.X = in.matrix(N, p.c.front(), -2.0, 2.0);
    p.Y = Matrix::from_shape({N, p.c.back()});
    for (double& v : p.Y) {
        v = in.uniform(0.0, 1.0) < 0.4 ? 1.0 : 0.0;
    }
    p.theta = in.vector(theta_length(p.c), -1.5, 1.5);
    p.phi = std::vector<std::string>{"sigmoid", "tanh", "relu"}[in.integer(0, 2)];
    p.lambda = in.uniform(0.0, 2.0);
    return p;
}

}  // namespace nn::hidden
