// (a) The course's own training loop, exactly as the student writes it: chapter 7's train() over
// chapter 6's loss_and_gradient (which runs chapters 2–5: the activation, the forward pass, θ's
// packing, the loss) with plain gradient descent; and the same loop over chapter 8's Sequential.
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "base/facts.hpp"
#include "base/memory.hpp"
#include "bench.hpp"
#include "course/02-activations/activation.hpp"
#include "course/07-training/optimizer.hpp"
#include "course/08-sequential/sequential_model.hpp"
#include "course/08-sequential/sequential_network.hpp"
#include "student/backprop.hpp"
#include "student/forward.hpp"
#include "student/theta.hpp"
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

void write_course_epoch_facts(const std::string& dir, const Problem& p)
{
    // One epoch's forward and backward pass, as the course's loop runs them: every matrix of chapter 3's
    // Forward and chapter 6's Gradients is a fresh one.
    nn::Vector theta = p.theta0;
    const std::vector<nn::MatrixView> views = nn::unpack_theta(theta, p.c);
    const nn::Matrix theta1 = views[0], theta2 = views[1], theta3 = views[2];
    const nn::Activation& phi = nn::activation("tanh");
    const nn::Forward fw = nn::forward(p.X, theta1, theta2, theta3, phi);
    const nn::Gradients g = nn::backprop(fw, p.Y, theta1, theta2, theta3, phi, p.lambda);
    const nn::Matrix* fresh[] = {&fw.x_star,  &fw.z1,     &fw.a1,    &fw.a1_star, &fw.z2,     &fw.a2,
                                 &fw.a2_star, &fw.z3,     &fw.y_hat, &g.dz3,      &g.dtheta3, &g.da2,
                                 &g.dz2,      &g.dtheta2, &g.da1,    &g.dz1,      &g.dtheta1};
    // (every field of the two structs, no more, no fewer)
    static_assert(sizeof(fresh) / sizeof(fresh[0]) * sizeof(nn::Matrix) ==
                  sizeof(nn::Forward) + sizeof(nn::Gradients));
    double bytes = 0.0;
    for (const nn::Matrix* m : fresh) bytes += double(m->size() * sizeof(double));
    nn::write_fact(dir, "course_epoch_matrices", double(std::size(fresh)));
    nn::write_fact(dir, "course_epoch_megabytes", bytes / 1e6);
}

}  // namespace bench
