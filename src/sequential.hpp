/// \file sequential.hpp
/// Chapter 8: Sequential, a network built from a list of layers of any depth and widths, all its
/// parameters in one flat θ (the student writes its forward and backward passes).
#pragma once

#include <string>
#include <vector>

#include "activations.hpp"
#include "backprop.hpp"
#include "tensor.hpp"
#include "theta.hpp"
#include "trainer.hpp"

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

    std::size_t depth() const { return layers_.size(); }   ///< L, the number of layers
    const Widths& widths() const { return widths_; }       ///< {f, c⁽¹⁾, …, c⁽ᴸ⁾}
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

/// Every intermediate of a forward pass through a Sequential, numbered as in the lecture.
struct SequentialForward {
    /// a_star[l] = \f$a^{(l)*} = [1 \mid a^{(l)}]\f$ for l = 0 … L−1, with \f$a^{(0)} = X\f$ (so a_star[0]
    /// is X*): N × (c⁽ˡ⁾ + 1). The input of layer l + 1.
    std::vector<Matrix> a_star;
    /// z[l] = \f$z^{(l)} = a^{(l-1)*}\theta^{(l)}\f$ for l = 1 … L: N × c⁽ˡ⁾. z[0] is unused (empty).
    std::vector<Matrix> z;
    /// \f$\hat{y} = \varphi_L(z^{(L)}) = \sigma(z^{(L)})\f$: N × c⁽ᴸ⁾.
    Matrix y_hat;
};

/// The forward pass, walking the list of layers: for l = 1 … L,
/// \f$z^{(l)} = a^{(l-1)*}\theta^{(l)}\f$ and \f$a^{(l)} = \varphi_l(z^{(l)})\f$.
///
/// theta: model.theta_size() numbers.  X: N × f. Throws nn::shape_error when X does not have f
/// columns (the first width) or theta has the wrong length.
SequentialForward sequential_forward(const Sequential& model, const Vector& theta, const Matrix& X);

/// The backward pass, walking the list backwards: the gradient of
/// \f$L = \text{cross-entropy} + \frac{\lambda}{2N}\sum\theta^2\f$ (biases left out) as one flat vector
/// in θ's layout, from \f$\partial L/\partial z^{(L)} = (\hat{y} - Y)/N\f$ down to \f$\partial L/\partial \theta^{(1)}\f$.
///
/// fw: sequential_forward(model, theta, X).  Y: N × c⁽ᴸ⁾ one-hot.  Returns model.theta_size() numbers.
Vector sequential_backward(const Sequential& model, const SequentialForward& fw, const Vector& theta,
                           const Matrix& Y, double lambda);

/// The loss and its gradient at θ: sequential_forward, regularized_loss of chapter 5 on z⁽ᴸ⁾,
/// sequential_backward. For the widths {2, 6, 4, 3} the same numbers, bit for bit, as
/// loss_and_gradient of chapter 6.
LossAndGradient sequential_loss_and_gradient(const Sequential& model, const Vector& theta, const Matrix& X,
                                             const Matrix& Y, double lambda);

/// A Sequential as the training code of chapter 7 sees it (run_training, run_command_line): widths
/// of any depth, hidden_activation in the hidden layers, σ on the output.
Model sequential_network(const Widths& widths, const std::string& hidden_activation);

}  // namespace nn
