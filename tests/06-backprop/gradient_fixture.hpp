// Shared by chapter 6's tests: a small spiral, random parameters, and the check of a gradient.
#pragma once

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>

#include "base/data.hpp"
#include "base/widths.hpp"
#include "course/02-activations/activation.hpp"
#include "course/06-backprop/gradcheck.hpp"
#include "student/activations.hpp"
#include "student/backprop.hpp"
#include "student/forward.hpp"
#include "student/theta.hpp"

namespace nn::testing {

inline const Widths lecture_widths = {2, 6, 4, 3};

// One-hot labels written out by hand, so these tests do not depend on one_hot().
inline Matrix one_hot_by_hand(const Labels& y, std::size_t classes)
{
    Matrix Y = xt::zeros<double>({y.size(), classes});
    for (std::size_t i = 0; i < y.size(); ++i) {
        Y(i, static_cast<std::size_t>(y(i))) = 1.0;
    }
    return Y;
}

// The smallest |z| in z(1) and z(2): ReLU has a kink at 0, where finite differences are meaningless.
inline double distance_to_the_kink(const Forward& fw)
{
    return std::min(xt::amin(xt::abs(fw.z1))(), xt::amin(xt::abs(fw.z2))());
}

// A small data set (10 points per class, N = 30) and a random θ drawn from N(0, 1) with the given seed.
struct SmallProblem {
    Dataset data = make_spiral(10, 3, 4);
    Matrix Y = one_hot_by_hand(data.y, 3);
    Vector theta;

    explicit SmallProblem(int seed)
    {
        xt::random::seed(seed);
        theta = xt::random::randn<double>({61});
    }

    // The layer matrices, copied out of θ.
    std::vector<Matrix> thetas() const
    {
        Vector copy = theta;
        std::vector<Matrix> out;
        for (const auto& view : unpack_theta(copy, lecture_widths)) {
            out.emplace_back(view);
        }
        return out;
    }

    Forward forward_pass(const Activation& phi) const
    {
        const std::vector<Matrix> t = thetas();
        return forward(data.X, t[0], t[1], t[2], phi);
    }
};

// The first SmallProblem from seed on whose z(1) and z(2) stay 1e-3 away from ReLU's kink (with
// θ ~ N(0, 1) and 30 points, most seeds qualify; searching keeps the tests independent of the data's bits).
inline SmallProblem away_from_the_relu_kink(int seed)
{
    for (int s = seed; s < seed + 100; ++s) {
        SmallProblem p(s);
        if (distance_to_the_kink(p.forward_pass(activation("relu"))) > 1e-3) {
            return p;
        }
    }
    throw std::runtime_error("no seed from " + std::to_string(seed) + " keeps ReLU away from its kink");
}

// "layer 3: relative error 2e-10 …" for every layer, for a message.
inline std::string describe(const GradientCheck& check)
{
    return "\n" + gradient_check_report(check);
}

}  // namespace nn::testing
