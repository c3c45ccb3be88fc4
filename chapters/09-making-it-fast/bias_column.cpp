// X → X* = [1 | X] three ways, timed on an epoch's shapes.
#include "bias_column.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "base/facts.hpp"
#include "base/tensor.hpp"

namespace bench {
namespace {

using nn::Matrix;

// X* = [1 | X] as one lazy expression: every element asks which of the two inputs it is in.
Matrix by_concatenate(const Matrix& X)
{
    const Matrix ones = xt::ones<double>({X.shape(0), std::size_t(1)});
    return xt::concatenate(xt::xtuple(ones, X), 1);
}

// X* = [1 | X] as a matrix of ones with X copied into the columns 1 … f through a view.
Matrix by_view(const Matrix& X)
{
    const std::size_t f = X.shape(1);
    Matrix x_star = xt::ones<double>({X.shape(0), f + 1});
    xt::view(x_star, xt::all(), xt::range(1, f + 1)) = X;
    return x_star;
}

// X* = [1 | X] row by row: a 1, then the f numbers of row i of X.
Matrix by_rows(const Matrix& X)
{
    const std::size_t N = X.shape(0), f = X.shape(1);
    Matrix x_star = Matrix::from_shape({N, f + 1});
    for (std::size_t i = 0; i < N; ++i) {
        x_star(i, 0) = 1.0;
        for (std::size_t j = 0; j < f; ++j) x_star(i, j + 1) = X(i, j);
    }
    return x_star;
}

// Seconds per call of way(m) for each m, summed: the fastest of several blocks of about `seconds` / 5.
template <class Way>
double seconds_per_epoch(Way way, const std::vector<Matrix>& ms, double seconds)
{
    using clock = std::chrono::steady_clock;
    volatile double sink = 0.0;  // each result is read: no call can be optimized away
    double best = 1e300;
    long calls = 1;
    for (;; calls *= 2) {  // how many epochs make a block
        const auto start = clock::now();
        for (long k = 0; k < calls; ++k)
            for (const Matrix& m : ms) sink = way(m)(0, 0);
        const double spent = std::chrono::duration<double>(clock::now() - start).count();
        best = spent / double(calls);
        if (spent > seconds / 5) break;
    }
    for (int block = 0; block < 4; ++block) {
        const auto start = clock::now();
        for (long k = 0; k < calls; ++k)
            for (const Matrix& m : ms) sink = way(m)(0, 0);
        best = std::min(best, std::chrono::duration<double>(clock::now() - start).count() / double(calls));
    }
    (void)sink;
    return best;
}

}  // namespace

BiasColumnTimes time_bias_column(const Problem& p, double seconds)
{
    // The three inputs of one epoch: X (N × f), a⁽¹⁾ (N × c⁽¹⁾), a⁽²⁾ (N × c⁽²⁾), with numbers in (−1, 1)
    // like tanh's.
    std::vector<Matrix> ms = {p.X};
    for (std::size_t l = 1; l + 1 < p.c.size(); ++l) {
        Matrix a = Matrix::from_shape({p.X.shape(0), p.c[l]});
        for (std::size_t i = 0; i < a.size(); ++i) a.flat(i) = std::sin(double(i));
        ms.push_back(a);
    }
    for (const Matrix& m : ms) {
        if (by_concatenate(m) != by_rows(m) || by_view(m) != by_rows(m)) {
            throw std::logic_error("the three ways of the bias column disagree (bias_column.cpp)");
        }
    }
    BiasColumnTimes t;
    t.concatenate_us = seconds_per_epoch(by_concatenate, ms, seconds) * 1e6;
    t.view_us = seconds_per_epoch(by_view, ms, seconds) * 1e6;
    t.rows_us = seconds_per_epoch(by_rows, ms, seconds) * 1e6;
    return t;
}

void print_bias_column(const BiasColumnTimes& t, double course_epoch_seconds)
{
    const double epoch_us = course_epoch_seconds * 1e6;
    std::printf(
        "The bias column X* = [1 | X] of X, a1 and a2, once each (an epoch's), µs (share of the course's\n"
        "epoch, %.0f µs): xt::concatenate %.1f (%.0f %%), a view %.1f (%.0f %%), row by row %.1f (%.0f %%)\n",
        epoch_us, t.concatenate_us, 100 * t.concatenate_us / epoch_us, t.view_us, 100 * t.view_us / epoch_us,
        t.rows_us, 100 * t.rows_us / epoch_us);
}

void write_bias_column_facts(const std::string& dir, const BiasColumnTimes& t)
{
    nn::write_fact(dir, "bias_concatenate_us", t.concatenate_us);
    nn::write_fact(dir, "bias_view_us", t.view_us);
    nn::write_fact(dir, "bias_rows_us", t.rows_us);
}

}  // namespace bench
