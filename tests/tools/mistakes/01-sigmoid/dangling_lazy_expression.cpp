// mistake: dangling_lazy_expression (when the tests run: std::bad_alloc: std::bad_alloc). The student sees:
// has a function or lambda whose return type is deduced
#include "student/sigmoid.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/errors.hpp"

namespace nn {

// A helper that returns a lazy expression: it refers to its local e, which dies when the helper returns.
auto one_over_one_plus(const Array& z)
{
    Array e = xt::exp(-z);
    return 1.0 / (1.0 + e);
}

Array sigmoid(const Array& z)
{
    return one_over_one_plus(z);
}

Array sigmoid_prime(const Array& z)
{
    Array s = sigmoid(z);
    return s * (1.0 - s);
}

}  // namespace nn
