/// \file theta.hpp
/// Chapter 4: the flat parameter vector θ, its length ‖θ‖, and the layer matrices θ⁽ˡ⁾ as views into it.
#pragma once

#include <vector>

#include "base/tensor.hpp"
#include "base/widths.hpp"

namespace nn {

/// The number of parameters: \f$\|\theta\| = \sum_{l=1}^{L} (c^{(l-1)} + 1)\, c^{(l)}\f$ with
/// \f$c^{(0)} = f\f$; 18 + 28 + 15 = 61 for {2, 6, 4, 3}. Rejects a zero width (std::invalid_argument).
std::size_t theta_size(const Widths& c);

/// The layer matrices θ⁽¹⁾ … θ⁽ᴸ⁾ as views into theta, not copies: θ⁽ˡ⁾ is (c⁽ˡ⁻¹⁾ + 1) × c⁽ˡ⁾.
///
/// Memory layout: the matrices lie one after another in theta, each row-major, row 0 of each being the
/// bias row θ₀⁽ˡ⁾. theta must outlive the views. Throws nn::shape_error naming ‖θ‖ and the actual
/// length when theta's length is not theta_size(c).
std::vector<MatrixView> unpack_theta(Vector& theta, const Widths& c);

/// The inverse of unpack_theta: the matrices, each row-major, one after another in one flat vector.
///
/// Throws nn::shape_error when a matrix's rows do not fit the columns of the one before (c + 1 rows).
Vector pack_theta(const std::vector<Matrix>& thetas);

}  // namespace nn
