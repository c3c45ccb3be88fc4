// mistake: where_with_a_ternary. The student sees: use `xt::where(condition, a, b)`
#include "student/activations.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace nn {

Array relu(const Array& z)
{
    return z > 0.0 ? z : 0.0;
}

}  // namespace nn
