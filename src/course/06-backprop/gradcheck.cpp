#include "course/06-backprop/gradcheck.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "base/checks.hpp"
#include "base/errors.hpp"

namespace nn {

Vector numerical_gradient(const LossFunction& loss, const Vector& theta, double h)
{
    if (!(h > 0.0)) {
        throw value_error("numerical_gradient: the step h must be > 0, got " + std::to_string(h));
    }
    Vector numeric = xt::zeros<double>({theta.size()});
    Vector probe = theta;
    for (std::size_t k = 0; k < theta.size(); ++k) {
        // (L(θ + h e_k) − L(θ − h e_k)) / 2h
        probe(k) = theta(k) + h;
        const double plus = loss(probe);
        probe(k) = theta(k) - h;
        const double minus = loss(probe);
        probe(k) = theta(k);
        numeric(k) = (plus - minus) / (2.0 * h);
    }
    return numeric;
}

bool GradientCheck::ok() const
{
    return wrong_layer() == 0;
}

std::size_t GradientCheck::wrong_layer() const
{
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        if (!it->ok) {
            return it->layer;
        }
    }
    return 0;
}

namespace {

// The widths' layer sizes, without calling the student's theta_size (the checker works on its own).
std::size_t total_size(const Widths& c)
{
    if (c.size() < 2) {
        throw std::invalid_argument("widths: need at least 2 (the input and one layer), got " +
                                    std::to_string(c.size()));
    }
    std::size_t size = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        size += (c[l - 1] + 1) * c[l];
    }
    return size;
}

GradientCheck compare(const Vector& analytic, const Vector& numeric, const Widths& c, double tolerance,
                      double h)
{
    GradientCheck check;
    check.tolerance = tolerance;
    check.h = h;
    std::size_t offset = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        LayerCheck layer;
        layer.layer = l;
        layer.rows = c[l - 1] + 1;
        layer.cols = c[l];
        double largest_difference = -1.0;
        double largest_weight_difference = 0.0;  // rows 1 … of θ(l), without the bias row
        double largest_magnitude = 0.0;
        bool not_finite = false;
        for (std::size_t k = 0; k < layer.rows * layer.cols; ++k) {
            const double g = analytic(offset + k);
            const double n = numeric(offset + k);
            const double difference = std::abs(g - n);
            not_finite = not_finite || !std::isfinite(g) || !std::isfinite(n);
            largest_magnitude = std::max({largest_magnitude, std::abs(g), std::abs(n)});
            if (k >= layer.cols) {
                largest_weight_difference = std::max(largest_weight_difference, difference);
            }
            if (difference > largest_difference ||
                (!std::isfinite(difference) && std::isfinite(largest_difference))) {
                largest_difference = difference;
                layer.row = k / layer.cols;
                layer.col = k % layer.cols;
                layer.analytic = g;
                layer.numeric = n;
            }
        }
        if (not_finite) {
            layer.relative_error = NAN;
        } else if (largest_magnitude == 0.0) {
            layer.relative_error = 0.0;
        } else {
            layer.relative_error = largest_difference / largest_magnitude;
        }
        layer.ok = layer.relative_error <= tolerance;  // false for NaN
        layer.weights_ok =
            !layer.ok && !not_finite && largest_weight_difference <= tolerance * largest_magnitude;
        check.layers.push_back(layer);
        offset += layer.rows * layer.cols;
    }
    return check;
}

std::string format(const char* pattern, double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

}  // namespace

GradientCheck check_gradient(const LossFunction& loss, const GradientFunction& gradient, const Vector& theta,
                             const Widths& c, double tolerance, double h)
{
    const std::size_t size = total_size(c);
    expect_length(theta, size, "theta");
    const Vector analytic = gradient(theta);
    expect_length(analytic, size, "gradient (it must have θ's layout)");
    return compare(analytic, numerical_gradient(loss, theta, h), c, tolerance, h);
}

GradientCheck check_loss_and_gradient(const LossAndGradientFunction& f, const Vector& theta, const Widths& c,
                                      double tolerance, double h)
{
    return check_gradient([&](const Vector& t) { return f(t).loss; },
                          [&](const Vector& t) { return f(t).gradient; }, theta, c, tolerance, h);
}

std::string gradient_check_report(const GradientCheck& check)
{
    std::ostringstream out;
    out << "Gradient check: backprop against central differences (h = " << format("%g", check.h)
        << "), tolerance " << format("%g", check.tolerance) << "\n";
    char line[256];
    std::snprintf(line, sizeof line, "%5s  %-7s %-6s %10s  %-9s  %-22s  %s\n", "layer", "theta", "shape",
                  "rel. error", "worst at", "backprop", "finite difference");
    out << line;
    // Backprop's order: the last layer first.
    for (auto it = check.layers.rbegin(); it != check.layers.rend(); ++it) {
        const std::string name = "theta" + std::to_string(it->layer);
        const std::string shape = std::to_string(it->rows) + "x" + std::to_string(it->cols);
        const std::string where = "(" + std::to_string(it->row) + ", " + std::to_string(it->col) + ")";
        std::snprintf(line, sizeof line, "%5zu  %-7s %-6s %10.1e  %-9s % -22.14e % -22.14e %s\n", it->layer,
                      name.c_str(), shape.c_str(), it->relative_error, where.c_str(), it->analytic,
                      it->numeric, it->ok ? "ok" : "WRONG");
        out << line;
    }
    const std::size_t wrong = check.wrong_layer();
    if (wrong == 0) {
        double worst = 0.0;
        for (const LayerCheck& layer : check.layers) {
            worst = std::max(worst, layer.relative_error);
        }
        out << "Every layer agrees with the finite differences (largest relative error "
            << format("%.1e", worst) << " <= " << format("%g", check.tolerance) << ").\n";
        return out.str();
    }
    const LayerCheck& layer = check.layers[wrong - 1];
    const std::size_t last = check.layers.size();
    const std::string l = std::to_string(wrong);
    const std::string input = wrong == 1 ? "X*" : "a(" + std::to_string(wrong - 1) + ")*";
    const std::string dtheta = "dL/dtheta(" + l + ") = " + input + "^T dL/dz(" + l + ") + (lambda/N) theta" +
                               l + " with a zero bias row";
    out << "The gradient goes wrong at layer " << l << " (theta" << l << ", " << layer.rows << "x"
        << layer.cols << ").\n";
    if (wrong == last) {
        out << "It is the first layer backprop computes: look at dL/dz(" << l << ") = (y_hat - Y)/N and\n"
            << dtheta << ".\n";
    } else {
        std::string agree;
        for (std::size_t k = last; k > wrong; --k) {
            agree += (k == last ? "" : k == wrong + 1 ? " and " : ", ") + std::to_string(k);
        }
        out << "Layer" << (last - wrong > 1 ? "s " : " ") << agree
            << (last - wrong > 1 ? " agree" : " agrees") << ", so look at what backprop does after "
            << (last - wrong > 1 ? "them" : "it") << ":\n"
            << "dL/da(" << l << ") = dL/dz(" << wrong + 1 << ") theta" << wrong + 1
            << "^T without its bias row, "
            << "dL/dz(" << l << ") = dL/da(" << l << ") * phi'(z(" << l << ")),\n"
            << dtheta << ".\n";
    }
    if (layer.weights_ok) {
        out << "Only its bias row (row 0) disagrees: the penalty must leave the biases out.\n";
    }
    return out.str();
}

}  // namespace nn
