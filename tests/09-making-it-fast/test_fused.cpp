// The appendix's fused structure-of-arrays version (chapters/09-making-it-fast/fused.cpp), compiled with
// -ffast-math and vector tanh, exp and log1p: its gradient against central differences (chapter 6's
// checker), its loss and gradient against the course's loop, and its threads against one thread.
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "../../chapters/09-making-it-fast/fused.hpp"
#include "course/02-activations/activation.hpp"
#include "course/06-backprop/gradcheck.hpp"
#include "student/backprop.hpp"

namespace {

// max |a − b| / max |b|
double relative_difference(const nn::Vector& a, const nn::Vector& b)
{
    return xt::amax(xt::abs(a - b))() / xt::amax(xt::abs(b))();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fused_structure_of_arrays)

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences)
{
    const bench::Problem p = bench::make_problem(100);  // N = 300: 122 losses for the differences
    bench::FusedNet net(p);
    const nn::GradientCheck check = nn::check_loss_and_gradient(
        [&net](const nn::Vector& theta) {
            const double loss = net.loss_and_gradient(theta);
            return nn::LossAndGradient{loss, net.gradient()};
        },
        p.theta0, p.c, 1e-7);
    BOOST_TEST(check.ok(), nn::gradient_check_report(check));
}

BOOST_AUTO_TEST_CASE(agrees_with_the_course_loop_to_1e_12)
{
    const bench::Problem p = bench::make_problem();
    bench::FusedNet net(p);
    const double loss = net.loss_and_gradient(p.theta0);
    const nn::LossAndGradient course =
        nn::loss_and_gradient(p.theta0, p.c, p.X, p.Y, nn::activation("tanh"), p.lambda);
    BOOST_TEST(std::abs(loss - course.loss) / std::abs(course.loss) <= 1e-12);
    BOOST_TEST(relative_difference(net.gradient(), course.gradient) <= 1e-12);
}

BOOST_AUTO_TEST_CASE(two_threads_agree_with_one_and_repeat_bit_for_bit)
{
    const bench::Problem p = bench::make_problem();
    bench::FusedNet one(p, 1), two(p, 2);
    nn::Vector theta1 = p.theta0, theta2 = p.theta0, again = p.theta0;
    one.train(theta1, 5);
    two.train(theta2, 5);
    BOOST_TEST(relative_difference(theta2, theta1) <= 1e-14);
    two.train(again, 5);
    BOOST_TEST((again == theta2));
}

BOOST_AUTO_TEST_SUITE_END()
