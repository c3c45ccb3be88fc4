// Chapter 5's hidden tests (never released): labels, classes and the loss on random inputs drawn from the
// grader's seed (COURSE_SEED, tests/support/seed.hpp), against the formulas written out here.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "../04-theta/random_network.hpp"
#include "base/widths.hpp"
#include "expect.hpp"
#include "seed.hpp"
#include "student/loss.hpp"

using nn::Array;
using nn::Labels;
using nn::Matrix;
using nn::Vector;
using nn::Widths;
using nn::testing::all_close;
using nn::testing::RandomInputs;

namespace {

// −log(1 + e^(−v)), without overflow
double log_sigma(double v)
{
    return std::min(v, 0.0) - std::log1p(std::exp(-std::abs(v)));
}

Matrix one_hot_loop(const Labels& y, std::size_t classes)
{
    Matrix Y = Matrix::from_shape({y.size(), classes});
    for (std::size_t i = 0; i < y.size(); ++i) {
        for (std::size_t k = 0; k < classes; ++k) {
            Y(i, k) = y(i) == int(k) ? 1.0 : 0.0;
        }
    }
    return Y;
}

// −(1/N) Σ [Y log σ(z) + (1 − Y) log σ(−z)]
double cross_entropy_loop(const Matrix& z3, const Matrix& Y)
{
    double sum = 0.0;
    for (std::size_t i = 0; i < z3.shape(0); ++i) {
        for (std::size_t k = 0; k < z3.shape(1); ++k) {
            sum += Y(i, k) * log_sigma(z3(i, k)) + (1.0 - Y(i, k)) * log_sigma(-z3(i, k));
        }
    }
    return -sum / double(z3.shape(0));
}

// λ/(2N) Σ θ² over every row but each layer's first
double penalty_loop(const Vector& theta, const Widths& c, double lambda, std::size_t N)
{
    double sum = 0.0;
    std::size_t offset = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        for (std::size_t i = c[l]; i < (c[l - 1] + 1) * c[l]; ++i) {
            sum += theta(offset + i) * theta(offset + i);
        }
        offset += (c[l - 1] + 1) * c[l];
    }
    return lambda / (2.0 * double(N)) * sum;
}

// L from 1 to 4 layers of 1 to 8 units.
Widths random_widths(RandomInputs& in)
{
    return nn::hidden::random_widths(in, 4, 8);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(one_hot)

BOOST_AUTO_TEST_CASE(hidden_one_hot_of_random_labels)
{
    RandomInputs in;
    const std::size_t classes = in.integer(1, 9);
    const Labels y = in.labels(in.integer(1, 60), classes);
    BOOST_TEST(all_close(nn::one_hot(y, int(classes)), one_hot_loop(y, classes), 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(predict_class)

BOOST_AUTO_TEST_CASE(hidden_predict_class_of_random_outputs)
{
    // Outputs on a coarse grid, so that ties happen: the first column of the largest wins.
    RandomInputs in;
    Matrix y_hat = in.matrix(in.integer(1, 60), in.integer(1, 6), 0.0, 1.0);
    for (double& v : y_hat) {
        v = std::floor(v * 4.0) / 4.0;
    }
    Labels expected = Labels::from_shape({y_hat.shape(0)});
    for (std::size_t i = 0; i < y_hat.shape(0); ++i) {
        std::size_t best = 0;
        for (std::size_t k = 1; k < y_hat.shape(1); ++k) {
            best = y_hat(i, k) > y_hat(i, best) ? k : best;
        }
        expected(i) = int(best);
    }
    BOOST_TEST(all_close(nn::predict_class(y_hat), expected, 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(accuracy)

BOOST_AUTO_TEST_CASE(hidden_accuracy_of_random_labels)
{
    RandomInputs in;
    const std::size_t n = in.integer(1, 200), classes = in.integer(2, 4);
    const Labels y = in.labels(n, classes), predicted = in.labels(n, classes);
    std::size_t right = 0;
    for (std::size_t i = 0; i < n; ++i) {
        right += predicted(i) == y(i);
    }
    BOOST_TEST(nn::accuracy(predicted, y) == double(right) / double(n), boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(log_sigmoid)

BOOST_AUTO_TEST_CASE(hidden_log_sigmoid_on_random_z)
{
    RandomInputs in;
    Array z = in.vector(in.integer(1, 50), -60.0, 60.0);
    Array expected = z;
    for (double& v : expected) {
        v = log_sigma(v);
    }
    BOOST_TEST(all_close(nn::log_sigmoid(z), expected, 1e-15, 1e-14));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cross_entropy)

BOOST_AUTO_TEST_CASE(hidden_cross_entropy_of_random_scores_and_labels)
{
    RandomInputs in;
    const std::size_t N = in.integer(1, 80), classes = in.integer(1, 5);
    const Matrix z3 = in.matrix(N, classes, -8.0, 8.0);
    const Matrix Y = one_hot_loop(in.labels(N, classes), classes);
    BOOST_TEST(nn::cross_entropy(z3, Y) == cross_entropy_loop(z3, Y), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(l2_penalty)

BOOST_AUTO_TEST_CASE(hidden_l2_penalty_of_random_widths_and_theta)
{
    RandomInputs in;
    const Widths c = random_widths(in);
    const Vector theta = in.normal_vector(nn::hidden::theta_length(c));
    const double lambda = in.uniform(0.0, 3.0);
    const std::size_t N = in.integer(1, 5000);
    BOOST_TEST(nn::l2_penalty(theta, c, lambda, N) == penalty_loop(theta, c, lambda, N),
               boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(regularized_loss)

BOOST_AUTO_TEST_CASE(hidden_regularized_loss_of_random_inputs)
{
    RandomInputs in;
    Widths c = random_widths(in);
    const std::size_t N = in.integer(1, 60);
    const Matrix z3 = in.matrix(N, c.back(), -6.0, 6.0);
    const Matrix Y = one_hot_loop(in.labels(N, c.back()), c.back());
    const Vector theta = in.normal_vector(nn::hidden::theta_length(c));
    const double lambda = in.uniform(0.0, 2.0);
    const double expected = cross_entropy_loop(z3, Y) + penalty_loop(theta, c, lambda, N);
    BOOST_TEST(nn::regularized_loss(z3, Y, theta, c, lambda) == expected,
               boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_SUITE_END()
