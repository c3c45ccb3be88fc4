// Chapter 1: the sigmoid. Write the two functions below; check them with `./course check 1`.
#include "student/sigmoid.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/errors.hpp"

namespace nn {

// σ(z) = 1 / (1 + e^(−z)), element by element.
// z: an array of any shape.  Returns an array of the same shape, every value in [0, 1].
// Must not overflow: e^(−z) is inf for z = −1000, so never compute e to a large positive power.
Array sigmoid(const Array& z)
{
    // TODO: write sigmoid here, then run: ./course check 1
    throw not_implemented("sigmoid", 1);
}

// σ′(z) = σ(z) (1 − σ(z)), element by element.
// z: an array of any shape.  Returns an array of the same shape, every value in [0, 1/4].
Array sigmoid_prime(const Array& z)
{
    // TODO: write sigmoid_prime here, then run: ./course check 1
    throw not_implemented("sigmoid_prime", 1);
}

}  // namespace nn
