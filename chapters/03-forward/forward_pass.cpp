// Chapter 3's program: what `about`, below, says it shows.
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <xtensor/xrandom.hpp>
#include <xtensor/xview.hpp>

#include "base/checks.hpp"
#include "base/data.hpp"
#include "base/figure_data.hpp"
#include "base/program.hpp"
#include "course/02-activations/activation.hpp"
#include "student/forward.hpp"

namespace {

const char* const about =
    "The spiral data set, the CSV round trip, and one forward pass through the lecture's network\n"
    "2 → 6 → 4 → 3 with random θ, with the shape of every intermediate.\n"
    "Figure data: the 3000 points and their classes (DIR/spiral.dat).";

// "z1  (3000, 6)  sample 0     [ ... ]", then the same for the last sample on a second line.
void print_rows(const char* name, const nn::Matrix& m, std::size_t first, std::size_t last)
{
    for (std::size_t i : {first, last}) {
        if (i == first) {
            std::printf("%-8s %-11s", name, nn::shape_str(m).c_str());
        } else {
            std::printf("%-8s %-11s", "", "");
        }
        std::printf("  sample %-4zu [", i);
        for (std::size_t j = 0; j < m.shape(1); ++j) {
            std::printf("%s%7.4f", j ? " " : "", m(i, j));
        }
        std::printf("]\n");
    }
}

// The CSV loader on a file with a bad line, to show its message.
void show_a_bad_file(const std::filesystem::path& dir)
{
    const auto path = dir / "bad.csv";
    std::ofstream(path) << "x1,x2,label\n0.1,0.2,0\n0.3,,1\n";
    try {
        nn::load_csv(path.string());
    } catch (const nn::value_error& e) {
        std::printf("load_csv of a file whose line 3 is \"0.3,,1\":\n  %s\n",
                    std::string(e.what()).replace(0, dir.string().size() + 1, "").c_str());
    }
}

void forward_pass(const std::string& figure_data)
{
    //! [data]
    const nn::Dataset data = nn::make_spiral(1000, 3, 0);
    //! [data]
    if (!figure_data.empty()) {
        nn::write_spiral_dat(figure_data, data);
    }
    std::printf("the spiral: X is %s, y is %s, %d classes\n", nn::shape_str(data.X).c_str(),
                nn::shape_str(data.y).c_str(), data.classes);
    for (std::size_t row : {0, 1, 500, 999, 1000, 1500, 2999}) {
        std::printf("  sample %4zu: x = (%8.5f, %8.5f), y = %d\n", row, data.X(row, 0), data.X(row, 1),
                    data.y(row));
    }

    // Save as CSV and read back: the same numbers, to the last bit.
    // (a folder of its own, named with the process id: several copies may run at once)
    const auto dir =
        std::filesystem::temp_directory_path() / ("nn-course-ch03-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    nn::save_csv(data, (dir / "spiral.csv").string());
    const nn::Dataset back = nn::load_csv((dir / "spiral.csv").string(), 3);
    std::printf("saved as CSV and read back: %s\n\n",
                back.X == data.X && back.y == data.y ? "identical" : "DIFFERENT");
    show_a_bad_file(dir);
    std::filesystem::remove_all(dir);

    //! [forward]
    xt::random::seed(0);
    const nn::Matrix theta1 = xt::random::rand<double>({3, 6}, -1.0, 1.0);
    const nn::Matrix theta2 = xt::random::rand<double>({7, 4}, -1.0, 1.0);
    const nn::Matrix theta3 = xt::random::rand<double>({5, 3}, -1.0, 1.0);
    const nn::Forward fw = nn::forward(data.X, theta1, theta2, theta3, nn::activation("tanh"));
    //! [forward]
    std::printf(
        "\none forward pass, phi = tanh, random theta in [-1, 1]; its shape, then samples 0 and 2999:\n");
    const std::size_t last = data.X.shape(0) - 1;
    for (auto [name, m] : {std::pair<const char*, const nn::Matrix*>{"x_star", &fw.x_star},
                           {"z1", &fw.z1},
                           {"a1", &fw.a1},
                           {"a1_star", &fw.a1_star},
                           {"z2", &fw.z2},
                           {"a2", &fw.a2},
                           {"a2_star", &fw.a2_star},
                           {"z3", &fw.z3},
                           {"y_hat", &fw.y_hat}}) {
        print_rows(name, *m, 0, last);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    return nn::run_program(argc, argv, about, forward_pass);
}
