// Chapter 6 (course-provided): the finite-difference gradient checker of
// src/course/06-backprop/gradcheck.hpp.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <xtensor/xrandom.hpp>

#include "course/06-backprop/gradcheck.hpp"
#include "expect.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::provided;
using nn::testing::throws_with;

namespace {

// L(θ) = Σ_k (w_k θ_k² + sin θ_k), whose gradient is 2 w_k θ_k + cos θ_k: known exactly.
struct Smooth {
    Vector w;
    double operator()(const Vector& theta) const { return xt::sum(w * theta * theta + xt::sin(theta))(); }
    Vector gradient(const Vector& theta) const { return 2.0 * w * theta + xt::cos(theta); }
};

const Widths small_widths = {1, 2, 2, 1};  // θ(1) 2 × 2 (4), θ(2) 3 × 2 (6), θ(3) 3 × 1 (3): 13 numbers

Smooth smooth(std::size_t n, int seed)
{
    xt::random::seed(seed);
    return Smooth{xt::random::rand<double>({n}, -1.0, 1.0)};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gradient_checker)

BOOST_AUTO_TEST_CASE(numerical_gradient_matches_a_known_gradient, *provided())
{
    const Smooth f = smooth(13, 51);
    const Vector theta = xt::random::rand<double>({13}, -2.0, 2.0);
    BOOST_TEST(all_close(numerical_gradient(f, theta), f.gradient(theta), 1e-9, 0.0));
}

BOOST_AUTO_TEST_CASE(check_gradient_accepts_a_right_gradient, *provided())
{
    const Smooth f = smooth(13, 52);
    const Vector theta = xt::random::rand<double>({13}, -2.0, 2.0);
    const GradientCheck check = check_gradient(
        f, [&](const Vector& t) { return f.gradient(t); }, theta, small_widths);
    BOOST_TEST_REQUIRE(check.layers.size() == 3u);
    BOOST_TEST(check.ok(), gradient_check_report(check));
    BOOST_TEST(check.wrong_layer() == 0u);
    BOOST_TEST(gradient_check_report(check).find("Every layer agrees") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(check_gradient_names_the_wrong_layer_and_where, *provided())
{
    // A mistake in θ(2)'s entry (row 1, col 0) only: flat index 4 + 1·2 + 0 = 6.
    const Smooth f = smooth(13, 53);
    const Vector theta = xt::random::rand<double>({13}, -2.0, 2.0);
    const auto wrong = [&](const Vector& t) {
        Vector g = f.gradient(t);
        g(6) += 0.01;
        return g;
    };
    const GradientCheck check = check_gradient(f, wrong, theta, small_widths);
    BOOST_TEST(!check.ok());
    BOOST_TEST(check.wrong_layer() == 2u);
    BOOST_TEST(check.layers[0].ok);
    BOOST_TEST(!check.layers[1].ok);
    BOOST_TEST(check.layers[2].ok);
    BOOST_TEST(check.layers[1].row == 1u);
    BOOST_TEST(check.layers[1].col == 0u);
    BOOST_TEST(!check.layers[1].weights_ok);
    BOOST_TEST(gradient_check_report(check).find("goes wrong at layer 2") != std::string::npos,
               gradient_check_report(check));
}

BOOST_AUTO_TEST_CASE(check_gradient_names_the_layer_backprop_computes_first, *provided())
{
    // Layers 1 and 3 wrong: the error of layer 3 comes first in backprop's order.
    const Smooth f = smooth(13, 54);
    const Vector theta = xt::random::rand<double>({13}, -2.0, 2.0);
    const auto wrong = [&](const Vector& t) {
        Vector g = f.gradient(t);
        g(0) *= 2.0;
        g(12) *= -1.0;
        return g;
    };
    const GradientCheck check = check_gradient(f, wrong, theta, small_widths);
    BOOST_TEST(check.wrong_layer() == 3u);
    BOOST_TEST(!check.layers[0].ok);
    const std::string report = gradient_check_report(check);
    BOOST_TEST(report.find("goes wrong at layer 3") != std::string::npos, report);
}

BOOST_AUTO_TEST_CASE(check_gradient_points_at_a_penalised_bias_row, *provided())
{
    const Smooth f = smooth(13, 55);
    const Vector theta = xt::random::rand<double>({13}, -2.0, 2.0);
    const auto wrong = [&](const Vector& t) {
        Vector g = f.gradient(t);
        g(10) += 0.1 * t(10);  // θ(3)'s bias, flat index 4 + 6 = 10
        return g;
    };
    const GradientCheck check = check_gradient(f, wrong, theta, small_widths);
    BOOST_TEST(check.wrong_layer() == 3u);
    BOOST_TEST(check.layers[2].row == 0u);
    BOOST_TEST(check.layers[2].weights_ok);
    BOOST_TEST(gradient_check_report(check).find("Only its bias row") != std::string::npos,
               gradient_check_report(check));
}

BOOST_AUTO_TEST_CASE(check_gradient_does_not_accept_a_nan, *provided())
{
    const Smooth f = smooth(13, 56);
    const Vector theta = xt::random::rand<double>({13}, -2.0, 2.0);
    const auto wrong = [&](const Vector& t) {
        Vector g = f.gradient(t);
        g(3) = NAN;
        return g;
    };
    const GradientCheck check = check_gradient(f, wrong, theta, small_widths);
    BOOST_TEST(check.wrong_layer() == 1u);
}

BOOST_AUTO_TEST_CASE(check_gradient_rejects_a_gradient_of_the_wrong_length, *provided())
{
    const Smooth f = smooth(13, 57);
    const Vector theta = xt::zeros<double>({13});
    const auto short_gradient = [&](const Vector&) { return Vector(xt::zeros<double>({12})); };
    BOOST_TEST(throws_with<shape_error>([&] { check_gradient(f, short_gradient, theta, small_widths); },
                                        {"gradient", "13", "12"}));
    BOOST_TEST(throws_with<shape_error>(
        [&] { check_gradient(f, short_gradient, Vector(xt::zeros<double>({14})), small_widths); },
        {"theta", "13", "14"}));
}

BOOST_AUTO_TEST_SUITE_END()
