// The appendix's limit: the fastest an epoch can be on this processor, from what an epoch must compute
// (counted from the widths) and what this processor can do (measured), and each row's share of it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bench.hpp"
#include "report.hpp"

namespace bench {

/// What one epoch must do, and how fast this processor does each kind of work.
struct Limit {
    // Counted from the widths {f, c1, c2, c3} and N.
    double flops = 0;  ///< + − × ÷ of one epoch (a multiply-add counts 2), besides the functions
    double tanh = 0, exp = 0, log1p = 0;  ///< evaluations of one epoch: N (c1 + c2), N c3, N c3
    double bytes = 0;                     ///< what must be read and written: X, Y, θ and the gradient
    // Measured on this processor (limit.cpp, compiled like the fused version).
    std::size_t lanes = 1;        ///< doubles in one vector register (the compiler's widest for this build)
    double flops_per_second = 0;  ///< independent multiply-adds on full vector registers
    double tanh_ns = 0, exp_ns = 0, log1p_ns = 0;  ///< seconds × 1e9 per value, glibc's vector versions
    std::string tanh_how;  ///< how tanh costs least: "vector tanh", or "tanh through expm1" (and a division)
    double bytes_per_second = 0;  ///< reading a buffer of `bytes` again and again

    double arithmetic_seconds() const { return flops / flops_per_second; }
    double function_seconds() const { return (tanh * tanh_ns + exp * exp_ns + log1p * log1p_ns) * 1e-9; }
    double memory_seconds() const { return bytes / bytes_per_second; }
    /// The fastest epoch: the arithmetic and the functions share the vector units; the data can move
    /// meanwhile.
    double seconds() const;
};

/// Counts the work of an epoch of p and measures this processor, spending about `seconds` on each
/// measurement.
Limit measure_limit(const Problem& p, double seconds);

/// Prints the limit under the table: the counts, the measurements, the fastest epoch, and each row's
/// share of it (with one thread).
void print_limit(const Limit& limit, const std::vector<Row>& rows);

/// DIR/limit.dat for the website's figure: the limit's epochs/s, then one line per row: "name" epochs/s
/// with one thread and its share of the limit.
void write_limit_data(const std::string& dir, const Limit& limit, const std::vector<Row>& rows);

/// One line on threads: the fused version with 1 and with 2 threads, epochs/s for several N, and the
/// smallest of them at which the second thread pays.
void print_threads(double seconds);

}  // namespace bench
