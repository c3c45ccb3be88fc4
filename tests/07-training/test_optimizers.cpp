// Chapter 7: the update rules over the flat θ — gradient descent, momentum and Adam.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>

#include "course/07-training/optimizer.hpp"
#include "expect.hpp"
#include "student/training.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::throws_with;

namespace {

Vector random_vector(std::size_t n, int seed, double low = -2.0, double high = 2.0)
{
    xt::random::seed(seed);
    return xt::random::rand<double>({n}, low, high);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gd_step)

BOOST_AUTO_TEST_CASE(gd_step_moves_theta_against_the_gradient)
{
    // θ ← θ − η ∇θL on 61 random numbers, for two learning rates
    for (double lr : {0.3, 0.01}) {
        Vector theta = random_vector(61, 1);
        const Vector gradient = random_vector(61, 2);
        const Vector expected = theta - lr * gradient;
        nn::gd_step(theta, gradient, lr);
        BOOST_TEST(all_close(theta, expected, 1e-15, 1e-15));
    }
}

BOOST_AUTO_TEST_CASE(gd_step_with_a_zero_gradient_leaves_theta_alone)
{
    Vector theta = {0.5, -1.5, 2.0};
    nn::gd_step(theta, Vector{0.0, 0.0, 0.0}, 0.7);
    BOOST_TEST(all_close(theta, Vector{0.5, -1.5, 2.0}, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(gd_step_rejects_a_gradient_of_another_length, *nn::testing::provided())
{
    Vector theta = xt::zeros<double>({61});
    const Vector gradient = xt::zeros<double>({60});
    BOOST_TEST(throws_with<shape_error>([&] { nn::gd_step(theta, gradient, 0.1); },
                                        {"expected length 61", "got 60"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(momentum_step)

BOOST_AUTO_TEST_CASE(momentum_step_two_steps_written_out)
{
    // v1 = −η g1, θ1 = θ0 + v1;  v2 = μ v1 − η g2, θ2 = θ1 + v2
    const double lr = 0.05, mu = 0.9;
    const Vector theta0 = random_vector(20, 3);
    const Vector g1 = random_vector(20, 4), g2 = random_vector(20, 5);
    Vector theta = theta0;
    Vector velocity = xt::zeros<double>({20});
    nn::momentum_step(theta, g1, lr, mu, velocity);
    const Vector v1 = -lr * g1;
    BOOST_TEST(all_close(velocity, v1, 1e-15, 1e-14));
    BOOST_TEST(all_close(theta, Vector(theta0 + v1), 1e-15, 1e-14));
    nn::momentum_step(theta, g2, lr, mu, velocity);
    const Vector v2 = mu * v1 - lr * g2;
    BOOST_TEST(all_close(velocity, v2, 1e-15, 1e-14));
    BOOST_TEST(all_close(theta, Vector(theta0 + v1 + v2), 1e-14, 1e-13));
}

BOOST_AUTO_TEST_CASE(momentum_step_with_mu_zero_is_gradient_descent)
{
    const Vector theta0 = random_vector(15, 6);
    const Vector g = random_vector(15, 7);
    Vector theta = theta0;
    Vector velocity = random_vector(15, 8);  // forgotten entirely when μ = 0
    nn::momentum_step(theta, g, 0.2, 0.0, velocity);
    BOOST_TEST(all_close(theta, Vector(theta0 - 0.2 * g), 1e-15, 1e-14));
}

BOOST_AUTO_TEST_CASE(momentum_step_keeps_going_on_a_zero_gradient)
{
    // What makes it momentum: with ∇θL = 0 the step is μ v, not 0.
    Vector theta = {1.0, 2.0};
    Vector velocity = {0.5, -1.0};
    nn::momentum_step(theta, Vector{0.0, 0.0}, 0.1, 0.8, velocity);
    BOOST_TEST(all_close(velocity, Vector{0.4, -0.8}, 1e-15, 1e-15));
    BOOST_TEST(all_close(theta, Vector{1.4, 1.2}, 1e-15, 1e-15));
}

BOOST_AUTO_TEST_CASE(momentum_step_rejects_a_velocity_of_another_length, *nn::testing::provided())
{
    Vector theta = xt::zeros<double>({61});
    Vector velocity = xt::zeros<double>({18});
    BOOST_TEST(throws_with<shape_error>([&] { nn::momentum_step(theta, theta, 0.1, 0.9, velocity); },
                                        {"velocity", "expected length 61", "got 18"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(adam_step)

BOOST_AUTO_TEST_CASE(adam_step_first_step_is_lr_times_the_sign_of_the_gradient)
{
    // At t = 1: m̂ = g and v̂ = g², so the step is η g / (|g| + ε) ≈ η sign(g), whatever the size of g.
    const Vector g = {3.0, -0.001, 250.0, -7.5};
    Vector theta = {1.0, 1.0, 1.0, 1.0};
    AdamState state{xt::zeros<double>({4}), xt::zeros<double>({4}), 0};
    nn::adam_step(theta, g, 0.01, state);
    BOOST_TEST(state.t == 1);
    BOOST_TEST(all_close(theta, Vector{0.99, 1.01, 0.99, 1.01}, 1e-6, 0.0));
}

BOOST_AUTO_TEST_CASE(adam_step_three_steps_match_the_formulas)
{
    const double lr = 0.02, b1 = 0.8, b2 = 0.95, eps = 1e-6;
    const Vector theta0 = random_vector(12, 9);
    const Vector grads[3] = {random_vector(12, 10), random_vector(12, 11), random_vector(12, 12)};
    Vector theta = theta0;
    AdamState state{xt::zeros<double>({12}), xt::zeros<double>({12}), 0};
    for (const Vector& g : grads) {
        nn::adam_step(theta, g, lr, state, b1, b2, eps);
    }
    // The same three steps, number by number.
    Vector expected = theta0;
    for (std::size_t i = 0; i < 12; ++i) {
        double m = 0, v = 0;
        for (int t = 1; t <= 3; ++t) {
            const double g = grads[t - 1](i);
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            const double m_hat = m / (1 - std::pow(b1, t)), v_hat = v / (1 - std::pow(b2, t));
            expected(i) -= lr * m_hat / (std::sqrt(v_hat) + eps);
        }
    }
    BOOST_TEST(state.t == 3);
    BOOST_TEST(all_close(theta, expected, 1e-13, 1e-12));
    BOOST_TEST(all_close(
        state.m, Vector((b1 * b1 * (1 - b1)) * grads[0] + (b1 * (1 - b1)) * grads[1] + (1 - b1) * grads[2]),
        1e-14, 1e-12));
}

BOOST_AUTO_TEST_CASE(optimizer_adam_keeps_its_state_between_steps)
{
    // Two Optimizer steps equal two adam_step calls on one state.
    const Vector g1 = random_vector(8, 13), g2 = random_vector(8, 14);
    Vector a = random_vector(8, 15), b = a;
    nn::Optimizer optimizer("adam", 0.01);
    optimizer.step(a, g1);
    optimizer.step(a, g2);
    AdamState state{xt::zeros<double>({8}), xt::zeros<double>({8}), 0};
    nn::adam_step(b, g1, 0.01, state);
    nn::adam_step(b, g2, 0.01, state);
    BOOST_TEST(all_close(a, b, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(adam_step_rejects_state_of_another_length, *nn::testing::provided())
{
    Vector theta = xt::zeros<double>({61});
    AdamState state{xt::zeros<double>({3}), xt::zeros<double>({3}), 0};
    BOOST_TEST(throws_with<shape_error>([&] { nn::adam_step(theta, theta, 0.01, state); },
                                        {"state.m", "expected length 61", "got 3"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(optimizer_by_name)

BOOST_AUTO_TEST_CASE(optimizer_unknown_name_lists_the_valid_ones, *nn::testing::provided())
{
    BOOST_TEST(
        throws_with<std::invalid_argument>([] { nn::Optimizer("sgd", 0.1); }, {"sgd", "gd, momentum, adam"}));
}

BOOST_AUTO_TEST_CASE(optimizer_rejects_a_learning_rate_that_is_not_positive, *nn::testing::provided())
{
    for (double lr : {0.0, -0.1, std::nan("")}) {
        BOOST_TEST(throws_with<std::invalid_argument>([&] { nn::Optimizer("adam", lr); }, {"learning rate"}));
    }
}

BOOST_AUTO_TEST_SUITE_END()
