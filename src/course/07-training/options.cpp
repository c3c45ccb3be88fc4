#include "course/07-training/options.hpp"
#include "base/errors.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "course/02-activations/activation.hpp"
#include "course/07-training/optimizer.hpp"

namespace nn {

namespace {

[[noreturn]] void bad(const std::string& option, const std::string& expected, const std::string& got)
{
    throw usage_error(option + ": expected " + expected + ", got '" + got + "'");
}

long long whole(const std::string& option, const std::string& text, long long least)
{
    const std::string expected = "a whole number ≥ " + std::to_string(least);
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || end == text.c_str() || *end != '\0' || errno == ERANGE || v < least ||
        text[0] == ' ') {
        bad(option, expected, text);
    }
    return v;
}

double real(const std::string& option, const std::string& text)
{
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end == text.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(v)) {
        bad(option, "a number", text);
    }
    return v;
}

}  // namespace

double Options::learning_rate() const
{
    return lr ? *lr : Optimizer::default_lr(optimizer);
}

Widths parse_widths(const std::string& text)
{
    const std::string expected = "at least two positive whole numbers separated by commas, like 2,6,4,3";
    Widths widths;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        char* end = nullptr;
        const long long v = std::strtoll(item.c_str(), &end, 10);
        if (item.empty() || *end != '\0' || v <= 0 || v > 100000) {
            bad("--layers", expected, text);
        }
        widths.push_back(std::size_t(v));
    }
    if (widths.size() < 2 || text.back() == ',') {
        bad("--layers", expected, text);
    }
    return widths;
}

Options parse_options(const std::vector<std::string>& args)
{
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& option = args[i];
        static const char* const known[] = {
            "--data", "--layers",   "--activation", "--optimizer", "--epochs", "--lr",   "--lambda",
            "--seed", "--held-out", "--seeds",      "--require",   "--save",   "--load", "--predict"};
        bool is_known = false;
        for (const char* k : known) {
            is_known = is_known || option == k;
        }
        if (!is_known) {
            throw usage_error("unknown option '" + option + "'");
        }
        if (i + 1 >= args.size()) {
            throw usage_error(option + " needs a value");
        }
        const std::string& value = args[++i];
        if (option == "--data") {
            o.data = value;
        } else if (option == "--layers") {
            o.layers = parse_widths(value);
        } else if (option == "--activation") {
            try {
                activation(value);
            } catch (const std::invalid_argument&) {
                bad(option, "one of sigmoid, tanh, relu", value);
            }
            o.activation = value;
        } else if (option == "--optimizer") {
            try {
                Optimizer::default_lr(value);
            } catch (const std::invalid_argument&) {
                bad(option, std::string("one of ") + Optimizer::names(), value);
            }
            o.optimizer = value;
        } else if (option == "--epochs") {
            o.epochs = int(whole(option, value, 1));
            if (o.epochs > 10000000) {
                bad(option, "at most 10000000 epochs", value);
            }
        } else if (option == "--lr") {
            o.lr = real(option, value);
            if (!(*o.lr > 0.0)) {
                bad(option, "a learning rate η > 0", value);
            }
        } else if (option == "--lambda") {
            o.lambda = real(option, value);
            if (o.lambda < 0.0) {
                bad(option, "a penalty λ ≥ 0", value);
            }
        } else if (option == "--seed") {
            o.seed = std::uint64_t(whole(option, value, 0));
        } else if (option == "--held-out") {
            o.held_out = real(option, value);
            if (!(o.held_out > 0.0 && o.held_out < 1.0)) {
                bad(option, "a fraction strictly between 0 and 1, like 0.2", value);
            }
        } else if (option == "--seeds") {
            o.seeds = int(whole(option, value, 1));
            if (o.seeds > 1000) {
                bad(option, "at most 1000 seeds", value);
            }
        } else if (option == "--require") {
            o.require = real(option, value);
            if (!(*o.require >= 0.0 && *o.require <= 1.0)) {
                bad(option, "an accuracy between 0 and 1, like 0.99", value);
            }
        } else if (option == "--save") {
            o.save = value;
        } else if (option == "--load") {
            o.load = value;
        } else if (option == "--predict") {
            o.predict = value;
        }
    }
    return o;
}

std::string training_usage()
{
    return R"([OPTION VALUE]...

With no option: the chapter's demonstration, as shown on the course website (with --figure-data
DIR alone: the same, and the data of its figures).
With options: train a network and report its held-out accuracy, or predict with a saved one.

  --data FILE.csv         training data, lines x1,x2,label (default: the 3000-point spiral)
  --layers 2,6,4,3        the widths f, c1, …, cL (default 2,6,4,3, the lecture's network)
  --activation NAME       the hidden layers' activation: tanh (default), sigmoid or relu
  --optimizer NAME        gd, momentum or adam (default adam)
  --epochs N              full-batch epochs (default 2000)
  --lr ETA                the learning rate η (default: 0.3 for gd, 0.03 for momentum, 0.01 for adam)
  --lambda L              the L2 penalty λ ≥ 0 (default 0)
  --seed S                the seed of the spiral, the split and the starting θ (default 0)
  --held-out F            the share of the data held out for testing (default 0.2)
  --seeds K               train K times, with seeds S … S+K−1, and report each
  --require A             exit with status 1 unless every held-out accuracy is at least A (e.g. 0.99)
  --save FILE             write the trained network to FILE (format: see theta_file.hpp)
  --load FILE             use the network saved in FILE instead of training one
  --predict FILE.csv      print the class and the probabilities ŷ of every point x1,x2 in FILE.csv
)";
}

}  // namespace nn
