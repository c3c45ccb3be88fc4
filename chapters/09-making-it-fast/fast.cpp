// (b) The same computation written for speed, still with xtensor: every buffer allocated once, the
// bias kept apart from the weights (no column of ones to copy in), the element-wise steps fused into
// one expression assigned with xt::noalias, tanh, exp and log1p vectorized with xsimd, and the products
// either as BLAS calls (cblas_dgemm) or as hand-written loops, to compare the two.
#include <cblas.h>

#include <cmath>
#include <xsimd/xsimd.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xnoalias.hpp>
#include <xtensor/xoperation.hpp>

#include "bench.hpp"

namespace {

using nn::Matrix;
using nn::Vector;
using batch = xsimd::batch<double>;

//! [vector_tanh]
// a = tanh(a) in place, xsimd::batch<double>::size numbers at a time (2 with SSE2, 4 with AVX2).
void tanh_in_place(Matrix& a)
{
    double* p = a.data();
    const std::size_t n = a.size();
    std::size_t i = 0;
    for (; i + batch::size <= n; i += batch::size) {
        xsimd::tanh(batch::load_unaligned(p + i)).store_unaligned(p + i);
    }
    for (; i < n; ++i) {
        p[i] = std::tanh(p[i]);
    }
}
//! [vector_tanh]

// The loss terms and dz(3) = (ŷ − Y)/N in one pass over z(3), vectorized; returns Σ of the terms
// y log σ(z) + (1 − y) log σ(−z), with log σ(±z) = min(±z, 0) − log(1 + e^(−|z|)).
double output_layer(const Matrix& z3, const Matrix& Y, Matrix& dz3)
{
    const double* z = z3.data();
    const double* y = Y.data();
    double* d = dz3.data();
    const std::size_t n = z3.size();
    const double inv_N = 1.0 / double(z3.shape(0));
    batch sum(0.0);
    std::size_t i = 0;
    for (; i + batch::size <= n; i += batch::size) {
        const batch zb = batch::load_unaligned(z + i), yb = batch::load_unaligned(y + i);
        const batch e = xsimd::exp(-xsimd::abs(zb));
        const batch y_hat = xsimd::select(zb >= batch(0.0), 1.0 / (1.0 + e), e / (1.0 + e));
        sum += yb * xsimd::min(zb, batch(0.0)) + (1.0 - yb) * xsimd::min(-zb, batch(0.0)) - xsimd::log1p(e);
        ((y_hat - yb) * inv_N).store_unaligned(d + i);
    }
    double total = xsimd::hadd(sum);
    for (; i < n; ++i) {
        const double e = std::exp(-std::abs(z[i]));
        const double y_hat = z[i] >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        total += y[i] * std::min(z[i], 0.0) + (1.0 - y[i]) * std::min(-z[i], 0.0) - std::log1p(e);
        d[i] = (y_hat - y[i]) * inv_N;
    }
    return total;
}

// The layer θ = [bias row b; weights W] inside the flat θ: (in + 1) × out, row-major.
struct Layer {
    std::size_t in, out, offset;
    const double* b(const double* theta) const { return theta + offset; }
    const double* W(const double* theta) const { return theta + offset + out; }
};

//! [products]
// z = a W + b for a: N × in, W: in × out (row-major, leading dimension out), b: out.
void affine(const Matrix& a, const double* W, const double* b, Matrix& z, bool blas)
{
    const std::size_t N = a.shape(0), in = a.shape(1), out = z.shape(1);
    double* zp = z.data();
    const double* ap = a.data();
    if (blas) {
        for (std::size_t i = 0; i < N; ++i) std::copy(b, b + out, zp + i * out);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(N), int(out), int(in), 1.0, ap, int(in), W,
                    int(out), 1.0, zp, int(out));
        return;
    }
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t k = 0; k < out; ++k) {
            double s = b[k];
            for (std::size_t j = 0; j < in; ++j) s += ap[i * in + j] * W[j * out + k];
            zp[i * out + k] = s;
        }
    }
}

// The gradient of a layer: gW = aᵀ dz (in × out), gb = Σ_i dz_i (out), into the flat gradient.
void layer_gradient(const Matrix& a, const Matrix& dz, double* gb, double* gW, bool blas)
{
    const std::size_t N = a.shape(0), in = a.shape(1), out = dz.shape(1);
    const double* ap = a.data();
    const double* dp = dz.data();
    std::fill(gb, gb + out, 0.0);
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t k = 0; k < out; ++k) gb[k] += dp[i * out + k];
    }
    if (blas) {
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(in), int(out), int(N), 1.0, ap, int(in), dp,
                    int(out), 0.0, gW, int(out));
        return;
    }
    std::fill(gW, gW + in * out, 0.0);
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = 0; j < in; ++j) {
            for (std::size_t k = 0; k < out; ++k) gW[j * out + k] += ap[i * in + j] * dp[i * out + k];
        }
    }
}

// da = dz Wᵀ: N × in, from dz: N × out and W: in × out.
void back_through(const Matrix& dz, const double* W, Matrix& da, bool blas)
{
    const std::size_t N = dz.shape(0), out = dz.shape(1), in = da.shape(1);
    const double* dp = dz.data();
    double* ap = da.data();
    if (blas) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(N), int(in), int(out), 1.0, dp, int(out), W,
                    int(out), 0.0, ap, int(in));
        return;
    }
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = 0; j < in; ++j) {
            double s = 0.0;
            for (std::size_t k = 0; k < out; ++k) s += dp[i * out + k] * W[j * out + k];
            ap[i * in + j] = s;
        }
    }
}
//! [products]

//! [fast]
// Every buffer is allocated once, when the network is made; an epoch allocates nothing.
class FastNet {
public:
    FastNet(const bench::Problem& p, bool blas)
        : p_(p),
          blas_(blas),
          N_(p.X.shape(0)),
          l1_{p.c[0], p.c[1], 0},
          l2_{p.c[1], p.c[2], l1_.offset + (p.c[0] + 1) * p.c[1]},
          l3_{p.c[2], p.c[3], l2_.offset + (p.c[1] + 1) * p.c[2]},
          a1_(xt::empty<double>({N_, p.c[1]})),
          a2_(xt::empty<double>({N_, p.c[2]})),
          z3_(xt::empty<double>({N_, p.c[3]})),
          dz3_(xt::empty<double>({N_, p.c[3]})),
          dz2_(xt::empty<double>({N_, p.c[2]})),
          dz1_(xt::empty<double>({N_, p.c[1]})),
          gradient_(xt::empty<double>({l3_.offset + (p.c[2] + 1) * p.c[3]}))
    {
    }

    // The loss at θ; the gradient is left in gradient().
    double loss_and_gradient(const Vector& theta)
    {
        const double* t = theta.data();
        double* g = gradient_.data();
        // z(1) = X θ(1)w + θ(1)b, a(1) = tanh z(1), in place
        affine(p_.X, l1_.W(t), l1_.b(t), a1_, blas_);
        tanh_in_place(a1_);
        affine(a1_, l2_.W(t), l2_.b(t), a2_, blas_);
        tanh_in_place(a2_);
        affine(a2_, l3_.W(t), l3_.b(t), z3_, blas_);
        double loss = -output_layer(z3_, p_.Y, dz3_) / double(N_);
        layer_gradient(a2_, dz3_, g + l3_.offset, g + l3_.offset + l3_.out, blas_);
        // dz(2) = (dz(3) θ(3)wᵀ) ⊙ (1 − a(2)²): the product, then one fused expression in place
        back_through(dz3_, l3_.W(t), dz2_, blas_);
        xt::noalias(dz2_) *= 1.0 - a2_ * a2_;
        layer_gradient(a1_, dz2_, g + l2_.offset, g + l2_.offset + l2_.out, blas_);
        back_through(dz2_, l2_.W(t), dz1_, blas_);
        xt::noalias(dz1_) *= 1.0 - a1_ * a1_;
        layer_gradient(p_.X, dz1_, g + l1_.offset, g + l1_.offset + l1_.out, blas_);
        // the penalty λ/(2N) Σ w² and its gradient (λ/N) w, weights only
        const double scale = p_.lambda / double(N_);
        for (const Layer& l : {l1_, l2_, l3_}) {
            for (std::size_t i = l.offset + l.out; i < l.offset + (l.in + 1) * l.out; ++i) {
                loss += 0.5 * scale * t[i] * t[i];
                g[i] += scale * t[i];
            }
        }
        return loss;
    }

    const Vector& gradient() const { return gradient_; }

private:
    const bench::Problem& p_;
    bool blas_;
    std::size_t N_;
    Layer l1_, l2_, l3_;
    Matrix a1_, a2_, z3_, dz3_, dz2_, dz1_;
    Vector gradient_;
};
//! [fast]

}  // namespace

namespace bench {

Implementation fast_xtensor(const Problem& p, bool blas)
{
    auto net = std::make_shared<FastNet>(p, blas);
    auto at = [net](const Vector& theta) {
        const double loss = net->loss_and_gradient(theta);
        return LossGradient{loss, net->gradient()};
    };
    auto train = [net, lr = p.lr](Vector& theta, int epochs) {
        for (int e = 0; e < epochs; ++e) {
            net->loss_and_gradient(theta);
            // θ ← θ − η ∇θL
            xt::noalias(theta) -= lr * net->gradient();
        }
    };
    return {blas ? "fast: buffers, xsimd, BLAS products" : "fast: buffers, xsimd, hand products", at, train};
}

}  // namespace bench
