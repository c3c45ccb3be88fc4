// mistake: missing_xtensor_include. The student sees: `xt::view` is declared in <xtensor/xview.hpp>
#include "student/sigmoid.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/errors.hpp"

namespace nn {

Array sigmoid(const Array& z)
{
    Array s = 1.0 / (1.0 + xt::exp(-z));
    return xt::view(s, xt::all());
}

}  // namespace nn
