// Chapter 7: the training loop. Write train below; check it with `./course check 7`.
#include "student/training.hpp"

#include <stdexcept>
#include <string>

#include "base/errors.hpp"
#include "course/07-training/optimizer.hpp"

namespace nn {

// The lecture's loop, full batch, for `epochs` epochs:
//   (L, ∇θL) = loss_and_gradient(θ)        one forward and one backward pass over all the samples
//   θ ← θ − η ∇θL                          optimizer.step(theta, gradient) (or momentum, or Adam)
//   remember L; call after_epoch(epoch, L, θ) when it is given (epochs count from 1)
// theta: (n,), changed in place.  Returns the epochs losses, in order.
std::vector<double> train(Vector& theta, const LossAndGradientFunction& loss_and_gradient,
                          Optimizer& optimizer, int epochs, const EpochCallback& after_epoch)
{
    if (epochs < 0) {
        throw std::invalid_argument("train: the number of epochs must be 0 or more, got " +
                                    std::to_string(epochs));
    }
    std::vector<double> losses;
    losses.reserve(std::size_t(epochs));
    // TODO: write train here, then run: ./course check 7
    throw not_implemented("train", 7);
}

}  // namespace nn
