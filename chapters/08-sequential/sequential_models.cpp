// Chapter 8's program: Sequential models of several depths and widths, trained by chapter 7's loop. With
// no option, the demonstration (what the website shows): Sequential 2 → 6 → 4 → 3 against chapter 7's
// network, then a linear model, the lecture's network and a wider one compared; with options, chapter 7's
// training program (training_usage()) with a Sequential of any depth.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <xtensor/xview.hpp>

#include "base/facts.hpp"
#include "base/figure_data.hpp"
#include "base/format.hpp"
#include "base/widths.hpp"
#include "course/07-training/trainer.hpp"
#include "course/08-sequential/sequential_model.hpp"
#include "course/08-sequential/sequential_network.hpp"
#include "student/loss.hpp"
#include "student/theta.hpp"
#include "student/training.hpp"

using namespace nn;

namespace {

void same_as_chapter_7(const Split& data, int epochs, const std::string& facts)
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
    write_fact(facts, "same_as_chapter_7", same);
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

// regions.dat: the class that each model gives to every point of a 150 × 150 grid over [−1.2, 1.2]²
// (columns x1 x2, then one per model: the linear model's and the lecture network's regions side by side).
void write_regions(const std::string& dir, const std::vector<Model>& models,
                   const std::vector<Vector>& thetas)
{
    const std::size_t n = 150;
    Matrix grid = xt::zeros<double>({n * n, std::size_t(2)});
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            grid(i * n + j, 0) = -1.2 + 2.4 * double(j) / double(n - 1);
            grid(i * n + j, 1) = -1.2 + 2.4 * double(i) / double(n - 1);
        }
    }
    Matrix table = xt::zeros<double>({n * n, models.size() + 2});
    xt::view(table, xt::all(), xt::range(0, 2)) = grid;
    for (std::size_t k = 0; k < models.size(); ++k) {
        xt::col(table, k + 2) = xt::cast<double>(predict_class(models[k].y_hat(thetas[k], grid)));
    }
    write_dat(dir, "regions.dat", table, {"x1", "x2", "linear", "lecture"});
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
    same_as_chapter_7(data, demo_epochs(200), figure_data);

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
    std::vector<Vector> trained;
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
        trained.push_back(run.theta);
        // For the text (docs/facts.py): linear_heldout, lecture_us_per_epoch, wider_params, …
        const std::string key = std::vector<std::string>{"linear", "lecture", "wider"}[losses.size() - 1];
        write_fact(figure_data, key + "_params", double(theta_size(candidate.widths)));
        write_fact(figure_data, key + "_epochs", settings.epochs);
        write_fact(figure_data, key + "_heldout", 100.0 * run.test_accuracy);
        write_fact(figure_data, key + "_held_out_right",
                   std::round(run.test_accuracy * data.test.X.shape(0)));
        write_fact(figure_data, key + "_last", run.losses.back());
        write_fact(figure_data, key + "_us_per_epoch", 1e6 * run.seconds / settings.epochs);
    }
    // The first epoch at which the wider network's loss is below the lecture network's last loss.
    const auto below = std::find_if(losses[2].begin(), losses[2].end(),
                                    [&](double loss) { return loss < losses[1].back(); });
    write_fact(figure_data, "wider_epochs_to_lecture_loss",
               below == losses[2].end() ? -1.0 : double(below - losses[2].begin() + 1));
    if (!figure_data.empty()) {
        write_figure_data(figure_data, losses);
        write_regions(figure_data,
                      {sequential_network(candidates[0].widths, "tanh"),
                       sequential_network(candidates[1].widths, "tanh")},
                      {trained[0], trained[1]});
        write_spiral_dat(figure_data, make_spiral(1000, 3, 0));
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
