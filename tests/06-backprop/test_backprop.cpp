// Chapter 6: backpropagation, the gradient of the penalty, and the flat loss_and_gradient.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <xtensor/xview.hpp>

#include "expect.hpp"
#include "gradient_fixture.hpp"
#include "student/loss.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::has_shape;
using nn::testing::lecture_widths;
using nn::testing::one_hot_by_hand;
using nn::testing::provided;
using nn::testing::SmallProblem;
using nn::testing::throws_with;

namespace {

// The flat gradient assembled from backprop's per-layer matrices, by hand: θ(1), θ(2), θ(3) one after
// another, each row by row.
Vector packed_by_hand(const Gradients& g)
{
    Vector flat = xt::zeros<double>({61});
    std::size_t k = 0;
    for (const Matrix* m : {&g.dtheta1, &g.dtheta2, &g.dtheta3}) {
        for (std::size_t i = 0; i < m->shape(0); ++i) {
            for (std::size_t j = 0; j < m->shape(1); ++j) {
                flat(k++) = (*m)(i, j);
            }
        }
    }
    return flat;
}

// The gradient of backprop() checked against central differences of the loss forward() +
// regularized_loss() gives, for one activation and one λ.
GradientCheck check_backprop(const SmallProblem& p, const Activation& phi, double lambda)
{
    const auto loss = [&](const Vector& theta) {
        Vector copy = theta;
        const auto t = unpack_theta(copy, lecture_widths);
        const Forward fw = forward(p.data.X, t[0], t[1], t[2], phi);
        return regularized_loss(fw.z3, p.Y, theta, lecture_widths, lambda);
    };
    const auto gradient = [&](const Vector& theta) {
        Vector copy = theta;
        const auto t = unpack_theta(copy, lecture_widths);
        const Matrix theta1 = t[0], theta2 = t[1], theta3 = t[2];
        const Forward fw = forward(p.data.X, theta1, theta2, theta3, phi);
        return packed_by_hand(nn::backprop(fw, p.Y, theta1, theta2, theta3, phi, lambda));
    };
    return check_gradient(loss, gradient, p.theta, lecture_widths, 1e-7);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(l2_gradient)

BOOST_AUTO_TEST_CASE(l2_gradient_is_lambda_over_N_theta_with_a_zero_bias_row)
{
    // θ = [[1, 2], [3, 4], [5, 6]], λ = 2, N = 4: (λ/N) θ = θ/2, bias row (row 0) zero.
    const Matrix theta = {{1.0, 2.0}, {3.0, 4.0}, {5.0, 6.0}};
    const Matrix expected = {{0.0, 0.0}, {1.5, 2.0}, {2.5, 3.0}};
    BOOST_TEST(all_close(nn::l2_gradient(theta, 2.0, 4), expected, 1e-15, 0.0));
}

BOOST_AUTO_TEST_CASE(l2_gradient_keeps_the_shape_of_each_layer)
{
    xt::random::seed(31);
    for (auto [rows, cols] : {std::pair{3, 6}, std::pair{7, 4}, std::pair{5, 3}}) {
        const Matrix theta = xt::random::randn<double>({rows, cols});
        const Matrix got = nn::l2_gradient(theta, 0.3, 3000);
        Matrix expected = 0.3 / 3000.0 * theta;
        xt::row(expected, 0) = 0.0;
        BOOST_TEST_INFO("theta of shape " << rows << " x " << cols);
        BOOST_TEST(all_close(got, expected, 1e-18, 1e-14));
    }
}

BOOST_AUTO_TEST_CASE(l2_gradient_is_zero_for_lambda_zero)
{
    const Matrix theta = {{1.0, -2.0}, {3.0, 4.0}};
    BOOST_TEST(all_close(nn::l2_gradient(theta, 0.0, 10), Matrix(xt::zeros<double>({2, 2})), 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(l2_gradient_rejects_a_negative_lambda_and_no_samples, *provided())
{
    const Matrix theta = xt::ones<double>({3, 2});
    BOOST_TEST(throws_with<value_error>([&] { nn::l2_gradient(theta, -0.5, 10); }, {"lambda"}));
    BOOST_TEST(throws_with<value_error>([&] { nn::l2_gradient(theta, 0.5, 0); }, {"N"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(backprop)

BOOST_AUTO_TEST_CASE(backprop_of_a_one_unit_network_worked_by_hand)
{
    // Widths {1, 1, 1, 1}, one sample x = 1 with label y = 1, ReLU, λ = 0:
    //   θ(1) = [0, 2]ᵀ: z(1) = 0 + 2·1 = 2, a(1) = 2;  θ(2) = [0, 1]ᵀ: z(2) = 2, a(2) = 2;
    //   θ(3) = [0, ln 3 / 2]ᵀ: z(3) = ln 3, ŷ = σ(ln 3) = 3/4.
    // Backwards (N = 1):
    //   ∂L/∂z(3) = ŷ − y = −1/4;             ∂L/∂θ(3) = [1, a(2)]ᵀ (−1/4) = [−1/4, −1/2]ᵀ
    //   ∂L/∂a(2) = −1/4 · ln 3 / 2 = −ln 3 / 8; ∂L/∂z(2) = −ln 3 / 8 · ReLU′(2) = −ln 3 / 8
    //   ∂L/∂θ(2) = [1, a(1)]ᵀ (−ln 3 / 8) = [−ln 3 / 8, −ln 3 / 4]ᵀ
    //   ∂L/∂a(1) = −ln 3 / 8 · 1;             ∂L/∂z(1) = −ln 3 / 8
    //   ∂L/∂θ(1) = [1, x]ᵀ (−ln 3 / 8) = [−ln 3 / 8, −ln 3 / 8]ᵀ
    const double q = std::log(3.0) / 8.0;
    const Matrix X = {{1.0}};
    const Matrix Y = {{1.0}};
    const Matrix theta1 = {{0.0}, {2.0}}, theta2 = {{0.0}, {1.0}}, theta3 = {{0.0}, {std::log(3.0) / 2.0}};
    const Activation& relu = activation("relu");
    const Gradients g =
        nn::backprop(forward(X, theta1, theta2, theta3, relu), Y, theta1, theta2, theta3, relu, 0.0);
    BOOST_TEST(all_close(g.dz3, Matrix{{-0.25}}, 1e-15, 1e-14));
    BOOST_TEST(all_close(g.dtheta3, Matrix{{-0.25}, {-0.5}}, 1e-15, 1e-14));
    BOOST_TEST(all_close(g.da2, Matrix{{-q}}, 1e-15, 1e-14));
    BOOST_TEST(all_close(g.dz2, Matrix{{-q}}, 1e-15, 1e-14));
    BOOST_TEST(all_close(g.dtheta2, Matrix{{-q}, {-2.0 * q}}, 1e-15, 1e-14));
    BOOST_TEST(all_close(g.da1, Matrix{{-q}}, 1e-15, 1e-14));
    BOOST_TEST(all_close(g.dz1, Matrix{{-q}}, 1e-15, 1e-14));
    BOOST_TEST(all_close(g.dtheta1, Matrix{{-q}, {-q}}, 1e-15, 1e-14));
}

BOOST_AUTO_TEST_CASE(backprop_gives_every_gradient_its_shape)
{
    // The lecture's table: N = 3000 samples through 2 → 6 → 4 → 3.
    const Dataset data = make_spiral();
    const Matrix Y = one_hot_by_hand(data.y, 3);
    xt::random::seed(32);
    const Matrix theta1 = xt::random::randn<double>({3, 6});
    const Matrix theta2 = xt::random::randn<double>({7, 4});
    const Matrix theta3 = xt::random::randn<double>({5, 3});
    const Activation& phi = activation("tanh");
    const Gradients g =
        nn::backprop(forward(data.X, theta1, theta2, theta3, phi), Y, theta1, theta2, theta3, phi, 1.0);
    BOOST_TEST(has_shape(g.dz3, {3000, 3}));
    BOOST_TEST(has_shape(g.dtheta3, {5, 3}));
    BOOST_TEST(has_shape(g.da2, {3000, 4}));
    BOOST_TEST(has_shape(g.dz2, {3000, 4}));
    BOOST_TEST(has_shape(g.dtheta2, {7, 4}));
    BOOST_TEST(has_shape(g.da1, {3000, 6}));
    BOOST_TEST(has_shape(g.dz1, {3000, 6}));
    BOOST_TEST(has_shape(g.dtheta1, {3, 6}));
}

BOOST_AUTO_TEST_CASE(backprop_dz3_is_y_hat_minus_Y_over_N)
{
    const SmallProblem p(33);
    const Activation& phi = activation("sigmoid");
    const Forward fw = p.forward_pass(phi);
    const auto t = p.thetas();
    const Gradients g = nn::backprop(fw, p.Y, t[0], t[1], t[2], phi, 0.0);
    BOOST_TEST(all_close(g.dz3, Matrix((fw.y_hat - p.Y) / 30.0), 1e-16, 1e-13));
}

BOOST_AUTO_TEST_CASE(backprop_matches_finite_differences_with_sigmoid)
{
    const SmallProblem p(34);
    for (const double lambda : {0.0, 2.0}) {
        const GradientCheck check = check_backprop(p, activation("sigmoid"), lambda);
        BOOST_TEST(check.ok(), "lambda = " << lambda << nn::testing::describe(check));
    }
}

BOOST_AUTO_TEST_CASE(backprop_matches_finite_differences_with_tanh)
{
    const SmallProblem p(35);
    for (const double lambda : {0.0, 2.0}) {
        const GradientCheck check = check_backprop(p, activation("tanh"), lambda);
        BOOST_TEST(check.ok(), "lambda = " << lambda << nn::testing::describe(check));
    }
}

BOOST_AUTO_TEST_CASE(backprop_matches_finite_differences_with_relu_away_from_its_kink)
{
    // No z within 1e-3 of ReLU's kink at 0, where a step of h = 1e-5 could cross it.
    const SmallProblem p = nn::testing::away_from_the_relu_kink(36);
    BOOST_TEST_REQUIRE(nn::testing::distance_to_the_kink(p.forward_pass(activation("relu"))) > 1e-3);
    for (const double lambda : {0.0, 2.0}) {
        const GradientCheck check = check_backprop(p, activation("relu"), lambda);
        BOOST_TEST(check.ok(), "lambda = " << lambda << nn::testing::describe(check));
    }
}

BOOST_AUTO_TEST_CASE(backprop_penalty_adds_lambda_over_N_theta_to_the_weights_only)
{
    // The penalty λ/(2N) Σ θ² changes only the ∂L/∂θ(l), each by (λ/N) θ(l) with a zero bias row.
    const SmallProblem p(37);
    const Activation& phi = activation("tanh");
    const Forward fw = p.forward_pass(phi);
    const auto t = p.thetas();
    const Gradients without = nn::backprop(fw, p.Y, t[0], t[1], t[2], phi, 0.0);
    const Gradients with = nn::backprop(fw, p.Y, t[0], t[1], t[2], phi, 3.0);
    const Matrix* plain[] = {&without.dtheta1, &without.dtheta2, &without.dtheta3};
    const Matrix* penalised[] = {&with.dtheta1, &with.dtheta2, &with.dtheta3};
    for (std::size_t l = 0; l < 3; ++l) {
        Matrix expected = *plain[l] + 3.0 / 30.0 * t[l];
        xt::row(expected, 0) = xt::row(*plain[l], 0);
        BOOST_TEST_INFO("dtheta" << l + 1);
        BOOST_TEST(all_close(*penalised[l], expected, 1e-15, 1e-12));
    }
    BOOST_TEST(all_close(with.dz1, without.dz1, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(backprop_rejects_labels_or_theta_that_do_not_fit, *provided())
{
    const SmallProblem p(38);
    const Activation& phi = activation("sigmoid");
    const Forward fw = p.forward_pass(phi);
    const auto t = p.thetas();
    const Matrix Y2 = xt::zeros<double>({30, 2});
    BOOST_TEST(throws_with<shape_error>([&] { nn::backprop(fw, Y2, t[0], t[1], t[2], phi, 0.0); },
                                        {"Y", "expected (30, 3)", "got (30, 2)"}));
    BOOST_TEST(throws_with<shape_error>([&] { nn::backprop(fw, p.Y, t[0], t[2], t[2], phi, 0.0); },
                                        {"theta2", "expected (7, 4)", "got (5, 3)"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(loss_and_gradient)

BOOST_AUTO_TEST_CASE(loss_and_gradient_matches_finite_differences_for_each_activation_and_lambda)
{
    // Relative error below 1e-7 in every layer, for φ = sigmoid, tanh, ReLU and λ = 0 and λ = 1.5
    // (with every z of the ReLU network at least 1e-3 away from its kink).
    const SmallProblem p = nn::testing::away_from_the_relu_kink(41);
    for (const char* name : {"sigmoid", "tanh", "relu"}) {
        const Activation& phi = activation(name);
        for (const double lambda : {0.0, 1.5}) {
            const GradientCheck check = check_loss_and_gradient(
                [&](const Vector& theta) {
                    return nn::loss_and_gradient(theta, lecture_widths, p.data.X, p.Y, phi, lambda);
                },
                p.theta, lecture_widths, 1e-7);
            BOOST_TEST(check.ok(), name << ", lambda = " << lambda << nn::testing::describe(check));
        }
    }
}

BOOST_AUTO_TEST_CASE(loss_and_gradient_gives_the_regularized_loss_and_61_numbers)
{
    const SmallProblem p(42);
    const Activation& phi = activation("tanh");
    const LossAndGradient lg = nn::loss_and_gradient(p.theta, lecture_widths, p.data.X, p.Y, phi, 0.8);
    BOOST_TEST_REQUIRE(has_shape(lg.gradient, {61}));
    const double expected = regularized_loss(p.forward_pass(phi).z3, p.Y, p.theta, lecture_widths, 0.8);
    BOOST_TEST(lg.loss == expected, boost::test_tools::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(loss_and_gradient_packs_the_layer_gradients_in_the_layout_of_theta)
{
    // ∇θL = ∂L/∂θ(1) (18 numbers), ∂L/∂θ(2) (28), ∂L/∂θ(3) (15), each row by row: θ's own layout.
    const SmallProblem p(43);
    const Activation& phi = activation("sigmoid");
    const auto t = p.thetas();
    const Gradients g = nn::backprop(p.forward_pass(phi), p.Y, t[0], t[1], t[2], phi, 0.5);
    const LossAndGradient lg = nn::loss_and_gradient(p.theta, lecture_widths, p.data.X, p.Y, phi, 0.5);
    BOOST_TEST(all_close(lg.gradient, packed_by_hand(g), 1e-15, 1e-12));
}

BOOST_AUTO_TEST_CASE(loss_and_gradient_a_small_step_against_the_gradient_lowers_the_loss)
{
    // θ − η ∇θL, one line, because the gradient has θ's layout: for a small η the loss goes down by
    // about η ‖∇θL‖².
    const SmallProblem p(44);
    const Activation& phi = activation("tanh");
    const LossAndGradient before = nn::loss_and_gradient(p.theta, lecture_widths, p.data.X, p.Y, phi, 1.0);
    const double eta = 1e-3;
    const Vector step = p.theta - eta * before.gradient;
    const LossAndGradient after = nn::loss_and_gradient(step, lecture_widths, p.data.X, p.Y, phi, 1.0);
    const double predicted_drop = eta * xt::sum(xt::square(before.gradient))();
    BOOST_TEST(before.loss - after.loss == predicted_drop, boost::test_tools::tolerance(0.05));
}

BOOST_AUTO_TEST_CASE(loss_and_gradient_rejects_a_theta_of_the_wrong_length, *provided())
{
    const SmallProblem p(45);
    const Vector short_theta = xt::zeros<double>({60});
    BOOST_TEST(throws_with<shape_error>(
        [&] { nn::loss_and_gradient(short_theta, lecture_widths, p.data.X, p.Y, activation("tanh"), 0.0); },
        {"theta", "expected length 61", "got 60"}));
}

BOOST_AUTO_TEST_CASE(loss_and_gradient_rejects_data_or_widths_that_do_not_fit, *provided())
{
    const SmallProblem p(46);
    const Activation& phi = activation("tanh");
    BOOST_TEST(throws_with<shape_error>(
        [&] {
            nn::loss_and_gradient(p.theta, {3, 6, 4, 3}, p.data.X, p.Y, phi, 0.0);
        },
        {"X", "got (30, 2)"}));
    const Matrix Y2 = xt::zeros<double>({30, 2});
    BOOST_TEST(throws_with<shape_error>(
        [&] { nn::loss_and_gradient(p.theta, lecture_widths, p.data.X, Y2, phi, 0.0); },
        {"Y", "expected (30, 3)"}));
    BOOST_TEST(throws_with<std::invalid_argument>(
        [&] {
            nn::loss_and_gradient(p.theta, {2, 6, 3}, p.data.X, p.Y, phi, 0.0);
        },
        {"4 widths"}));
}

BOOST_AUTO_TEST_SUITE_END()
