/// \file data.hpp
/// Chapter 3: the data set X (N × f) with its labels y: the spiral, generated or read from a CSV file.
#pragma once

#include <cstdint>
#include <string>

#include "base/tensor.hpp"

namespace nn {

/// A data set: N samples of f features, and one label 0 … classes−1 per sample.
struct Dataset {
    Matrix X;     ///< N × f, one sample per row
    Labels y;     ///< N labels, y(i) ∈ {0, …, classes − 1}
    int classes;  ///< the number of classes
};

/// The spiral of CS231n's case study: points_per_class points per class, f = 2 features.
///
/// For class k and i = 0 … n−1 (n = points_per_class): the radius \f$r = i/(n-1)\f$ runs evenly
/// from 0 to 1, the angle \f$t = 4k + 4i/(n-1) + \varepsilon\f$ with \f$\varepsilon \sim N(0, 0.2^2)\f$,
/// and the point is \f$(r \sin t,\ r \cos t)\f$. Rows are ordered by class. The noise comes from
/// std::mt19937_64 seeded with seed and the course's own Box–Muller transform, so the same seed gives
/// the same bits on every machine with the same math library.
Dataset make_spiral(std::size_t points_per_class = 1000, int classes = 3, std::uint64_t seed = 0);

/// Reads a data set from a CSV file with lines "x1,x2,label" (an optional first line "x1,x2,label" is
/// a header; empty lines are skipped).
///
/// Throws std::runtime_error if the file cannot be opened, and nn::value_error naming the file and the
/// line for a malformed line, a missing value, a NaN or infinity, a label that is not an integer in
/// 0 … classes−1, or a file with no data.
Dataset load_csv(const std::string& path, int classes = 3);

/// Writes a data set as CSV, with the header "x1,x2,label" (17 significant digits: reads back exactly).
void save_csv(const Dataset& data, const std::string& path);

}  // namespace nn
