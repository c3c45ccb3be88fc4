// Chapter 7's program: the lecture's network 2 → 6 → 4 → 3 trained on the spiral. With no option, the
// demonstration (what the website shows): θ = 0 fails, gradient descent with three learning rates, momentum
// and Adam from the same start, save/load/predict, and the held-out accuracy; with options, the training
// program of training_usage() (src/course/07-training/options.cpp).
#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xview.hpp>

#include "base/facts.hpp"
#include "base/figure_data.hpp"
#include "base/format.hpp"
#include "base/theta_file.hpp"
#include "course/07-training/trainer.hpp"
#include "student/loss.hpp"
#include "student/theta.hpp"
#include "student/training.hpp"

using namespace nn;

namespace {

const Widths lecture = {2, 6, 4, 3};

struct Trial {
    std::string optimizer;
    double lr;
};

// The runs compared in the text and in the loss figure, all from the same θ.
const std::vector<Trial> trials = {
    {"gd", 0.3}, {"gd", 1.0}, {"gd", 10.0}, {"momentum", 0.03}, {"adam", 0.01}};

// The spiral of seed 0, split 2400 / 600.
Split spiral(std::uint64_t seed)
{
    return split_holdout(make_spiral(1000, 3, seed), 0.2, seed);
}

void zero_theta_fails(const Split& data, int epochs, const std::string& facts)
{
    std::printf("== Starting from θ = 0 ==\n");
    //! [zero]
    for (const char* phi : {"tanh", "sigmoid"}) {
        const Model model = lecture_network(lecture, phi);
        RunSettings settings;  // Adam, η = 0.01
        settings.epochs = epochs;
        const RunResult run = run_training(model, data, Vector(xt::zeros<double>({61})), settings);
        Vector theta = run.theta;
        const MatrixView theta1 = unpack_theta(theta, lecture)[0];
        // How different are the 6 hidden units of layer 1? The largest gap between a column and column 0.
        const Matrix column0 = xt::view(theta1, xt::all(), xt::range(0, 1));
        const double spread = xt::amax(xt::abs(theta1 - column0))();
        std::printf(
            "%-7s  %d epochs of Adam from θ = 0: held-out %s; largest |θ(1)| %.3g, largest difference "
            "between two columns of θ(1) %.3g\n",
            phi, epochs, percent(run.test_accuracy).c_str(), double(xt::amax(xt::abs(theta1))()), spread);
        const std::string key = std::string("zero_") + phi;
        write_fact(facts, key + "_heldout", 100.0 * run.test_accuracy);
        write_fact(facts, key + "_theta1_max", xt::amax(xt::abs(theta1))());
        write_fact(facts, key + "_spread", spread);
    }
    //! [zero]
    std::printf("\n");
}

std::vector<RunResult> compare_optimizers(const Split& data, int epochs, bool show_progress)
{
    const Model model = lecture_network(lecture, "tanh");
    const Vector theta0 = init_theta(lecture, 0);
    std::vector<RunResult> results;
    for (const Trial& trial : trials) {
        RunSettings settings;
        settings.optimizer = trial.optimizer;
        settings.lr = trial.lr;
        settings.epochs = epochs;
        settings.report_every = show_progress && trial.optimizer == "adam" ? epochs / 4 : 0;
        if (settings.report_every > 0) {
            std::printf("Adam's progress:\n");
        }
        results.push_back(run_training(model, data, theta0, settings));
    }
    return results;
}

void save_load_predict(const RunResult& adam)
{
    std::printf("== Save, load, predict ==\n");
    // A file of our own (with the process id): several copies of the program may run at once.
    const auto path = std::filesystem::temp_directory_path() /
                      ("ch07-lecture-network-" + std::to_string(getpid()) + ".txt");
    save_network(path.string(), SavedNetwork{lecture, "tanh", adam.theta});
    const SavedNetwork back = load_network(path.string());
    std::printf("saved the trained network to a file (%ju bytes), loaded it back: θ %s\n",
                std::uintmax_t(std::filesystem::file_size(path)),
                xt::all(xt::equal(back.theta, adam.theta)) ? "identical, bit for bit" : "DIFFERENT");
    std::filesystem::remove(path);
    //! [predict]
    const Model model = lecture_network(back.widths, back.activation);
    const Matrix points = {{0.0, 0.0}, {0.5, 0.5}, {-0.6, 0.1}, {0.2, -0.7}};
    const Matrix y_hat = model.y_hat(back.theta, points);
    const Labels classes = predict_class(y_hat);
    //! [predict]
    std::printf("%8s %8s  class  %6s %6s %6s\n", "x1", "x2", "ŷ0", "ŷ1", "ŷ2");
    for (std::size_t i = 0; i < points.shape(0); ++i) {
        std::printf("%8.2f %8.2f  %5d  %6.3f %6.3f %6.3f\n", points(i, 0), points(i, 1), classes(i),
                    y_hat(i, 0), y_hat(i, 1), y_hat(i, 2));
    }
    std::printf("\n");
}

void write_figure_data(const std::string& dir, const std::vector<RunResult>& results);

void demonstration(const std::string& figure_dir)
{
    const Split data = spiral(0);
    const int epochs = demo_epochs(2000);
    std::printf("The spiral: %zu points in 3 classes (seed 0); %zu to train on, %zu held out.\n\n",
                data.train.X.shape(0) + data.test.X.shape(0), data.train.X.shape(0), data.test.X.shape(0));
    write_fact(figure_dir, "epochs", epochs);
    zero_theta_fails(data, demo_epochs(500), figure_dir);

    std::printf("== The optimizers: %d epochs each, from the same random θ (init_theta, seed 0) ==\n",
                epochs);
    const std::vector<RunResult> results = compare_optimizers(data, epochs, true);
    // (η is two bytes and one column wide: one more byte of padding.)
    std::printf("\n%-9s %6s  %10s  %10s  %10s  %8s  %8s  %6s\n", "optimizer", "η", "first L", "lowest L",
                "last L", "train", "held-out", "time");
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const RunResult& r = results[i];
        const double lowest = *std::min_element(r.losses.begin(), r.losses.end());
        // How often did a step make the loss worse? Never, for a small enough η. (And by how much: the
        // text quotes the median rise and the first epoch that rose.)
        int rises = 0;
        std::vector<double> rise_sizes;
        std::size_t first_rise = 0;
        for (std::size_t e = 1; e < r.losses.size(); ++e) {
            if (r.losses[e] > r.losses[e - 1]) {
                rises += 1;
                rise_sizes.push_back(r.losses[e] / r.losses[e - 1] - 1.0);
                first_rise = first_rise ? first_rise : e + 1;
            }
        }
        std::sort(rise_sizes.begin(), rise_sizes.end());
        std::printf("%-9s %5g  %10.5f  %10.5f  %10.5f  %8s  %8s  %5.1fs   L rose in %d of %zu epochs\n",
                    trials[i].optimizer.c_str(), trials[i].lr, r.losses.front(), lowest, r.losses.back(),
                    percent(r.train_accuracy).c_str(), percent(r.test_accuracy).c_str(), r.seconds, rises,
                    r.losses.size());
        // For the text: gd_03, gd_1, gd_10, momentum_003, adam_001 (η without its point).
        char lr[16];
        std::snprintf(lr, sizeof lr, "%g", trials[i].lr);
        std::string key = trials[i].optimizer + "_" + lr;
        key.erase(std::remove(key.begin(), key.end(), '.'), key.end());
        write_fact(figure_dir, key + "_first", r.losses.front());
        write_fact(figure_dir, key + "_lowest", lowest);
        write_fact(figure_dir, key + "_last", r.losses.back());
        write_fact(figure_dir, key + "_rises", rises);
        write_fact(figure_dir, key + "_first_rise", double(first_rise));
        write_fact(figure_dir, key + "_median_rise", rises ? 100.0 * rise_sizes[rise_sizes.size() / 2] : 0.0);
        write_fact(figure_dir, key + "_largest_rise", rises ? 100.0 * rise_sizes.back() : 0.0);
        write_fact(figure_dir, key + "_train", 100.0 * r.train_accuracy);
        write_fact(figure_dir, key + "_heldout", 100.0 * r.test_accuracy);
    }
    std::printf("\n");
    if (!figure_dir.empty()) {
        write_figure_data(figure_dir, results);
    }
    const RunResult& adam = results.back();
    save_load_predict(adam);
    std::printf(
        "The lecture's network 2 → 6 → 4 → 3 (tanh, Adam, η = 0.01, %d epochs, seed 0): "
        "held-out accuracy %s\n",
        epochs, percent(adam.test_accuracy).c_str());
}

// The data of the figures, from the runs of the demonstration.
void write_figure_data(const std::string& dir, const std::vector<RunResult>& results)
{
    const std::size_t epochs = results.front().losses.size();
    write_spiral_dat(dir, make_spiral(1000, 3, 0));
    // The loss of every epoch, for each optimizer.
    Matrix losses = xt::zeros<double>({epochs, trials.size() + 1});
    std::vector<std::string> names = {"epoch"};
    for (std::size_t k = 0; k < trials.size(); ++k) {
        names.push_back(trials[k].optimizer + "_" + std::to_string(trials[k].lr));
        for (std::size_t e = 0; e < epochs; ++e) {
            losses(e, 0) = double(e + 1);
            losses(e, k + 1) = results[k].losses[e];
        }
    }
    write_dat(dir, "loss.dat", losses, names);
    // The decision regions of the Adam-trained network: its class on a 200 × 200 grid over [−1.2, 1.2]².
    const std::size_t n = 200;
    Matrix grid = xt::zeros<double>({n * n, std::size_t(2)});
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            grid(i * n + j, 0) = -1.2 + 2.4 * double(j) / double(n - 1);
            grid(i * n + j, 1) = -1.2 + 2.4 * double(i) / double(n - 1);
        }
    }
    const Model model = lecture_network(lecture, "tanh");
    const Labels classes = predict_class(model.y_hat(results.back().theta, grid));
    Matrix regions = xt::zeros<double>({n * n, std::size_t(3)});
    xt::view(regions, xt::all(), xt::range(0, 2)) = grid;
    xt::col(regions, 2) = xt::cast<double>(classes);
    write_dat(dir, "regions.dat", regions, {"x1", "x2", "class"});
}

}  // namespace

int main(int argc, char** argv)
{
    return run_training_program(argc, argv, demonstration, lecture_network);
}
