/// \file init.hpp
/// Chapter 7: where training starts, a seeded random θ scaled to the layer widths (the student writes it).
#pragma once

#include <cstdint>

#include "tensor.hpp"
#include "theta.hpp"

namespace nn {

/// A random starting θ for the widths c = {f, c⁽¹⁾, …, c⁽ᴸ⁾}, the same for the same seed.
///
/// In the layout of unpack_theta (layer by layer, row-major, row 0 of each matrix the bias row): every
/// bias is 0, and every weight of layer l is drawn from a normal distribution of mean 0 and standard
/// deviation \f$1/\sqrt{c^{(l-1)}}\f$, one after the other from `std::mt19937_64(seed)` through
/// `std::normal_distribution<double>(0, 1)`. Returns a vector of length theta_size(c).
Vector init_theta(const Widths& c, std::uint64_t seed);

}  // namespace nn
