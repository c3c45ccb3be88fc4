/// \file theta.hpp
/// Chapter 4: the flat parameter vector θ, its length ‖θ‖, and the layer matrices θ⁽ˡ⁾ as views into it.
#pragma once

#include <string>
#include <vector>
#include <xtensor/xadapt.hpp>
#include <xtensor/xbuffer_adaptor.hpp>
#include <xtensor/xtensor.hpp>

#include "tensor.hpp"

namespace nn {

/// The widths of the layers, input first: {f, c⁽¹⁾, c⁽²⁾, c⁽³⁾}, e.g. {2, 6, 4, 3}.
using Widths = std::vector<std::size_t>;

/// A matrix that borrows its numbers from a flat vector: writing to it writes into the vector.
using MatrixView = xt::xtensor_adaptor<xt::xbuffer_adaptor<double*, xt::no_ownership>, 2>;

/// "{2, 6, 4, 3}": the widths as the course prints them.
std::string widths_str(const Widths& c);

/// Throws std::invalid_argument unless c has at least two widths (an input and one layer) and none is 0.
void check_widths(const Widths& c);

/// The number of parameters: \f$\|\theta\| = \sum_{l=1}^{L} (c^{(l-1)} + 1)\, c^{(l)}\f$ with
/// \f$c^{(0)} = f\f$; 18 + 28 + 15 = 61 for {2, 6, 4, 3}. Rejects a zero width (std::invalid_argument).
std::size_t theta_size(const Widths& c);

/// The layer matrices θ⁽¹⁾ … θ⁽ᴸ⁾ as views into theta, not copies: θ⁽ˡ⁾ is (c⁽ˡ⁻¹⁾ + 1) × c⁽ˡ⁾.
///
/// Memory layout: the matrices lie one after another in theta, each row-major, row 0 of each being the
/// bias row θ₀⁽ˡ⁾. theta must outlive the views. Throws nn::shape_error naming ‖θ‖ and the actual
/// length when theta's length is not theta_size(c).
std::vector<MatrixView> unpack_theta(Vector& theta, const Widths& c);

/// Throws nn::shape_error unless the matrices fit one after another: θ⁽ˡ⁾ has c⁽ˡ⁻¹⁾ + 1 rows, one more
/// than θ⁽ˡ⁻¹⁾ has columns (the bias row), e.g. "theta2: expected 7 rows (6 columns of theta1 + 1), got 5".
void check_layers(const std::vector<Matrix>& thetas);

/// The inverse of unpack_theta: the matrices, each row-major, one after another in one flat vector.
///
/// Throws nn::shape_error when a matrix's rows do not fit the columns of the one before (c + 1 rows).
Vector pack_theta(const std::vector<Matrix>& thetas);

}  // namespace nn
