// Chapter 2: the activations φ. Write the four functions below; check them with `./course check 2`.
// (σ and σ′ are yours from chapter 1; tanh is the course's, nn::tanh in src/course/02-activations/.)
#include "student/activations.hpp"
#include "course/02-activations/activation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

#include "base/errors.hpp"

namespace nn {

// tanh′(z) = 1 − tanh²(z), element by element.
// z: an array of any shape.  Returns an array of the same shape, every value in [0, 1].
Array tanh_prime(const Array& z)
{
    // BEGIN SOLUTION tanh_prime
    // tanh′ = 1 − tanh², with the course's tanh
    return 1.0 - xt::square(nn::tanh(z));
    // END SOLUTION tanh_prime
}

// tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), computed through exp, element by element.
// z: an array of any shape.  Returns an array of the same shape, every value in [−1, 1].
// Must not overflow: e^z is inf for z = 1000 (and inf / inf = NaN), so never compute e to a large
// positive power. tanh is odd: tanh(z) = sign(z) · tanh(|z|).
Array tanh_from_exp(const Array& z)
{
    // BEGIN SOLUTION tanh_from_exp
    // e = e^(−2|z|) lies in (0, 1]: it cannot overflow.
    const Array e = xt::exp(-2.0 * xt::abs(z));
    // tanh(|z|) = (1 − e^(−2|z|)) / (1 + e^(−2|z|))  (numerator and denominator divided by e^|z|)
    return xt::sign(z) * (1.0 - e) / (1.0 + e);
    // END SOLUTION tanh_from_exp
}

// ReLU(z) = max(0, z), element by element.
// z: an array of any shape.  Returns an array of the same shape, every value ≥ 0.
Array relu(const Array& z)
{
    // BEGIN SOLUTION relu
    return xt::maximum(z, 0.0);
    // END SOLUTION relu
}

// ∂ReLU/∂z = 1 where z > 0 and 0 where z < 0; at z = 0 the course's convention is 0.
// z: an array of any shape.  Returns an array of the same shape, every value 0 or 1.
Array relu_prime(const Array& z)
{
    // BEGIN SOLUTION relu_prime
    return xt::where(z > 0.0, 1.0, 0.0);
    // END SOLUTION relu_prime
}

}  // namespace nn
