// Chapter 8: Sequential — the same network as chapters 3–7 and networks of any depth.
// "The same" to within the rounding of the arithmetic: a Sequential written like chapters 3 and 6 gives the
// same bits (the chapter's program shows it), but a correct one that sums in another order (loops instead of
// xt::linalg::dot, ŷ − Y divided by N at the end) differs in the last bits, and that is right too.
#include <boost/test/unit_test.hpp>
#include <random>
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xrandom.hpp>

#include "base/data.hpp"
#include "base/split.hpp"
#include "course/06-backprop/gradcheck.hpp"
#include "course/07-training/trainer.hpp"
#include "course/08-sequential/sequential_model.hpp"
#include "course/08-sequential/sequential_network.hpp"
#include "expect.hpp"
#include "student/backprop.hpp"
#include "student/forward.hpp"
#include "student/loss.hpp"
#include "student/sequential.hpp"
#include "student/sigmoid.hpp"
#include "student/theta.hpp"
#include "student/training.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::has_shape;
using nn::testing::provided;
using nn::testing::throws_with;

namespace {

const Widths lecture = {2, 6, 4, 3};

// A random θ whose biases are not zero either (init_theta leaves them at 0).
Vector random_theta(const Widths& c, int seed)
{
    xt::random::seed(seed);
    return xt::random::randn<double>({theta_size(c)}) * 0.8;
}

Matrix random_X(std::size_t n, std::size_t f, int seed)
{
    xt::random::seed(seed);
    return xt::random::rand<double>({n, f}, -1.0, 1.0);
}

Matrix random_Y(std::size_t n, int classes, int seed)
{
    std::mt19937 rng(seed);
    Labels y = xt::zeros<int>({n});
    for (auto& v : y) {
        v = int(rng() % unsigned(classes));
    }
    return one_hot(y, classes);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sequential_forward)

BOOST_AUTO_TEST_CASE(sequential_forward_one_unit_per_layer_by_hand)
{
    // 1 → 1 → 1 with tanh: z1 = 0.5 + 2x, a1 = tanh(z1), z2 = −1 + 3 a1, ŷ = σ(z2); x = 0.25 and −1.
    const Sequential model(1, {{1, "tanh"}, {1, "sigmoid"}});
    const Vector theta = {0.5, 2.0, -1.0, 3.0};
    const SequentialForward fw = nn::sequential_forward(model, theta, Matrix{{0.25}, {-1.0}});
    const double a1[2] = {std::tanh(1.0), std::tanh(-1.5)};
    BOOST_TEST(all_close(fw.z[1], Matrix{{1.0}, {-1.5}}, 1e-15, 1e-15));
    BOOST_TEST(all_close(fw.a_star[1], Matrix{{1.0, a1[0]}, {1.0, a1[1]}}, 1e-15, 1e-15));
    BOOST_TEST(all_close(fw.z[2], Matrix{{-1.0 + 3 * a1[0]}, {-1.0 + 3 * a1[1]}}, 1e-15, 1e-14));
    BOOST_TEST(all_close(fw.y_hat,
                         Matrix{{1 / (1 + std::exp(1.0 - 3 * a1[0]))}, {1 / (1 + std::exp(1.0 - 3 * a1[1]))}},
                         1e-15, 1e-14));
}

BOOST_AUTO_TEST_CASE(sequential_forward_reproduces_chapter_3)
{
    // Layers 2, 6, 4, 3 and the same θ: every intermediate equal to forward()'s, to the last bits.
    for (const char* phi : {"tanh", "relu", "sigmoid"}) {
        BOOST_TEST_CONTEXT("hidden activation " << phi)
        {
            Vector theta = random_theta(lecture, 1);
            const Matrix X = random_X(300, 2, 2);
            const std::vector<MatrixView> t = unpack_theta(theta, lecture);
            const Forward expected = forward(X, Matrix(t[0]), Matrix(t[1]), Matrix(t[2]), activation(phi));
            const SequentialForward fw = nn::sequential_forward(Sequential(lecture, phi), theta, X);
            BOOST_TEST_REQUIRE(fw.z.size() == 4u);
            BOOST_TEST_REQUIRE(fw.a_star.size() == 3u);
            BOOST_TEST(all_close(fw.a_star[0], expected.x_star, 0.0, 0.0));
            BOOST_TEST(all_close(fw.z[1], expected.z1, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.a_star[1], expected.a1_star, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.z[2], expected.z2, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.a_star[2], expected.a2_star, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.z[3], expected.z3, 1e-14, 1e-13));
            BOOST_TEST(all_close(fw.y_hat, expected.y_hat, 1e-14, 1e-13));
        }
    }
}

BOOST_AUTO_TEST_CASE(sequential_forward_any_depth_has_the_shapes_of_its_layers)
{
    // 2 → 5 → 7 → 4 → 3 (four layers) and 2 → 3 (no hidden layer: a linear model with σ).
    for (const Widths& c : {Widths{2, 5, 7, 4, 3}, Widths{2, 3}}) {
        const Sequential model(c, "relu");
        const SequentialForward fw = nn::sequential_forward(model, random_theta(c, 3), random_X(50, 2, 4));
        BOOST_TEST_REQUIRE(fw.z.size() == c.size());
        BOOST_TEST_REQUIRE(fw.a_star.size() == c.size() - 1);
        for (std::size_t l = 1; l < c.size(); ++l) {
            BOOST_TEST(has_shape(fw.z[l], {50, c[l]}), "z(" << l << ")");
            BOOST_TEST(has_shape(fw.a_star[l - 1], {50, c[l - 1] + 1}), "a(" << l - 1 << ")*");
        }
        BOOST_TEST(has_shape(fw.y_hat, {50, 3}));
        BOOST_TEST(xt::all(fw.y_hat > 0.0 && fw.y_hat < 1.0));
    }
}

BOOST_AUTO_TEST_CASE(sequential_forward_rejects_x_whose_width_is_not_f, *provided())
{
    // The first width of the list is f = 2: X with 3 columns is refused, naming both.
    const Sequential model(lecture, "tanh");
    BOOST_TEST(throws_with<shape_error>(
        [&] { nn::sequential_forward(model, random_theta(lecture, 5), random_X(10, 3, 6)); },
        {"f = 2", "N × 2", "(10, 3)"}));
}

BOOST_AUTO_TEST_CASE(sequential_forward_rejects_theta_of_the_wrong_size, *provided())
{
    const Sequential model({2, 8, 3}, "tanh");  // ‖θ‖ = 3·8 + 9·3 = 51
    BOOST_TEST(throws_with<shape_error>(
        [&] { nn::sequential_forward(model, random_theta(lecture, 5), random_X(10, 2, 6)); },
        {"theta", "expected length 51", "got 61"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sequential_backward)

BOOST_AUTO_TEST_CASE(sequential_backward_linear_model_gradient_by_hand)
{
    // One layer, no hidden unit (2 → 3): ∂L/∂θ = X*ᵀ (ŷ − Y) / N + (λ/N) θ with the bias row 0.
    const Sequential model(Widths{2, 3}, "tanh");
    const Vector theta = random_theta({2, 3}, 13);
    const Matrix X = random_X(30, 2, 14);
    const Matrix Y = random_Y(30, 3, 15);
    const SequentialForward fw = nn::sequential_forward(model, theta, X);
    const Vector got = nn::sequential_backward(model, fw, theta, Y, 0.5);
    Matrix expected =
        xt::linalg::dot(xt::transpose(add_bias_column(X)), Matrix((sigmoid(fw.z[1]) - Y) / 30.0));
    for (std::size_t r = 1; r < 3; ++r) {
        for (std::size_t k = 0; k < 3; ++k) {
            expected(r, k) += 0.5 / 30.0 * theta(r * 3 + k);
        }
    }
    BOOST_TEST(all_close(got, Vector(xt::flatten(expected)), 1e-15, 1e-12));
}

BOOST_AUTO_TEST_CASE(sequential_backward_reproduces_chapter_6)
{
    // Layers 2, 6, 4, 3, the same θ and data: the same loss and the same 61 gradient numbers (to the last
    // bits: sums over N = 200 samples in another order differ there).
    for (const char* phi : {"tanh", "relu"}) {
        for (double lambda : {0.0, 0.7}) {
            BOOST_TEST_CONTEXT(phi << ", λ = " << lambda)
            {
                const Vector theta = random_theta(lecture, 7);
                const Matrix X = random_X(200, 2, 8);
                const Matrix Y = random_Y(200, 3, 9);
                const LossAndGradient expected =
                    loss_and_gradient(theta, lecture, X, Y, activation(phi), lambda);
                const LossAndGradient got =
                    sequential_loss_and_gradient(Sequential(lecture, phi), theta, X, Y, lambda);
                BOOST_TEST(got.loss == expected.loss, boost::test_tools::tolerance(1e-13));
                BOOST_TEST(all_close(got.gradient, expected.gradient, 1e-14, 1e-12));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(sequential_backward_deeper_and_wider_passes_the_gradient_check)
{
    // Central differences on 2 → 9 → 5 → 7 → 3 (four layers, ‖θ‖ = 27 + 50 + 42 + 24 = 143) and on
    // 2 → 20 → 3, tanh and sigmoid, with the penalty: the largest relative error per layer below 1e-7.
    for (const auto& [c, phi] : {std::pair<Widths, const char*>{{2, 9, 5, 7, 3}, "tanh"},
                                 std::pair<Widths, const char*>{{2, 20, 3}, "sigmoid"}}) {
        const Sequential model(c, phi);
        const Matrix X = random_X(40, 2, 10);
        const Matrix Y = random_Y(40, 3, 11);
        const GradientCheck check = check_loss_and_gradient(
            [&](const Vector& t) { return sequential_loss_and_gradient(model, t, X, Y, 0.3); },
            random_theta(c, 12), c);
        BOOST_TEST(check.ok(), model.describe() << ":\n" << gradient_check_report(check));
    }
}

BOOST_AUTO_TEST_CASE(sequential_training_reproduces_chapter_7)
{
    // The loop of chapter 7, unchanged, on a Sequential 2 → 6 → 4 → 3: from the same seed, the same θ
    // after training as with the lecture's network (Adam, 150 epochs, 240 points), to within what 150
    // steps make of differences in the last bits.
    const Split data = split_holdout(make_spiral(100, 3, 3), 0.2, 3);
    RunSettings settings;
    settings.epochs = 150;
    const Vector theta0 = init_theta(lecture, 3);
    const RunResult chapter7 = run_training(lecture_network(lecture, "tanh"), data, theta0, settings);
    const RunResult chapter8 = run_training(sequential_network(lecture, "tanh"), data, theta0, settings);
    BOOST_TEST(all_close(chapter8.theta, chapter7.theta, 1e-10, 1e-10));
    BOOST_TEST_REQUIRE(chapter8.losses.size() == chapter7.losses.size());
    BOOST_TEST(all_close(xt::adapt(chapter8.losses), xt::adapt(chapter7.losses), 1e-12, 1e-10));
    BOOST_TEST(chapter8.test_accuracy == chapter7.test_accuracy);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Sequential_model)

BOOST_AUTO_TEST_CASE(theta_size_formula_equals_the_flat_length_for_random_layer_lists, *provided())
{
    // ‖θ‖ = Σ (c(l−1) + 1)·c(l) against the views laid end to end, for 50 random lists of 1 to 6 layers.
    std::mt19937 rng(16);
    std::string problem;
    for (int trial = 0; trial < 50 && problem.empty(); ++trial) {
        Widths c = {1 + rng() % 5};
        const std::size_t layers = 1 + rng() % 6;
        for (std::size_t l = 0; l < layers; ++l) {
            c.push_back(1 + rng() % 12);
        }
        const Sequential model(c, "tanh");
        std::size_t formula = 0;
        for (std::size_t l = 1; l < c.size(); ++l) {
            formula += (c[l - 1] + 1) * c[l];
        }
        Vector theta = xt::zeros<double>({model.theta_size()});
        std::size_t flat = 0;
        const std::vector<MatrixView> views = model.unpack(theta);
        for (std::size_t l = 0; l < views.size(); ++l) {
            flat += views[l].size();
            if (views[l].shape(0) != c[l] + 1 || views[l].shape(1) != c[l + 1]) {
                problem = "θ(" + std::to_string(l + 1) + ") of " + widths_str(c) + " has the wrong shape";
            }
        }
        if (model.theta_size() != formula || flat != formula || views.size() != model.depth()) {
            problem = widths_str(c) + ": formula " + std::to_string(formula) + ", theta_size " +
                      std::to_string(model.theta_size()) + ", views " + std::to_string(flat);
        }
    }
    BOOST_TEST(problem.empty(), problem);
}

BOOST_AUTO_TEST_CASE(a_bad_layer_list_is_a_clear_error, *provided())
{
    BOOST_TEST(throws_with<std::invalid_argument>([] { Sequential(2, {}); }, {"at least one layer"}));
    BOOST_TEST(throws_with<std::invalid_argument>([] { Sequential(0, {{3, "sigmoid"}}); }, {"f"}));
    BOOST_TEST(throws_with<std::invalid_argument>(
        [] {
            Sequential(2, {{6, "tanh"}, {0, "tanh"}, {3, "sigmoid"}});
        },
        {"layer 2", "0 units"}));
    BOOST_TEST(throws_with<std::invalid_argument>(
        [] {
            Sequential(2, {{6, "swish"}, {3, "sigmoid"}});
        },
        {"swish"}));
    BOOST_TEST(throws_with<std::invalid_argument>(
        [] {
            Sequential(2, {{6, "tanh"}, {3, "relu"}});
        },
        {"last layer", "sigmoid"}));
    BOOST_TEST(
        throws_with<std::invalid_argument>([] { Sequential(Widths{2}, "tanh"); }, {"at least one layer"}));
}

BOOST_AUTO_TEST_CASE(describe_names_widths_and_activations, *provided())
{
    BOOST_TEST(Sequential({2, 6, 4, 3}, "tanh").describe() == "2 → 6 → 4 → 3 (tanh, tanh, sigmoid)");
    BOOST_TEST(Sequential({2, 32, 32, 3}, "relu").theta_size() == 96u + 33u * 32u + 33u * 3u);
}

BOOST_AUTO_TEST_SUITE_END()
