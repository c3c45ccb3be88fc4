/// \file sequential_model.hpp
/// Chapter 8 (course-provided): Sequential, a network built from a list of layers of any depth and widths,
/// all its parameters in one flat θ.
#pragma once

#include <string>
#include <vector>

#include "base/tensor.hpp"
#include "base/widths.hpp"
#include "course/02-activations/activation.hpp"

namespace nn {

/// One layer of a Sequential: a dense layer of `units` units, \f$z^{(l)} = a^{(l-1)*}\theta^{(l)}\f$,
/// followed by the activation φ, \f$a^{(l)} = \varphi(z^{(l)})\f$.
struct Layer {
    std::size_t units;       ///< c⁽ˡ⁾, the number of units
    std::string activation;  ///< φ by name: "sigmoid", "tanh" or "relu"
};

/// A network as a list of layers: f inputs, then layer 1, layer 2, …, layer L.
///
/// Its parameters are one flat θ of \f$\|\theta\| = \sum_{l=1}^{L} (c^{(l-1)} + 1)\,c^{(l)}\f$ numbers
/// (\f$c^{(0)} = f\f$), laid out as unpack_theta of chapter 4 reads it: θ⁽¹⁾, θ⁽²⁾, …, each
/// (c⁽ˡ⁻¹⁾ + 1) × c⁽ˡ⁾, row-major, row 0 the bias row. The model holds no numbers itself, only the
/// shapes: the same Sequential works on any θ of the right length.
class Sequential {
public:
    /// f inputs, then the layers in order. The last layer's activation must be "sigmoid": the loss of
    /// chapter 5 is computed from its z. Throws std::invalid_argument for f = 0, no layer, a layer of 0
    /// units, an unknown activation, or a last activation other than sigmoid.
    Sequential(std::size_t features, std::vector<Layer> layers);

    /// The lecture's shape with any depth: widths {f, c⁽¹⁾, …, c⁽ᴸ⁾}, hidden_activation in every hidden
    /// layer and σ on the output. {2, 6, 4, 3} with "tanh" is the network of chapters 3 to 7.
    Sequential(const Widths& widths, const std::string& hidden_activation);

    std::size_t depth() const { return layers_.size(); }          ///< L, the number of layers
    const Widths& widths() const { return widths_; }              ///< {f, c⁽¹⁾, …, c⁽ᴸ⁾}
    const std::vector<Layer>& layers() const { return layers_; }  ///< the layers, in order
    /// ‖θ‖ = Σ (c⁽ˡ⁻¹⁾ + 1)·c⁽ˡ⁾, theta_size() of chapter 4 for widths().
    std::size_t theta_size() const;
    /// The activation of layer l = 1 … L.
    const Activation& phi(std::size_t l) const;
    /// θ⁽¹⁾ … θ⁽ᴸ⁾ as views into theta (unpack_theta of chapter 4): element l − 1 is θ⁽ˡ⁾. Throws
    /// nn::shape_error naming both lengths when theta's length is not theta_size().
    std::vector<MatrixView> unpack(Vector& theta) const;
    /// "2 → 6 → 4 → 3 (tanh, tanh, sigmoid)".
    std::string describe() const;

private:
    Widths widths_;
    std::vector<Layer> layers_;
    std::vector<const Activation*> phis_;
};

}  // namespace nn
