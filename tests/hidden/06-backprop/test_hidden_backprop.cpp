// Chapter 6's hidden tests (never released): the penalty's gradient, backprop and loss_and_gradient on
// random widths and numbers drawn from the grader's seed (COURSE_SEED, tests/support/seed.hpp), against
// the network written out with loops in reference_network.hpp.
#include <boost/test/unit_test.hpp>

#include "../04-theta/random_network.hpp"
#include "course/02-activations/activation.hpp"
#include "expect.hpp"
#include "reference_network.hpp"
#include "seed.hpp"
#include "student/backprop.hpp"
#include "student/forward.hpp"

using nn::Matrix;
using nn::Vector;
using nn::Widths;
using nn::testing::all_close;
using nn::testing::RandomInputs;

namespace {

using nn::hidden::Problem;

// The lecture's three layers, of random widths: c(0) to c(3) from 1 to 4, 7, 5 and 4 units.
Problem random_problem(RandomInputs& in)
{
    const Widths c = {in.integer(1, 4), in.integer(1, 7), in.integer(1, 5), in.integer(1, 4)};
    return nn::hidden::random_problem(in, c);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(l2_gradient)

BOOST_AUTO_TEST_CASE(hidden_l2_gradient_of_a_random_theta)
{
    RandomInputs in;
    const Matrix theta = in.matrix(in.integer(1, 9), in.integer(1, 9), -3.0, 3.0);
    const double lambda = in.uniform(0.0, 4.0);
    const std::size_t N = in.integer(1, 3000);
    Matrix expected = theta;
    for (std::size_t r = 0; r < theta.shape(0); ++r) {
        for (std::size_t k = 0; k < theta.shape(1); ++k) {
            expected(r, k) = r == 0 ? 0.0 : lambda / double(N) * theta(r, k);
        }
    }
    BOOST_TEST(all_close(nn::l2_gradient(theta, lambda, N), expected, 1e-15, 1e-13));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(backprop)

BOOST_AUTO_TEST_CASE(hidden_backprop_on_a_random_network)
{
    RandomInputs in;
    const Problem p = random_problem(in);
    const nn::hidden::Pass ref = nn::hidden::network(p.theta, p.c, p.X, p.Y, p.phi, p.lambda);
    const std::vector<Matrix> t = nn::hidden::layers(p.theta, p.c);
    const nn::Activation& phi = nn::activation(p.phi);
    const nn::Gradients g =
        nn::backprop(nn::forward(p.X, t[0], t[1], t[2], phi), p.Y, t[0], t[1], t[2], phi, p.lambda);
    const std::vector<Matrix> expected = nn::hidden::layers(ref.gradient, p.c);
    BOOST_TEST_INFO("widths " << nn::widths_str(p.c) << ", φ = " << p.phi << ", λ = " << p.lambda);
    BOOST_TEST(all_close(g.dz3, Matrix((ref.y_hat - p.Y) / double(p.X.shape(0))), 1e-15, 1e-12));
    BOOST_TEST(all_close(g.dtheta1, expected[0], 1e-13, 1e-10));
    BOOST_TEST(all_close(g.dtheta2, expected[1], 1e-13, 1e-10));
    BOOST_TEST(all_close(g.dtheta3, expected[2], 1e-13, 1e-10));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(loss_and_gradient)

BOOST_AUTO_TEST_CASE(hidden_loss_and_gradient_on_a_random_network)
{
    RandomInputs in;
    const Problem p = random_problem(in);
    const nn::hidden::Pass ref = nn::hidden::network(p.theta, p.c, p.X, p.Y, p.phi, p.lambda);
    const nn::LossAndGradient got =
        nn::loss_and_gradient(p.theta, p.c, p.X, p.Y, nn::activation(p.phi), p.lambda);
    BOOST_TEST_INFO("widths " << nn::widths_str(p.c) << ", φ = " << p.phi << ", λ = " << p.lambda);
    BOOST_TEST(got.loss == ref.loss, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(all_close(got.gradient, ref.gradient, 1e-13, 1e-10));
}

BOOST_AUTO_TEST_SUITE_END()
