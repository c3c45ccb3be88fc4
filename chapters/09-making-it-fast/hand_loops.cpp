// (c) Plain hand-written loops: one pass over the samples, each sample carried forward and backward
// through the three layers in a few small local arrays. No library, no buffer of N rows, scalar
// std::tanh and std::exp from the C library.
#include <algorithm>
#include <cmath>

#include "bench.hpp"

namespace {

constexpr std::size_t max_width = 16;

//! [hand_loops]
// One epoch's loss and gradient, sample by sample. theta and gradient in the course's layout: θ(1),
// θ(2), θ(3) one after another, each (c_in + 1) × c_out row-major with the bias row first.
double loss_and_gradient(const bench::Problem& p, const double* theta, double* gradient)
{
    const std::size_t N = p.X.shape(0), f = p.c[0], c1 = p.c[1], c2 = p.c[2], c3 = p.c[3];
    const double* t1 = theta;
    const double* t2 = t1 + (f + 1) * c1;
    const double* t3 = t2 + (c1 + 1) * c2;
    double* g1 = gradient;
    double* g2 = g1 + (f + 1) * c1;
    double* g3 = g2 + (c1 + 1) * c2;
    const std::size_t n_theta = (f + 1) * c1 + (c1 + 1) * c2 + (c2 + 1) * c3;
    std::fill(gradient, gradient + n_theta, 0.0);
    double loss = 0.0;
    for (std::size_t i = 0; i < N; ++i) {
        const double* x = &p.X(i, 0);
        const double* y = &p.Y(i, 0);
        double a1[max_width], a2[max_width], dz3[max_width], dz2[max_width], dz1[max_width];
        // z(1) = x* θ(1), a(1) = tanh z(1)
        for (std::size_t k = 0; k < c1; ++k) {
            double z = t1[k];
            for (std::size_t j = 0; j < f; ++j) z += x[j] * t1[(j + 1) * c1 + k];
            a1[k] = std::tanh(z);
        }
        // z(2) = a(1)* θ(2), a(2) = tanh z(2)
        for (std::size_t k = 0; k < c2; ++k) {
            double z = t2[k];
            for (std::size_t j = 0; j < c1; ++j) z += a1[j] * t2[(j + 1) * c2 + k];
            a2[k] = std::tanh(z);
        }
        // z(3) = a(2)* θ(3); ŷ = σ(z(3)); the loss from log σ(±z) = min(±z, 0) − log(1 + e^(−|z|))
        for (std::size_t k = 0; k < c3; ++k) {
            double z = t3[k];
            for (std::size_t j = 0; j < c2; ++j) z += a2[j] * t3[(j + 1) * c3 + k];
            const double e = std::exp(-std::abs(z));
            const double y_hat = z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            loss -= y[k] * std::min(z, 0.0) + (1.0 - y[k]) * std::min(-z, 0.0) - std::log1p(e);
            dz3[k] = (y_hat - y[k]) / double(N);
        }
        // ∂L/∂θ(3) += a(2)*ᵀ dz3;  dz2 = (dz3 θ(3)ᵀ without the bias row) ⊙ (1 − a(2)²)
        for (std::size_t k = 0; k < c3; ++k) g3[k] += dz3[k];
        for (std::size_t j = 0; j < c2; ++j) {
            double da = 0.0;
            for (std::size_t k = 0; k < c3; ++k) {
                g3[(j + 1) * c3 + k] += a2[j] * dz3[k];
                da += dz3[k] * t3[(j + 1) * c3 + k];
            }
            dz2[j] = da * (1.0 - a2[j] * a2[j]);
        }
        for (std::size_t k = 0; k < c2; ++k) g2[k] += dz2[k];
        for (std::size_t j = 0; j < c1; ++j) {
            double da = 0.0;
            for (std::size_t k = 0; k < c2; ++k) {
                g2[(j + 1) * c2 + k] += a1[j] * dz2[k];
                da += dz2[k] * t2[(j + 1) * c2 + k];
            }
            dz1[j] = da * (1.0 - a1[j] * a1[j]);
        }
        for (std::size_t k = 0; k < c1; ++k) g1[k] += dz1[k];
        for (std::size_t j = 0; j < f; ++j) {
            for (std::size_t k = 0; k < c1; ++k) g1[(j + 1) * c1 + k] += x[j] * dz1[k];
        }
    }
    loss /= double(N);
    // The L2 penalty λ/(2N) Σθ² and its gradient (λ/N)θ, on every row but the bias rows.
    const double scale = p.lambda / double(N);
    const double* t = theta;
    double* g = gradient;
    for (std::size_t l = 1; l < p.c.size(); ++l) {
        const std::size_t rows = p.c[l - 1] + 1, cols = p.c[l];
        for (std::size_t r = 1; r < rows; ++r) {
            for (std::size_t k = 0; k < cols; ++k) {
                loss += 0.5 * scale * t[r * cols + k] * t[r * cols + k];
                g[r * cols + k] += scale * t[r * cols + k];
            }
        }
        t += rows * cols;
        g += rows * cols;
    }
    return loss;
}
//! [hand_loops]

}  // namespace

namespace bench {

Implementation hand_loops(const Problem& p)
{
    auto at = [&p](const nn::Vector& theta) {
        nn::Vector gradient = xt::zeros<double>(theta.shape());
        const double loss = loss_and_gradient(p, theta.data(), gradient.data());
        return LossGradient{loss, gradient};
    };
    auto train = [&p](nn::Vector& theta, int epochs) {
        nn::Vector gradient = xt::zeros<double>(theta.shape());
        for (int e = 0; e < epochs; ++e) {
            loss_and_gradient(p, theta.data(), gradient.data());
            for (std::size_t i = 0; i < theta.size(); ++i) theta(i) -= p.lr * gradient(i);
        }
    };
    return {"hand loops, one pass per sample, std::tanh", at, train};
}

}  // namespace bench
