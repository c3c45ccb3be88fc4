/// \file format.hpp
/// Numbers and names as the chapter programs print them.
#pragma once

#include <cstddef>
#include <string>

namespace nn {

/// An accuracy (a share, 0 … 1) in percent with two decimals: 0.97667 → "97.67 %".
std::string percent(double accuracy);

/// text padded with spaces to `columns` characters on the screen (UTF-8: an arrow → is 3 bytes but
/// 1 column); text already that wide or wider is returned as it is.
std::string pad(const std::string& text, std::size_t columns);

}  // namespace nn
