// Chapter 1's program: what `about`, below, says it shows.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "base/facts.hpp"
#include "base/figure_data.hpp"
#include "base/program.hpp"
#include "student/sigmoid.hpp"

namespace {

const char* const about =
    "A table of z, σ(z) and σ′(z), from z = −1000 to 1000.\n"
    "Figure data: the curves of σ and σ′ on [−8, 8] (DIR/sigmoid.dat).";

void write_figure_data(const std::string& dir)
{
    const nn::Array z = xt::linspace(-8.0, 8.0, 321);
    const nn::Array s = nn::sigmoid(z);
    const nn::Array ds = nn::sigmoid_prime(z);
    nn::Matrix table = xt::zeros<double>({z.size(), std::size_t{3}});
    xt::col(table, 0) = z;
    xt::col(table, 1) = s;
    xt::col(table, 2) = ds;
    nn::write_dat(dir, "sigmoid.dat", table, {"z", "sigma", "sigma_prime"});
}

void sigmoid_table(const std::string& figure_data)
{
    if (!figure_data.empty()) {
        write_figure_data(figure_data);
    }
    //! [table]
    const nn::Array z = {-1000.0, -10.0, -2.0, -1.0, 0.0, 1.0, 2.0, 10.0, 1000.0};
    const nn::Array s = nn::sigmoid(z);
    const nn::Array ds = nn::sigmoid_prime(z);
    //! [table]
    std::printf("%10s  %22s  %22s\n", "z", "sigma(z)", "sigma'(z)");
    for (std::size_t i = 0; i < z.size(); ++i) {
        std::printf("%10g  %22.17g  %22.17g\n", z(i), s(i), ds(i));
    }
    // For the text (docs/facts.py): the ends, the top of σ′, and how far σ′(z) and σ′(−z) differ.
    double asymmetry = 0.0;
    for (std::size_t i = 1; i + 1 < z.size(); ++i) {
        asymmetry = std::max(asymmetry, std::abs(ds(i) - ds(z.size() - 1 - i)) / ds(i));
    }
    nn::write_fact(figure_data, "sigma_at_minus_1000", s(0));
    nn::write_fact(figure_data, "sigma_at_1000", s(z.size() - 1));
    nn::write_fact(figure_data, "prime_at_ends", std::max(ds(0), ds(z.size() - 1)));
    nn::write_fact(figure_data, "prime_at_0", ds(4));
    nn::write_fact(figure_data, "prime_asymmetry", asymmetry);
}

}  // namespace

int main(int argc, char** argv)
{
    return nn::run_program(argc, argv, about, sigmoid_table);
}
