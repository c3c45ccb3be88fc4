// Chapter 8's program: Sequential models of several depths and widths, trained by chapter 7's loop. With
// no option, the demonstration (what the website shows): Sequential 2 → 6 → 4 → 3 against chapter 7's
// network, then a linear model, the lecture's network and a wider one compared; with options, chapter 7's
// training program (training_usage()) with a Sequential of any depth.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/figure_data.hpp"
#include "base/format.hpp"
#include "base/widths.hpp"
#include "course/07-training/trainer.hpp"
#include "course/08-sequential/sequential_model.hpp"
#include "course/08-sequential/sequential_network.hpp"
#include "student/theta.hpp"
#include "student/training.hpp"

using namespace nn;

namespace {

void same_as_chapter_7(const Split& data, int epochs)
{
    //! [same]
    const Widths lecture = {2, 6, 4, 3};
    RunSettings settings;  // Adam, η = 0.01
    settings.epochs = epochs;
    const Vector theta0 = init_theta(lecture, 0);
    const RunResult chapter7 = run_training(lecture_network(lecture, "tanh"), data, theta0, settings);
    const RunResult chapter8 = run_training(sequential_network(lecture, "tanh"), data, theta0, settings);
    //! [same]
    const bool same =
        xt::all(xt::equal(chapter7.theta, chapter8.theta)) && chapter7.losses == chapter8.losses;
    std::printf(
        "Sequential 2 → 6 → 4 → 3 and chapter 7's network, %d epochs of Adam from the same θ:\n"
        "  θ after training %s, loss of every epoch %s\n\n",
        epochs, same ? "identical to the last bit" : "DIFFERENT",
        chapter7.losses == chapter8.losses ? "identical" : "DIFFERENT");
}

// models.dat: the training loss of every epoch, one column per candidate (NaN after a shorter run's end,
// which gnuplot leaves out).
void write_figure_data(const std::string& dir, const std::vector<std::vector<double>>& losses)
{
    std::size_t epochs = 0;
    for (const auto& l : losses) {
        epochs = std::max(epochs, l.size());
    }
    Matrix table = xt::zeros<double>({epochs, losses.size() + 1});
    for (std::size_t e = 0; e < epochs; ++e) {
        table(e, 0) = double(e + 1);
        for (std::size_t k = 0; k < losses.size(); ++k) {
            table(e, k + 1) = e < losses[k].size() ? losses[k][e] : std::nan("");
        }
    }
    write_dat(dir, "models.dat", table, {"epoch", "linear", "lecture", "wider"});
}

struct Candidate {
    Widths widths;
    const char* what;
    int epochs;
};

// What the website shows; with --figure-data DIR, the loss of every epoch also into DIR/models.dat.
void demonstration(const std::string& figure_data)
{
    const Split data = split_holdout(make_spiral(1000, 3, 0), 0.2, 0);
    const int epochs = demo_epochs(2000);
    same_as_chapter_7(data, demo_epochs(200));

    std::printf(
        "The spiral (seed 0, 2400 points to train on, 600 held out); tanh hidden layers, Adam, "
        "η = 0.01:\n\n");
    //! [compare]
    const std::vector<Candidate> candidates = {
        {{2, 3}, "linear: no hidden layer", 2000},
        {{2, 6, 4, 3}, "the lecture's network", 2000},
        {{2, 32, 32, 3}, "wider", 500},
    };
    //! [compare]
    std::printf("%s %-23s %s  %6s  %8s  %8s  %7s  %10s\n", pad("layers", 16).c_str(), "", "  ‖θ‖", "epochs",
                "train", "held-out", "time", "per epoch");
    double lecture_accuracy = 0.0;
    std::vector<std::vector<double>> losses;
    for (const Candidate& candidate : candidates) {
        RunSettings settings;
        settings.epochs = demo_epochs(candidate.epochs);
        const RunResult run = run_training(sequential_network(candidate.widths, "tanh"), data,
                                           init_theta(candidate.widths, 0), settings);
        std::printf("%s %-23s %5zu  %6d  %8s  %8s  %6.1fs  %7.0f µs\n",
                    pad(widths_arrow(candidate.widths), 16).c_str(), candidate.what,
                    theta_size(candidate.widths), settings.epochs, percent(run.train_accuracy).c_str(),
                    percent(run.test_accuracy).c_str(), run.seconds, 1e6 * run.seconds / settings.epochs);
        std::fflush(stdout);
        if (candidate.widths == Widths{2, 6, 4, 3}) {
            lecture_accuracy = run.test_accuracy;
        }
        losses.push_back(run.losses);
    }
    if (!figure_data.empty()) {
        write_figure_data(figure_data, losses);
    }
    std::printf(
        "\nThe lecture's network 2 → 6 → 4 → 3 (Sequential, tanh, Adam, η = 0.01, %d epochs, seed 0): "
        "held-out accuracy %s\n",
        epochs, percent(lecture_accuracy).c_str());
}

}  // namespace

int main(int argc, char** argv)
{
    return run_training_program(argc, argv, demonstration, sequential_network);
}
