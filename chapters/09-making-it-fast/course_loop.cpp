// (a) The course's own training loop, exactly as the student writes it: chapter 7's loop over chapter
// 6's loss_and_gradient, with chapters 2–4's activation, forward pass and θ packing.
//
// STAND-IN for chapters 5–7 until they are on main: the loss, backprop, loss_and_gradient and the
// loop below mirror those chapters' code (lecture-shaped: a fresh matrix per formula, xt::linalg::dot,
// unpack/pack θ, a std::function loss and an optimizer step), so that the benchmark runs meanwhile.
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "activations.hpp"
#include "bench.hpp"
#include "forward.hpp"
#include "theta.hpp"

namespace {

using nn::Array;
using nn::Matrix;
using nn::Vector;

Array log_sigmoid(const Array& z) { return xt::where(z < 0.0, z, 0.0) - xt::log1p(xt::exp(-xt::abs(z))); }

double cross_entropy(const Matrix& z3, const Matrix& Y)
{
    const Matrix terms = Y * log_sigmoid(z3) + (1.0 - Y) * log_sigmoid(-z3);
    return -xt::sum(terms)() / static_cast<double>(z3.shape(0));
}

double l2_penalty(const Vector& theta, const nn::Widths& c, double lambda, std::size_t N)
{
    Vector copy = theta;
    double sum_of_squares = 0.0;
    for (const nn::MatrixView& t : nn::unpack_theta(copy, c)) {
        const Matrix weights = xt::view(t, xt::range(1, t.shape(0)), xt::all());
        sum_of_squares += xt::sum(xt::square(weights))();
    }
    return lambda / (2.0 * static_cast<double>(N)) * sum_of_squares;
}

Matrix l2_gradient(const Matrix& theta, double lambda, std::size_t N)
{
    Matrix gradient = lambda / static_cast<double>(N) * theta;
    xt::row(gradient, 0) = 0.0;
    return gradient;
}

Matrix without_bias_row(const Matrix& theta) { return xt::view(theta, xt::range(1, theta.shape(0)), xt::all()); }

bench::LossGradient loss_and_gradient(const Vector& theta, const nn::Widths& c, const Matrix& X, const Matrix& Y,
                                      const nn::Activation& phi, double lambda)
{
    Vector theta_copy = theta;
    const std::vector<nn::MatrixView> views = nn::unpack_theta(theta_copy, c);
    const Matrix theta1 = views[0], theta2 = views[1], theta3 = views[2];
    const nn::Forward fw = nn::forward(X, theta1, theta2, theta3, phi);
    const std::size_t N = X.shape(0);
    const Matrix dz3 = (fw.y_hat - Y) / static_cast<double>(N);
    const Matrix dtheta3 = xt::linalg::dot(xt::transpose(fw.a2_star), dz3) + l2_gradient(theta3, lambda, N);
    const Matrix da2 = xt::linalg::dot(dz3, xt::transpose(without_bias_row(theta3)));
    const Matrix dz2 = da2 * phi.phi_prime(fw.z2);
    const Matrix dtheta2 = xt::linalg::dot(xt::transpose(fw.a1_star), dz2) + l2_gradient(theta2, lambda, N);
    const Matrix da1 = xt::linalg::dot(dz2, xt::transpose(without_bias_row(theta2)));
    const Matrix dz1 = da1 * phi.phi_prime(fw.z1);
    const Matrix dtheta1 = xt::linalg::dot(xt::transpose(fw.x_star), dz1) + l2_gradient(theta1, lambda, N);
    return {cross_entropy(fw.z3, Y) + l2_penalty(theta, c, lambda, N), nn::pack_theta({dtheta1, dtheta2, dtheta3})};
}

using LossFunction = std::function<bench::LossGradient(const Vector&)>;

std::vector<double> train(Vector& theta, const LossFunction& loss_and_gradient, double lr, int epochs)
{
    std::vector<double> losses;
    losses.reserve(std::size_t(epochs));
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        const bench::LossGradient lg = loss_and_gradient(theta);
        theta -= lr * lg.gradient;
        losses.push_back(lg.loss);
    }
    return losses;
}

}  // namespace

namespace bench {

Implementation course_loop(const Problem& p)
{
    auto loss = [&p](const Vector& theta) {
        return loss_and_gradient(theta, p.c, p.X, p.Y, nn::activation("tanh"), p.lambda);
    };
    return {"course: ch7 loop [ch5-7 stand-in]", loss,
            [&p, loss](Vector& theta, int epochs) { train(theta, loss, p.lr, epochs); }};
}

}  // namespace bench
