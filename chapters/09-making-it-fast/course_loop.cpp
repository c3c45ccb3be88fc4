// (a) The course's own training loop, exactly as the student writes it in chapters 2–7.
//
// STAND-IN until chapters 2–7 are on main: the same code as those chapters (lecture-shaped: one
// xt::xarray per activation, add_bias_column by concatenation, xt::linalg::dot, unpack/pack θ, a
// std::function loss and an optimizer step), copied here so that the benchmark runs meanwhile.
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xadapt.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "bench.hpp"
#include "sigmoid.hpp"

namespace {

using nn::Array;
using nn::Matrix;
using nn::Vector;

Array tanh_(const Array& z) { return xt::tanh(z); }
Array tanh_prime(const Array& z)
{
    const Array t = xt::tanh(z);
    return 1.0 - t * t;
}

struct Activation {
    Array (*phi)(const Array&);
    Array (*phi_prime)(const Array&);
};

Matrix add_bias_column(const Matrix& X)
{
    const Matrix ones = xt::ones<double>({X.shape(0), std::size_t(1)});
    return xt::concatenate(xt::xtuple(ones, X), 1);
}

struct Forward {
    Matrix x_star, z1, a1, a1_star, z2, a2, a2_star, z3, y_hat;
};

Forward forward(const Matrix& X, const Matrix& theta1, const Matrix& theta2, const Matrix& theta3,
                const Activation& phi)
{
    Forward fw;
    fw.x_star = add_bias_column(X);
    fw.z1 = xt::linalg::dot(fw.x_star, theta1);
    fw.a1 = phi.phi(fw.z1);
    fw.a1_star = add_bias_column(fw.a1);
    fw.z2 = xt::linalg::dot(fw.a1_star, theta2);
    fw.a2 = phi.phi(fw.z2);
    fw.a2_star = add_bias_column(fw.a2);
    fw.z3 = xt::linalg::dot(fw.a2_star, theta3);
    fw.y_hat = nn::sigmoid(fw.z3);
    return fw;
}

Array log_sigmoid(const Array& z) { return xt::where(z < 0.0, z, 0.0) - xt::log1p(xt::exp(-xt::abs(z))); }

double cross_entropy(const Matrix& z3, const Matrix& Y)
{
    const double N = static_cast<double>(z3.shape(0));
    const Matrix terms = Y * log_sigmoid(z3) + (1.0 - Y) * log_sigmoid(-z3);
    return -xt::sum(terms)() / N;
}

using MatrixView = xt::xtensor_adaptor<xt::xbuffer_adaptor<double*, xt::no_ownership>, 2>;

std::vector<MatrixView> unpack_theta(Vector& theta, const std::vector<std::size_t>& c)
{
    std::vector<MatrixView> out;
    double* p = theta.data();
    for (std::size_t l = 1; l < c.size(); ++l) {
        const std::size_t rows = c[l - 1] + 1, cols = c[l];
        xt::xbuffer_adaptor<double*, xt::no_ownership> buffer(p, rows * cols);
        out.emplace_back(buffer, std::array<std::size_t, 2>{rows, cols});
        p += rows * cols;
    }
    return out;
}

Vector pack_theta(const std::vector<Matrix>& thetas)
{
    std::size_t n = 0;
    for (const auto& t : thetas) n += t.size();
    Vector out = xt::empty<double>({n});
    std::size_t at = 0;
    for (const auto& t : thetas) {
        std::copy(t.begin(), t.end(), out.begin() + static_cast<std::ptrdiff_t>(at));
        at += t.size();
    }
    return out;
}

double l2_penalty(const Vector& theta, const std::vector<std::size_t>& c, double lambda, std::size_t N)
{
    Vector copy = theta;
    double sum_of_squares = 0.0;
    for (const MatrixView& t : unpack_theta(copy, c)) {
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

struct Gradients {
    Matrix dz3, dtheta3, da2, dz2, dtheta2, da1, dz1, dtheta1;
};

Gradients backprop(const Forward& fw, const Matrix& Y, const Matrix& theta1, const Matrix& theta2,
                   const Matrix& theta3, const Activation& phi, double lambda)
{
    const std::size_t N = fw.x_star.shape(0);
    Gradients g;
    g.dz3 = (fw.y_hat - Y) / static_cast<double>(N);
    g.dtheta3 = xt::linalg::dot(xt::transpose(fw.a2_star), g.dz3) + l2_gradient(theta3, lambda, N);
    const Matrix theta3_weights = xt::view(theta3, xt::range(1, theta3.shape(0)), xt::all());
    g.da2 = xt::linalg::dot(g.dz3, xt::transpose(theta3_weights));
    g.dz2 = g.da2 * phi.phi_prime(fw.z2);
    g.dtheta2 = xt::linalg::dot(xt::transpose(fw.a1_star), g.dz2) + l2_gradient(theta2, lambda, N);
    const Matrix theta2_weights = xt::view(theta2, xt::range(1, theta2.shape(0)), xt::all());
    g.da1 = xt::linalg::dot(g.dz2, xt::transpose(theta2_weights));
    g.dz1 = g.da1 * phi.phi_prime(fw.z1);
    g.dtheta1 = xt::linalg::dot(xt::transpose(fw.x_star), g.dz1) + l2_gradient(theta1, lambda, N);
    return g;
}

bench::LossGradient loss_and_gradient(const Vector& theta, const std::vector<std::size_t>& c, const Matrix& X,
                                      const Matrix& Y, const Activation& phi, double lambda)
{
    Vector theta_copy = theta;
    const std::vector<MatrixView> views = unpack_theta(theta_copy, c);
    const Matrix theta1 = views[0];
    const Matrix theta2 = views[1];
    const Matrix theta3 = views[2];
    const Forward fw = forward(X, theta1, theta2, theta3, phi);
    const Gradients g = backprop(fw, Y, theta1, theta2, theta3, phi, lambda);
    return {cross_entropy(fw.z3, Y) + l2_penalty(theta, c, lambda, Y.shape(0)),
            pack_theta({g.dtheta1, g.dtheta2, g.dtheta3})};
}

void gd_step(Vector& theta, const Vector& gradient, double lr) { theta -= lr * gradient; }

using LossFunction = std::function<bench::LossGradient(const Vector&)>;

std::vector<double> train(Vector& theta, const LossFunction& loss_and_gradient, double lr, int epochs)
{
    std::vector<double> losses;
    losses.reserve(std::size_t(epochs));
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        const bench::LossGradient lg = loss_and_gradient(theta);
        gd_step(theta, lg.gradient, lr);
        losses.push_back(lg.loss);
    }
    return losses;
}

const Activation tanh_activation{&tanh_, &tanh_prime};

}  // namespace

namespace bench {

Implementation course_loop(const Problem& p)
{
    auto loss = [&p](const Vector& theta) {
        return loss_and_gradient(theta, p.c, p.X, p.Y, tanh_activation, p.lambda);
    };
    return {"course: ch7 train(loss_and_gradient) [stand-in]", loss,
            [&p, loss](Vector& theta, int epochs) { train(theta, loss, p.lr, epochs); }};
}

}  // namespace bench
