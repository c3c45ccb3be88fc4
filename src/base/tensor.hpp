/// \file tensor.hpp
/// The array types the whole course speaks in.
#pragma once

#include <cstddef>
#include <xtensor/xadapt.hpp>
#include <xtensor/xarray.hpp>
#include <xtensor/xbuffer_adaptor.hpp>
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
/// A matrix that borrows its numbers from a flat vector: writing to it writes into the vector
/// (chapter 4's unpack_theta gives θ⁽ˡ⁾ as such views into θ).
using MatrixView = xt::xtensor_adaptor<xt::xbuffer_adaptor<double*, xt::no_ownership>, 2>;

}  // namespace nn
