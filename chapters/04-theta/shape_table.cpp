// Chapter 4's program: what `about`, below, says it shows.
#include <cstdio>
#include <string>
#include <vector>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>

#include "base/data.hpp"
#include "base/facts.hpp"
#include "base/figure_data.hpp"
#include "base/program.hpp"
#include "base/widths.hpp"
#include "course/02-activations/activation.hpp"
#include "student/forward.hpp"
#include "student/theta.hpp"

namespace {

const char* const about =
    "The lecture's shape table, from the matrices of a real forward pass, ‖θ‖ for the network\n"
    "2 → 6 → 4 → 3, and where each θ(l) lies in the flat vector θ.\n"
    "Figure data: that layout (DIR/layout.dat).";

// layout.dat: for every entry k of θ, the layer l, row i and column j that unpack_theta shows it at, and
// whether row i is the bias row.
void write_layout(const std::string& dir, const std::vector<nn::MatrixView>& views)
{
    std::size_t entries = 0;
    for (const auto& v : views) {
        entries += v.size();
    }
    nn::Matrix table = xt::zeros<double>({entries, std::size_t(5)});
    std::size_t row = 0;
    for (std::size_t l = 0; l < views.size(); ++l) {
        for (std::size_t i = 0; i < views[l].shape(0); ++i) {
            for (std::size_t j = 0; j < views[l].shape(1); ++j, ++row) {
                table(row, 0) = views[l](i, j);  // θ = (0, 1, …): the entry's own index
                table(row, 1) = double(l + 1);
                table(row, 2) = double(i);
                table(row, 3) = double(j);
                table(row, 4) = i == 0 ? 1.0 : 0.0;
            }
        }
    }
    nn::write_dat(dir, "layout.dat", table, {"k", "layer", "row", "column", "bias"});
}

void shape_table(const std::string& figure_data)
{
    //! [unpack]
    const nn::Widths c = {2, 6, 4, 3};
    nn::Vector theta = xt::random::rand<double>({nn::theta_size(c)}, -1.0, 1.0);
    const std::vector<nn::MatrixView> thetas = nn::unpack_theta(theta, c);
    const nn::Dataset data = nn::make_spiral(1000, 3, 0);
    const nn::Forward fw = nn::forward(data.X, thetas[0], thetas[1], thetas[2], nn::activation("tanh"));
    //! [unpack]

    std::printf("widths c = %s, N = %zu samples\n\n", nn::widths_str(c).c_str(), data.X.shape(0));
    std::printf("z(l) = a(l-1)* theta(l):  N x (c(l-1)+1) . (c(l-1)+1) x c(l)  ->  N x c(l)\n");
    // Each row: the layer's input with its bias column, times its θ, gives its z.
    const nn::Matrix* inputs[] = {&fw.x_star, &fw.a1_star, &fw.a2_star};
    const nn::Matrix* outputs[] = {&fw.z1, &fw.z2, &fw.z3};
    const char* formulas[] = {"z(1) = X* theta(1)", "z(2) = a(1)* theta(2)", "z(3) = a(2)* theta(3)"};
    std::string sizes;
    for (std::size_t l = 0; l < 3; ++l) {
        const auto& in = *inputs[l];
        const auto& th = thetas[l];
        const auto& out = *outputs[l];
        std::printf("  %-22s  %6zu %5zu %5zu %5zu   ->  %zu x %zu\n", formulas[l], in.shape(0), in.shape(1),
                    th.shape(0), th.shape(1), out.shape(0), out.shape(1));
        sizes += (l ? " + " : "") + std::to_string(th.size());
        // For the text (docs/facts.py): in1 = 3000, in1_cols = 3, theta1_rows = 3, theta1_cols = 6, …
        const std::string n = std::to_string(l + 1);
        nn::write_fact(figure_data, "in" + n, double(in.shape(0)));
        nn::write_fact(figure_data, "in" + n + "_cols", double(in.shape(1)));
        nn::write_fact(figure_data, "theta" + n + "_rows", double(th.shape(0)));
        nn::write_fact(figure_data, "theta" + n + "_cols", double(th.shape(1)));
    }
    nn::write_fact(figure_data, "theta_size", double(theta.size()));
    std::printf("\n||theta|| = %s = %zu\n", sizes.c_str(), theta.size());

    // Where each θ(l) lies: θ = (0, 1, …, 60), so every number is its own index.
    nn::Vector counting = xt::arange<double>(double(nn::theta_size(c)));
    const auto views = nn::unpack_theta(counting, c);
    std::printf("\nwith theta = (0, 1, ..., %zu), each theta(l) shows the indices it lies on:\n",
                counting.size() - 1);
    if (!figure_data.empty()) {
        write_layout(figure_data, views);
    }
    for (std::size_t l = 0; l < views.size(); ++l) {
        std::printf("theta(%zu), %zu x %zu:\n", l + 1, views[l].shape(0), views[l].shape(1));
        nn::write_fact(figure_data, "offset" + std::to_string(l + 1), views[l](0, 0));
        for (std::size_t i = 0; i < views[l].shape(0); ++i) {
            std::printf("  %s", i == 0 ? "bias " : "     ");
            for (std::size_t j = 0; j < views[l].shape(1); ++j) {
                std::printf("%4g", views[l](i, j));
            }
            std::printf("\n");
        }
    }
}

}  // namespace

int main(int argc, char** argv)
{
    return nn::run_program(argc, argv, about, shape_table);
}
