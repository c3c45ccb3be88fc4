// Chapter 3: the bias column and the forward pass. Write the two functions below; check them with
// `./course check 3`.
#include "student/forward.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "base/checks.hpp"
#include "base/errors.hpp"
#include "student/sigmoid.hpp"

namespace nn {

// X* = [1 | X]: a column of ones, then the columns of X.
// X: N × f.  Returns N × (f + 1); column 0 is all ones, columns 1 … f are X's.
Matrix add_bias_column(const Matrix& X)
{
    // TODO: write add_bias_column here, then run: ./course check 3
    throw not_implemented("add_bias_column", 3);
}

// The three layers, φ in the hidden ones and σ at the output (f = 2, c = 6, 4, 3 in the lecture):
//   z(1) = X* θ(1)       N × (f+1)  · (f+1) × c1  ->  N × c1,   a(1) = φ(z(1)),  a(1)* = [1 | a(1)]
//   z(2) = a(1)* θ(2)    N × (c1+1) · (c1+1) × c2 ->  N × c2,   a(2) = φ(z(2)),  a(2)* = [1 | a(2)]
//   z(3) = a(2)* θ(3)    N × (c2+1) · (c2+1) × c3 ->  N × c3,   ŷ = σ(z(3))
// Fill in every field of the result; phi.phi(z) applies φ. Matrix products: xt::linalg::dot(a, b).
Forward forward(const Matrix& X, const Matrix& theta1, const Matrix& theta2, const Matrix& theta3,
                const Activation& phi)
{
    // Each θ must have one row more than the layer before it has columns (the bias row).
    expect_shape(theta1, X.shape(1) + 1, theta1.shape(1), "theta1");
    expect_shape(theta2, theta1.shape(1) + 1, theta2.shape(1), "theta2");
    expect_shape(theta3, theta2.shape(1) + 1, theta3.shape(1), "theta3");
    Forward fw;
    // TODO: write forward here, then run: ./course check 3
    throw not_implemented("forward", 3);
}

}  // namespace nn
