// Chapter 8's course code above the student's passes: the loss and gradient, and the Model for training.
#include "course/08-sequential/sequential_network.hpp"

#include "base/checks.hpp"
#include "student/loss.hpp"
#include "student/sequential.hpp"

namespace nn {

LossAndGradient sequential_loss_and_gradient(const Sequential& model, const Vector& theta, const Matrix& X,
                                             const Matrix& Y, double lambda)
{
    const SequentialForward fw = sequential_forward(model, theta, X);
    expect_shape(Y, X.shape(0), model.widths().back(), "Y (N × c(L), one-hot)");
    // L = cross-entropy of z(L) + λ/(2N) Σ θ², as in chapter 6
    const double loss = regularized_loss(fw.z.back(), Y, theta, model.widths(), lambda);
    return {loss, sequential_backward(model, fw, theta, Y, lambda)};
}

Model sequential_network(const Widths& widths, const std::string& hidden_activation)
{
    const Sequential model(widths, hidden_activation);
    Model m;
    m.widths = widths;
    m.activation = hidden_activation;
    m.loss_and_gradient = [model](const Vector& theta, const Matrix& X, const Matrix& Y, double lambda) {
        return sequential_loss_and_gradient(model, theta, X, Y, lambda);
    };
    m.y_hat = [model](const Vector& theta, const Matrix& X) {
        return sequential_forward(model, theta, X).y_hat;
    };
    return m;
}

}  // namespace nn
