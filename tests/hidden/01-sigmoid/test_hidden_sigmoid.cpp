// Chapter 1's hidden tests (never released): σ and σ′ on random inputs drawn from the grader's seed
// (COURSE_SEED, tests/support/seed.hpp), against the formulas written out here.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "expect.hpp"
#include "seed.hpp"
#include "student/sigmoid.hpp"

using nn::Array;
using nn::testing::all_close;
using nn::testing::RandomInputs;

namespace {

// σ(v) without overflow: 1 / (1 + e^(−v)) for v ≥ 0, e^v / (1 + e^v) for v < 0.
double sigma(double v)
{
    return v >= 0 ? 1.0 / (1.0 + std::exp(-v)) : std::exp(v) / (1.0 + std::exp(v));
}

// z of a random shape (a vector, a matrix or a block of three axes), values in [low, high).
Array random_z(RandomInputs& in, double low, double high)
{
    const std::size_t rank = in.integer(1, 3);
    std::vector<std::size_t> shape;
    for (std::size_t k = 0; k < rank; ++k) {
        shape.push_back(in.integer(1, rank == 1 ? 40 : 6));
    }
    Array z = Array::from_shape(shape);
    for (double& v : z) {
        v = in.uniform(low, high);
    }
    return z;
}

Array each(const Array& z, double (*f)(double))
{
    Array out = z;
    for (double& v : out) {
        v = f(v);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sigmoid)

BOOST_AUTO_TEST_CASE(hidden_sigmoid_on_random_z)
{
    RandomInputs in;
    const Array z = random_z(in, -40.0, 40.0);
    BOOST_TEST(all_close(nn::sigmoid(z), each(z, sigma), 1e-15, 1e-14));
}

BOOST_AUTO_TEST_CASE(hidden_sigmoid_on_random_large_z)
{
    // |z| in [100, 1000]: finite, and 0 or 1 to the absolute accuracy of every test of σ.
    RandomInputs in;
    Array z = random_z(in, 100.0, 1000.0);
    for (double& v : z) {
        v = in.uniform(0, 1) < 0.5 ? -v : v;
    }
    BOOST_TEST(nn::testing::all_finite(nn::sigmoid(z)));
    BOOST_TEST(all_close(nn::sigmoid(z), each(z, sigma), 1e-15, 1e-15));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sigmoid_prime)

BOOST_AUTO_TEST_CASE(hidden_sigmoid_prime_on_random_z)
{
    // σ′ = σ (1 − σ)
    RandomInputs in;
    const Array z = random_z(in, -30.0, 30.0);
    const Array expected = each(z, [](double v) { return sigma(v) * (1.0 - sigma(v)); });
    BOOST_TEST(all_close(nn::sigmoid_prime(z), expected, 1e-15, 1e-13));
}

BOOST_AUTO_TEST_SUITE_END()
