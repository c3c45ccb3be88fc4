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
    // TODO: write tanh_prime here, then run: ./course check 2
    throw not_implemented("tanh_prime", 2);
}

// tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), computed through exp, element by element.
// z: an array of any shape.  Returns an array of the same shape, every value in [−1, 1].
// Must not overflow: e^z is inf for z = 1000 (and inf / inf = NaN), so never compute e to a large
// positive power. tanh is odd: tanh(z) = sign(z) · tanh(|z|).
Array tanh_from_exp(const Array& z)
{
    // TODO: write tanh_from_exp here, then run: ./course check 2
    throw not_implemented("tanh_from_exp", 2);
}

// ReLU(z) = max(0, z), element by element.
// z: an array of any shape.  Returns an array of the same shape, every value ≥ 0.
Array relu(const Array& z)
{
    // TODO: write relu here, then run: ./course check 2
    throw not_implemented("relu", 2);
}

// ∂ReLU/∂z = 1 where z > 0 and 0 where z < 0; at z = 0 the course's convention is 0.
// z: an array of any shape.  Returns an array of the same shape, every value 0 or 1.
Array relu_prime(const Array& z)
{
    // TODO: write relu_prime here, then run: ./course check 2
    throw not_implemented("relu_prime", 2);
}

}  // namespace nn
