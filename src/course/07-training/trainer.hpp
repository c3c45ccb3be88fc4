/// \file trainer.hpp
/// Chapters 7 and 8: one training run from start to finish, and the command-line programs built on it
/// (course-provided; the loop itself is the student's train()).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/data.hpp"
#include "base/split.hpp"
#include "base/tensor.hpp"
#include "base/widths.hpp"
#include "course/07-training/options.hpp"
#include "student/backprop.hpp"

namespace nn {

/// A network as the training code sees it: its widths, its hidden activation, its loss and gradient,
/// and its output ŷ. Chapter 7 builds one from the lecture's three-layer functions (lecture_network),
/// chapter 8 from a Sequential of any depth.
struct Model {
    Widths widths;           ///< {f, c⁽¹⁾, …, c⁽ᴸ⁾}
    std::string activation;  ///< the hidden layers' φ by name
    /// L(θ) and ∇θL on the samples X (N × f) with one-hot targets Y (N × classes), penalty λ.
    std::function<LossAndGradient(const Vector& theta, const Matrix& X, const Matrix& Y, double lambda)>
        loss_and_gradient;
    /// ŷ (N × classes) for the samples X (N × f).
    std::function<Matrix(const Vector& theta, const Matrix& X)> y_hat;
};

/// The lecture's network of chapters 3–6 (exactly four widths {f, c⁽¹⁾, c⁽²⁾, c⁽³⁾}): loss_and_gradient
/// of chapter 6 and the forward pass of chapter 3. Throws std::invalid_argument for another depth.
Model lecture_network(const Widths& widths, const std::string& activation);

/// How to train: the optimizer, η, the epochs, λ, and how often to report (0: never).
struct RunSettings {
    std::string optimizer = "adam";  ///< gd, momentum or adam
    double lr = 0.01;                ///< η
    int epochs = 2000;               ///< full-batch epochs
    double lambda = 0.0;             ///< the L2 penalty λ
    int report_every = 0;            ///< progress every that many epochs (0: no progress display)
};

/// What a run gives back.
struct RunResult {
    Vector theta;                 ///< θ after the last epoch
    std::vector<double> losses;   ///< the loss of every epoch
    double train_accuracy = 0.0;  ///< on the training samples, after training
    double test_accuracy = 0.0;   ///< on the held-out samples, after training
    double seconds = 0.0;         ///< wall time of the training loop
};

/// Trains model from theta0 on data.train (the student's train() with an Optimizer), showing progress
/// (train and held-out accuracy) on stdout when settings.report_every > 0, and measures the result.
RunResult run_training(const Model& model, const Split& data, const Vector& theta0,
                       const RunSettings& settings);

/// The share of samples whose arg max of ŷ is their label.
double model_accuracy(const Model& model, const Vector& theta, const Dataset& data);

/// The data the options ask for: the CSV of `--data`, or the spiral of 3 × 1000 points made with `--seed`.
Dataset load_data(const Options& options);

/// The points x1, …, xf of a CSV file, one a line, for prediction; a line may carry one more field (a
/// label, ignored). Empty lines and lines starting with '#' are skipped. Errors name the line.
Matrix load_points(const std::string& path, std::size_t features);

/// The training program behind chapters 7 and 8: trains (or loads) the network the options describe,
/// shows progress, prints the held-out accuracy, saves and predicts as asked. make_model turns
/// widths and an activation name into a Model. Returns the exit status (1 when `--require` fails).
int run_command_line(const Options& options,
                     const std::function<Model(const Widths&, const std::string&)>& make_model);

/// The main of chapters 7 and 8 (through nn::run_program_with_options): with no option,
/// demonstration(figure_data), what the website shows (with `--figure-data` DIR alone it also writes the
/// data of the chapter's figures into DIR); with options (parse_options, training_usage()),
/// run_command_line.
int run_training_program(int argc, char** argv,
                         const std::function<void(const std::string& figure_data)>& demonstration,
                         const std::function<Model(const Widths&, const std::string&)>& make_model);

/// Under the sanitizers (build-sanitize/, much slower) the demonstrations train for a hundredth
/// of their epochs: that run checks the code runs clean, not what it reaches. Otherwise: epochs.
int demo_epochs(int epochs);

}  // namespace nn
