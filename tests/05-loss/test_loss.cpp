// Chapter 5: the loss. log σ, the cross-entropy computed from z(3), the L2 penalty and their sum.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>
#include <xtensor/xview.hpp>

#include "base/data.hpp"
#include "base/widths.hpp"
#include "course/02-activations/activation.hpp"
#include "expect.hpp"
#include "student/activations.hpp"
#include "student/forward.hpp"
#include "student/loss.hpp"
#include "student/theta.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::all_finite;
using nn::testing::provided;
using nn::testing::throws_with;

namespace {

const Widths lecture_widths = {2, 6, 4, 3};

// One-hot labels written out by hand, so these tests do not depend on one_hot().
Matrix one_hot_by_hand(const Labels& y, std::size_t classes)
{
    Matrix Y = xt::zeros<double>({y.size(), classes});
    for (std::size_t i = 0; i < y.size(); ++i) {
        Y(i, static_cast<std::size_t>(y(i))) = 1.0;
    }
    return Y;
}

// The binary cross-entropy the naive way, with a loop: −Σ [y log ŷ + (1 − y) log(1 − ŷ)] / N.
double naive_cross_entropy(const Matrix& y_hat, const Matrix& Y)
{
    double sum = 0.0;
    for (std::size_t i = 0; i < Y.shape(0); ++i) {
        for (std::size_t k = 0; k < Y.shape(1); ++k) {
            sum += Y(i, k) * std::log(y_hat(i, k)) + (1.0 - Y(i, k)) * std::log(1.0 - y_hat(i, k));
        }
    }
    return -sum / static_cast<double>(Y.shape(0));
}

// Σ θ² over the non-bias entries of a flat θ for {2, 6, 4, 3}, by index: θ(1) is θ[0, 18) with its bias
// row θ[0, 6); θ(2) is θ[18, 46) with bias row θ[18, 22); θ(3) is θ[46, 61) with bias row θ[46, 49).
double weights_sum_of_squares(const Vector& theta)
{
    double sum = 0.0;
    for (std::size_t k = 0; k < theta.size(); ++k) {
        const bool bias = k < 6 || (k >= 18 && k < 22) || (k >= 46 && k < 49);
        sum += bias ? 0.0 : theta(k) * theta(k);
    }
    return sum;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(log_sigmoid)

BOOST_AUTO_TEST_CASE(log_sigmoid_is_the_log_of_the_sigmoid_at_moderate_points)
{
    const Array z = {-8.0, -1.0, 0.0, 0.5, 2.0, 7.0};
    Array expected = z;
    for (auto& v : expected) {
        // log σ(z) = −log(1 + e^(−z)), fine to compute directly for moderate z
        v = -std::log1p(std::exp(-v));
    }
    BOOST_TEST(all_close(nn::log_sigmoid(z), expected, 1e-15, 1e-14));
}

BOOST_AUTO_TEST_CASE(log_sigmoid_is_finite_at_plus_and_minus_1000)
{
    // log(σ(−1000)) in two steps is log(0) = −inf; the stable form gives −1000 − log(1 + e^(−1000)) = −1000.
    const Array z = {-1000.0, -800.0, 800.0, 1000.0};
    const Array got = nn::log_sigmoid(z);
    BOOST_TEST(all_finite(got));
    // log σ(800) ≈ −e^(−800) ≈ −4e-348 is 0 in double precision: any result within 1e-200 of 0 is right.
    BOOST_TEST(all_close(got, Array{-1000.0, -800.0, 0.0, 0.0}, 1e-200, 1e-15));
}

BOOST_AUTO_TEST_CASE(log_sigmoid_of_z_and_of_minus_z_are_log_y_hat_and_log_one_minus_y_hat)
{
    // σ(z) + σ(−z) = 1, so e^(log σ(z)) + e^(log σ(−z)) = 1; on random z in [−30, 30]
    xt::random::seed(11);
    const Array z = xt::random::rand<double>({3, 7}, -30.0, 30.0);
    const Array total = xt::exp(nn::log_sigmoid(z)) + xt::exp(nn::log_sigmoid(Array(-z)));
    BOOST_TEST(all_close(total, Array(xt::ones<double>({3, 7})), 1e-15, 1e-14));
}

BOOST_AUTO_TEST_CASE(log_sigmoid_keeps_the_shape)
{
    const Array z = {{0.0, 1.0, -1.0}, {3.0, -3.0, 10.0}};
    BOOST_TEST(nn::testing::has_shape(nn::log_sigmoid(z), {2, 3}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cross_entropy)

BOOST_AUTO_TEST_CASE(cross_entropy_of_a_two_sample_example_worked_by_hand)
{
    // σ(0) = 1/2, σ(ln 3) = 3/4, σ(−ln 3) = 1/4.
    // Sample 1, y = (1, 0, 0), z = (0, ln 3, −ln 3):  −ln(1/2) − ln(1 − 3/4) − ln(1 − 1/4) = 5 ln 2 − ln 3
    // Sample 2, y = (0, 1, 0), z = (−ln 3, ln 3, 0):  −ln(1 − 1/4) − ln(3/4) − ln(1 − 1/2) = 5 ln 2 − 2 ln 3
    // L = the mean of the two = (10 ln 2 − 3 ln 3) / 2
    const double l3 = std::log(3.0);
    const Matrix z3 = {{0.0, l3, -l3}, {-l3, l3, 0.0}};
    const Matrix Y = {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}};
    const double expected = (10.0 * std::log(2.0) - 3.0 * l3) / 2.0;
    BOOST_TEST(nn::cross_entropy(z3, Y) == expected, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(cross_entropy_is_three_log_two_when_every_output_is_one_half)
{
    // z(3) = 0 gives ŷ = 1/2 everywhere: each of the 3 outputs costs ln 2, whatever the label.
    for (std::size_t N : {1, 7, 40}) {
        Labels y = xt::zeros<int>({N});
        for (std::size_t i = 0; i < N; ++i) {
            y(i) = static_cast<int>((i * 7) % 3);
        }
        const double L =
            nn::cross_entropy(Matrix(xt::zeros<double>({N, std::size_t(3)})), one_hot_by_hand(y, 3));
        // (a sum of 3N terms: any order of summation is within about 3N · 1.1e-16 of it)
        BOOST_TEST(L == 3.0 * std::log(2.0), boost::test_tools::tolerance(1e-13));
    }
}

BOOST_AUTO_TEST_CASE(cross_entropy_matches_the_formula_on_random_scores)
{
    xt::random::seed(5);
    const Matrix z3 = xt::random::rand<double>({50, 3}, -6.0, 6.0);
    const Labels y = xt::random::randint<int>({50}, 0, 3);
    const Matrix Y = one_hot_by_hand(y, 3);
    const Matrix y_hat = 1.0 / (1.0 + xt::exp(-z3));
    BOOST_TEST(nn::cross_entropy(z3, Y) == naive_cross_entropy(y_hat, Y),
               boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(cross_entropy_is_never_negative)
{
    // −y log ŷ − (1 − y) log(1 − ŷ) ≥ 0 for ŷ in (0, 1) and y in [0, 1]: both logs are ≤ 0.
    xt::random::seed(6);
    double smallest = 1.0;
    for (int trial = 0; trial < 20; ++trial) {
        const Matrix z3 = xt::random::rand<double>({10, 3}, -40.0, 40.0);
        const Matrix Y = xt::random::rand<double>({10, 3}, 0.0, 1.0);
        smallest = std::min(smallest, nn::cross_entropy(z3, Y));
    }
    BOOST_TEST(smallest >= 0.0);
}

BOOST_AUTO_TEST_CASE(cross_entropy_is_almost_zero_for_near_perfect_predictions)
{
    // z = +30 where y = 1 and −30 where y = 0: ŷ is within e^(−30) ≈ 9e-14 of y, and each of the
    // 3 outputs costs log(1 + e^(−30)), so L = 3 log(1 + e^(−30)) ≈ 2.8e-13.
    const Labels y = {0, 2, 1, 1, 0};
    const Matrix Y = one_hot_by_hand(y, 3);
    const Matrix z3 = 30.0 * (2.0 * Y - 1.0);
    const double L = nn::cross_entropy(z3, Y);
    // To the absolute accuracy of a loss of order 1 (a few units in the last place): log(1 + e^(−30))
    // computed as log(1 + 9.4e-14) is right to 1e-16, if not to ten digits.
    BOOST_TEST(std::abs(L - 3.0 * std::log1p(std::exp(-30.0))) <= 1e-15,
               "L = " << L << ", expected 3 log(1 + e^(−30)) = " << 3.0 * std::log1p(std::exp(-30.0)));
    BOOST_TEST(L < 1e-12);
}

BOOST_AUTO_TEST_CASE(cross_entropy_is_finite_when_the_outputs_saturate_at_1000)
{
    // ŷ = σ(±1000) is exactly 1 or 0 in double precision, and log(1 − 1) = −inf in two steps.
    // Sample 1, y = (1, 0, 0), z = (1000, −1000, 1000): costs 0, 0 and −log σ(−1000) = 1000.
    // Sample 2, y = (0, 1, 0), z = (−1000, 1000, −1000): costs 0, 0 and 0.  L = 1000 / 2 = 500.
    const Matrix z3 = {{1000.0, -1000.0, 1000.0}, {-1000.0, 1000.0, -1000.0}};
    const Matrix Y = {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}};
    const double L = nn::cross_entropy(z3, Y);
    BOOST_TEST(std::isfinite(L), "the loss is " << L);
    BOOST_TEST(L == 500.0, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(cross_entropy_rejects_labels_of_another_shape, *provided())
{
    const Matrix z3 = xt::zeros<double>({4, 3});
    const Matrix Y = xt::zeros<double>({4, 2});
    BOOST_TEST(
        throws_with<shape_error>([&] { nn::cross_entropy(z3, Y); }, {"Y", "expected (4, 3)", "got (4, 2)"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(l2_penalty)

BOOST_AUTO_TEST_CASE(l2_penalty_of_a_small_network_worked_by_hand)
{
    // Widths {1, 2, 1}: θ(1) = [[1, 2], [3, 4]] (2 × 2), θ(2) = [[5], [6], [7]] (3 × 1), θ = 1 … 7.
    // The bias rows (1, 2) and (5) are left out: Σ θ² = 3² + 4² + 6² + 7² = 110.
    // λ = 2, N = 10: λ/(2N) · 110 = 11.
    const Vector theta = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0};
    BOOST_TEST(nn::l2_penalty(theta, {1, 2, 1}, 2.0, 10) == 11.0, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(l2_penalty_is_lambda_over_2N_times_the_squared_weights)
{
    xt::random::seed(7);
    for (const double lambda : {0.1, 1.0, 3.0}) {
        const Vector theta = xt::random::randn<double>({61});
        const std::size_t N = 3000;
        const double expected = lambda / (2.0 * N) * weights_sum_of_squares(theta);
        BOOST_TEST(nn::l2_penalty(theta, lecture_widths, lambda, N) == expected,
                   boost::test_tools::tolerance(1e-13));
    }
}

BOOST_AUTO_TEST_CASE(l2_penalty_leaves_out_the_bias_rows)
{
    // Only the 6 + 4 + 3 biases are non-zero: nothing to penalise.
    Vector theta = xt::zeros<double>({61});
    for (std::size_t k : {0, 3, 5, 18, 21, 46, 48}) {
        theta(k) = 5.0 + k;
    }
    BOOST_TEST(nn::l2_penalty(theta, lecture_widths, 1.0, 100) == 0.0);
    // One weight θ(2)_11 (flat index 18 + 4 = 22) of 2: λ/(2N) · 4 = 1 · 4 / 200.
    theta(22) = 2.0;
    BOOST_TEST(nn::l2_penalty(theta, lecture_widths, 1.0, 100) == 0.02, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(l2_penalty_is_zero_for_lambda_zero)
{
    xt::random::seed(8);
    const Vector theta = xt::random::randn<double>({61});
    BOOST_TEST(nn::l2_penalty(theta, lecture_widths, 0.0, 3000) == 0.0);
}

BOOST_AUTO_TEST_CASE(l2_penalty_rejects_a_theta_of_the_wrong_length, *provided())
{
    const Vector theta = xt::zeros<double>({60});
    BOOST_TEST(throws_with<shape_error>([&] { nn::l2_penalty(theta, lecture_widths, 1.0, 10); },
                                        {"theta", "61", "60"}));
}

BOOST_AUTO_TEST_CASE(l2_penalty_rejects_a_negative_lambda_and_no_samples, *provided())
{
    const Vector theta = xt::zeros<double>({61});
    BOOST_TEST(
        throws_with<value_error>([&] { nn::l2_penalty(theta, lecture_widths, -1.0, 10); }, {"lambda"}));
    BOOST_TEST(throws_with<value_error>([&] { nn::l2_penalty(theta, lecture_widths, 1.0, 0); }, {"N"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(regularized_loss)

BOOST_AUTO_TEST_CASE(regularized_loss_with_lambda_zero_is_the_cross_entropy)
{
    xt::random::seed(9);
    const Matrix z3 = xt::random::rand<double>({20, 3}, -4.0, 4.0);
    const Matrix Y = one_hot_by_hand(xt::random::randint<int>({20}, 0, 3), 3);
    const Vector theta = xt::random::randn<double>({61});
    const Matrix y_hat = 1.0 / (1.0 + xt::exp(-z3));
    BOOST_TEST(nn::regularized_loss(z3, Y, theta, lecture_widths, 0.0) == naive_cross_entropy(y_hat, Y),
               boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(regularized_loss_with_lambda_differs_by_exactly_the_penalty)
{
    xt::random::seed(10);
    const std::size_t N = 25;
    const Matrix z3 = xt::random::rand<double>({N, std::size_t(3)}, -4.0, 4.0);
    const Matrix Y = one_hot_by_hand(xt::random::randint<int>({N}, 0, 3), 3);
    const Vector theta = xt::random::randn<double>({61});
    const double lambda = 0.7;
    const double difference = nn::regularized_loss(z3, Y, theta, lecture_widths, lambda) -
                              nn::regularized_loss(z3, Y, theta, lecture_widths, 0.0);
    // λ/(2N) Σ θ² over the weights, the bias rows left out
    const double penalty = lambda / (2.0 * N) * weights_sum_of_squares(theta);
    BOOST_TEST(difference == penalty, boost::test_tools::tolerance(1e-10));
}

BOOST_AUTO_TEST_CASE(regularized_loss_of_the_network_with_theta_zero_is_three_log_two)
{
    // θ = 0: every z(3) is 0 and ŷ = 1/2 for every sample and class, L = 3 ln 2 ≈ 2.079, the loss of
    // a network that knows nothing; λ changes nothing since there are no weights to penalise.
    const Dataset data = make_spiral();
    Vector theta = xt::zeros<double>({61});
    const auto thetas = unpack_theta(theta, lecture_widths);
    const Forward fw = forward(data.X, thetas[0], thetas[1], thetas[2], activation("tanh"));
    const Matrix Y = one_hot_by_hand(data.y, 3);
    // A sum of 9000 terms: any order of summation is within about 9000 · 1.1e-16 ≈ 1e-12 of the exact sum.
    BOOST_TEST(nn::regularized_loss(fw.z3, Y, theta, lecture_widths, 1.0) == 3.0 * std::log(2.0),
               boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(regularized_loss_of_the_untrained_network_on_the_spiral)
{
    // The 2 → 6 → 4 → 3 network with small random weights, before any training, on the 3000 points.
    const Dataset data = make_spiral();
    BOOST_TEST_REQUIRE(data.X.shape(0) == 3000u);
    const Matrix Y = one_hot_by_hand(data.y, 3);
    xt::random::seed(12);
    for (const char* name : {"sigmoid", "tanh", "relu"}) {
        Vector theta = xt::random::randn<double>({61});
        const auto thetas = unpack_theta(theta, lecture_widths);
        const Forward fw = forward(data.X, thetas[0], thetas[1], thetas[2], activation(name));
        const double lambda = 1.0;
        const double L = nn::regularized_loss(fw.z3, Y, theta, lecture_widths, lambda);
        const double expected =
            naive_cross_entropy(fw.y_hat, Y) + lambda / 6000.0 * weights_sum_of_squares(theta);
        BOOST_TEST_INFO("hidden activation " << name);
        BOOST_TEST(L == expected, boost::test_tools::tolerance(1e-11));
    }
}

BOOST_AUTO_TEST_CASE(regularized_loss_rejects_scores_that_do_not_fit_the_widths, *provided())
{
    const Matrix z3 = xt::zeros<double>({5, 2});
    const Matrix Y = xt::zeros<double>({5, 2});
    const Vector theta = xt::zeros<double>({61});
    BOOST_TEST(throws_with<shape_error>([&] { nn::regularized_loss(z3, Y, theta, lecture_widths, 0.0); },
                                        {"z3", "expected (5, 3)", "got (5, 2)"}));
}

BOOST_AUTO_TEST_SUITE_END()
