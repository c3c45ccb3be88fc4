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
    // TODO: write log_sigmoid here, then run: ./course check 5
    throw not_implemented("log_sigmoid", 5);
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
    // TODO: write cross_entropy here, then run: ./course check 5
    throw not_implemented("cross_entropy", 5);
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
    // TODO: write l2_penalty here, then run: ./course check 5
    throw not_implemented("l2_penalty", 5);
}

// L = cross-entropy(z(3), Y) + λ/(2N) Σ θ²  (the bias rows left out), N = the number of rows of Y.
double regularized_loss(const Matrix& z3, const Matrix& Y, const Vector& theta, const Widths& c,
                        double lambda)
{
    check_widths(c);
    expect_shape(z3, z3.shape(0), c.back(), "z3 (N × the last width)");
    // TODO: write regularized_loss here, then run: ./course check 5
    throw not_implemented("regularized_loss", 5);
}

}  // namespace nn
