// mistake: missing_return. The student sees: The function ends without `return`
#include "student/sigmoid.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/errors.hpp"

namespace nn {

Array sigmoid(const Array& z)
{
    Array s = 1.0 / (1.0 + xt::exp(-z));
}

}  // namespace nn
