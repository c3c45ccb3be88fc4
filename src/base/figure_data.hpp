/// \file figure_data.hpp
/// The data behind a chapter's figures: `chNN --figure-data DIR` (src/base/program.hpp) writes
/// whitespace-separated .dat files into DIR, and the website's build plots them with gnuplot (see
/// docs/CMakeLists.txt).
#pragma once

#include <string>
#include <vector>

#include "base/data.hpp"
#include "base/tensor.hpp"

namespace nn {

/// Writes `table` to DIR/file_name (making DIR if need be), one row a line, columns separated by spaces,
/// after a comment line `# name1 name2 …` (gnuplot skips it). `column_names` has one name per column of
/// `table`.
void write_dat(const std::string& dir, const std::string& file_name, const Matrix& table,
               const std::vector<std::string>& column_names);

/// DIR/spiral.dat: the points of a data set and their classes, columns x1 x2 label (chapters 3 and 7
/// plot the spiral from it).
void write_spiral_dat(const std::string& dir, const Dataset& data);

}  // namespace nn
