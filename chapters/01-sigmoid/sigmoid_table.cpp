// Chapter 1's program: a short table of z, σ(z) and σ′(z), from z = −1000 to 1000.
// With `--figure-data DIR` it also writes the curves of σ and σ′ on [−8, 8] (DIR/sigmoid.dat), which
// the website plots.
#include <cstdio>
#include <exception>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "base/figure_data.hpp"
#include "student/sigmoid.hpp"

namespace {

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

}  // namespace

int main(int argc, char** argv)
{
    try {
        const std::string figure_dir = nn::figure_data_dir(argc, argv);
        if (!figure_dir.empty()) {
            write_figure_data(figure_dir);
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
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ch01: %s\n", e.what());
        return 1;
    }
}
