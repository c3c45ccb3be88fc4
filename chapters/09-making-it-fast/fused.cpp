// compile-options: -O3 -ffast-math -ffp-contract=fast -fopenmp-simd -mprefer-vector-width=512
// (d) The fastest version: the samples as structure of arrays (x₁ of every sample in one row, x₂ in the
// next, and so on for every layer), taken a block of samples at a time through the whole network and back
// while the block is in the processor's first-level cache. Every loop runs over the samples of a block, so
// the compiler vectorizes every one of them: the thin products as multiply-adds over whole rows (no BLAS),
// and tanh (through expm1), exp and log1p as calls of glibc's vector math library (libmvec: 2, 4 or 8 numbers
// a call).
//
// CMake compiles this one file with the options of its first line: -ffast-math lets the compiler use the
// vector functions (they do not set errno) and reorder sums (a vectorized sum adds in another order);
// -fopenmp-simd reads the `#pragma omp simd` below. See the chapter's text for what else it allows.
#include "fused.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace bench {

namespace {

// A block of samples: every buffer of a block, 23 rows of B doubles, stays in the first-level cache.
constexpr std::size_t B = 128;
// A block's rows lie S doubles apart, a little more than B: rows 1 KiB apart would put a load from one row
// and a store to another exactly 4 KiB apart, which the processor takes for the same address at first.
constexpr std::size_t S = B + 8;

}  // namespace

FusedNet::FusedNet(const Problem& p, int threads) : p_(p), N_(p.X.shape(0)), threads_(std::max(1, threads))
{
    if (p.c != nn::Widths{2, 6, 4, 3}) {
        throw std::invalid_argument("the fused version is written for the lecture's widths 2 → 6 → 4 → 3");
    }
    const std::size_t f = p.c[0], c3 = p.c[3];
    // x_j = the j-th feature of every sample, y_k = the k-th label of every sample: rows of N.
    x_.resize(f * N_);
    y_.resize(c3 * N_);
    for (std::size_t i = 0; i < N_; ++i) {
        for (std::size_t j = 0; j < f; ++j) x_[j * N_ + i] = p.X(i, j);
        for (std::size_t k = 0; k < c3; ++k) y_[k * N_ + i] = p.Y(i, k);
    }
    n_theta_ = (f + 1) * p.c[1] + (p.c[1] + 1) * p.c[2] + (p.c[2] + 1) * c3;
    gradient_ = xt::zeros<double>({n_theta_});
    for (int t = 0; t < threads_; ++t) {
        work_.push_back(Work{Numbers((p.c[1] * 2 + p.c[2] * 2 + c3) * S), Numbers(n_theta_), 0.0});
    }
    if (threads_ > 1) {
        for (int t = 1; t < threads_; ++t) helpers_.emplace_back([this, t] { serve(t); });
    }
}

FusedNet::~FusedNet()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    start_.notify_all();
    for (std::thread& h : helpers_) h.join();
}

// A helper thread: wait for an epoch, do its share of the samples, say so.
void FusedNet::serve(int t)
{
    long seen = 0;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            start_.wait(lock, [&] { return stop_ || epoch_ != seen; });
            if (stop_) return;
            seen = epoch_;
        }
        run_share(t);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            ++done_;
        }
        done_cv_.notify_one();
    }
}

// Thread t's share: the blocks t, t + threads, … of the samples, into its own partial gradient and loss.
void FusedNet::run_share(int t)
{
    Work& w = work_[std::size_t(t)];
    std::fill(w.gradient.begin(), w.gradient.end(), 0.0);
    w.loss = 0.0;
    const std::size_t blocks = (N_ + B - 1) / B;
    const std::size_t per = (blocks + std::size_t(threads_) - 1) / std::size_t(threads_);
    const std::size_t first = std::size_t(t) * per, last = std::min(blocks, first + per);
    for (std::size_t b = first; b < last; ++b) {
        w.loss += block(theta_, b * B, std::min(B, N_ - b * B), w);
    }
}

//! [fused]
namespace {

// tanh(z) = sign(z) · −m / (2 + m) with m = e^(−2|z|) − 1 = expm1(−2|z|), as nn::tanh computes it (chapter
// 2): a vector expm1 and a division cost less than the vector tanh.
double tanh_of(double z)
{
    const double m = std::expm1(-2.0 * std::abs(z));
    return std::copysign(-m / (2.0 + m), z);
}

}  // namespace

// One block of n ≤ B samples from sample s: forward, loss and backward; adds the block's gradient into
// w.gradient and returns its share of the cross-entropy (not yet divided by N). The widths are constants
// (the lecture's 2 → 6 → 4 → 3), so the compiler unrolls every loop over them and vectorizes each loop
// over the samples, 8 samples at a time with AVX-512. tanh (expm1), exp and log1p each get loops of their
// own: a call of a vector function may change every vector register, so nothing else should wait across it.
double FusedNet::block(const double* theta, std::size_t s, std::size_t n, Work& w) const
{
    constexpr std::size_t f = 2, c1 = 6, c2 = 4, c3 = 3;
    // θ(l) = [bias row b; weights W], (c_in + 1) × c_out row-major; the gradient in the same layout.
    const double* t1 = theta;
    const double* t2 = t1 + (f + 1) * c1;
    const double* t3 = t2 + (c1 + 1) * c2;
    // The block's rows: a(1), a(2), dz(3) (first z(3)), dz(2), dz(1); row k of a1 is a1 + k S.
    double* a1 = w.rows.data();
    double* a2 = a1 + c1 * S;
    double* dz3 = a2 + c2 * S;
    double* dz2 = dz3 + c3 * S;
    double* dz1 = dz2 + c2 * S;
    const std::size_t N = N_;
    const double* x = x_.data() + s;  // x_j of sample s + i is x[j N + i]
    const double* y = y_.data() + s;
    const double inv_N = 1.0 / double(N);

    // z(1) = x θ(1)w + θ(1)b, then a(1) = tanh z(1)
#pragma omp simd
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < c1; ++k) {
            double z = t1[k];
            for (std::size_t j = 0; j < f; ++j) z += x[j * N + i] * t1[(j + 1) * c1 + k];
            a1[k * S + i] = z;
        }
    }
    for (std::size_t k = 0; k < c1; ++k) {
        double* a = a1 + k * S;
#pragma omp simd
        for (std::size_t i = 0; i < n; ++i) a[i] = tanh_of(a[i]);
    }
    // z(2) = a(1) θ(2)w + θ(2)b, then a(2) = tanh z(2)
#pragma omp simd
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < c2; ++k) {
            double z = t2[k];
            for (std::size_t j = 0; j < c1; ++j) z += a1[j * S + i] * t2[(j + 1) * c2 + k];
            a2[k * S + i] = z;
        }
    }
    for (std::size_t k = 0; k < c2; ++k) {
        double* a = a2 + k * S;
#pragma omp simd
        for (std::size_t i = 0; i < n; ++i) a[i] = tanh_of(a[i]);
    }
    // z(3) = a(2) θ(3)w + θ(3)b, into dz(3)'s rows
#pragma omp simd
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < c3; ++k) {
            double z = t3[k];
            for (std::size_t j = 0; j < c2; ++j) z += a2[j * S + i] * t3[(j + 1) * c3 + k];
            dz3[k * S + i] = z;
        }
    }
    // the loss terms y log σ(z) + (1 − y) log σ(−z), with log σ(±z) = min(±z, 0) − log(1 + e^(−|z|)),
    // and dz(3) = (σ(z) − y)/N in place of z(3)
    double sum = 0.0;
    for (std::size_t k = 0; k < c3; ++k) {
        double* d = dz3 + k * S;
        const double* yk = y + k * N;
#pragma omp simd reduction(+ : sum)
        for (std::size_t i = 0; i < n; ++i) {
            const double z = d[i];
            const double e = std::exp(-std::abs(z));
            const double y_hat = (z >= 0.0 ? 1.0 : e) / (1.0 + e);
            sum += yk[i] * std::min(z, 0.0) + (1.0 - yk[i]) * std::min(-z, 0.0) - std::log1p(e);
            d[i] = (y_hat - yk[i]) * inv_N;
        }
    }
    // dz(2) = (dz(3) θ(3)wᵀ) ⊙ (1 − a(2)²), dz(1) = (dz(2) θ(2)wᵀ) ⊙ (1 − a(1)²)
#pragma omp simd
    for (std::size_t i = 0; i < n; ++i) {
        double d2[c2];
        for (std::size_t j = 0; j < c2; ++j) {
            double da = 0.0;
            for (std::size_t k = 0; k < c3; ++k) da += dz3[k * S + i] * t3[(j + 1) * c3 + k];
            const double a = a2[j * S + i];
            d2[j] = da * (1.0 - a * a);
            dz2[j * S + i] = d2[j];
        }
        for (std::size_t j = 0; j < c1; ++j) {
            double da = 0.0;
            for (std::size_t k = 0; k < c2; ++k) da += d2[k] * t2[(j + 1) * c2 + k];
            const double a = a1[j * S + i];
            dz1[j * S + i] = da * (1.0 - a * a);
        }
    }
    // ∂L/∂θ(l) = [Σ dz(l); a(l−1)ᵀ dz(l)]: sums over the block's samples, each a vectorized loop
    double* g1 = w.gradient.data();
    double* g2 = g1 + (f + 1) * c1;
    double* g3 = g2 + (c1 + 1) * c2;
    layer_gradient(a2, S, dz3, g3, c2, c3, n);
    layer_gradient(a1, S, dz2, g2, c1, c2, n);
    layer_gradient(x, N, dz1, g1, f, c1, n);
    return sum;
}

// g += [Σ_i dz_i; aᵀ dz] for a: c_in rows `stride` apart, dz: c_out rows S apart, over n samples.
void FusedNet::layer_gradient(const double* a, std::size_t stride, const double* dz, double* g,
                              std::size_t c_in, std::size_t c_out, std::size_t n)
{
    for (std::size_t k = 0; k < c_out; ++k) {
        const double* d = dz + k * S;
        double gb = 0.0;
        for (std::size_t i = 0; i < n; ++i) gb += d[i];
        g[k] += gb;
        for (std::size_t j = 0; j < c_in; ++j) {
            const double* aj = a + j * stride;
            double gw = 0.0;
            for (std::size_t i = 0; i < n; ++i) gw += aj[i] * d[i];
            g[(j + 1) * c_out + k] += gw;
        }
    }
}
//! [fused]

double FusedNet::loss_and_gradient(const nn::Vector& theta)
{
    if (theta.size() != n_theta_) throw std::invalid_argument("θ has the wrong size for the fused version");
    theta_ = theta.data();
    if (threads_ > 1) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = 0;
            ++epoch_;
        }
        start_.notify_all();
        run_share(0);
        std::unique_lock<std::mutex> lock(mutex_);
        done_cv_.wait(lock, [&] { return done_ == threads_ - 1; });
    } else {
        run_share(0);
    }
    // The threads' partial sums, always added in the same order (the same θ gives the same bits).
    double loss = 0.0;
    double* g = gradient_.data();
    std::fill(g, g + n_theta_, 0.0);
    for (const Work& w : work_) {
        loss += w.loss;
        for (std::size_t i = 0; i < n_theta_; ++i) g[i] += w.gradient[i];
    }
    loss = -loss / double(N_);
    // the penalty λ/(2N) Σ w² and its gradient (λ/N) w, on every row but the bias rows
    const double scale = p_.lambda / double(N_);
    std::size_t offset = 0;
    for (std::size_t l = 1; l < p_.c.size(); ++l) {
        const std::size_t rows = p_.c[l - 1] + 1, cols = p_.c[l];
        for (std::size_t i = offset + cols; i < offset + rows * cols; ++i) {
            loss += 0.5 * scale * theta(i) * theta(i);
            g[i] += scale * theta(i);
        }
        offset += rows * cols;
    }
    return loss;
}

void FusedNet::train(nn::Vector& theta, int epochs)
{
    for (int e = 0; e < epochs; ++e) {
        loss_and_gradient(theta);
        // θ ← θ − η ∇θL
        for (std::size_t i = 0; i < n_theta_; ++i) theta(i) -= p_.lr * gradient_(i);
    }
}

Implementation fused_soa(const Problem& p, int threads)
{
    auto net = std::make_shared<FusedNet>(p, threads);
    auto at = [net](const nn::Vector& theta) {
        const double loss = net->loss_and_gradient(theta);
        return LossGradient{loss, net->gradient()};
    };
    auto train = [net](nn::Vector& theta, int epochs) { net->train(theta, epochs); };
    return {threads == 1 ? "fused: structure of arrays, vector tanh"
                         : "fused, " + std::to_string(threads) + " threads",
            at, train};
}

}  // namespace bench
