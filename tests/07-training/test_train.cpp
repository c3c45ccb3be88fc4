// Chapter 7: the training loop — on a quadratic where the answer is known, then on the spiral.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <sstream>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>
#include <xtensor/xview.hpp>

#include "base/data.hpp"
#include "base/split.hpp"
#include "course/07-training/optimizer.hpp"
#include "course/07-training/trainer.hpp"
#include "expect.hpp"
#include "student/loss.hpp"
#include "student/theta.hpp"
#include "student/training.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::throws_with;

namespace {

// L(θ) = ½ ‖θ − target‖², ∇θL = θ − target: gradient descent with η shrinks θ − target by (1 − η) per epoch.
LossAndGradientFunction quadratic(const Vector& target)
{
    return [target](const Vector& theta) {
        const Vector d = theta - target;
        return LossAndGradient{0.5 * xt::sum(d * d)(), d};
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(train)

BOOST_AUTO_TEST_CASE(train_gradient_descent_on_a_quadratic_follows_the_formula)
{
    // θ_k − t = (1 − η)^k (θ_0 − t), and the loss of epoch k is ½ ‖θ_(k−1) − t‖²
    xt::random::seed(21);
    const Vector target = xt::random::rand<double>({5}, -1.0, 1.0);
    const Vector theta0 = xt::random::rand<double>({5}, -3.0, 3.0);
    for (int epochs : {1, 7}) {
        Vector theta = theta0;
        nn::Optimizer gd("gd", 0.25);
        const std::vector<double> losses = nn::train(theta, quadratic(target), gd, epochs);
        BOOST_TEST_REQUIRE(losses.size() == std::size_t(epochs));
        BOOST_TEST(
            all_close(theta, Vector(target + std::pow(0.75, epochs) * (theta0 - target)), 1e-14, 1e-12));
        const Vector d0 = theta0 - target;
        const double first = 0.5 * xt::sum(d0 * d0)();
        BOOST_TEST(std::abs(losses.front() - first) <= 1e-12 * first);
        BOOST_TEST(std::abs(losses.back() - first * std::pow(0.75, 2 * (epochs - 1))) <= 1e-12 * first);
    }
}

BOOST_AUTO_TEST_CASE(train_calls_after_epoch_once_per_epoch_in_order)
{
    const Vector target = {1.0, -2.0};
    Vector theta = {0.0, 0.0};
    nn::Optimizer adam("adam", 0.1);
    std::vector<int> seen;
    std::vector<double> reported;
    std::string problem;
    const std::vector<double> losses =
        nn::train(theta, quadratic(target), adam, 5, [&](int epoch, double loss, const Vector& now) {
            seen.push_back(epoch);
            reported.push_back(loss);
            if (problem.empty() && !all_close(now, theta, 0.0, 0.0)) {
                problem = "after_epoch got a θ that is not the θ being trained";
            }
        });
    BOOST_TEST(seen == std::vector<int>({1, 2, 3, 4, 5}), testing::preview(xt::adapt(seen)));
    BOOST_TEST(reported == losses);
    BOOST_TEST(problem.empty(), problem);
}

BOOST_AUTO_TEST_CASE(train_uses_the_optimizer_it_is_given)
{
    // Momentum from θ0 on the quadratic: the same as momentum_step by hand.
    const Vector target = {0.5, 1.5, -1.0};
    Vector theta = {2.0, -1.0, 0.0};
    Vector by_hand = theta, velocity = xt::zeros<double>({3});
    nn::Optimizer momentum("momentum", 0.1);
    nn::train(theta, quadratic(target), momentum, 4);
    for (int k = 0; k < 4; ++k) {
        nn::momentum_step(by_hand, Vector(by_hand - target), 0.1, 0.9, velocity);
    }
    BOOST_TEST(all_close(theta, by_hand, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(train_from_all_zero_theta_keeps_the_hidden_units_equal)
{
    // Symmetry: with θ = 0 every hidden unit of a layer computes the same a and gets the same gradient,
    // so after training the columns of θ(1) are still equal to each other (here with sigmoid, so they
    // do move), and the network is no better than one unit per layer.
    const Split data = split_holdout(make_spiral(60, 3, 1), 0.2, 1);
    const Widths c = {2, 6, 4, 3};
    const Model model = lecture_network(c, "sigmoid");
    const Matrix Y = one_hot(data.train.y, 3);
    Vector theta = xt::zeros<double>({61});
    nn::Optimizer gd("gd", 0.5);
    nn::train(
        theta, [&](const Vector& t) { return model.loss_and_gradient(t, data.train.X, Y, 0.0); }, gd, 50);
    const std::vector<MatrixView> layers = unpack_theta(theta, c);
    const Matrix first_column = xt::view(layers[0], xt::all(), xt::range(0, 1));
    BOOST_TEST(xt::amax(xt::abs(layers[0]))() > 1e-6, "θ(1) did not move at all");
    for (std::size_t k = 1; k < 6; ++k) {
        const Matrix column = xt::view(layers[0], xt::all(), xt::range(k, k + 1));
        BOOST_TEST(all_close(column, first_column, 1e-15, 1e-12), "column " << k << " of θ(1) vs column 0");
    }
}

BOOST_AUTO_TEST_CASE(train_the_lecture_network_learns_a_small_spiral)
{
    // 240 training points, 800 epochs of Adam: far above the 1/3 of guessing (the full run is the program's).
    const Split data = split_holdout(make_spiral(100, 3, 2), 0.2, 2);
    const Model model = lecture_network({2, 6, 4, 3}, "tanh");
    RunSettings settings;
    settings.epochs = 800;
    settings.lr = 0.03;
    const RunResult result = run_training(model, data, init_theta({2, 6, 4, 3}, 2), settings);
    BOOST_TEST(result.losses.back() < 0.5 * result.losses.front(),
               "the loss went from " << result.losses.front() << " to " << result.losses.back());
    BOOST_TEST(result.train_accuracy > 0.85);
    BOOST_TEST(result.test_accuracy > 0.8);
}

BOOST_AUTO_TEST_CASE(train_rejects_a_negative_number_of_epochs, *nn::testing::provided())
{
    Vector theta = {0.0};
    nn::Optimizer gd("gd", 0.1);
    BOOST_TEST(throws_with<std::invalid_argument>([&] { nn::train(theta, quadratic(Vector{1.0}), gd, -1); },
                                                  {"epochs", "-1"}));
}

BOOST_AUTO_TEST_SUITE_END()
