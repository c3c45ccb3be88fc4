// Chapter 7's hidden tests (never released): the starting θ and the update rules on random widths, seeds,
// hyperparameters and vectors drawn from the grader's seed (COURSE_SEED, tests/support/seed.hpp), against
// the recipes written out here.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "course/07-training/optimizer.hpp"
#include "expect.hpp"
#include "seed.hpp"
#include "student/training.hpp"

using nn::Vector;
using nn::testing::all_close;
using nn::testing::RandomInputs;

BOOST_AUTO_TEST_SUITE(init_theta)

BOOST_AUTO_TEST_CASE(hidden_init_theta_of_random_widths_and_seed)
{
    // mt19937_64(seed), one normal(0, 1) per weight in θ's order, biases skipped and 0, times 1/√c(l−1)
    RandomInputs in;
    nn::Widths c;
    for (std::size_t l = 0, layers = in.integer(1, 4); l <= layers; ++l) {
        c.push_back(in.integer(1, 9));
    }
    const std::uint64_t seed = in.integer(0, 1000000);
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> expected;
    for (std::size_t l = 1; l < c.size(); ++l) {
        expected.insert(expected.end(), c[l], 0.0);
        for (std::size_t k = 0; k < c[l - 1] * c[l]; ++k) {
            expected.push_back(normal(rng) / std::sqrt(double(c[l - 1])));
        }
    }
    BOOST_TEST_INFO("widths " << nn::widths_str(c) << ", seed " << seed);
    BOOST_TEST(
        all_close(nn::init_theta(c, seed), Vector(xt::adapt(expected, {expected.size()})), 0.0, 1e-15));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gd_step)

BOOST_AUTO_TEST_CASE(hidden_gd_step_on_random_vectors)
{
    RandomInputs in;
    const std::size_t n = in.integer(1, 100);
    Vector theta = in.vector(n, -3.0, 3.0);
    const Vector gradient = in.vector(n, -3.0, 3.0);
    const double lr = in.uniform(0.001, 1.0);
    Vector expected = theta;
    for (std::size_t i = 0; i < n; ++i) {
        expected(i) -= lr * gradient(i);
    }
    nn::gd_step(theta, gradient, lr);
    BOOST_TEST(all_close(theta, expected, 1e-15, 1e-14));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(momentum_step)

BOOST_AUTO_TEST_CASE(hidden_momentum_steps_on_random_vectors)
{
    RandomInputs in;
    const std::size_t n = in.integer(1, 60), steps = in.integer(1, 5);
    const double lr = in.uniform(0.001, 0.5), mu = in.uniform(0.0, 0.99);
    Vector theta = in.vector(n, -3.0, 3.0), velocity = Vector::from_shape({n});
    velocity.fill(0.0);
    Vector expected = theta, v = velocity;
    for (std::size_t s = 0; s < steps; ++s) {
        const Vector g = in.vector(n, -3.0, 3.0);
        for (std::size_t i = 0; i < n; ++i) {
            v(i) = mu * v(i) - lr * g(i);
            expected(i) += v(i);
        }
        nn::momentum_step(theta, g, lr, mu, velocity);
    }
    BOOST_TEST(all_close(velocity, v, 1e-14, 1e-12));
    BOOST_TEST(all_close(theta, expected, 1e-14, 1e-12));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(adam_step)

BOOST_AUTO_TEST_CASE(hidden_adam_steps_on_random_vectors)
{
    RandomInputs in;
    const std::size_t n = in.integer(1, 60), steps = in.integer(1, 6);
    const double lr = in.uniform(0.001, 0.1), b1 = in.uniform(0.5, 0.95), b2 = in.uniform(0.9, 0.9999),
                 eps = std::pow(10.0, -in.uniform(4.0, 9.0));
    Vector theta = in.vector(n, -3.0, 3.0);
    nn::AdamState state{xt::zeros<double>({n}), xt::zeros<double>({n}), 0};
    Vector expected = theta, m = xt::zeros<double>({n}), v = xt::zeros<double>({n});
    for (std::size_t t = 1; t <= steps; ++t) {
        const Vector g = in.vector(n, -3.0, 3.0);
        for (std::size_t i = 0; i < n; ++i) {
            m(i) = b1 * m(i) + (1 - b1) * g(i);
            v(i) = b2 * v(i) + (1 - b2) * g(i) * g(i);
            const double m_hat = m(i) / (1 - std::pow(b1, double(t))),
                         v_hat = v(i) / (1 - std::pow(b2, double(t)));
            expected(i) -= lr * m_hat / (std::sqrt(v_hat) + eps);
        }
        nn::adam_step(theta, g, lr, state, b1, b2, eps);
    }
    BOOST_TEST(state.t == int(steps));
    BOOST_TEST(all_close(theta, expected, 1e-13, 1e-12));
    BOOST_TEST(all_close(state.m, m, 1e-14, 1e-12));
    BOOST_TEST(all_close(state.v, v, 1e-14, 1e-12));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(train)

BOOST_AUTO_TEST_CASE(hidden_train_on_a_random_quadratic)
{
    // L(θ) = ½ ‖θ − t‖², gradient descent with η: θ_k − t = (1 − η)^k (θ_0 − t), L of epoch k = ½ ‖θ_(k−1) −
    // t‖²
    RandomInputs in;
    const std::size_t n = in.integer(1, 20);
    const int epochs = int(in.integer(1, 12));
    const double lr = in.uniform(0.05, 0.9);
    const Vector target = in.vector(n, -2.0, 2.0), theta0 = in.vector(n, -2.0, 2.0);
    Vector theta = theta0;
    nn::Optimizer gd("gd", lr);
    int calls = 0;
    const std::vector<double> losses = nn::train(
        theta,
        [&](const Vector& now) {
            const Vector d = now - target;
            return nn::LossAndGradient{0.5 * xt::sum(d * d)(), d};
        },
        gd, epochs, [&](int, double, const Vector&) { ++calls; });
    BOOST_TEST(calls == epochs);
    BOOST_TEST_REQUIRE(losses.size() == std::size_t(epochs));
    const Vector d0 = theta0 - target;
    const double first = 0.5 * xt::sum(d0 * d0)();
    // Near the target θ − t is a difference of nearly equal numbers, exact only to about 1e-16 |t|: the loss
    // to a relative 1e-10, or within 1e-15 of it (it is ½ ‖θ − t‖², of order 1 at the start).
    for (int k = 1; k <= epochs; ++k) {
        const double expected = first * std::pow(1 - lr, 2.0 * (k - 1));
        BOOST_TEST_INFO("epoch " << k << ": L = " << losses[std::size_t(k - 1)] << ", expected " << expected);
        BOOST_TEST(std::abs(losses[std::size_t(k - 1)] - expected) <= 1e-10 * expected + 1e-15);
    }
    BOOST_TEST(all_close(theta, Vector(target + std::pow(1 - lr, epochs) * d0), 1e-13, 1e-10));
}

BOOST_AUTO_TEST_SUITE_END()
