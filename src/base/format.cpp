#include "base/format.hpp"

#include <cstdio>

namespace nn {

std::string percent(double accuracy)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f %%", 100.0 * accuracy);
    return text;
}

std::string pad(const std::string& text, std::size_t columns)
{
    std::size_t shown = 0;
    for (unsigned char c : text) {
        shown += (c & 0xC0) != 0x80;  // count the first byte of every UTF-8 character
    }
    return text + std::string(shown < columns ? columns - shown : 0, ' ');
}

}  // namespace nn
