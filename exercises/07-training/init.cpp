// Chapter 7: the starting point of training. Write init_theta below; check it with `./course check 7`.
#include "student/training.hpp"

#include <cmath>
#include <random>
#include <stdexcept>
#include <xtensor/xbuilder.hpp>

#include "base/errors.hpp"
#include "student/theta.hpp"

namespace nn {

// A random θ for widths c = {f, c1, …, cL}: length ‖θ‖ = Σ (c(l−1) + 1)·c(l), in unpack_theta's layout
// (layer l is a (c(l−1) + 1) × c(l) block, row-major, row 0 = the biases).
//   bias   (row 0):      θ = 0
//   weight (rows 1 …):   θ ~ N(0, 1) · 1/√c(l−1)      drawn in layout order, skipping the biases
// Draw with: std::mt19937_64 rng(seed); std::normal_distribution<double> normal(0.0, 1.0); normal(rng).
// Why scaled: a unit of layer l sums c(l−1) inputs; with this spread its z stays of order 1, where φ is
// not flat. Why random: with θ = 0 every unit of a layer computes the same thing and gets the same
// gradient, so they stay equal forever (chapter 7 shows it).
Vector init_theta(const Widths& c, std::uint64_t seed)
{
    if (c.size() < 2) {
        throw std::invalid_argument("init_theta: widths need at least an input and an output, got " +
                                    std::to_string(c.size()) + " numbers");
    }
    Vector theta = xt::zeros<double>({theta_size(c)});
    // TODO: write init_theta here, then run: ./course check 7
    throw not_implemented("init_theta", 7);
}

}  // namespace nn
