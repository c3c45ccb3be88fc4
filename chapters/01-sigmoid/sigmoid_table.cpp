// Chapter 1's program: what `about`, below, says it shows.
#include <cstdio>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

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
}

}  // namespace

int main(int argc, char** argv)
{
    return nn::run_program(argc, argv, about, sigmoid_table);
}
