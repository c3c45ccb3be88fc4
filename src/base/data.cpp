#include "base/data.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "base/errors.hpp"

namespace nn {

namespace {

// π to double precision (M_PI is POSIX, not standard C++).
constexpr double pi = 3.141592653589793238462643383279502884;

/// Standard normal numbers from a 64-bit Mersenne twister, by the Box–Muller transform. Written out
/// (not std::normal_distribution) so the bits do not depend on the standard library's implementation.
class Normal {
public:
    explicit Normal(std::uint64_t seed) : engine_(seed) {}

    double operator()()
    {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        // u1 in (0, 1] (so log(u1) is finite), u2 in [0, 1): 53 random bits each.
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 2.0 * pi * u2;
        spare_ = radius * std::sin(angle);
        has_spare_ = true;
        return radius * std::cos(angle);
    }

private:
    double uniform() { return double(engine_() >> 11) * 0x1.0p-53; }

    std::mt19937_64 engine_;
    double spare_ = 0.0;
    bool has_spare_ = false;
};

[[noreturn]] void bad_line(const std::string& path, std::size_t line, const std::string& text,
                           const std::string& problem)
{
    throw value_error(path + ":" + std::to_string(line) + ": " + problem + " (the line reads \"" + text +
                      "\")");
}

}  // namespace

Dataset make_spiral(std::size_t points_per_class, int classes, std::uint64_t seed)
{
    if (points_per_class < 2 || classes < 1) {
        throw std::invalid_argument("make_spiral: need at least 2 points per class and 1 class, got " +
                                    std::to_string(points_per_class) + " and " + std::to_string(classes));
    }
    const std::size_t n = points_per_class;
    Dataset data{Matrix::from_shape({n * classes, 2}), Labels::from_shape({n * classes}), classes};
    Normal normal(seed);
    for (int k = 0; k < classes; ++k) {
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t row = k * n + i;
            const double step = double(i) / double(n - 1);
            // r evenly from 0 to 1; t evenly from 4k to 4(k + 1), plus noise of standard deviation 0.2
            const double r = step;
            const double t = 4.0 * k + 4.0 * step + 0.2 * normal();
            data.X(row, 0) = r * std::sin(t);
            data.X(row, 1) = r * std::cos(t);
            data.y(row) = k;
        }
    }
    return data;
}

Dataset load_csv(const std::string& path, int classes)
{
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot open the data file " + path);
    }
    std::vector<double> x1, x2;
    std::vector<int> labels;
    std::string text;
    std::size_t line = 0;
    while (std::getline(in, text)) {
        ++line;
        if (!text.empty() && text.back() == '\r') {
            text.pop_back();
        }
        if (text.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        if (line == 1 && text == "x1,x2,label") {
            continue;
        }
        std::vector<std::string> fields;
        std::stringstream split(text);
        std::string field;
        while (std::getline(split, field, ',')) {
            fields.push_back(field);
        }
        if (text.back() == ',') {
            fields.push_back("");
        }
        if (fields.size() != 3) {
            bad_line(path, line, text, "expected 3 values x1,x2,label, got " + std::to_string(fields.size()));
        }
        const char* names[] = {"x1", "x2", "label"};
        double values[3];
        for (int j = 0; j < 3; ++j) {
            const std::string& f = fields[j];
            if (f.find_first_not_of(" \t") == std::string::npos) {
                bad_line(path, line, text, std::string("the value of ") + names[j] + " is missing");
            }
            char* end = nullptr;
            values[j] = std::strtod(f.c_str(), &end);
            while (*end == ' ' || *end == '\t') {
                ++end;
            }
            if (end == f.c_str() || *end != '\0') {
                bad_line(path, line, text, std::string(names[j]) + " is not a number: \"" + f + "\"");
            }
            if (!std::isfinite(values[j])) {
                bad_line(path, line, text, std::string(names[j]) + " is " + f + ", not a finite number");
            }
        }
        const double label = values[2];
        if (label != std::floor(label) || label < 0 || label >= classes) {
            std::ostringstream problem;
            problem << "the label " << fields[2] << " is not one of the classes 0 … " << classes - 1;
            bad_line(path, line, text, problem.str());
        }
        x1.push_back(values[0]);
        x2.push_back(values[1]);
        labels.push_back(int(label));
    }
    if (labels.empty()) {
        throw value_error(path + ": the file has no data (expected lines x1,x2,label)");
    }
    Dataset data{Matrix::from_shape({labels.size(), 2}), Labels::from_shape({labels.size()}), classes};
    for (std::size_t i = 0; i < labels.size(); ++i) {
        data.X(i, 0) = x1[i];
        data.X(i, 1) = x2[i];
        data.y(i) = labels[i];
    }
    return data;
}

void save_csv(const Dataset& data, const std::string& path)
{
    std::ofstream out(path);
    if (!out) {
        throw std::runtime_error("cannot write the data file " + path);
    }
    out.precision(17);
    out << "x1,x2,label\n";
    for (std::size_t i = 0; i < data.y.size(); ++i) {
        out << data.X(i, 0) << ',' << data.X(i, 1) << ',' << data.y(i) << '\n';
    }
    if (!out) {
        throw std::runtime_error("could not write all of " + path);
    }
}

}  // namespace nn
