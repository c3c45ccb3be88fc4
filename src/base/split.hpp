/// \file split.hpp
/// Chapter 7: keeping part of the data aside to test on (course-provided).
#pragma once

#include <cstdint>

#include "base/data.hpp"

namespace nn {

/// A data set cut in two: the samples training sees, and the held-out samples it never sees.
struct Split {
    Dataset train;  ///< what the loss is computed on
    Dataset test;   ///< held out: the accuracy on it says how well the network generalizes
};

/// Shuffles the samples with the seed and keeps round(held_out · N) of them for testing (600 of the
/// spiral's 3000 for held_out = 0.2). The same seed gives the same split. Throws std::invalid_argument
/// unless 0 < held_out < 1 and both parts get at least one sample.
Split split_holdout(const Dataset& data, double held_out = 0.2, std::uint64_t seed = 0);

/// Rows `rows` of a data set, in that order.
Dataset take_rows(const Dataset& data, const std::vector<std::size_t>& rows);

}  // namespace nn
