/// \file figure_data.hpp
/// The data behind a chapter's figures: `chNN --figure-data DIR` writes whitespace-separated .dat
/// files into DIR, and the website's build plots them with gnuplot (see docs/CMakeLists.txt).
#pragma once

#include <string>
#include <vector>

#include "base/tensor.hpp"

namespace nn {

/// The DIR of `--figure-data DIR` among a program's arguments, or "" when the option is absent.
/// Throws std::invalid_argument for any other argument, or a missing DIR.
std::string figure_data_dir(int argc, char** argv);

/// Writes `table` to DIR/file_name (making DIR if need be), one row a line, columns separated by spaces,
/// after a comment line `# name1 name2 …` (gnuplot skips it). `column_names` has one name per column of
/// `table`.
void write_dat(const std::string& dir, const std::string& file_name, const Matrix& table,
               const std::vector<std::string>& column_names);

}  // namespace nn
