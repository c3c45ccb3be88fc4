// mistake: a_later_chapters_function. The student sees: `relu` is a function of chapter 2
#include "student/sigmoid.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/errors.hpp"

namespace nn {

Array sigmoid(const Array& z)
{
    return 1.0 / (1.0 + xt::exp(-relu(z)));
}

}  // namespace nn
