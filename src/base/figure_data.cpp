// Writing the data files that the website's figures are plotted from.
#include "base/figure_data.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "base/checks.hpp"

namespace nn {

void write_dat(const std::string& dir, const std::string& file_name, const Matrix& table,
               const std::vector<std::string>& column_names)
{
    expect_shape(table, table.shape(0), column_names.size(), file_name + " (columns named)");
    std::filesystem::create_directories(dir);
    const std::string path = (std::filesystem::path(dir) / file_name).string();
    std::ofstream out(path);
    out << '#';
    for (const auto& name : column_names) {
        out << ' ' << name;
    }
    out << '\n';
    out.precision(17);
    for (std::size_t i = 0; i < table.shape(0); ++i) {
        for (std::size_t j = 0; j < table.shape(1); ++j) {
            out << (j ? " " : "") << table(i, j);
        }
        out << '\n';
    }
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

void write_spiral_dat(const std::string& dir, const Dataset& data)
{
    Matrix table = xt::zeros<double>({data.X.shape(0), std::size_t{3}});
    xt::view(table, xt::all(), xt::range(0, 2)) = data.X;
    xt::col(table, 2) = xt::cast<double>(data.y);
    write_dat(dir, "spiral.dat", table, {"x1", "x2", "label"});
}

}  // namespace nn
