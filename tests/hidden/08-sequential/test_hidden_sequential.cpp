// Chapter 8's hidden tests (never released): Sequential's passes on random depths, widths, activations and
// numbers drawn from the grader's seed (COURSE_SEED, tests/support/seed.hpp), against the network written
// out with loops in ../06-backprop/reference_network.hpp.
#include <boost/test/unit_test.hpp>

#include "../04-theta/random_network.hpp"
#include "../06-backprop/reference_network.hpp"
#include "course/08-sequential/sequential_model.hpp"
#include "expect.hpp"
#include "seed.hpp"
#include "student/sequential.hpp"

using nn::Matrix;
using nn::Vector;
using nn::Widths;
using nn::testing::all_close;
using nn::testing::RandomInputs;

namespace {

using nn::hidden::Problem;

// A network of 1 to 5 layers of 1 to 7 units.
Problem random_problem(RandomInputs& in)
{
    return nn::hidden::random_problem(in, nn::hidden::random_widths(in, 5, 7));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sequential_forward)

BOOST_AUTO_TEST_CASE(hidden_sequential_forward_on_a_random_network)
{
    RandomInputs in;
    const Problem p = random_problem(in);
    const nn::hidden::Pass ref = nn::hidden::network(p.theta, p.c, p.X, p.Y, p.phi, p.lambda);
    const nn::SequentialForward fw = nn::sequential_forward(nn::Sequential(p.c, p.phi), p.theta, p.X);
    const std::size_t L = p.c.size() - 1;
    BOOST_TEST_INFO("widths " << nn::widths_str(p.c) << ", φ = " << p.phi);
    BOOST_TEST_REQUIRE(fw.z.size() == L + 1);
    BOOST_TEST_REQUIRE(fw.a_star.size() == L);
    for (std::size_t l = 1; l <= L; ++l) {
        BOOST_TEST(all_close(fw.z[l], ref.z[l - 1], 1e-14, 1e-12), "z(" << l << ")");
        BOOST_TEST(all_close(fw.a_star[l - 1], ref.a_star[l - 1], 1e-14, 1e-12), "a(" << l - 1 << ")*");
    }
    BOOST_TEST(all_close(fw.y_hat, ref.y_hat, 1e-14, 1e-12));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sequential_backward)

BOOST_AUTO_TEST_CASE(hidden_sequential_backward_on_a_random_network)
{
    RandomInputs in;
    const Problem p = random_problem(in);
    const nn::hidden::Pass ref = nn::hidden::network(p.theta, p.c, p.X, p.Y, p.phi, p.lambda);
    const nn::Sequential model(p.c, p.phi);
    // The forward pass of the reference, so that only the backward pass is under test here.
    nn::SequentialForward fw;
    fw.a_star = ref.a_star;
    fw.z = {Matrix()};
    fw.z.insert(fw.z.end(), ref.z.begin(), ref.z.end());
    fw.y_hat = ref.y_hat;
    BOOST_TEST_INFO("widths " << nn::widths_str(p.c) << ", φ = " << p.phi << ", λ = " << p.lambda);
    BOOST_TEST(
        all_close(nn::sequential_backward(model, fw, p.theta, p.Y, p.lambda), ref.gradient, 1e-13, 1e-10));
}

BOOST_AUTO_TEST_SUITE_END()
