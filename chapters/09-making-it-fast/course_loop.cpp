// (a) The course's own training loop, exactly as the student writes it: chapter 7's loop over chapter
// 6's loss_and_gradient (which runs chapters 2–5: the activation, the forward pass, θ's packing, the
// loss), each step a fresh set of matrices, as the lecture writes them.
//
// STAND-IN for chapter 7 until it is on main: the loop below mirrors its train() and plain gradient
// descent step (a std::function for the loss, θ ← θ − η ∇θL, the losses kept).
#include <functional>

#include "activations.hpp"
#include "backprop.hpp"
#include "bench.hpp"

namespace {

using nn::Vector;

using LossFunction = std::function<nn::LossAndGradient(const Vector& theta)>;

std::vector<double> train(Vector& theta, const LossFunction& loss_and_gradient, double lr, int epochs)
{
    std::vector<double> losses;
    losses.reserve(std::size_t(epochs));
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        const nn::LossAndGradient lg = loss_and_gradient(theta);
        // θ ← θ − η ∇θL
        theta -= lr * lg.gradient;
        losses.push_back(lg.loss);
    }
    return losses;
}

}  // namespace

namespace bench {

Implementation course_loop(const Problem& p)
{
    const LossFunction loss = [&p](const Vector& theta) {
        return nn::loss_and_gradient(theta, p.c, p.X, p.Y, nn::activation("tanh"), p.lambda);
    };
    return {"course: ch7 loop [ch7 stand-in]",
            [loss](const Vector& theta) {
                const nn::LossAndGradient lg = loss(theta);
                return LossGradient{lg.loss, lg.gradient};
            },
            [&p, loss](Vector& theta, int epochs) { train(theta, loss, p.lr, epochs); }};
}

}  // namespace bench
