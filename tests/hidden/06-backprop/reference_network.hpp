// The hidden tests' own forward and backward pass for a network of any depth, with loops (never released):
// what chapters 6 and 8 are compared with.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "base/tensor.hpp"
#include "base/widths.hpp"

namespace nn::hidden {

inline double phi(const std::string& name, double v)
{
    if (name == "tanh") {
        return std::tanh(v);
    }
    if (name == "relu") {
        return v > 0 ? v : 0.0;
    }
    return v >= 0 ? 1.0 / (1.0 + std::exp(-v)) : std::exp(v) / (1.0 + std::exp(v));
}

inline double phi_prime(const std::string& name, double v)
{
    if (name == "tanh") {
        return 1.0 - std::tanh(v) * std::tanh(v);
    }
    if (name == "relu") {
        return v > 0 ? 1.0 : 0.0;
    }
    return phi("sigmoid", v) * (1.0 - phi("sigmoid", v));
}

/// θ(l) copied out of the flat θ: (c(l−1) + 1) × c(l), row-major, one after another.
inline std::vector<Matrix> layers(const Vector& theta, const Widths& c)
{
    std::vector<Matrix> out;
    std::size_t i = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        Matrix t = Matrix::from_shape({c[l - 1] + 1, c[l]});
        for (double& v : t) {
            v = theta(i++);
        }
        out.push_back(t);
    }
    return out;
}

struct Pass {
    std::vector<Matrix> a_star;  ///< a(l)* for l = 0 … L−1 (a(0)* = X*)
    std::vector<Matrix> z;       ///< z(l) for l = 1 … L, at index l − 1
    Matrix y_hat;
    double loss = 0.0;
    Vector gradient;  ///< ∇θL in θ's layout
};

/// Forward: z(l) = a(l−1)* θ(l), a(l) = φ(z(l)), ŷ = σ(z(L)); the loss with λ/(2N) Σ θ² (bias rows left
/// out); backward: ∂L/∂z(L) = (ŷ − Y)/N, ∂L/∂θ(l) = a(l−1)*ᵀ ∂L/∂z(l) + (λ/N) θ(l) (bias row 0),
/// ∂L/∂z(l−1) = (∂L/∂z(l) θ(l)ᵀ without column 0) ⊙ φ′(z(l−1)).
inline Pass network(const Vector& theta, const Widths& c, const Matrix& X, const Matrix& Y,
                    const std::string& hidden_phi, double lambda)
{
    const std::vector<Matrix> t = layers(theta, c);
    const std::size_t N = X.shape(0), L = t.size();
    Pass p;
    Matrix a = X;
    for (std::size_t l = 1; l <= L; ++l) {
        Matrix a_star = Matrix::from_shape({N, a.shape(1) + 1});
        for (std::size_t i = 0; i < N; ++i) {
            a_star(i, 0) = 1.0;
            for (std::size_t j = 0; j < a.shape(1); ++j) {
                a_star(i, j + 1) = a(i, j);
            }
        }
        Matrix z = Matrix::from_shape({N, c[l]});
        for (std::size_t i = 0; i < N; ++i) {
            for (std::size_t k = 0; k < c[l]; ++k) {
                double sum = 0.0;
                for (std::size_t j = 0; j < a_star.shape(1); ++j) {
                    sum += a_star(i, j) * t[l - 1](j, k);
                }
                z(i, k) = sum;
            }
        }
        a = z;
        for (double& v : a) {
            v = phi(l == L ? "sigmoid" : hidden_phi, v);
        }
        p.a_star.push_back(a_star);
        p.z.push_back(z);
    }
    p.y_hat = a;
    double sum = 0.0, squares = 0.0;
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t k = 0; k < c[L]; ++k) {
            const double v = p.z[L - 1](i, k);
            // −[y log σ(v) + (1 − y) log σ(−v)] = max(v, 0) − v y + log(1 + e^(−|v|))
            sum += std::max(v, 0.0) - v * Y(i, k) + std::log1p(std::exp(-std::abs(v)));
        }
    }
    for (const Matrix& m : t) {
        for (std::size_t r = 1; r < m.shape(0); ++r) {
            for (std::size_t k = 0; k < m.shape(1); ++k) {
                squares += m(r, k) * m(r, k);
            }
        }
    }
    p.loss = sum / double(N) + lambda / (2.0 * double(N)) * squares;
    std::vector<Matrix> grads(L);
    Matrix dz = (p.y_hat - Y) / double(N);
    for (std::size_t l = L; l >= 1; --l) {
        const Matrix& as = p.a_star[l - 1];
        Matrix g = Matrix::from_shape(t[l - 1].shape());
        for (std::size_t j = 0; j < g.shape(0); ++j) {
            for (std::size_t k = 0; k < g.shape(1); ++k) {
                double s = 0.0;
                for (std::size_t i = 0; i < N; ++i) {
                    s += as(i, j) * dz(i, k);
                }
                g(j, k) = s + (j == 0 ? 0.0 : lambda / double(N) * t[l - 1](j, k));
            }
        }
        grads[l - 1] = g;
        if (l == 1) {
            break;
        }
        Matrix next = Matrix::from_shape({N, c[l - 1]});
        for (std::size_t i = 0; i < N; ++i) {
            for (std::size_t j = 0; j < c[l - 1]; ++j) {
                double s = 0.0;
                for (std::size_t k = 0; k < c[l]; ++k) {
                    s += dz(i, k) * t[l - 1](j + 1, k);
                }
                next(i, j) = s * phi_prime(hidden_phi, p.z[l - 2](i, j));
            }
        }
        dz = next;
    }
    p.gradient = Vector::from_shape({theta.size()});
    std::size_t i = 0;
    for (const Matrix& g : grads) {
        for (const double v : g) {
            p.gradient(i++) = v;
        }
    }
    return p;
}

}  // namespace nn::hidden
