/// \file forward.hpp
/// Chapter 3: the bias column X → X* and the forward pass of the three-layer network.
#pragma once

#include "base/tensor.hpp"
#include "course/02-activations/activation.hpp"

namespace nn {

/// Prepends a column of ones: \f$X^* = [\,1 \mid X\,]\f$. X: N × f; returns N × (f + 1).
Matrix add_bias_column(const Matrix& X);

/// Every intermediate of the forward pass (backpropagation needs them all).
struct Forward {
    Matrix x_star;   ///< \f$X^*\f$: N × (f + 1)
    Matrix z1;       ///< \f$z^{(1)} = X^* \theta^{(1)}\f$: N × c⁽¹⁾
    Matrix a1;       ///< \f$a^{(1)} = \varphi(z^{(1)})\f$: N × c⁽¹⁾
    Matrix a1_star;  ///< \f$a^{(1)*} = [1 \mid a^{(1)}]\f$: N × (c⁽¹⁾ + 1)
    Matrix z2;       ///< \f$z^{(2)} = a^{(1)*} \theta^{(2)}\f$: N × c⁽²⁾
    Matrix a2;       ///< \f$a^{(2)} = \varphi(z^{(2)})\f$: N × c⁽²⁾
    Matrix a2_star;  ///< \f$a^{(2)*} = [1 \mid a^{(2)}]\f$: N × (c⁽²⁾ + 1)
    Matrix z3;       ///< \f$z^{(3)} = a^{(2)*} \theta^{(3)}\f$: N × c⁽³⁾
    Matrix y_hat;    ///< \f$\hat{y} = \sigma(z^{(3)})\f$: N × c⁽³⁾
};

/// The forward pass of the lecture's network, with activation φ in the hidden layers and σ at the end.
///
/// X: N × f.  theta1: (f + 1) × c⁽¹⁾, theta2: (c⁽¹⁾ + 1) × c⁽²⁾, theta3: (c⁽²⁾ + 1) × c⁽³⁾, row 0 of
/// each being the bias row. Throws nn::shape_error naming the expected and the actual shape when a θ
/// does not fit the layer before it.
Forward forward(const Matrix& X, const Matrix& theta1, const Matrix& theta2, const Matrix& theta3,
                const Activation& phi);

}  // namespace nn
