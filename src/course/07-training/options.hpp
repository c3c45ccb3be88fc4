/// \file options.hpp
/// Chapters 7 and 8: the command-line options of the training programs (course-provided).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/widths.hpp"

namespace nn {

/// Everything the training programs can be told. The defaults are the lecture's network trained
/// with Adam: `--layers 2,6,4,3 --activation tanh --optimizer adam --lr 0.01 --epochs 2000`.
struct Options {
    std::string data;                 ///< `--data` FILE.csv (x1,x2,label); empty: the generated spiral
    Widths layers{2, 6, 4, 3};        ///< `--layers` 2,6,4,3: f, then the width of every layer
    std::string activation = "tanh";  ///< `--activation` tanh|sigmoid|relu (the hidden layers)
    std::string optimizer = "adam";   ///< `--optimizer` gd|momentum|adam
    int epochs = 2000;                ///< `--epochs` N, N ≥ 1
    std::optional<double> lr;         ///< `--lr` η > 0; unset: Optimizer::default_lr(optimizer)
    double lambda = 0.0;              ///< `--lambda` λ ≥ 0, the L2 penalty λ/(2N)·Σθ²
    std::uint64_t seed = 0;           ///< `--seed` S: the data, the split and the starting θ
    double held_out = 0.2;            ///< `--held-out` F, 0 < F < 1: the share kept for testing
    int seeds = 1;                    ///< `--seeds` K: train K times, with seeds S, S+1, …, S+K−1
    std::optional<double> require;    ///< `--require` A: fail unless every held-out accuracy ≥ A (0…1)
    std::string save;                 ///< `--save` FILE: write the trained θ there
    std::string load;                 ///< `--load` FILE: a saved network, instead of training one
    std::string predict;              ///< `--predict` FILE.csv: classify the points x1,x2 of that file

    /// η: the one given, or the optimizer's default.
    double learning_rate() const;
};

/// Reads the options of a training program (`--help` and `--figure-data` are run_program's); throws
/// usage_error naming the option for an unknown option, a missing value, or a value out of range
/// (`--epochs`: "expected a whole number ≥ 1, got 'ten'").
Options parse_options(const std::vector<std::string>& args);

/// The help of the training programs, after "Usage: NAME " (src/base/program.hpp adds `--figure-data` and
/// `--help`).
std::string training_usage();

/// "2,6,4,3" → {2, 6, 4, 3}; throws usage_error for anything but at least two positive whole numbers.
Widths parse_widths(const std::string& text);

}  // namespace nn
