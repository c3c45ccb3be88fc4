// (d) The fused structure-of-arrays version (fused.cpp): the fastest of the appendix.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>
#include <xsimd/memory/xsimd_aligned_allocator.hpp>

#include "bench.hpp"

namespace bench {

/// The lecture's network with every loop over the samples vectorized; `threads` share the samples (the
/// helpers wait for each epoch in a thread of their own). Allocates nothing after its constructor.
class FusedNet {
public:
    /// Numbers that start on a cache line of 64 bytes, as a vector register of AVX-512 does: no load of a
    /// register then straddles two lines (where std::vector's numbers start varies from run to run).
    using Numbers = std::vector<double, xsimd::aligned_allocator<double, 64>>;

    FusedNet(const Problem& p, int threads = 1);
    ~FusedNet();
    FusedNet(const FusedNet&) = delete;
    FusedNet& operator=(const FusedNet&) = delete;

    /// The loss at θ (the course's layout); the gradient is left in gradient().
    double loss_and_gradient(const nn::Vector& theta);
    const nn::Vector& gradient() const { return gradient_; }
    /// `epochs` steps θ ← θ − η ∇θL, in place.
    void train(nn::Vector& theta, int epochs);

private:
    struct Work {
        Numbers rows;      // a block's a(1), a(2), dz(3), dz(2), dz(1)
        Numbers gradient;  // this thread's share of the gradient
        double loss;
    };
    double block(const double* theta, std::size_t s, std::size_t n, Work& w) const;
    static void layer_gradient(const double* a, std::size_t stride, const double* dz, double* g,
                               std::size_t c_in, std::size_t c_out, std::size_t n);
    void run_share(int t);
    void serve(int t);

    const Problem& p_;
    std::size_t N_, n_theta_ = 0;
    int threads_;
    Numbers x_, y_;  // the features and labels as rows of N (structure of arrays)
    nn::Vector gradient_;
    std::vector<Work> work_;  // one per thread
    const double* theta_ = nullptr;
    // The helper threads and their epoch: start_ wakes them, done_cv_ says they have finished.
    std::vector<std::thread> helpers_;
    std::mutex mutex_;
    std::condition_variable start_, done_cv_;
    long epoch_ = 0;
    int done_ = 0;
    bool stop_ = false;
};

}  // namespace bench
