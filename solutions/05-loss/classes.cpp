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
    // BEGIN SOLUTION one_hot
    Matrix Y = xt::zeros<double>({y.size(), static_cast<std::size_t>(classes)});
    for (std::size_t i = 0; i < y.size(); ++i) {
        // Y(i, y_i) = 1
        Y(i, static_cast<std::size_t>(y(i))) = 1.0;
    }
    return Y;
    // END SOLUTION one_hot
}

// predicted_i = arg max_k ŷ_ik: the column of the largest output in row i (the first one on a tie).
// y_hat: N × classes.  Returns N labels.
Labels predict_class(const Matrix& y_hat)
{
    if (y_hat.shape(1) == 0) {
        throw shape_error("y_hat: expected at least one column (one per class), got " + shape_str(y_hat));
    }
    // BEGIN SOLUTION predict_class
    Labels predicted = xt::zeros<int>({y_hat.shape(0)});
    for (std::size_t i = 0; i < y_hat.shape(0); ++i) {
        for (std::size_t k = 1; k < y_hat.shape(1); ++k) {
            // keep the first of equal maxima: replace only on a strictly larger output
            if (y_hat(i, k) > y_hat(i, static_cast<std::size_t>(predicted(i)))) {
                predicted(i) = static_cast<int>(k);
            }
        }
    }
    return predicted;
    // END SOLUTION predict_class
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
    // BEGIN SOLUTION accuracy
    // 1 where predicted_i = y_i, else 0
    const Vector correct = xt::cast<double>(xt::equal(predicted, y));
    return xt::sum(correct)() / static_cast<double>(y.size());
    // END SOLUTION accuracy
}

}  // namespace nn
