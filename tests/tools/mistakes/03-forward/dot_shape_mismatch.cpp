// mistake: dot_shape_mismatch (when the tests run: std::runtime_error: Dot: shape mismatch.). The student
// sees: A's number of columns must be
#include "student/forward.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

namespace nn {

// z(2) = a(1)* θ(2), with a(1) instead of a(1)*: one column short.
Matrix layer(const Matrix& a_prev, const Matrix& theta)
{
    return xt::linalg::dot(a_prev, theta);
}

}  // namespace nn
