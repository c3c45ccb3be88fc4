// mistake: missing_xtensor_include. The student sees: #include <xtensor/xsort.hpp>
#include "student/loss.hpp"

#include <xtensor/xmath.hpp>

namespace nn {

// The column of the largest output, per row.
Labels predict_class(const Matrix& y_hat)
{
    return xt::argmax(y_hat, 1);
}

}  // namespace nn
