// mistake: missing_linalg_include. The student sees: add `#include <xtensor-blas/xlinalg.hpp>`
#include "student/forward.hpp"

#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

namespace nn {

Matrix layer(const Matrix& a_prev_star, const Matrix& theta)
{
    return xt::linalg::dot(a_prev_star, theta);
}

}  // namespace nn
