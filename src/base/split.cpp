#include "base/split.hpp"

#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <xtensor/xview.hpp>

namespace nn {

Dataset take_rows(const Dataset& data, const std::vector<std::size_t>& rows)
{
    Dataset out;
    out.classes = data.classes;
    out.X = Matrix::from_shape({rows.size(), data.X.shape(1)});
    out.y = Labels::from_shape({rows.size()});
    for (std::size_t i = 0; i < rows.size(); ++i) {
        xt::row(out.X, long(i)) = xt::row(data.X, long(rows[i]));
        out.y(i) = data.y(rows[i]);
    }
    return out;
}

Split split_holdout(const Dataset& data, double held_out, std::uint64_t seed)
{
    const std::size_t n = data.X.shape(0);
    if (!(held_out > 0.0 && held_out < 1.0)) {
        throw std::invalid_argument("the held-out fraction must lie strictly between 0 and 1, got " +
                                    std::to_string(held_out));
    }
    const auto n_test = std::size_t(std::lround(held_out * double(n)));
    if (n_test == 0 || n_test >= n) {
        throw std::invalid_argument("cannot hold out " + std::to_string(held_out) + " of " +
                                    std::to_string(n) + " samples and keep some for each part");
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    // Fisher–Yates with the course's own index draw, so the split is the same on every standard library.
    std::mt19937_64 rng(seed);
    for (std::size_t i = n - 1; i > 0; --i) {
        const std::size_t j = std::size_t(rng() % (i + 1));
        std::swap(order[i], order[j]);
    }
    const std::vector<std::size_t> test(order.begin(), order.begin() + long(n_test));
    const std::vector<std::size_t> train(order.begin() + long(n_test), order.end());
    return Split{take_rows(data, train), take_rows(data, test)};
}

}  // namespace nn
