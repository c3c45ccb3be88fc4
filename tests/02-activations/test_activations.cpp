// Chapter 2: the activations φ (tanh, ReLU) and their derivatives, tanh through exp, and φ by name.
#include <boost/test/unit_test.hpp>
#include <cfenv>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>
#include <xtensor/xview.hpp>

#include "course/02-activations/activation.hpp"
#include "expect.hpp"
#include "student/activations.hpp"
#include "student/sigmoid.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::all_finite;
using nn::testing::has_shape;

namespace {

/// f applied with a plain loop to every element of z: the reference the tests compare with.
Array each(const Array& z, const std::function<double(double)>& f)
{
    Array out = z;
    for (auto& v : out) {
        v = f(v);
    }
    return out;
}

/// The central difference (f(z + h) − f(z − h)) / 2h of a scalar function, element by element.
Array central_difference(const Array& z, const std::function<double(double)>& f, double h = 1e-5)
{
    return each(z, [&](double v) { return (f(v + h) - f(v - h)) / (2 * h); });
}

/// Random z in [−5, 5] that stay at least 0.01 away from 0 (where ReLU has its kink).
Array away_from_zero(std::size_t n, int seed)
{
    xt::random::seed(seed);
    Array z = xt::random::rand<double>({n}, -5.0, 5.0);
    for (auto& v : z) {
        if (std::abs(v) < 0.01) {
            v = v < 0 ? -0.5 : 0.5;
        }
    }
    return z;
}

const Array a_matrix = {{0.0, 1.0, -2.0}, {3.5, -0.25, 7.0}};
const Array a_cube = {{{0.0, 1.0}, {2.0, -3.0}}, {{-1.0, -2.0}, {0.5, 4.0}}};

}  // namespace

BOOST_AUTO_TEST_SUITE(tanh_prime)

BOOST_AUTO_TEST_CASE(tanh_prime_is_one_at_zero)
{
    // tanh′(0) = 1 − tanh²(0) = 1 − 0
    BOOST_TEST(all_close(nn::tanh_prime(Array{0.0}), Array{1.0}, 1e-15, 0.0));
}

BOOST_AUTO_TEST_CASE(tanh_prime_matches_one_minus_tanh_squared_at_known_points)
{
    const Array z = {-3.0, -1.0, 0.5, 1.0, 2.0};
    // 1 − tanh²(z), with tanh(1) = 0.7615941559557649, tanh(2) = 0.9640275800758169, …
    const Array expected = {0.009866037165440211, 0.41997434161402614, 0.7864477329659274,
                            0.41997434161402614, 0.07065082485316443};
    BOOST_TEST(all_close(nn::tanh_prime(z), expected, 1e-15, 1e-13));
}

BOOST_AUTO_TEST_CASE(tanh_prime_matches_a_central_difference)
{
    // tanh′(z) ≈ (tanh(z + h) − tanh(z − h)) / 2h, error of order h² ≈ 1e-10
    xt::random::seed(3);
    const Array z = xt::random::rand<double>({40}, -4.0, 4.0);
    const Array numeric = central_difference(z, [](double v) { return std::tanh(v); });
    BOOST_TEST(all_close(nn::tanh_prime(z), numeric, 1e-9, 0.0));
}

BOOST_AUTO_TEST_CASE(tanh_prime_keeps_the_shape)
{
    for (const Array& z : {a_matrix, a_cube}) {
        const Array expected = each(z, [](double v) { return 1.0 - std::tanh(v) * std::tanh(v); });
        BOOST_TEST(all_close(nn::tanh_prime(z), expected, 1e-15, 1e-13));
    }
}

BOOST_AUTO_TEST_CASE(tanh_prime_is_finite_and_zero_at_plus_and_minus_1000)
{
    const Array d = nn::tanh_prime(Array{-1000.0, 1000.0});
    BOOST_TEST(all_finite(d));
    // tanh′(±1000) ≈ 4e-868: 0 in double precision; any result within 1e-200 of 0 is right.
    BOOST_TEST(all_close(d, Array{0.0, 0.0}, 1e-200, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tanh_from_exp)

BOOST_AUTO_TEST_CASE(tanh_from_exp_is_zero_at_zero)
{
    BOOST_TEST(all_close(nn::tanh_from_exp(Array{0.0}), Array{0.0}, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(tanh_from_exp_matches_the_library_tanh)
{
    // Through exp, tanh loses a few digits near 0 (1 − e^(−2|z|) cancels), so an absolute tolerance:
    // 1e-15 is about 5 units in the last place of a number near 1.
    xt::random::seed(4);
    const Array z = xt::random::rand<double>({60}, -20.0, 20.0);
    const Array expected = each(z, [](double v) { return std::tanh(v); });
    BOOST_TEST(all_close(nn::tanh_from_exp(z), expected, 1e-15, 0.0));
}

BOOST_AUTO_TEST_CASE(tanh_from_exp_is_odd)
{
    // tanh(−z) = −tanh(z) on random z, to the accuracy asked of tanh everywhere (1e-15): a correct
    // formula need not be odd to the last bit, e.g. 2σ(2z) − 1
    xt::random::seed(5);
    const Array z = xt::random::rand<double>({30}, -10.0, 10.0);
    BOOST_TEST(all_close(nn::tanh_from_exp(-z), Array(-nn::tanh_from_exp(z)), 1e-15, 0.0));
}

BOOST_AUTO_TEST_CASE(tanh_from_exp_is_one_at_1000_and_never_overflows)
{
    // The naive (e^z − e^(−z)) / (e^z + e^(−z)) gives inf / inf = NaN at z = ±1000.
    const Array z = {-1000.0, -710.0, -30.0, 30.0, 710.0, 1000.0};
    std::feclearexcept(FE_ALL_EXCEPT);
    const Array t = nn::tanh_from_exp(z);
    const bool overflowed = std::fetestexcept(FE_OVERFLOW) != 0;
    BOOST_TEST(all_finite(t));
    BOOST_TEST(all_close(t, Array{-1.0, -1.0, -1.0, 1.0, 1.0, 1.0}, 1e-15, 0.0));
    BOOST_TEST(!overflowed, "computing tanh(" << nn::testing::preview(z)
                                              << ") overflowed (a power of e above "
                                                 "1e308 was computed)");
}

BOOST_AUTO_TEST_CASE(tanh_from_exp_keeps_the_shape)
{
    for (const Array& z : {a_matrix, a_cube}) {
        const Array expected = each(z, [](double v) { return std::tanh(v); });
        BOOST_TEST(all_close(nn::tanh_from_exp(z), expected, 1e-15, 0.0));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(relu)

BOOST_AUTO_TEST_CASE(relu_at_known_points)
{
    // max(0, z)
    const Array z = {-2.0, -0.5, 0.0, 0.25, 3.5};
    BOOST_TEST(all_close(nn::relu(z), Array{0.0, 0.0, 0.0, 0.25, 3.5}, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(relu_keeps_positives_and_zeroes_negatives)
{
    xt::random::seed(6);
    const Array z = xt::random::rand<double>({50}, -100.0, 100.0);
    const Array expected = each(z, [](double v) { return v > 0 ? v : 0.0; });
    BOOST_TEST(all_close(nn::relu(z), expected, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(relu_keeps_the_shape)
{
    for (const Array& z : {a_matrix, a_cube}) {
        const Array expected = each(z, [](double v) { return v > 0 ? v : 0.0; });
        BOOST_TEST(all_close(nn::relu(z), expected, 0.0, 0.0));
    }
}

BOOST_AUTO_TEST_CASE(relu_is_finite_at_plus_and_minus_1000)
{
    const Array r = nn::relu(Array{-1000.0, 1000.0});
    BOOST_TEST(all_finite(r));
    BOOST_TEST(all_close(r, Array{0.0, 1000.0}, 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(relu_prime)

BOOST_AUTO_TEST_CASE(relu_prime_is_zero_at_zero_by_convention)
{
    // ReLU has a kink at 0 (slope 0 on the left, 1 on the right); the course takes ReLU′(0) = 0.
    BOOST_TEST(all_close(nn::relu_prime(Array{0.0}), Array{0.0}, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(relu_prime_at_known_points)
{
    const Array z = {-3.0, -1e-9, 0.0, 1e-9, 0.5, 42.0};
    BOOST_TEST(all_close(nn::relu_prime(z), Array{0.0, 0.0, 0.0, 1.0, 1.0, 1.0}, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(relu_prime_matches_a_central_difference_away_from_zero)
{
    // Away from the kink ReLU is a straight line, so the central difference is exact up to rounding.
    const Array z = away_from_zero(50, 7);
    const Array numeric = central_difference(z, [](double v) { return v > 0 ? v : 0.0; });
    BOOST_TEST(all_close(nn::relu_prime(z), numeric, 1e-9, 0.0));
}

BOOST_AUTO_TEST_CASE(relu_prime_keeps_the_shape)
{
    for (const Array& z : {a_matrix, a_cube}) {
        const Array expected = each(z, [](double v) { return v > 0 ? 1.0 : 0.0; });
        BOOST_TEST(all_close(nn::relu_prime(z), expected, 0.0, 0.0));
    }
}

BOOST_AUTO_TEST_CASE(relu_prime_is_finite_at_plus_and_minus_1000)
{
    const Array d = nn::relu_prime(Array{-1000.0, 1000.0});
    BOOST_TEST(all_finite(d));
    BOOST_TEST(all_close(d, Array{0.0, 1.0}, 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(activation)

BOOST_AUTO_TEST_CASE(activation_finds_each_function_by_name, *nn::testing::provided())
{
    BOOST_TEST(nn::activation("sigmoid").phi.function() == &nn::sigmoid);
    BOOST_TEST(nn::activation("sigmoid").phi_prime.function() == &nn::sigmoid_prime);
    BOOST_TEST(nn::activation("tanh").phi.function() == &nn::tanh);
    BOOST_TEST(nn::activation("tanh").phi_prime.function() == &nn::tanh_prime);
    BOOST_TEST(nn::activation("relu").phi.function() == &nn::relu);
    BOOST_TEST(nn::activation("relu").phi_prime.function() == &nn::relu_prime);
    BOOST_TEST(nn::activation("relu").name == "relu");
}

BOOST_AUTO_TEST_CASE(an_unknown_activation_lists_the_valid_names, *nn::testing::provided())
{
    BOOST_TEST(nn::testing::throws_with<std::invalid_argument>([] { nn::activation("softmax"); },
                                                               {"softmax", "sigmoid", "tanh", "relu"}));
    BOOST_TEST(
        nn::testing::throws_with<std::invalid_argument>([] { nn::activation("ReLU"); }, {"ReLU", "relu"}));
}

BOOST_AUTO_TEST_CASE(the_course_tanh_is_the_library_tanh, *nn::testing::provided())
{
    // tanh(z) for moderate z, exactly ±1 at ±1000, and accurate near 0: tanh(1e-10) = 1e-10 (relative)
    const Array z = {-1000.0, -1.0, 1e-10, 0.5, 1000.0};
    const Array expected = each(z, [](double v) { return std::tanh(v); });
    const Array t = nn::tanh(z);
    BOOST_TEST(all_close(t, expected, 0.0, 1e-15));
    BOOST_TEST(has_shape(nn::tanh(a_cube), {2, 2, 2}));
}

BOOST_AUTO_TEST_CASE(phi_of_a_matrix_is_a_matrix_of_the_same_numbers, *nn::testing::provided())
{
    // φ(z(l)) of a layer's 300 × 6 matrix: a matrix, with the very numbers of φ of the same array
    xt::random::seed(11);
    const Matrix z = 3.0 * xt::random::randn<double>({300, 6});
    const Array expected = nn::tanh(Array(z));
    const Matrix a = nn::activation("tanh").phi(z);
    BOOST_TEST(has_shape(a, {300, 6}));
    BOOST_TEST(all_close(a, expected, 0.0, 0.0));
    // a row (one sample, 1 × 6) and a column (300 × 1)
    const Matrix row = xt::view(z, xt::range(4, 5), xt::all());
    const Matrix column = xt::view(z, xt::all(), xt::range(2, 3));
    BOOST_TEST(all_close(nn::activation("tanh").phi(row), nn::tanh(Array(row)), 0.0, 0.0));
    BOOST_TEST(all_close(nn::activation("tanh").phi(column), nn::tanh(Array(column)), 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(tanh_of_a_kept_z_is_the_forward_pass_result_and_a_changed_z_is_computed,
                     *nn::testing::provided())
{
    // φ = tanh of a layer's z(l) keeps its result; tanh′'s tanh(z(l)) in the backward pass is handed the
    // same numbers, and any z that differs in a single number is computed afresh
    xt::random::seed(12);
    const Matrix z1 = 3.0 * xt::random::randn<double>({300, 6});
    const Matrix z2 = 3.0 * xt::random::randn<double>({300, 4});
    const Array tanh_z1 = nn::tanh(Array(z1));
    const Array tanh_z2 = nn::tanh(Array(z2));
    const Activation& phi = nn::activation("tanh");
    const Matrix a1 = phi.phi(z1);
    const Matrix a2 = phi.phi(z2);
    Matrix z1_changed = z1;
    z1_changed(123, 4) += 0.5;
    const Array tanh_z1_changed = nn::tanh(Array(z1_changed));
    BOOST_TEST(tanh_z1_changed(123, 4) == std::tanh(z1_changed(123, 4)), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(tanh_z1_changed(123, 4) != tanh_z1(123, 4));
    BOOST_TEST(all_close(nn::tanh(Array(z2)), tanh_z2, 0.0, 0.0));
    BOOST_TEST(all_close(nn::tanh(Array(z1)), tanh_z1, 0.0, 0.0));
    BOOST_TEST(all_close(nn::tanh(Array(z1)), tanh_z1, 0.0, 0.0));  // (once handed over, computed again)
    BOOST_TEST(all_close(a1, tanh_z1, 0.0, 0.0));
    BOOST_TEST(all_close(a2, tanh_z2, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(a_function_of_a_kept_z_gets_the_same_numbers_and_may_throw, *nn::testing::provided())
{
    // φ′ of the z(l) that φ = tanh kept is given the kept array: 2 tanh(z) stands for 1 − tanh²(z) here
    // (tanh′ is the student's); a function that throws leaves the kept z(l) usable
    xt::random::seed(13);
    const Matrix z = 3.0 * xt::random::randn<double>({300, 6});
    const Array tanh_z = nn::tanh(Array(z));
    const ElementWise twice_tanh([](const Array& x) { return Array(2.0 * nn::tanh(x)); });
    const ElementWise fails([](const Array&) -> Array { throw std::runtime_error("not implemented"); });
    const Matrix a = nn::activation("tanh").phi(z);
    BOOST_CHECK_THROW(fails(z), std::runtime_error);
    BOOST_TEST(all_close(twice_tanh(z), 2.0 * tanh_z, 0.0, 0.0));
    BOOST_TEST(all_close(twice_tanh(z), 2.0 * tanh_z, 0.0, 0.0));  // (handed over once, then computed)
    Matrix z_changed = z;
    z_changed(0, 0) = -z_changed(0, 0);
    nn::activation("tanh").phi(z);
    const Matrix changed = twice_tanh(z_changed);
    BOOST_TEST(changed(0, 0) == -2.0 * tanh_z(0, 0));
    BOOST_TEST(all_close(xt::view(changed, xt::range(1, 300), xt::all()),
                         xt::view(2.0 * tanh_z, xt::range(1, 300), xt::all()), 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()
