// (a) The course's own training loop, exactly as the student writes it: chapter 7's train() over
// chapter 6's loss_and_gradient (which runs chapters 2–5: the activation, the forward pass, θ's
// packing, the loss) with plain gradient descent; and the same loop over chapter 8's Sequential.
#include <memory>
#include <string>

#include "base/memory.hpp"
#include "bench.hpp"
#include "course/02-activations/activation.hpp"
#include "course/07-training/optimizer.hpp"
#include "course/08-sequential/sequential_model.hpp"
#include "course/08-sequential/sequential_network.hpp"
#include "student/backprop.hpp"
#include "student/training.hpp"

namespace bench {

namespace {

// Chapter 7's train() with plain gradient descent over a loss-and-gradient function, as an Implementation;
// glibc keeps freed memory, as in the chapter programs (run_training).
Implementation trained_by_chapter_7(const std::string& name, const Problem& p,
                                    nn::LossAndGradientFunction loss)
{
    return {name,
            [loss](const nn::Vector& theta) {
                const nn::LossAndGradient lg = loss(theta);
                return LossGradient{lg.loss, lg.gradient};
            },
            [&p, loss](nn::Vector& theta, int epochs) {
                nn::keep_freed_memory();
                nn::Optimizer gd("gd", p.lr);
                nn::train(theta, loss, gd, epochs);
            }};
}

}  // namespace

Implementation course_loop(const Problem& p)
{
    return trained_by_chapter_7("course: ch7 train(loss_and_gradient)", p, [&p](const nn::Vector& theta) {
        return nn::loss_and_gradient(theta, p.c, p.X, p.Y, nn::activation("tanh"), p.lambda);
    });
}

Implementation course_sequential(const Problem& p)
{
    auto model = std::make_shared<nn::Sequential>(p.c, "tanh");
    return trained_by_chapter_7("course: ch7 train, ch8 Sequential", p, [&p, model](const nn::Vector& theta) {
        return nn::sequential_loss_and_gradient(*model, theta, p.X, p.Y, p.lambda);
    });
}

}  // namespace bench
