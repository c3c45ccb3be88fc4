// Chapter 5: labels and classes. Write the three functions below; check them with `./course check 5`.
#include <string>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/checks.hpp"
#include "base/errors.hpp"
#include "student/loss.hpp"

namespace nn {

// Y_ik = 1 if y_i = k, else 0: each label becomes a row with a single one.
// y: N labels in 0 … classes−1.  Returns N × classes, e.g. y = {2, 0} -> {{0, 0, 1}, {1, 0, 0}}.
Matrix one_hot(const Labels& y, int classes)
{
    if (classes < 1) {
        throw std::invalid_argument("one_hot: classes must be at least 1, got " + std::to_string(classes));
    }
    for (std::size_t i = 0; i < y.size(); ++i) {
        if (y(i) < 0 || y(i) >= classes) {
            throw value_error("y: label " + std::to_string(y(i)) + " at index " + std::to_string(i) +
                              " is outside 0 … " + std::to_string(classes - 1) +
                              " (classes = " + std::to_string(classes) + ")");
        }
    }
    // TODO: write one_hot here, then run: ./course check 5
    throw not_implemented("one_hot", 5);
}

// predicted_i = arg max_k ŷ_ik: the column of the largest output in row i (the first one on a tie).
// y_hat: N × classes.  Returns N labels.
Labels predict_class(const Matrix& y_hat)
{
    if (y_hat.shape(1) == 0) {
        throw shape_error("y_hat: expected at least one column (one per class), got " + shape_str(y_hat));
    }
    // TODO: write predict_class here, then run: ./course check 5
    throw not_implemented("predict_class", 5);
}

// accuracy = (1/N) · #{ i : predicted_i = y_i }, a number in [0, 1].
// predicted, y: N labels each.
double accuracy(const Labels& predicted, const Labels& y)
{
    if (predicted.size() != y.size()) {
        throw shape_error("predicted: expected " + std::to_string(y.size()) +
                          " labels (one per label in y), got " + std::to_string(predicted.size()));
    }
    if (y.size() == 0) {
        throw value_error("accuracy: no labels (N = 0)");
    }
    // TODO: write accuracy here, then run: ./course check 5
    throw not_implemented("accuracy", 5);
}

}  // namespace nn
