// Chapter 5: the loss. Write the four functions below; check them with `./course check 5`.
#include "student/loss.hpp"

#include <string>
#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xview.hpp>

#include "base/checks.hpp"
#include "base/errors.hpp"
#include "student/theta.hpp"

namespace nn {

// log σ(z) = −log(1 + e^(−z)), element by element, without overflow or log(0):
//   log σ(z) = min(z, 0) − log(1 + e^(−|z|))        (e^(−|z|) lies in (0, 1]; use xt::log1p)
// z: an array of any shape.  Returns an array of the same shape, every value ≤ 0.
// log σ(−1000) = −1000 and log σ(1000) = 0, where log(sigmoid(z)) gives −inf and 0.
Array log_sigmoid(const Array& z)
{
    // BEGIN SOLUTION log_sigmoid
    // For z ≥ 0: log σ(z) = −log(1 + e^(−z)). For z < 0: log σ(z) = z − log(1 + e^z) (multiply σ by e^z/e^z).
    // e = e^(−|z|) lies in (0, 1]: computed on its own first (with xsimd, exp and log1p in one expression
    // ran slower than the two passes: chapter 9)
    const Array e = xt::exp(-xt::abs(z));
    // min(z, 0) = (z − |z|) / 2, written so because xt::minimum keeps xsimd from vectorizing the line
    return 0.5 * (z - xt::abs(z)) - xt::log1p(e);
    // END SOLUTION log_sigmoid
}

// L = −(1/N) Σ_i Σ_k [ Y_ik log ŷ_ik + (1 − Y_ik) log(1 − ŷ_ik) ]   with ŷ = σ(z(3)),
// computed from z(3) through log ŷ = log σ(z(3)) and log(1 − ŷ) = log σ(−z(3)) (the two share
// log σ(|z(3)|) = −log(1 + e^(−|z(3)|)): one log_sigmoid can serve both; the hint says how).
// z3: N × c3 scores.  Y: N × c3 one-hot labels.  Returns one number, L ≥ 0.
double cross_entropy(const Matrix& z3, const Matrix& Y)
{
    expect_shape(Y, z3.shape(0), z3.shape(1), "Y (one-hot labels, the shape of z3)");
    if (z3.shape(0) == 0) {
        throw value_error("cross_entropy: no samples (z3 has 0 rows)");
    }
    // BEGIN SOLUTION cross_entropy
    const double N = static_cast<double>(z3.shape(0));
    // log σ(z) and log σ(−z) share their costly part: log σ(|z|) = −log(1 + e^(−|z|)) (min(|z|, 0) = 0), so
    //   log σ(±z) = min(±z, 0) + log σ(|z|)
    // and one log_sigmoid, of |z|, serves both: one exp and one log1p per score instead of two
    const Matrix log_sigmoid_abs = log_sigmoid(xt::abs(z3));
    // log ŷ = log σ(z) and log(1 − ŷ) = log σ(−z); min(±z, 0) = (±z − |z|) / 2, as in log_sigmoid
    const Matrix log_y_hat = 0.5 * (z3 - xt::abs(z3)) + log_sigmoid_abs;
    const Matrix log_one_minus_y_hat = 0.5 * (-z3 - xt::abs(z3)) + log_sigmoid_abs;
    // Y log ŷ + (1 − Y) log(1 − ŷ), element by element: N × c3
    const Matrix terms = Y * log_y_hat + (1.0 - Y) * log_one_minus_y_hat;
    // L = −(1/N) Σ_i Σ_k terms_ik
    return -xt::sum(terms)() / N;
    // END SOLUTION cross_entropy
}

// penalty = λ/(2N) Σ_l Σ_{j ≥ 1} Σ_k (θ(l)_jk)²: every weight, but not the bias rows (row j = 0).
// theta: the flat θ (61 numbers for c = {2, 6, 4, 3}); unpack_theta(copy, c) gives its matrices
// θ(1) 3 × 6, θ(2) 7 × 4, θ(3) 5 × 3 (it needs a θ it may write to: unpack a copy).
// Rows 1 … end of a matrix t: xt::view(t, xt::range(1, t.shape(0)), xt::all()).
double l2_penalty(const Vector& theta, const Widths& c, double lambda, std::size_t N)
{
    expect_length(theta, theta_size(c), "theta");
    if (!(lambda >= 0.0)) {
        throw value_error("lambda: expected a number ≥ 0, got " + std::to_string(lambda));
    }
    if (N == 0) {
        throw value_error("l2_penalty: N is 0, the penalty divides by the number of samples");
    }
    // BEGIN SOLUTION l2_penalty
    Vector copy = theta;
    double sum_of_squares = 0.0;
    for (const MatrixView& t : unpack_theta(copy, c)) {
        // the weights of θ(l): rows 1 … c(l−1), without the bias row 0
        const Matrix weights = xt::view(t, xt::range(1, t.shape(0)), xt::all());
        sum_of_squares += xt::sum(xt::square(weights))();
    }
    // λ/(2N) Σ θ²
    return lambda / (2.0 * static_cast<double>(N)) * sum_of_squares;
    // END SOLUTION l2_penalty
}

// L = cross-entropy(z(3), Y) + λ/(2N) Σ θ²  (the bias rows left out), N = the number of rows of Y.
double regularized_loss(const Matrix& z3, const Matrix& Y, const Vector& theta, const Widths& c,
                        double lambda)
{
    check_widths(c);
    expect_shape(z3, z3.shape(0), c.back(), "z3 (N × the last width)");
    // BEGIN SOLUTION regularized_loss
    // L = L_data + λ/(2N) Σ θ²
    return cross_entropy(z3, Y) + l2_penalty(theta, c, lambda, Y.shape(0));
    // END SOLUTION regularized_loss
}

}  // namespace nn
