// mistake: std_function_on_an_array. The student sees: `std::exp` works on one number
#include "student/sigmoid.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/errors.hpp"

namespace nn {

Array sigmoid(const Array& z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace nn
