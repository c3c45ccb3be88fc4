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
    // BEGIN SOLUTION sigmoid
    // e = e^(−|z|) lies in (0, 1]: it cannot overflow.
    const Array e = xt::exp(-xt::abs(z));
    // σ(z) = 1 / (1 + e^(−z)) for z ≥ 0, and σ(z) = e^z / (1 + e^z) for z < 0 (the same fraction times e^z /
    // e^z).
    return xt::where(z >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e));
    // END SOLUTION sigmoid
}

// σ′(z) = σ(z) (1 − σ(z)), element by element.
// z: an array of any shape.  Returns an array of the same shape, every value in [0, 1/4].
Array sigmoid_prime(const Array& z)
{
    // BEGIN SOLUTION sigmoid_prime
    const Array s = sigmoid(z);
    // σ′ = σ (1 − σ)
    return s * (1.0 - s);
    // END SOLUTION sigmoid_prime
}

}  // namespace nn
