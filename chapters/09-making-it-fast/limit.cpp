// compile-options: -O3 -ffast-math -ffp-contract=fast -fopenmp-simd -mprefer-vector-width=512
// The limit: what an epoch must compute, counted from the widths, and how fast this processor computes it,
// measured here with the same options as the fused version (so the vector functions are the ones it calls).
#include "limit.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <xsimd/xsimd.hpp>

#include "base/facts.hpp"
#include "fused.hpp"

namespace bench {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The fastest of a few runs of `work(reps)` (each about `seconds`), in seconds per rep: a busy machine
// only ever slows a run down.
template <class Work>
double best_seconds_per_rep(Work work, double seconds)
{
    long reps = 1;
    for (double spent = 0.0; spent < seconds / 8; reps *= 2) {
        const auto start = Clock::now();
        work(reps);
        spent = since(start);
    }
    double best = INFINITY;
    for (int round = 0; round < 4; ++round) {
        const auto start = Clock::now();
        work(reps);
        best = std::min(best, since(start) / double(reps));
    }
    return best;
}

volatile double sink;  // results that the compiler must not throw away

// Independent multiply-adds on full vector registers: 16 chains, enough to keep every unit busy.
double flops_per_second(double seconds)
{
    using batch = xsimd::batch<double>;
    constexpr int chains = 16, inner = 256;
    const double per_rep = 2.0 * chains * inner * double(batch::size);
    const double s = best_seconds_per_rep(
        [](long reps) {
            batch acc[chains];
            for (int k = 0; k < chains; ++k) acc[k] = batch(1.0 + 0.01 * k);
            const batch m(0.999999), a(1e-6);
            for (long r = 0; r < reps; ++r) {
                for (int i = 0; i < inner; ++i) {
                    for (int k = 0; k < chains; ++k) acc[k] = xsimd::fma(acc[k], m, a);
                }
            }
            batch total(0.0);
            for (int k = 0; k < chains; ++k) total += acc[k];
            sink = xsimd::hadd(total);
        },
        seconds);
    return per_rep / s;
}

// Nanoseconds per value of f over 3000 values between lo and hi, in a loop the compiler vectorizes (so
// that f is glibc's vector version, as in the fused loop), loads and stores included.
template <class F>
double ns_per_value(F f, double lo, double hi, double seconds)
{
    constexpr std::size_t n = 3000;
    std::vector<double> in(n), out(n);
    for (std::size_t i = 0; i < n; ++i) in[i] = lo + (hi - lo) * double(i) / double(n - 1);
    const double s = best_seconds_per_rep(
        [&](long reps) {
            for (long r = 0; r < reps; ++r) {
                const double* x = in.data();
                double* y = out.data();
#pragma omp simd
                for (std::size_t i = 0; i < n; ++i) y[i] = f(x[i]);
                sink = y[r % n];
            }
        },
        seconds);
    return s / double(n) * 1e9;
}

// Bytes per second reading a buffer of `bytes` again and again (it stays in the cache, as X and Y do).
double read_bytes_per_second(double bytes, double seconds)
{
    std::vector<double> data(std::size_t(bytes / sizeof(double)) + 1, 1.0);
    const double s = best_seconds_per_rep(
        [&](long reps) {
            double total = 0.0;
            for (long r = 0; r < reps; ++r) {
                const double* d = data.data();
                double sum = 0.0;
                for (std::size_t i = 0; i < data.size(); ++i) sum += d[i];
                total += sum;
            }
            sink = total;
        },
        seconds);
    return double(data.size() * sizeof(double)) / s;
}

std::string thousands(double x)
{
    const long v = std::lround(x);
    std::string digits = std::to_string(v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
        out += digits[i];
    }
    return out;
}

}  // namespace

double Limit::seconds() const
{
    return std::max(arithmetic_seconds() + function_seconds(), memory_seconds());
}

Limit measure_limit(const Problem& p, double seconds)
{
    Limit L;
    const double N = double(p.X.shape(0));
    const double f = double(p.c[0]), c1 = double(p.c[1]), c2 = double(p.c[2]), c3 = double(p.c[3]);
    // Per sample, a multiply-add counting 2: forward, z(l) = a(l−1) W(l) + b(l): 2 c_in c_out + c_out a
    // layer; the output, besides exp and log1p: |z|, 1 + e, σ, the loss's two terms, dz(3) = (σ − y)/N: 8 per
    // unit; the gradient of each layer, aᵀ dz and Σ dz: 2 c_in c_out + c_out; back through layers 3 and 2, dz
    // W ᵀ: 2 c_in c_out, times 1 − a²: 3 per hidden unit.
    const double layers = (2 * f * c1 + c1) + (2 * c1 * c2 + c2) + (2 * c2 * c3 + c3);
    const double per_sample = layers + 8 * c3 + layers + 2 * (c1 * c2 + c2 * c3) + 3 * (c1 + c2);
    // The step θ ← θ − η g and the penalty: about 5 per component of θ.
    const double n_theta = (f + 1) * c1 + (c1 + 1) * c2 + (c2 + 1) * c3;
    L.flops = N * per_sample + 5 * n_theta;
    L.tanh = N * (c1 + c2);
    L.exp = N * c3;
    L.log1p = N * c3;
    // X and Y read once, θ read, the gradient written and read back by the step.
    L.bytes = (N * (f + c3) + 3 * n_theta) * sizeof(double);

    L.lanes = xsimd::batch<double>::size;
    L.flops_per_second = flops_per_second(seconds);
    // tanh the cheaper of two ways, both accurate to a few units in the last place: glibc's vector tanh, or
    // its vector expm1 and a division, sign(z) · −m / (2 + m) with m = expm1(−2|z|) (nn::tanh, the fused
    // loop).
    const double vector_tanh_ns = ns_per_value([](double z) { return std::tanh(z); }, -4.0, 4.0, seconds);
    const double expm1_tanh_ns = ns_per_value(
        [](double z) {
            const double m = std::expm1(-2.0 * std::abs(z));
            return std::copysign(-m / (2.0 + m), z);
        },
        -4.0, 4.0, seconds);
    L.tanh_ns = std::min(vector_tanh_ns, expm1_tanh_ns);
    L.tanh_how = expm1_tanh_ns < vector_tanh_ns ? "tanh through expm1" : "vector tanh";
    L.exp_ns = ns_per_value([](double z) { return std::exp(z); }, -30.0, 0.0, seconds);
    L.log1p_ns = ns_per_value([](double e) { return std::log1p(e); }, 1e-13, 1.0, seconds);
    L.bytes_per_second = read_bytes_per_second(L.bytes, seconds);
    return L;
}

void print_limit(const Limit& L, const std::vector<Row>& rows)
{
    std::printf("The limit: the fastest an epoch can be on this processor\n");
    std::printf(
        "  one epoch (counted from the widths): %.2f Mflop (a multiply-add counts 2), %s tanh, %s exp,\n"
        "    %s log1p, %.0f kB to read and write (X, Y, θ, the gradient)\n",
        L.flops * 1e-6, thousands(L.tanh).c_str(), thousands(L.exp).c_str(), thousands(L.log1p).c_str(),
        L.bytes * 1e-3);
    std::printf(
        "  this processor (measured): %zu doubles a vector register, %.1f Gflop/s of multiply-adds;\n"
        "    glibc's %s %.2f ns a value (%.1f ns for %zu), exp %.2f ns, log1p %.2f ns;\n"
        "    reading %.0f GB/s\n",
        L.lanes, L.flops_per_second * 1e-9, L.tanh_how.c_str(), L.tanh_ns, L.tanh_ns * double(L.lanes),
        L.lanes, L.exp_ns, L.log1p_ns, L.bytes_per_second * 1e-9);
    std::printf(
        "  fastest epoch: %.1f µs of arithmetic + %.1f µs of tanh, exp and log1p = %.1f µs (the data can\n"
        "    move meanwhile, in %.1f µs): %s epochs/s\n",
        L.arithmetic_seconds() * 1e6, L.function_seconds() * 1e6, L.seconds() * 1e6, L.memory_seconds() * 1e6,
        thousands(1.0 / L.seconds()).c_str());
    std::printf("  each row's share of it (one thread):");
    std::size_t shown = 0;
    for (const Row& r : rows) {
        if (!r.missing.empty() || r.secs[0].empty()) continue;
        std::printf("%s\n    %-46s %5.1f %%", shown++ ? "" : "", r.name.c_str(),
                    100.0 * r.eps(0) * L.seconds());
    }
    std::printf("\n\n");
}

void write_limit_data(const std::string& dir, const Limit& L, const std::vector<Row>& rows)
{
    std::filesystem::create_directories(dir);
    const std::string path = (std::filesystem::path(dir) / "limit.dat").string();
    std::ofstream out(path);
    out << "# the limit's epochs/s; then per implementation: \"name\" epochs/s with one thread, share of the "
           "limit\n";
    out << "\"the limit\" " << 1.0 / L.seconds() << " 1\n";
    for (const Row& r : rows) {
        if (r.missing.empty() && !r.secs[0].empty()) {
            out << '"' << r.name << "\" " << r.eps(0) << ' ' << r.eps(0) * L.seconds() << '\n';
        }
    }
    if (!out) throw std::runtime_error("cannot write " + path);
    // The counts of one epoch and the limit, for the chapter's text.
    nn::write_fact(dir, "limit_flops", L.flops);
    nn::write_fact(dir, "limit_tanh", L.tanh);
    nn::write_fact(dir, "limit_exp", L.exp);
    nn::write_fact(dir, "limit_log1p", L.log1p);
    nn::write_fact(dir, "limit_eps", 1.0 / L.seconds());
}

void print_threads(double seconds)
{
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 2) {
        std::printf("Threads: this machine has one processor, so no second thread to try.\n\n");
        return;
    }
    std::printf("Threads (the fused version, epochs/s with 1 → 2 threads):\n ");
    long pays_from = 0;
    for (std::size_t per_class : {100, 300, 1000, 3000, 10000}) {
        const Problem p = make_problem(per_class);
        double eps[2];
        for (int t = 0; t < 2; ++t) {
            FusedNet net(p, t + 1);
            nn::Vector theta = p.theta0;
            eps[t] = 1.0 / best_seconds_per_rep([&](long reps) { net.train(theta, int(reps)); }, seconds);
        }
        const long N = long(p.X.shape(0));
        if (eps[1] > eps[0] && pays_from == 0) pays_from = N;
        if (eps[1] <= eps[0]) pays_from = 0;
        std::printf(" N = %ld: %s → %s%s", N, thousands(eps[0]).c_str(), thousands(eps[1]).c_str(),
                    per_class == 10000 ? "\n" : ";");
    }
    if (pays_from > 0) {
        std::printf(
            "  a second thread pays from N = %ld on here (waking it and adding up its share cost less "
            "than half the work)\n\n",
            pays_from);
    } else {
        std::printf("  a second thread does not pay here, up to N = 30 000\n\n");
    }
}

}  // namespace bench
