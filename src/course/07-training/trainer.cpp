#include "course/07-training/trainer.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <xtensor/xview.hpp>

#include "base/errors.hpp"
#include "base/memory.hpp"
#include "base/program.hpp"
#include "base/progress.hpp"
#include "base/theta_file.hpp"
#include "course/07-training/optimizer.hpp"
#include "student/forward.hpp"
#include "student/loss.hpp"
#include "student/theta.hpp"
#include "student/training.hpp"

namespace nn {

Model lecture_network(const Widths& widths, const std::string& activation_name)
{
    if (widths.size() != 4) {
        throw std::invalid_argument(
            "the lecture's network has exactly two hidden layers (four widths, like "
            "2,6,4,3), got " +
            widths_arrow(widths) + "; chapter 8's Sequential takes any number of layers");
    }
    const Activation& phi = activation(activation_name);
    Model model;
    model.widths = widths;
    model.activation = activation_name;
    model.loss_and_gradient = [widths, &phi](const Vector& theta, const Matrix& X, const Matrix& Y,
                                             double lambda) {
        return loss_and_gradient(theta, widths, X, Y, phi, lambda);
    };
    model.y_hat = [widths, &phi](const Vector& theta, const Matrix& X) {
        Vector copy = theta;
        const std::vector<MatrixView> t = unpack_theta(copy, widths);
        return forward(X, Matrix(t[0]), Matrix(t[1]), Matrix(t[2]), phi).y_hat;
    };
    return model;
}

double model_accuracy(const Model& model, const Vector& theta, const Dataset& data)
{
    return accuracy(predict_class(model.y_hat(theta, data.X)), data.y);
}

RunResult run_training(const Model& model, const Split& data, const Vector& theta0,
                       const RunSettings& settings)
{
    keep_freed_memory();  // glibc keeps the memory an epoch frees for the next one (chapter 9)
    const Matrix Y = one_hot(data.train.y, data.train.classes);
    Optimizer optimizer(settings.optimizer, settings.lr);
    RunResult result;
    result.theta = theta0;
    const LossAndGradientFunction loss = [&](const Vector& theta) {
        return model.loss_and_gradient(theta, data.train.X, Y, settings.lambda);
    };
    Progress progress(settings.epochs, settings.report_every);
    EpochCallback after_epoch;
    if (settings.report_every > 0) {
        after_epoch = [&](int epoch, double l, const Vector& theta) {
            if (progress.due(epoch)) {
                progress.show({epoch, settings.epochs, l, model_accuracy(model, theta, data.train),
                               model_accuracy(model, theta, data.test)});
            }
        };
    }
    const auto start = std::chrono::steady_clock::now();
    result.losses = train(result.theta, loss, optimizer, settings.epochs, after_epoch);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.finish();
    result.train_accuracy = model_accuracy(model, result.theta, data.train);
    result.test_accuracy = model_accuracy(model, result.theta, data.test);
    return result;
}

Dataset load_data(const Options& options)
{
    const int classes = int(options.layers.back());
    if (options.data.empty()) {
        if (classes != 3) {
            throw usage_error("--layers: the spiral has 3 classes, so the last width must be 3, got " +
                              widths_arrow(options.layers));
        }
        return make_spiral(1000, 3, options.seed);
    }
    return load_csv(options.data, classes);
}

Matrix load_points(const std::string& path, std::size_t features)
{
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot open the points file " + path);
    }
    std::vector<double> values;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') {
            continue;
        }
        std::vector<double> row;
        std::stringstream fields(line);
        std::string field;
        while (std::getline(fields, field, ',')) {
            char* end = nullptr;
            const double v = std::strtod(field.c_str(), &end);
            if (end == field.c_str() || *end != '\0' || !std::isfinite(v)) {
                throw std::runtime_error(path + ", line " + std::to_string(number) + ": '" + field +
                                         "' is not a finite number");
            }
            row.push_back(v);
        }
        if (row.size() != features && row.size() != features + 1) {
            throw std::runtime_error(path + ", line " + std::to_string(number) + ": expected " +
                                     std::to_string(features) + " numbers x1,…,x" + std::to_string(features) +
                                     " (and optionally a label), got " + std::to_string(row.size()) +
                                     " fields");
        }
        values.insert(values.end(), row.begin(), row.begin() + long(features));
    }
    if (values.empty()) {
        throw std::runtime_error(path + ": no points in the file");
    }
    Matrix points = Matrix::from_shape({values.size() / features, features});
    std::copy(values.begin(), values.end(), points.begin());
    return points;
}

int demo_epochs(int epochs)
{
#ifdef COURSE_SANITIZE
    return epochs / 100 > 0 ? epochs / 100 : 1;
#else
    return epochs;
#endif
}

namespace {

void check_fits(const Widths& widths, const Dataset& data, const std::string& source)
{
    if (widths.front() != data.X.shape(1)) {
        throw usage_error("--layers " + widths_arrow(widths) +
                          ": the first width must be the number of features f = " +
                          std::to_string(data.X.shape(1)) + " of " + source);
    }
    if (int(widths.back()) != data.classes) {
        throw usage_error("--layers " + widths_arrow(widths) +
                          ": the last width must be the number of classes, " + std::to_string(data.classes));
    }
}

void print_prediction(const Model& model, const Vector& theta, const std::string& path)
{
    const Matrix points = load_points(path, model.widths.front());
    const Matrix y_hat = model.y_hat(theta, points);
    const Labels classes = predict_class(y_hat);
    std::printf("# prediction for the %zu points of %s: the class (arg max of ŷ), then ŷ of every class\n",
                points.shape(0), path.c_str());
    for (std::size_t j = 0; j < points.shape(1); ++j) {
        std::printf("%sx%zu", j ? "," : "", j + 1);
    }
    std::printf(",class");
    for (std::size_t k = 0; k < y_hat.shape(1); ++k) {
        std::printf(",p%zu", k);
    }
    std::printf("\n");
    for (std::size_t i = 0; i < points.shape(0); ++i) {
        for (std::size_t j = 0; j < points.shape(1); ++j) {
            std::printf("%s%.6g", j ? "," : "", points(i, j));
        }
        std::printf(",%d", classes(i));
        for (std::size_t k = 0; k < y_hat.shape(1); ++k) {
            std::printf(",%.6f", y_hat(i, k));
        }
        std::printf("\n");
    }
}

}  // namespace

int run_command_line(const Options& options,
                     const std::function<Model(const Widths&, const std::string&)>& make_model)
{
    const std::string source = options.data.empty() ? "the spiral" : options.data;
    if (!options.load.empty()) {
        // A saved network: no training. Evaluate it on the held-out part of the data, predict if asked.
        const SavedNetwork saved = load_network(options.load);
        const Model model = make_model(saved.widths, saved.activation);
        std::printf("loaded %s: %s, %s, ‖θ‖ = %zu\n", options.load.c_str(),
                    widths_arrow(saved.widths).c_str(), saved.activation.c_str(), saved.theta.size());
        if (!options.predict.empty()) {
            print_prediction(model, saved.theta, options.predict);
            return 0;
        }
        Options with_widths = options;
        with_widths.layers = saved.widths;
        const Dataset data = load_data(with_widths);
        check_fits(saved.widths, data, source);
        const Split split = split_holdout(data, options.held_out, options.seed);
        std::printf("held-out accuracy on %s (seed %llu): %.2f %%\n", source.c_str(),
                    (unsigned long long)options.seed, 100.0 * model_accuracy(model, saved.theta, split.test));
        return 0;
    }

    const Model model = make_model(options.layers, options.activation);
    RunSettings settings;
    settings.optimizer = options.optimizer;
    settings.lr = options.learning_rate();
    settings.epochs = options.epochs;
    settings.lambda = options.lambda;
    settings.report_every = options.epochs >= 20 ? options.epochs / 20 : 1;
    std::printf("training %s (%s hidden, σ out), ‖θ‖ = %zu, on %s: %s, η = %g, λ = %g, %d epochs\n",
                widths_arrow(options.layers).c_str(), options.activation.c_str(), theta_size(options.layers),
                source.c_str(), options.optimizer.c_str(), settings.lr, settings.lambda, settings.epochs);
    std::vector<double> accuracies;
    RunResult last;
    for (int k = 0; k < options.seeds; ++k) {
        Options this_run = options;
        this_run.seed = options.seed + std::uint64_t(k);
        const Dataset data = load_data(this_run);
        check_fits(options.layers, data, source);
        const Split split = split_holdout(data, options.held_out, this_run.seed);
        last = run_training(model, split, init_theta(options.layers, this_run.seed), settings);
        accuracies.push_back(last.test_accuracy);
        std::printf(
            "seed %llu: held-out accuracy %.2f %% (train %.2f %%), final loss %.5f, %d epochs in %.2f s\n",
            (unsigned long long)this_run.seed, 100.0 * last.test_accuracy, 100.0 * last.train_accuracy,
            last.losses.empty() ? 0.0 : last.losses.back(), settings.epochs, last.seconds);
        std::fflush(stdout);
    }
    if (!options.save.empty()) {
        save_network(options.save, SavedNetwork{options.layers, options.activation, last.theta});
        std::printf("saved the trained network to %s\n", options.save.c_str());
    }
    if (!options.predict.empty()) {
        print_prediction(model, last.theta, options.predict);
    }
    if (options.require) {
        for (std::size_t k = 0; k < accuracies.size(); ++k) {
            if (accuracies[k] < *options.require) {
                std::printf(
                    "FAILED: seed %llu reached %.2f %% held-out accuracy, below the required %.2f %%\n",
                    (unsigned long long)(options.seed + k), 100.0 * accuracies[k], 100.0 * *options.require);
                return 1;
            }
        }
        std::printf("every seed reached the required %.2f %% held-out accuracy\n", 100.0 * *options.require);
    }
    return 0;
}

int run_training_program(int argc, char** argv,
                         const std::function<void(const std::string& figure_data)>& demonstration,
                         const std::function<Model(const Widths&, const std::string&)>& make_model)
{
    return run_program_with_options(argc, argv, training_usage(), [&](const CommandLine& line) {
        if (line.args.empty()) {
            demonstration(line.figure_data);
            return 0;
        }
        if (!line.figure_data.empty()) {
            throw usage_error(
                "--figure-data DIR goes alone: it runs the demonstration and writes its figures' data");
        }
        return run_command_line(parse_options(line.args), make_model);
    });
}

}  // namespace nn
