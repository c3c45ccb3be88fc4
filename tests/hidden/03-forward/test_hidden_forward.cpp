// Chapter 3's hidden tests (never released): X* and the forward pass on random sizes and numbers drawn
// from the grader's seed (COURSE_SEED, tests/support/seed.hpp), against loops written out here.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "course/02-activations/activation.hpp"
#include "expect.hpp"
#include "seed.hpp"
#include "student/forward.hpp"

using nn::Matrix;
using nn::testing::all_close;
using nn::testing::RandomInputs;

namespace {

Matrix with_ones(const Matrix& m)
{
    Matrix out = Matrix::from_shape({m.shape(0), m.shape(1) + 1});
    for (std::size_t i = 0; i < m.shape(0); ++i) {
        out(i, 0) = 1.0;
        for (std::size_t j = 0; j < m.shape(1); ++j) {
            out(i, j + 1) = m(i, j);
        }
    }
    return out;
}

Matrix product(const Matrix& a, const Matrix& b)
{
    Matrix out = Matrix::from_shape({a.shape(0), b.shape(1)});
    for (std::size_t i = 0; i < a.shape(0); ++i) {
        for (std::size_t j = 0; j < b.shape(1); ++j) {
            double sum = 0.0;
            for (std::size_t k = 0; k < a.shape(1); ++k) {
                sum += a(i, k) * b(k, j);
            }
            out(i, j) = sum;
        }
    }
    return out;
}

// φ by name, element by element, written out.
Matrix phi_of(const std::string& name, const Matrix& z)
{
    Matrix out = z;
    for (double& v : out) {
        if (name == "tanh") {
            v = std::tanh(v);
        } else if (name == "relu") {
            v = v > 0 ? v : 0.0;
        } else {
            v = v >= 0 ? 1.0 / (1.0 + std::exp(-v)) : std::exp(v) / (1.0 + std::exp(v));
        }
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(add_bias_column)

BOOST_AUTO_TEST_CASE(hidden_add_bias_column_on_a_random_matrix)
{
    RandomInputs in;
    const Matrix X = in.matrix(in.integer(1, 50), in.integer(1, 8), -10.0, 10.0);
    BOOST_TEST(all_close(nn::add_bias_column(X), with_ones(X), 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(forward)

BOOST_AUTO_TEST_CASE(hidden_forward_on_random_widths_and_numbers)
{
    RandomInputs in;
    const std::size_t N = in.integer(1, 40), f = in.integer(1, 4), c1 = in.integer(1, 8),
                      c2 = in.integer(1, 6), c3 = in.integer(1, 4);
    const Matrix X = in.matrix(N, f, -2.0, 2.0);
    const Matrix theta1 = in.matrix(f + 1, c1, -1.0, 1.0), theta2 = in.matrix(c1 + 1, c2, -1.0, 1.0),
                 theta3 = in.matrix(c2 + 1, c3, -1.0, 1.0);
    const std::string name = std::vector<std::string>{"sigmoid", "tanh", "relu"}[in.integer(0, 2)];
    const nn::Forward fw = nn::forward(X, theta1, theta2, theta3, nn::activation(name));
    // z(l) = a(l−1)* θ(l), a(l) = φ(z(l)), ŷ = σ(z(3))
    const Matrix x_star = with_ones(X), z1 = product(x_star, theta1), a1 = phi_of(name, z1),
                 a1_star = with_ones(a1), z2 = product(a1_star, theta2), a2 = phi_of(name, z2),
                 a2_star = with_ones(a2), z3 = product(a2_star, theta3), y_hat = phi_of("sigmoid", z3);
    BOOST_TEST_INFO("φ = " << name);
    BOOST_TEST(all_close(fw.x_star, x_star, 0.0, 0.0));
    BOOST_TEST(all_close(fw.z1, z1, 1e-14, 1e-13));
    BOOST_TEST(all_close(fw.a1, a1, 1e-14, 1e-13));
    BOOST_TEST(all_close(fw.a1_star, a1_star, 1e-14, 1e-13));
    BOOST_TEST(all_close(fw.z2, z2, 1e-14, 1e-13));
    BOOST_TEST(all_close(fw.a2, a2, 1e-14, 1e-13));
    BOOST_TEST(all_close(fw.a2_star, a2_star, 1e-14, 1e-13));
    BOOST_TEST(all_close(fw.z3, z3, 1e-14, 1e-13));
    BOOST_TEST(all_close(fw.y_hat, y_hat, 1e-14, 1e-13));
}

BOOST_AUTO_TEST_SUITE_END()
