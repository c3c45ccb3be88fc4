// Chapter 4: the flat parameter vector θ. Write the three functions below; check them with
// `./course check 4`.
#include "student/theta.hpp"
#include "base/widths.hpp"

#include <xtensor/xadapt.hpp>
#include <xtensor/xview.hpp>

#include "base/checks.hpp"
#include "base/errors.hpp"

namespace nn {

// ‖θ‖ = (f+1)·c1 + (c1+1)·c2 + (c2+1)·c3, for any number of layers: the sum over l = 1 … L of
// (c(l−1) + 1)·c(l), where c = {f, c1, c2, …}. For c = {2, 6, 4, 3}: 18 + 28 + 15 = 61.
std::size_t theta_size(const Widths& c)
{
    check_widths(c);
    // TODO: write theta_size here, then run: ./course check 4
    throw not_implemented("theta_size", 4);
}

// θ(1), θ(2), … as views into theta, one after another: θ(l) is (c(l−1)+1) × c(l), row-major, and
// starts where θ(l−1) ends (θ(1) at offset 0, θ(2) at 18, θ(3) at 46 for {2, 6, 4, 3}).
// A view of r × k numbers starting at theta.data() + offset:
//   MatrixView(xt::xbuffer_adaptor<double*, xt::no_ownership>(pointer, r * k), {r, k})
std::vector<MatrixView> unpack_theta(Vector& theta, const Widths& c)
{
    expect_length(theta, theta_size(c), "theta (widths " + widths_str(c) + ")");
    std::vector<MatrixView> thetas;
    // TODO: write unpack_theta here, then run: ./course check 4
    throw not_implemented("unpack_theta", 4);
}

// θ = the numbers of θ(1), θ(2), … one after another, each matrix row by row (row-major):
// the inverse of unpack_theta. Returns a vector of Σ rows·cols numbers.
Vector pack_theta(const std::vector<Matrix>& thetas)
{
    check_layers(thetas);
    // TODO: write pack_theta here, then run: ./course check 4
    throw not_implemented("pack_theta", 4);
}

}  // namespace nn
