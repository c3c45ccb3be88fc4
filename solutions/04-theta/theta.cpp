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
    // BEGIN SOLUTION theta_size
    std::size_t size = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        // θ(l) is (c(l−1) + 1) × c(l)
        size += (c[l - 1] + 1) * c[l];
    }
    return size;
    // END SOLUTION theta_size
}

// θ(1), θ(2), … as views into theta, one after another: θ(l) is (c(l−1)+1) × c(l), row-major, and
// starts where θ(l−1) ends (θ(1) at offset 0, θ(2) at 18, θ(3) at 46 for {2, 6, 4, 3}).
// A view of r × k numbers starting at theta.data() + offset:
//   MatrixView(xt::xbuffer_adaptor<double*, xt::no_ownership>(pointer, r * k), {r, k})
std::vector<MatrixView> unpack_theta(Vector& theta, const Widths& c)
{
    expect_length(theta, theta_size(c), "theta (widths " + widths_str(c) + ")");
    std::vector<MatrixView> thetas;
    // BEGIN SOLUTION unpack_theta
    std::size_t offset = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        const std::size_t rows = c[l - 1] + 1;
        const std::size_t cols = c[l];
        xt::xbuffer_adaptor<double*, xt::no_ownership> buffer(theta.data() + offset, rows * cols);
        thetas.emplace_back(std::move(buffer), std::array<std::size_t, 2>{rows, cols});
        offset += rows * cols;
    }
    return thetas;
    // END SOLUTION unpack_theta
}

// θ = the numbers of θ(1), θ(2), … one after another, each matrix row by row (row-major):
// the inverse of unpack_theta. Returns a vector of Σ rows·cols numbers.
Vector pack_theta(const std::vector<Matrix>& thetas)
{
    check_layers(thetas);
    // BEGIN SOLUTION pack_theta
    std::size_t size = 0;
    for (const Matrix& t : thetas) {
        size += t.size();
    }
    Vector theta = Vector::from_shape({size});
    std::size_t offset = 0;
    for (const Matrix& t : thetas) {
        // xtensor stores a Matrix row-major: its flat order is already θ's order
        std::copy(t.begin(), t.end(), theta.begin() + offset);
        offset += t.size();
    }
    return theta;
    // END SOLUTION pack_theta
}

}  // namespace nn
