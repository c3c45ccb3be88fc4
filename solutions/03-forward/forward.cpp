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
    // BEGIN SOLUTION add_bias_column
    const std::size_t N = X.shape(0);
    const std::size_t f = X.shape(1);
    // row by row: a 1, then the row of X (xt::concatenate or a view assignment say the same, several
    // times slower on such narrow matrices: chapter 9)
    Matrix X_star = Matrix::from_shape({N, f + 1});
    for (std::size_t i = 0; i < N; ++i) {
        X_star(i, 0) = 1.0;
        for (std::size_t j = 0; j < f; ++j) {
            X_star(i, j + 1) = X(i, j);
        }
    }
    return X_star;
    // END SOLUTION add_bias_column
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
    // BEGIN SOLUTION forward
    fw.x_star = add_bias_column(X);
    // z(1) = X* θ(1)
    fw.z1 = xt::linalg::dot(fw.x_star, theta1);
    // a(1) = φ(z(1))
    fw.a1 = phi.phi(fw.z1);
    fw.a1_star = add_bias_column(fw.a1);
    // z(2) = a(1)* θ(2)
    fw.z2 = xt::linalg::dot(fw.a1_star, theta2);
    // a(2) = φ(z(2))
    fw.a2 = phi.phi(fw.z2);
    fw.a2_star = add_bias_column(fw.a2);
    // z(3) = a(2)* θ(3)
    fw.z3 = xt::linalg::dot(fw.a2_star, theta3);
    // ŷ = σ(z(3))
    fw.y_hat = sigmoid(fw.z3);
    return fw;
    // END SOLUTION forward
}

}  // namespace nn
