// Chapter 2's hidden tests (never released): the activations on random inputs drawn from the grader's seed
// (COURSE_SEED, tests/support/seed.hpp), against the formulas written out here.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "expect.hpp"
#include "seed.hpp"
#include "student/activations.hpp"

using nn::Array;
using nn::testing::all_close;
using nn::testing::RandomInputs;

namespace {

// n random z in [low, high), as a vector or as a matrix of about the same size.
Array random_z(RandomInputs& in, double low, double high)
{
    const std::size_t rows = in.integer(1, 5), cols = in.integer(1, 9);
    Array z = Array::from_shape(in.integer(0, 1) ? std::vector<std::size_t>{rows * cols}
                                                 : std::vector<std::size_t>{rows, cols});
    for (double& v : z) {
        v = in.uniform(low, high);
        // away from ReLU's kink, where its derivative is a convention
        v = std::abs(v) < 1e-3 ? 0.5 : v;
    }
    return z;
}

template <class F>
Array each(const Array& z, F f)
{
    Array out = z;
    for (double& v : out) {
        v = f(v);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tanh_prime)

BOOST_AUTO_TEST_CASE(hidden_tanh_prime_on_random_z)
{
    RandomInputs in;
    const Array z = random_z(in, -12.0, 12.0);
    const Array expected = each(z, [](double v) { return 1.0 - std::tanh(v) * std::tanh(v); });
    BOOST_TEST(all_close(nn::tanh_prime(z), expected, 1e-15, 1e-13));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tanh_from_exp)

BOOST_AUTO_TEST_CASE(hidden_tanh_from_exp_on_random_z)
{
    RandomInputs in;
    const Array z = random_z(in, -30.0, 30.0);
    BOOST_TEST(all_close(nn::tanh_from_exp(z), each(z, [](double v) { return std::tanh(v); }), 1e-15, 0.0));
}

BOOST_AUTO_TEST_CASE(hidden_tanh_from_exp_on_random_large_z)
{
    RandomInputs in;
    const Array z = random_z(in, -1000.0, 1000.0);
    const Array t = nn::tanh_from_exp(z);
    BOOST_TEST(nn::testing::all_finite(t));
    BOOST_TEST(all_close(t, each(z, [](double v) { return std::tanh(v); }), 1e-15, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(relu)

BOOST_AUTO_TEST_CASE(hidden_relu_on_random_z)
{
    RandomInputs in;
    const Array z = random_z(in, -50.0, 50.0);
    BOOST_TEST(all_close(nn::relu(z), each(z, [](double v) { return v > 0 ? v : 0.0; }), 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(relu_prime)

BOOST_AUTO_TEST_CASE(hidden_relu_prime_on_random_z)
{
    RandomInputs in;
    const Array z = random_z(in, -50.0, 50.0);
    BOOST_TEST(all_close(nn::relu_prime(z), each(z, [](double v) { return v > 0 ? 1.0 : 0.0; }), 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()
