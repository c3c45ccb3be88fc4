// mistake: none. The student sees: nothing: xt::where takes the common type of int and double
#include "student/activations.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace nn {

Array relu_prime(const Array& z)
{
    return xt::where(z > 0.0, 1, 0.0);
}

}  // namespace nn
