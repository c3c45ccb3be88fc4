// Writing the data files that the website's figures are plotted from.
#include "base/figure_data.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "base/checks.hpp"

namespace nn {

std::string figure_data_dir(int argc, char** argv)
{
    if (argc == 1) {
        return "";
    }
    if (argc != 3 || std::string(argv[1]) != "--figure-data") {
        throw std::invalid_argument(std::string("usage: ") + argv[0] + " [--figure-data DIR]");
    }
    return argv[2];
}

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

}  // namespace nn
