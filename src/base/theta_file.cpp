#include "base/theta_file.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <xtensor/xbuilder.hpp>

namespace nn {

namespace {

std::size_t length_for(const Widths& widths)
{
    std::size_t n = 0;
    for (std::size_t l = 1; l < widths.size(); ++l) {
        n += (widths[l - 1] + 1) * widths[l];
    }
    return n;
}

// Reads the file line by line, and says where it is when something is wrong.
class Reader {
public:
    explicit Reader(const std::string& path) : path_(path), in_(path)
    {
        if (!in_) {
            fail_file(std::string("cannot open it: ") + std::strerror(errno));
        }
    }

    // The next line; "expected" says what should have been there if the file ends first.
    std::string next(const std::string& expected)
    {
        std::string line;
        if (!std::getline(in_, line)) {
            throw file_error(path_ + " is truncated: it ends after line " + std::to_string(number_) +
                             ", where " + expected + " should follow");
        }
        ++number_;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        return line;
    }

    // "key value…": the rest of the line after the key.
    std::string keyed(const std::string& key)
    {
        const std::string line = next("the line '" + key + " …'");
        if (line.compare(0, key.size() + 1, key + " ") != 0) {
            fail("expected '" + key + " …', got '" + line + "'");
        }
        return line.substr(key.size() + 1);
    }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw file_error(path_ + ", line " + std::to_string(number_) + ": " + what);
    }
    [[noreturn]] void fail_file(const std::string& what) const { throw file_error(path_ + ": " + what); }

    bool at_end()
    {
        std::string rest;
        while (std::getline(in_, rest)) {
            if (rest.find_first_not_of(" \t\r") != std::string::npos) {
                return false;
            }
        }
        return true;
    }

private:
    std::string path_;
    std::ifstream in_;
    std::size_t number_ = 0;
};

}  // namespace

void save_network(const std::string& path, const SavedNetwork& net)
{
    if (net.widths.size() < 2) {
        throw file_error(path + ": cannot save a network with fewer than two widths");
    }
    if (net.theta.size() != length_for(net.widths)) {
        throw file_error(path + ": θ has " + std::to_string(net.theta.size()) +
                         " numbers, but the widths need " + std::to_string(length_for(net.widths)));
    }
    std::ofstream out(path);
    if (!out) {
        throw file_error(path + ": cannot write it: " + std::strerror(errno));
    }
    out << theta_file_magic << "\nwidths";
    for (auto w : net.widths) {
        out << ' ' << w;
    }
    out << "\nactivation " << net.activation << "\ntheta " << net.theta.size() << '\n';
    char number[40];
    for (double v : net.theta) {
        std::snprintf(number, sizeof number, "%.17g\n", v);
        out << number;
    }
    out << "end\n";
    out.close();
    if (!out) {
        throw file_error(path + ": writing it failed");
    }
}

SavedNetwork load_network(const std::string& path)
{
    Reader in(path);
    SavedNetwork net;
    const std::string first = in.next("the first line '" + std::string(theta_file_magic) + "'");
    if (first != theta_file_magic) {
        in.fail("this is not a parameter file of this course (its first line should be '" +
                std::string(theta_file_magic) + "', it is '" + first.substr(0, 60) + "')");
    }
    {
        std::istringstream words(in.keyed("widths"));
        long long w = 0;
        while (words >> w) {
            if (w <= 0) {
                in.fail("every width must be a positive whole number, got " + std::to_string(w));
            }
            net.widths.push_back(std::size_t(w));
        }
        if (!words.eof() || net.widths.size() < 2) {
            in.fail("expected at least two positive whole numbers after 'widths'");
        }
    }
    net.activation = in.keyed("activation");
    const std::size_t want = length_for(net.widths);
    {
        std::istringstream words(in.keyed("theta"));
        long long n = -1;
        if (!(words >> n) || n != (long long)want) {
            in.fail("the widths need ‖θ‖ = " + std::to_string(want) + " numbers, but the file says 'theta " +
                    words.str() + "'");
        }
    }
    net.theta = xt::zeros<double>({want});
    for (std::size_t i = 0; i < want; ++i) {
        const std::string line =
            in.next("number " + std::to_string(i + 1) + " of the " + std::to_string(want) + " numbers of θ");
        char* end = nullptr;
        errno = 0;
        const double v = std::strtod(line.c_str(), &end);
        if (end == line.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(v)) {
            if (line == "end") {
                in.fail("θ is cut short: 'end' after " + std::to_string(i) + " of its " +
                        std::to_string(want) + " numbers");
            }
            in.fail("'" + line.substr(0, 40) + "' is not a finite number (number " + std::to_string(i + 1) +
                    " of θ)");
        }
        net.theta(i) = v;
    }
    if (in.next("the last line 'end'") != "end") {
        in.fail("expected the last line 'end' after the " + std::to_string(want) + " numbers of θ");
    }
    if (!in.at_end()) {
        in.fail_file("there is more after the line 'end'");
    }
    return net;
}

}  // namespace nn
