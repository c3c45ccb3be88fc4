// The widths of a network's layers: how the course prints and checks them.
#include "base/widths.hpp"

#include <stdexcept>
#include <string>

#include "base/checks.hpp"

namespace nn {

std::string widths_str(const Widths& c)
{
    std::string out = "{";
    for (std::size_t l = 0; l < c.size(); ++l) {
        out += (l ? ", " : "") + std::to_string(c[l]);
    }
    return out + "}";
}

std::string widths_arrow(const Widths& c)
{
    std::string out;
    for (std::size_t i = 0; i < c.size(); ++i) {
        out += (i ? " → " : "") + std::to_string(c[i]);
    }
    return out;
}

void check_widths(const Widths& c)
{
    if (c.size() < 2) {
        throw std::invalid_argument("widths: need at least 2 (the input and one layer), got " +
                                    std::to_string(c.size()));
    }
    for (std::size_t l = 0; l < c.size(); ++l) {
        if (c[l] == 0) {
            throw std::invalid_argument("widths: c(" + std::to_string(l) +
                                        ") is 0; every layer needs at least one unit");
        }
    }
}

void check_layers(const std::vector<Matrix>& thetas)
{
    if (thetas.empty()) {
        throw shape_error("thetas: expected at least one layer matrix, got none");
    }
    for (std::size_t l = 1; l < thetas.size(); ++l) {
        const std::size_t want = thetas[l - 1].shape(1) + 1;
        if (thetas[l].shape(0) != want) {
            const std::string name = "theta" + std::to_string(l + 1);
            throw shape_error(name + ": expected " + std::to_string(want) + " rows (" +
                              std::to_string(want - 1) + " columns of theta" + std::to_string(l) +
                              " + 1 bias row), got " + shape_str(thetas[l]));
        }
    }
}

}  // namespace nn
