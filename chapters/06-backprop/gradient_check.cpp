// Chapter 6's program: what `about`, below, says it shows.
#include <cmath>
#include <cstdio>
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xrandom.hpp>
#include <xtensor/xsort.hpp>

#include "base/data.hpp"
#include "base/facts.hpp"
#include "base/figure_data.hpp"
#include "base/program.hpp"
#include "base/widths.hpp"
#include "course/02-activations/activation.hpp"
#include "course/06-backprop/gradcheck.hpp"
#include "student/activations.hpp"
#include "student/backprop.hpp"
#include "student/forward.hpp"
#include "student/loss.hpp"
#include "student/theta.hpp"

namespace {

const char* const about =
    "The shapes of backpropagation's gradients on the spiral, the gradient checked against finite\n"
    "differences for each activation, a classic mistake caught, and one gradient step.\n"
    "Figure data: the error of a finite difference against the step h (DIR/steps.dat).";

// |finite difference − backprop| / |backprop| for the largest component of the gradient, h from 1e-12 to 0.1.
void write_figure_data(const std::string& dir, const nn::Vector& theta, const nn::Widths& c,
                       const nn::Matrix& X, const nn::Matrix& Y)
{
    const nn::Activation& phi = nn::activation("tanh");
    const auto loss = [&](const nn::Vector& t) { return nn::loss_and_gradient(t, c, X, Y, phi, 1.0).loss; };
    const nn::Vector g = nn::loss_and_gradient(theta, c, X, Y, phi, 1.0).gradient;
    std::size_t k = 0;
    for (std::size_t j = 1; j < g.size(); ++j) {
        k = std::abs(g(j)) > std::abs(g(k)) ? j : k;
    }
    const std::size_t steps = 111;
    nn::Matrix table = xt::zeros<double>({steps, std::size_t{3}});
    const double L = loss(theta);
    for (std::size_t i = 0; i < steps; ++i) {
        const double h = std::pow(10.0, -12.0 + 11.0 * static_cast<double>(i) / (steps - 1));
        nn::Vector plus = theta, minus = theta;
        plus(k) += h;
        minus(k) -= h;
        const double central = (loss(plus) - loss(minus)) / (2.0 * h);
        const double one_sided = (loss(plus) - L) / h;
        // an error of exactly 0 has no logarithm: shown as 1e-17, below the rounding of a double
        table(i, 0) = h;
        table(i, 1) = std::max(std::abs(central - g(k)) / std::abs(g(k)), 1e-17);
        table(i, 2) = std::max(std::abs(one_sided - g(k)) / std::abs(g(k)), 1e-17);
    }
    nn::write_dat(dir, "steps.dat", table, {"h", "central_error", "one_sided_error"});
    // For the text (docs/facts.py): the best of each difference, and the central one at the checker's h.
    const auto central = xt::col(table, 1);
    const std::size_t best = std::size_t(xt::argmin(central)());
    nn::write_fact(dir, "central_best", central(best));
    nn::write_fact(dir, "central_best_h", table(best, 0));
    nn::write_fact(dir, "central_at_1e_5", table(70, 1));  // h = 10^(−12 + 11·70/110) = 1e-5
    nn::write_fact(dir, "one_sided_best", xt::amin(xt::col(table, 2))());
}

void shape_row(const char* name, const char* formula, const nn::Matrix& m)
{
    std::printf("  %-12s %-42s %5zu x %zu\n", name, formula, m.shape(0), m.shape(1));
}

void gradient_check(const std::string& figure_data)
{
    const nn::Dataset data = nn::make_spiral();
    const nn::Matrix Y = nn::one_hot(data.y, 3);
    const nn::Widths c = {2, 6, 4, 3};
    xt::random::seed(0);
    const nn::Vector theta = xt::random::randn<double>({nn::theta_size(c)});
    const double lambda = 1.0;
    if (!figure_data.empty()) {
        write_figure_data(figure_data, theta, c, data.X, Y);
    }

    // The lecture's table, with the shapes of this network on N = 3000 samples.
    nn::Vector copy = theta;
    const auto views = nn::unpack_theta(copy, c);
    const nn::Matrix theta1 = views[0], theta2 = views[1], theta3 = views[2];
    const nn::Activation& tanh = nn::activation("tanh");
    const nn::Forward fw = nn::forward(data.X, theta1, theta2, theta3, tanh);
    const nn::Gradients g = nn::backprop(fw, Y, theta1, theta2, theta3, tanh, lambda);
    std::printf("Backpropagation on the spiral (N = %zu, phi = tanh, lambda = %g):\n", data.X.shape(0),
                lambda);
    shape_row("dL/dz(3)", "(y_hat - Y) / N", g.dz3);
    shape_row("dL/dtheta(3)", "a(2)*^T dL/dz(3) + (lambda/N) theta(3)", g.dtheta3);
    shape_row("dL/da(2)", "dL/dz(3) theta(3)^T, bias row left out", g.da2);
    shape_row("dL/dz(2)", "dL/da(2) * phi'(z(2))", g.dz2);
    shape_row("dL/dtheta(2)", "a(1)*^T dL/dz(2) + (lambda/N) theta(2)", g.dtheta2);
    shape_row("dL/da(1)", "dL/dz(2) theta(2)^T, bias row left out", g.da1);
    shape_row("dL/dz(1)", "dL/da(1) * phi'(z(1))", g.dz1);
    shape_row("dL/dtheta(1)", "X*^T dL/dz(1) + (lambda/N) theta(1)", g.dtheta1);
    std::printf("  packed like theta: %zu + %zu + %zu = %zu numbers\n\n", g.dtheta1.size(), g.dtheta2.size(),
                g.dtheta3.size(), g.dtheta1.size() + g.dtheta2.size() + g.dtheta3.size());

    for (const char* name : {"sigmoid", "tanh", "relu"}) {
        const nn::Activation& phi = nn::activation(name);
        std::printf("phi = %s, lambda = %g:\n", name, lambda);
        //! [check]
        const nn::GradientCheck check = nn::check_loss_and_gradient(
            [&](const nn::Vector& t) { return nn::loss_and_gradient(t, c, data.X, Y, phi, lambda); }, theta,
            c);
        std::printf("%s\n", nn::gradient_check_report(check).c_str());
        //! [check]
        double worst = 0.0;
        for (const nn::LayerCheck& layer : check.layers) {
            worst = std::max(worst, layer.relative_error);
        }
        nn::write_fact(figure_data, std::string(name) + "_worst", worst);
        nn::write_fact(figure_data, std::string(name) + "_ok", check.ok());
    }

    // A classic mistake: forgetting the factor phi'(z(1)) in the first layer.
    std::printf("The same check of a backprop that forgets phi'(z(1)), i.e. uses dL/dz(1) = dL/da(1):\n");
    //! [mistake]
    const auto forgot_phi_prime = [&](const nn::Vector& t) {
        nn::LossAndGradient right = nn::loss_and_gradient(t, c, data.X, Y, tanh, lambda);
        nn::Vector tc = t;
        const auto th = nn::unpack_theta(tc, c);
        const nn::Forward f = nn::forward(data.X, th[0], th[1], th[2], tanh);
        const nn::Gradients grad = nn::backprop(f, Y, th[0], th[1], th[2], tanh, lambda);
        // ∂L/∂θ(1) = X*ᵀ ∂L/∂a(1) + (λ/N) θ(1): the ⊙ φ′(z(1)) is missing
        const nn::Matrix wrong = xt::linalg::dot(xt::transpose(f.x_star), grad.da1) +
                                 nn::l2_gradient(th[0], lambda, data.X.shape(0));
        std::copy(wrong.begin(), wrong.end(), right.gradient.begin());  // θ(1) comes first in θ
        return right;
    };
    //! [mistake]
    const nn::GradientCheck mistake = nn::check_loss_and_gradient(forgot_phi_prime, theta, c);
    std::printf("%s\n", nn::gradient_check_report(mistake).c_str());
    for (const nn::LayerCheck& layer : mistake.layers) {
        nn::write_fact(figure_data, "mistake_layer" + std::to_string(layer.layer), layer.relative_error);
    }
    nn::write_fact(figure_data, "mistake_wrong_layer", double(mistake.wrong_layer()));

    // θ − η ∇θL: one line, because the gradient has θ's layout.
    const nn::LossAndGradient before = nn::loss_and_gradient(theta, c, data.X, Y, tanh, lambda);
    //! [step]
    const double eta = 0.5;
    const nn::Vector theta_next = theta - eta * before.gradient;
    //! [step]
    const nn::LossAndGradient after = nn::loss_and_gradient(theta_next, c, data.X, Y, tanh, lambda);
    std::printf("One step theta - %g * gradient (phi = tanh): L = %.6f -> %.6f\n", eta, before.loss,
                after.loss);
    nn::write_fact(figure_data, "step_before", before.loss);
    nn::write_fact(figure_data, "step_after", after.loss);
}

}  // namespace

int main(int argc, char** argv)
{
    return nn::run_program(argc, argv, about, gradient_check);
}
