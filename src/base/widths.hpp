/// \file widths.hpp
/// The widths of a network's layers, {f, c⁽¹⁾, …, c⁽ᴸ⁾}, and the checks and names the course gives them.
#pragma once

#include <string>
#include <vector>

#include "base/tensor.hpp"

namespace nn {

/// The widths of the layers, input first: {f, c⁽¹⁾, c⁽²⁾, c⁽³⁾}, e.g. {2, 6, 4, 3}.
using Widths = std::vector<std::size_t>;

/// "{2, 6, 4, 3}": the widths as the course prints them.
std::string widths_str(const Widths& c);

/// {2, 6, 4, 3} → "2 → 6 → 4 → 3", as the programs print a network.
std::string widths_arrow(const Widths& c);

/// Throws std::invalid_argument unless c has at least two widths (an input and one layer) and none is 0.
void check_widths(const Widths& c);

/// Throws nn::shape_error unless the matrices fit one after another: θ⁽ˡ⁾ has c⁽ˡ⁻¹⁾ + 1 rows, one more
/// than θ⁽ˡ⁻¹⁾ has columns (the bias row), e.g. "theta2: expected 7 rows (6 columns of theta1 + 1), got 5".
void check_layers(const std::vector<Matrix>& thetas);

}  // namespace nn
