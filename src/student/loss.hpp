/// \file loss.hpp
/// Chapter 5: the loss \f$L(\{y_i, \hat{y}_i\})\f$ (binary cross-entropy from \f$z^{(3)}\f$), its L2
/// penalty, one-hot labels, the predicted class and the accuracy.
#pragma once

#include <cstddef>

#include "base/tensor.hpp"
#include "base/widths.hpp"

namespace nn {

/// The labels as rows of zeros with a single one: \f$Y_{ik} = 1\f$ if \f$y_i = k\f$, else 0.
///
/// y: N labels in 0 … classes−1.  Returns N × classes. Throws nn::value_error naming the first label
/// outside 0 … classes−1 and its index, and std::invalid_argument if classes < 1.
Matrix one_hot(const Labels& y, int classes);

/// The logarithm of the sigmoid, element by element, computed stably:
/// \f$\log \sigma(z) = \min(z, 0) - \log\bigl(1 + e^{-|z|}\bigr)\f$.
///
/// Finite for every finite z: \f$\log\sigma(-1000) = -1000\f$ and \f$\log\sigma(1000) = 0\f$, where
/// \f$\log(\sigma(z))\f$ computed in two steps gives \f$-\infty\f$ and 0.
/// Note \f$\log(1 - \sigma(z)) = \log\sigma(-z)\f$.
Array log_sigmoid(const Array& z);

/// The data loss: the mean over the N samples of the sum over the outputs of the binary cross-entropy,
/// \f[ L = -\frac{1}{N} \sum_{i=1}^{N} \sum_{k}
///       \Bigl( Y_{ik} \log \hat{y}_{ik} + (1 - Y_{ik}) \log(1 - \hat{y}_{ik}) \Bigr),
///     \qquad \hat{y} = \sigma(z^{(3)}), \f]
/// computed from \f$z^{(3)}\f$ with log_sigmoid so that a saturated output (|z| = 1000) gives a finite loss.
///
/// z3: N × c⁽³⁾, the scores before the output sigmoid.  Y: N × c⁽³⁾, one-hot labels (or any numbers in
/// [0, 1]).  Returns L ≥ 0. Throws nn::shape_error if the shapes differ and nn::value_error if N = 0.
double cross_entropy(const Matrix& z3, const Matrix& Y);

/// The L2 penalty on the weights, biases left out:
/// \f$\frac{\lambda}{2N} \sum_{l} \sum_{j \ge 1} \sum_{k} \bigl(\theta^{(l)}_{jk}\bigr)^2\f$
/// (row j = 0 of each θ⁽ˡ⁾ is its bias row and is not penalised).
///
/// theta: the flat θ of theta_size(c) numbers, laid out as unpack_theta() reads it.  Throws
/// nn::shape_error for a θ of the wrong length, and nn::value_error for λ < 0 or N = 0.
double l2_penalty(const Vector& theta, const Widths& c, double lambda, std::size_t N);

/// The loss the network is trained on: cross_entropy(z3, Y) + l2_penalty(theta, c, lambda, N),
/// with N the number of rows of Y.
///
/// With λ = 0 it is the data loss alone; the two differ by exactly the penalty.
double regularized_loss(const Matrix& z3, const Matrix& Y, const Vector& theta, const Widths& c,
                        double lambda);

/// The predicted class of every sample: the column of the largest \f$\hat{y}_{ik}\f$ in its row
/// (the first one on a tie).
///
/// y_hat: N × classes.  Returns N labels.
Labels predict_class(const Matrix& y_hat);

/// The fraction of samples whose predicted class is the label, in [0, 1].
///
/// Throws nn::shape_error if the two have different lengths, nn::value_error if they are empty.
double accuracy(const Labels& predicted, const Labels& y);

}  // namespace nn
