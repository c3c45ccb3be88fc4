// Chapter 1: the sigmoid σ(z) = 1 / (1 + e^(−z)) and its derivative σ′ = σ(1 − σ).
#include <boost/test/unit_test.hpp>
#include <cfenv>
#include <sstream>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>
#include <xtensor/xview.hpp>

#include "expect.hpp"
#include "student/sigmoid.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::all_finite;

BOOST_AUTO_TEST_SUITE(sigmoid)

BOOST_AUTO_TEST_CASE(sigmoid_is_half_at_zero)
{
    // σ(0) = 1 / (1 + 1) = 0.5
    BOOST_TEST(all_close(nn::sigmoid(Array{0.0}), Array{0.5}));
}

BOOST_AUTO_TEST_CASE(sigmoid_matches_the_formula_at_known_points)
{
    const Array z = {-3.0, -1.0, 0.25, 1.0, 2.0, 5.0};
    // σ(z) = 1 / (1 + e^(−z)), written out: 1/(1+e^3), 1/(1+e), …
    const Array expected = {0.04742587317756678, 0.2689414213699951, 0.5621765008857981,
                            0.7310585786300049,  0.8807970779778823, 0.9933071490757153};
    BOOST_TEST(all_close(nn::sigmoid(z), expected, 1e-15, 1e-14));
}

BOOST_AUTO_TEST_CASE(sigmoid_is_symmetric_about_one_half)
{
    // σ(−z) = 1 − σ(z), on random z in [−20, 20]
    xt::random::seed(1);
    const Array z = xt::random::rand<double>({50}, -20.0, 20.0);
    BOOST_TEST(all_close(nn::sigmoid(-z), Array(1.0 - nn::sigmoid(z)), 1e-15, 1e-12));
}

BOOST_AUTO_TEST_CASE(sigmoid_is_stable_at_plus_and_minus_1000)
{
    // The naive 1 / (1 + e^(−z)) overflows e^1000 = inf; σ(−1000) must still be a number, ≈ 0.
    const Array z = {-1000.0, -745.0, -40.0, 40.0, 745.0, 1000.0};
    const Array s = nn::sigmoid(z);
    BOOST_TEST(all_finite(s));
    // σ(−1000) ≈ 5e-435 and σ(−745) ≈ 2e-324 are 0 in double precision, or the smallest subnormal: any
    // result within 1e-200 of 0 is right.
    BOOST_TEST(all_close(Array(xt::view(s, xt::range(0, 2))), Array{0.0, 0.0}, 1e-200, 0.0));
    // σ(−40) ≈ 4.2e-18 to the absolute accuracy of every test of σ (1e-15): a correct formula may give 0
    // there, e.g. (1 + tanh(z/2)) / 2, whose 1 + tanh(−20) cancels.
    const Array expected = {4.248354255291589e-18, 1.0, 1.0, 1.0};
    BOOST_TEST(all_close(Array(xt::view(s, xt::range(2, 6))), expected, 1e-15, 1e-12));
}

BOOST_AUTO_TEST_CASE(sigmoid_works_element_wise_on_any_shape)
{
    // A 3 × 2 matrix and a 2 × 2 × 2 block keep their shapes; each element is σ of the element.
    const Array m = {{0.0, 1.0}, {-1.0, 2.0}, {3.0, -3.0}};
    const Array cube = {{{0.0, 1.0}, {2.0, 3.0}}, {{-1.0, -2.0}, {-3.0, 0.5}}};
    for (const Array& z : {m, cube}) {
        const Array s = nn::sigmoid(z);
        Array expected = z;
        for (auto& v : expected) {
            v = 1.0 / (1.0 + std::exp(-v));
        }
        BOOST_TEST(all_close(s, expected, 1e-15, 1e-14));
    }
}

BOOST_AUTO_TEST_CASE(sigmoid_is_increasing_and_inside_zero_one)
{
    const Array z = xt::linspace<double>(-30.0, 30.0, 601);
    const Array s = nn::sigmoid(z);
    BOOST_TEST_REQUIRE(nn::testing::has_shape(s, {601}));
    // The first z where σ leaves (0, 1), or fails to grow, is reported with its neighbour.
    std::string problem;
    for (std::size_t i = 0; i < s.size() && problem.empty(); ++i) {
        std::ostringstream out;
        if (!(s(i) > 0.0 && s(i) < 1.0)) {
            out << "σ(" << z(i) << ") = " << s(i) << " is not inside (0, 1)";
        } else if (i > 0 && !(s(i) > s(i - 1))) {
            out << "σ is not increasing: σ(" << z(i - 1) << ") = " << s(i - 1) << " but σ(" << z(i)
                << ") = " << s(i);
        }
        problem = out.str();
    }
    BOOST_TEST(problem.empty(), problem);
}

BOOST_AUTO_TEST_CASE(sigmoid_never_overflows)
{
    // 1 / (1 + e^(−z)) computes e^1000 for z = −1000: that overflows to inf (and e^z / (1 + e^z) gives
    // inf / inf = NaN at z = 1000). A stable σ never raises the floating-point overflow flag.
    const Array z = {-1000.0, -710.0, 0.0, 710.0, 1000.0};
    std::feclearexcept(FE_ALL_EXCEPT);
    const Array s = nn::sigmoid(z);
    const bool overflowed = std::fetestexcept(FE_OVERFLOW) != 0;
    BOOST_TEST(!overflowed, "computing σ(" << nn::testing::preview(z)
                                           << ") overflowed (a power of e above 1e308 was "
                                              "computed); result "
                                           << nn::testing::preview(s));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sigmoid_prime)

BOOST_AUTO_TEST_CASE(sigmoid_prime_is_a_quarter_at_zero)
{
    // σ′(0) = σ(0)(1 − σ(0)) = 0.5 · 0.5
    BOOST_TEST(all_close(nn::sigmoid_prime(Array{0.0}), Array{0.25}));
}

BOOST_AUTO_TEST_CASE(sigmoid_prime_matches_a_central_difference)
{
    // σ′(z) ≈ (σ(z + h) − σ(z − h)) / 2h, with the error of order h² ≈ 1e-10
    xt::random::seed(2);
    const Array z = xt::random::rand<double>({40}, -8.0, 8.0);
    const double h = 1e-5;
    Array numeric = z;
    for (auto& v : numeric) {
        const double plus = 1.0 / (1.0 + std::exp(-(v + h)));
        const double minus = 1.0 / (1.0 + std::exp(-(v - h)));
        v = (plus - minus) / (2 * h);
    }
    BOOST_TEST(all_close(nn::sigmoid_prime(z), numeric, 1e-9, 0.0));
}

BOOST_AUTO_TEST_CASE(sigmoid_prime_is_finite_and_tiny_at_plus_and_minus_1000)
{
    const Array z = {-1000.0, 1000.0};
    const Array d = nn::sigmoid_prime(z);
    BOOST_TEST(all_finite(d));
    // σ′(±1000) ≈ 5e-435: 0 in double precision; any result within 1e-200 of 0 is right.
    BOOST_TEST(all_close(d, Array{0.0, 0.0}, 1e-200, 0.0));
}

BOOST_AUTO_TEST_CASE(sigmoid_prime_keeps_the_shape)
{
    const Array z = {{0.0, 1.0, 2.0}, {-1.0, -2.0, 4.0}};
    Array expected = z;
    for (auto& v : expected) {
        const double s = 1.0 / (1.0 + std::exp(-v));
        v = s * (1 - s);
    }
    BOOST_TEST(all_close(nn::sigmoid_prime(z), expected, 1e-15, 1e-13));
}

BOOST_AUTO_TEST_SUITE_END()
