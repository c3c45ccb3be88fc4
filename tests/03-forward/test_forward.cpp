// Chapter 3: the bias column X → X* = [1 | X] and the forward pass of the three-layer network.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <sstream>
#include <xtensor/xrandom.hpp>
#include <xtensor/xview.hpp>

#include "base/data.hpp"
#include "course/02-activations/activation.hpp"
#include "expect.hpp"
#include "student/activations.hpp"
#include "student/forward.hpp"
#include "student/sigmoid.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::all_finite;
using nn::testing::has_shape;

namespace {

/// A random θ⁽ˡ⁾ of the given shape, values in [−1, 1].
Matrix random_theta(std::size_t rows, std::size_t cols)
{
    return xt::random::rand<double>({rows, cols}, -1.0, 1.0);
}

/// The product a b, with plain loops: the reference for the tests.
Matrix product(const Matrix& a, const Matrix& b)
{
    Matrix out = xt::zeros<double>({a.shape(0), b.shape(1)});
    for (std::size_t i = 0; i < a.shape(0); ++i) {
        for (std::size_t j = 0; j < b.shape(1); ++j) {
            for (std::size_t k = 0; k < a.shape(1); ++k) {
                out(i, j) += a(i, k) * b(k, j);
            }
        }
    }
    return out;
}

/// [1 | m], with plain loops.
Matrix with_ones(const Matrix& m)
{
    Matrix out = xt::ones<double>({m.shape(0), m.shape(1) + 1});
    for (std::size_t i = 0; i < m.shape(0); ++i) {
        for (std::size_t j = 0; j < m.shape(1); ++j) {
            out(i, j + 1) = m(i, j);
        }
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(add_bias_column)

BOOST_AUTO_TEST_CASE(add_bias_column_prepends_ones)
{
    const Matrix X = {{0.5, -2.0}, {3.0, 4.0}, {-1.0, 0.0}};
    const Matrix expected = {{1.0, 0.5, -2.0}, {1.0, 3.0, 4.0}, {1.0, -1.0, 0.0}};
    BOOST_TEST(all_close(nn::add_bias_column(X), expected, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(add_bias_column_turns_n_by_f_into_n_by_f_plus_one)
{
    // 3000 × 2 → 3000 × 3 (the spiral), and 5 × 6 → 5 × 7 (a hidden layer), random values kept in place
    xt::random::seed(11);
    for (auto [n, f] : {std::pair<std::size_t, std::size_t>{3000, 2}, {5, 6}, {1, 1}}) {
        const Matrix X = xt::random::rand<double>({n, f}, -5.0, 5.0);
        const Matrix x_star = nn::add_bias_column(X);
        BOOST_TEST_REQUIRE(has_shape(x_star, {n, f + 1}));
        BOOST_TEST(all_close(x_star, with_ones(X), 0.0, 0.0));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(forward)

BOOST_AUTO_TEST_CASE(forward_reproduces_a_small_example_worked_by_hand)
{
    // Two samples, widths 2 → 2 → 2 → 1, φ = ReLU; every number below is worked out in the comments.
    const Matrix X = {{1.0, -1.0}, {0.0, 2.0}};
    const Matrix theta1 = {{0.5, -1.0}, {1.0, 0.0}, {0.0, 1.0}};
    const Matrix theta2 = {{-1.0, 0.0}, {2.0, 1.0}, {1.0, -1.0}};
    const Matrix theta3 = {{-3.0}, {1.0}, {2.0}};
    const Forward fw = nn::forward(X, theta1, theta2, theta3, nn::activation("relu"));
    // X* = [1 | X]
    BOOST_TEST(all_close(fw.x_star, Matrix{{1.0, 1.0, -1.0}, {1.0, 0.0, 2.0}}, 0.0, 0.0));
    // z(1) = X* θ(1): row 0 = (0.5 + 1 + 0, −1 + 0 − 1), row 1 = (0.5 + 0 + 0, −1 + 0 + 2)
    BOOST_TEST(all_close(fw.z1, Matrix{{1.5, -2.0}, {0.5, 1.0}}, 1e-15, 0.0));
    // a(1) = ReLU(z(1)), a(1)* = [1 | a(1)]
    BOOST_TEST(all_close(fw.a1, Matrix{{1.5, 0.0}, {0.5, 1.0}}, 1e-15, 0.0));
    BOOST_TEST(all_close(fw.a1_star, Matrix{{1.0, 1.5, 0.0}, {1.0, 0.5, 1.0}}, 1e-15, 0.0));
    // z(2) = a(1)* θ(2): row 0 = (−1 + 3 + 0, 0 + 1.5 − 0), row 1 = (−1 + 1 + 1, 0 + 0.5 − 1)
    BOOST_TEST(all_close(fw.z2, Matrix{{2.0, 1.5}, {1.0, -0.5}}, 1e-15, 0.0));
    BOOST_TEST(all_close(fw.a2, Matrix{{2.0, 1.5}, {1.0, 0.0}}, 1e-15, 0.0));
    BOOST_TEST(all_close(fw.a2_star, Matrix{{1.0, 2.0, 1.5}, {1.0, 1.0, 0.0}}, 1e-15, 0.0));
    // z(3) = a(2)* θ(3): row 0 = −3 + 2 + 3 = 2, row 1 = −3 + 1 + 0 = −2
    BOOST_TEST(all_close(fw.z3, Matrix{{2.0}, {-2.0}}, 1e-15, 0.0));
    // ŷ = σ(z(3)) = (σ(2), σ(−2))
    BOOST_TEST(all_close(fw.y_hat, Matrix{{0.8807970779778823}, {0.11920292202211755}}, 1e-15, 1e-14));
}

BOOST_AUTO_TEST_CASE(forward_has_the_lecture_shapes_on_the_spiral)
{
    // 3000×3 · 3×6 → 3000×6, [1 | ·] → 3000×7, · 7×4 → 3000×4, → 3000×5, · 5×3 → 3000×3
    const Dataset data = nn::make_spiral(1000, 3, 0);
    xt::random::seed(12);
    const Forward fw = nn::forward(data.X, random_theta(3, 6), random_theta(7, 4), random_theta(5, 3),
                                   nn::activation("tanh"));
    BOOST_TEST(has_shape(fw.x_star, {3000, 3}));
    BOOST_TEST(has_shape(fw.z1, {3000, 6}));
    BOOST_TEST(has_shape(fw.a1, {3000, 6}));
    BOOST_TEST(has_shape(fw.a1_star, {3000, 7}));
    BOOST_TEST(has_shape(fw.z2, {3000, 4}));
    BOOST_TEST(has_shape(fw.a2, {3000, 4}));
    BOOST_TEST(has_shape(fw.a2_star, {3000, 5}));
    BOOST_TEST(has_shape(fw.z3, {3000, 3}));
    BOOST_TEST(has_shape(fw.y_hat, {3000, 3}));
}

BOOST_AUTO_TEST_CASE(forward_returns_every_intermediate)
{
    // Each field against the formula computed with plain loops, for each activation.
    xt::random::seed(13);
    const Matrix X = xt::random::rand<double>({7, 2}, -1.0, 1.0);
    const Matrix theta1 = random_theta(3, 6), theta2 = random_theta(7, 4), theta3 = random_theta(5, 3);
    for (const char* name : {"sigmoid", "tanh", "relu"}) {
        BOOST_TEST_CONTEXT("φ = " << name)
        {
            const Activation& phi = nn::activation(name);
            const Forward fw = nn::forward(X, theta1, theta2, theta3, phi);
            const Matrix x_star = with_ones(X);
            const Matrix z1 = product(x_star, theta1);
            const Matrix a1 = phi.phi(z1);
            const Matrix a1_star = with_ones(a1);
            const Matrix z2 = product(a1_star, theta2);
            const Matrix a2 = phi.phi(z2);
            const Matrix a2_star = with_ones(a2);
            const Matrix z3 = product(a2_star, theta3);
            const Matrix y_hat = nn::sigmoid(z3);
            BOOST_TEST(all_close(fw.x_star, x_star, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.z1, z1, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.a1, a1, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.a1_star, a1_star, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.z2, z2, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.a2, a2, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.a2_star, a2_star, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.z3, z3, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.y_hat, y_hat, 1e-14, 1e-13));
        }
    }
}

BOOST_AUTO_TEST_CASE(forward_y_hat_is_strictly_inside_zero_one)
{
    const Dataset data = nn::make_spiral(1000, 3, 1);
    xt::random::seed(14);
    const Forward fw = nn::forward(data.X, random_theta(3, 6), random_theta(7, 4), random_theta(5, 3),
                                   nn::activation("relu"));
    BOOST_TEST_REQUIRE(has_shape(fw.y_hat, {3000, 3}));
    BOOST_TEST(all_finite(fw.y_hat));
    std::string problem;
    for (std::size_t i = 0; i < fw.y_hat.shape(0) && problem.empty(); ++i) {
        for (std::size_t k = 0; k < fw.y_hat.shape(1) && problem.empty(); ++k) {
            if (!(fw.y_hat(i, k) > 0.0 && fw.y_hat(i, k) < 1.0)) {
                std::ostringstream out;
                out << "ŷ(" << i << ", " << k << ") = " << fw.y_hat(i, k) << " is not strictly inside (0, 1)";
                problem = out.str();
            }
        }
    }
    BOOST_TEST(problem.empty(), problem);
}

BOOST_AUTO_TEST_CASE(forward_rejects_a_theta_of_the_wrong_shape, *nn::testing::provided())
{
    // The check sits outside the student's gap: it names the θ, the expected and the actual shape.
    const Matrix X = xt::zeros<double>({10, 2});
    const Matrix good1 = xt::zeros<double>({3, 6}), good2 = xt::zeros<double>({7, 4}),
                 good3 = xt::zeros<double>({5, 3});
    const Activation& phi = nn::activation("tanh");
    using nn::testing::throws_with;
    BOOST_TEST(throws_with<shape_error>(
        [&] {
            nn::forward(X, xt::zeros<double>({2, 6}), good2, good3, phi);
        },
        {"theta1", "expected (3, 6)", "got (2, 6)"}));
    BOOST_TEST(throws_with<shape_error>(
        [&] {
            nn::forward(X, good1, xt::zeros<double>({6, 4}), good3, phi);
        },
        {"theta2", "expected (7, 4)", "got (6, 4)"}));
    BOOST_TEST(throws_with<shape_error>(
        [&] {
            nn::forward(X, good1, good2, xt::zeros<double>({4, 3}), phi);
        },
        {"theta3", "expected (5, 3)", "got (4, 3)"}));
}

BOOST_AUTO_TEST_SUITE_END()
