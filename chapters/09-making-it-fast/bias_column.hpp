// The appendix's measure of X → X* = [1 | X], the bias column: three ways of writing it, timed on the
// three matrices an epoch of the lecture's network gives it (X, a⁽¹⁾ and a⁽²⁾).
#pragma once

#include <string>

#include "bench.hpp"

namespace bench {

/// Microseconds one epoch spends on the bias column, written each way (the three shapes of p, N × f,
/// N × c⁽¹⁾ and N × c⁽²⁾, once each).
struct BiasColumnTimes {
    double concatenate_us = 0;  ///< `xt::concatenate(xt::xtuple(ones, X), 1)`
    double view_us = 0;  ///< a matrix of ones, X copied into `xt::view(…, xt::all(), xt::range(1, f + 1))`
    double rows_us = 0;  ///< row by row: a 1, then the row of X (chapter 3's solution)
};

/// Checks that the three ways give the same X*, then times each for about `seconds` (the fastest of
/// several blocks).
BiasColumnTimes time_bias_column(const Problem& p, double seconds);

/// Prints the three times and each as a share of an epoch of the course's loop (`course_epoch_seconds`).
void print_bias_column(const BiasColumnTimes& t, double course_epoch_seconds);

/// The three times in DIR/facts.txt (bias_concatenate_us, bias_view_us, bias_rows_us).
void write_bias_column_facts(const std::string& dir, const BiasColumnTimes& t);

}  // namespace bench
