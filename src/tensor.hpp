/// \file tensor.hpp
/// The array types the whole course speaks in.
#pragma once

#include <cstddef>
#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>

namespace nn {

/// An array of any shape (an activation works element by element on one).
using Array = xt::xarray<double>;
/// A matrix: N × f data, a layer's θ⁽ˡ⁾, a layer's z⁽ˡ⁾ or a⁽ˡ⁾.
using Matrix = xt::xtensor<double, 2>;
/// A vector: the flat parameter vector θ, or its gradient ∇θL.
using Vector = xt::xtensor<double, 1>;
/// Class labels 0 … c−1, one per sample.
using Labels = xt::xtensor<int, 1>;

}  // namespace nn
