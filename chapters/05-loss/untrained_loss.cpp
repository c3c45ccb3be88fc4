// Chapter 5's program: what `about`, below, says it shows.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>
#include <xtensor/xview.hpp>

#include "base/data.hpp"
#include "base/facts.hpp"
#include "base/figure_data.hpp"
#include "base/program.hpp"
#include "base/widths.hpp"
#include "course/02-activations/activation.hpp"
#include "student/activations.hpp"
#include "student/forward.hpp"
#include "student/loss.hpp"
#include "student/sigmoid.hpp"
#include "student/theta.hpp"

namespace {

const char* const about =
    "The loss of the 2 → 6 → 4 → 3 network on the spiral, before any training.\n"
    "Figure data: the cost of one output against its score z, for the labels 1 and 0 (DIR/cost.dat).";

void write_figure_data(const std::string& dir)
{
    // −log ŷ = −log σ(z) for y = 1 and −log(1 − ŷ) = −log σ(−z) for y = 0, on z in [−8, 8]
    const nn::Array z = xt::linspace(-8.0, 8.0, 321);
    nn::Matrix table = xt::zeros<double>({z.size(), std::size_t{3}});
    xt::col(table, 0) = z;
    const nn::Array cost_if_1 = -nn::log_sigmoid(z);
    const nn::Array cost_if_0 = -nn::log_sigmoid(nn::Array(-z));
    xt::col(table, 1) = cost_if_1;
    xt::col(table, 2) = cost_if_0;
    nn::write_dat(dir, "cost.dat", table, {"z", "cost_if_y_is_1", "cost_if_y_is_0"});
}

void saturation_table(const std::string& facts)
{
    std::printf("Saturated outputs: log(sigmoid(z)) in two steps against log_sigmoid(z)\n");
    std::printf("%8s  %24s  %24s  %24s\n", "z", "log(sigmoid(z))", "log_sigmoid(z)", "log_sigmoid(-z)");
    const nn::Array z = {-1000.0, -40.0, -1.0, 0.0, 1.0, 40.0, 1000.0};
    const nn::Array naive = xt::log(nn::sigmoid(z));
    const nn::Array stable = nn::log_sigmoid(z);
    const nn::Array stable_minus = nn::log_sigmoid(nn::Array(-z));
    for (std::size_t i = 0; i < z.size(); ++i) {
        std::printf("%8g  %24.17g  %24.17g  %24.17g\n", z(i), naive(i), stable(i), stable_minus(i));
    }
    // Two saturated samples: the naive loss is infinite, the stable one is 1000 / 2.
    const nn::Matrix z3 = {{1000.0, -1000.0, 1000.0}, {-1000.0, 1000.0, -1000.0}};
    const nn::Matrix Y = {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}};
    std::printf("cross_entropy of z3 = {{1000, -1000, 1000}, {-1000, 1000, -1000}}, y = {0, 1}: %g\n\n",
                nn::cross_entropy(z3, Y));
    // For the text (docs/facts.py): the rows z = −1000 and z = 40, and the saturated loss.
    nn::write_fact(facts, "two_steps_at_minus_1000", naive(0));
    nn::write_fact(facts, "two_steps_at_40", naive(5));
    nn::write_fact(facts, "stable_at_40", stable(5));
    nn::write_fact(facts, "stable_minus_at_40", stable_minus(5));
    nn::write_fact(facts, "saturated_loss", nn::cross_entropy(z3, Y));
}

void untrained_loss(const std::string& figure_data)
{
    if (!figure_data.empty()) {
        write_figure_data(figure_data);
    }
    saturation_table(figure_data);

    //! [data]
    const nn::Dataset data = nn::make_spiral();   // X: 3000 × 2, y: 3000 labels
    const nn::Matrix Y = nn::one_hot(data.y, 3);  // Y: 3000 × 3
    const nn::Widths c = {2, 6, 4, 3};
    const std::size_t N = data.X.shape(0);
    //! [data]
    std::printf("The spiral: X %zu x %zu, y %zu labels, one-hot Y %zu x %zu\n", data.X.shape(0),
                data.X.shape(1), data.y.size(), Y.shape(0), Y.shape(1));
    for (std::size_t i : {0, 1000, 2999}) {
        std::printf("  sample %4zu: y = %d  ->  Y row (%g, %g, %g)\n", i, data.y(i), Y(i, 0), Y(i, 1),
                    Y(i, 2));
    }

    // θ = 0: ŷ = 1/2 everywhere.
    nn::Vector zero = xt::zeros<double>({nn::theta_size(c)});
    auto z = nn::unpack_theta(zero, c);
    const nn::Forward fw0 = nn::forward(data.X, z[0], z[1], z[2], nn::activation("tanh"));
    const double L0 = nn::regularized_loss(fw0.z3, Y, zero, c, 0.0);
    std::printf("\ntheta = 0: every y_hat = %g, L = %.12f (3 ln 2 = %.12f)\n\n", fw0.y_hat(0, 0), L0,
                3.0 * std::log(2.0));
    nn::write_fact(figure_data, "zero_theta_loss", L0);
    nn::write_fact(figure_data, "zero_theta_penalty", nn::l2_penalty(zero, c, 1.0, N));

    std::printf("The untrained network: theta = 61 random numbers from N(0, 1) (seed 0), lambda = 1\n");
    std::printf("%-8s  %12s  %12s  %12s  %9s  %s\n", "phi", "cross-ent.", "penalty", "L", "accuracy",
                "predicted classes (count of 0, 1, 2)");
    for (const char* name : {"sigmoid", "tanh", "relu"}) {
        xt::random::seed(0);
        nn::Vector theta = xt::random::randn<double>({nn::theta_size(c)});
        //! [loss]
        auto thetas = nn::unpack_theta(theta, c);  // θ(1) 3 × 6, θ(2) 7 × 4, θ(3) 5 × 3
        const nn::Forward fw = nn::forward(data.X, thetas[0], thetas[1], thetas[2], nn::activation(name));
        const double lambda = 1.0;
        const double data_loss = nn::cross_entropy(fw.z3, Y);
        const double penalty = nn::l2_penalty(theta, c, lambda, N);
        const double L = nn::regularized_loss(fw.z3, Y, theta, c, lambda);  // = data_loss + penalty
        const nn::Labels predicted = nn::predict_class(fw.y_hat);
        const double right = nn::accuracy(predicted, data.y);
        //! [loss]
        std::size_t counts[3] = {0, 0, 0};
        for (int p : predicted) {
            ++counts[p];
        }
        std::printf("%-8s  %12.6f  %12.6f  %12.6f  %8.1f%%  %zu, %zu, %zu\n", name, data_loss, penalty, L,
                    100.0 * right, counts[0], counts[1], counts[2]);
        const std::string key = std::string("untrained_") + name;
        nn::write_fact(figure_data, key + "_data_loss", data_loss);
        nn::write_fact(figure_data, key + "_penalty", penalty);
        nn::write_fact(figure_data, key + "_accuracy", 100.0 * right);
        nn::write_fact(figure_data, key + "_one_class",
                       100.0 * double(*std::max_element(counts, counts + 3)) / double(N));
    }
}

}  // namespace

int main(int argc, char** argv)
{
    return nn::run_program(argc, argv, about, untrained_loss);
}
