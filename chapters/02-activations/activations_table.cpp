// Chapter 2's program: what `about`, below, says it shows.
#include <cmath>
#include <cstdio>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "base/facts.hpp"
#include "base/figure_data.hpp"
#include "base/program.hpp"
#include "course/02-activations/activation.hpp"
#include "student/activations.hpp"

namespace {

const char* const about =
    "The three activations and their derivatives at a few points, tanh through exp against the\n"
    "library's tanh, and choosing an activation by name.\n"
    "Figure data: the curves of φ and φ′ on [−4, 4] (DIR/activations.dat).";

void write_figure_data(const std::string& dir)
{
    const nn::Array z = xt::linspace(-4.0, 4.0, 401);
    nn::Matrix table = xt::zeros<double>({z.size(), std::size_t{7}});
    xt::col(table, 0) = z;
    std::size_t column = 1;
    for (const char* name : {"sigmoid", "tanh", "relu"}) {
        const nn::Activation& phi = nn::activation(name);
        xt::col(table, column++) = phi.phi(z);
        xt::col(table, column++) = phi.phi_prime(z);
    }
    nn::write_dat(dir, "activations.dat", table,
                  {"z", "sigmoid", "sigmoid_prime", "tanh", "tanh_prime", "relu", "relu_prime"});
}

// tanh straight from its definition, as a reader would first write it: overflows for |z| > 710.
double tanh_naive(double z)
{
    return (std::exp(z) - std::exp(-z)) / (std::exp(z) + std::exp(-z));
}

void activations_table(const std::string& figure_data)
{
    if (!figure_data.empty()) {
        write_figure_data(figure_data);
    }
    //! [table]
    const nn::Array z = {-1000.0, -2.0, -0.5, 0.0, 0.5, 2.0, 1000.0};
    for (const char* name : {"sigmoid", "tanh", "relu"}) {
        const nn::Activation& phi = nn::activation(name);
        const nn::Array value = phi.phi(z);
        const nn::Array slope = phi.phi_prime(z);
        //! [table]
        std::printf("%s\n%10s  %20s  %20s\n", name, "z", "phi(z)", "phi'(z)");
        // For the text (docs/facts.py): how many values are NaN or infinite, and φ′(0).
        nn::write_fact(figure_data, std::string(name) + "_not_finite",
                       double(xt::sum(!xt::isfinite(value))() + xt::sum(!xt::isfinite(slope))()));
        nn::write_fact(figure_data, std::string(name) + "_prime_at_0", slope(3));
        for (std::size_t i = 0; i < z.size(); ++i) {
            std::printf("%10g  %20.15g  %20.15g\n", z(i), value(i), slope(i));
        }
        std::printf("\n");
    }

    //! [tanh]
    const nn::Array w = {1e-12, 1e-8, 1e-4, 0.5, 20.0, 1000.0};
    const nn::Array library = xt::tanh(w);  // the library's tanh, the reference of the text
    const nn::Array from_exp = nn::tanh_from_exp(w);
    //! [tanh]
    std::printf(
        "tanh three ways: the library's, tanh_from_exp, and the naive (e^z - e^-z) / (e^z + e^-z);\n"
        "rel.err = |other - library| / library\n");
    std::printf("%7s  %22s  %22s  %9s  %14s\n", "z", "library tanh", "tanh_from_exp", "rel.err",
                "naive rel.err");
    for (std::size_t i = 0; i < w.size(); ++i) {
        const double naive = tanh_naive(w(i));
        std::printf("%7g  %22.17g  %22.17g  %9.1e  ", w(i), library(i), from_exp(i),
                    std::abs(from_exp(i) - library(i)) / library(i));
        // tanh_from_exp_error_1 … _6 and naive_error_1 … _6, in the order of w (NaN: the naive one failed).
        nn::write_fact(figure_data, "tanh_from_exp_error_" + std::to_string(i + 1),
                       std::abs(from_exp(i) - library(i)) / library(i));
        nn::write_fact(figure_data, "naive_error_" + std::to_string(i + 1),
                       std::abs(naive - library(i)) / library(i));
        if (std::isnan(naive)) {
            std::printf("%14s\n", "NaN (inf/inf)");
        } else {
            std::printf("%14.1e\n", std::abs(naive - library(i)) / library(i));
        }
    }
    std::printf("\nactivation(\"softmax\"): ");
    try {
        nn::activation("softmax");
    } catch (const std::invalid_argument& e) {
        std::printf("%s\n", e.what());
    }
}

}  // namespace

int main(int argc, char** argv)
{
    return nn::run_program(argc, argv, about, activations_table);
}
