#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "base/facts.hpp"
#include "base/format.hpp"

namespace bench {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

namespace {

using nn::pad;

constexpr std::size_t name_width = 46;

}  // namespace

bool print_check(const std::vector<Row>& rows)
{
    std::printf(
        "The check, before any timing: every implementation against the course's loop, from the same θ0\n");
    std::printf("(relative difference max|a − b| / max|b|; tolerance 1e-9 in double, 1e-5 in float32)\n\n");
    std::printf("%s %10s %10s %12s\n", pad("implementation", name_width).c_str(), "loss", "gradient",
                "θ, 3 steps");
    bool ok = true;
    for (const Row& r : rows) {
        if (!r.missing.empty()) {
            std::printf("%s not run:%s\n", pad(r.name, name_width).c_str(), r.missing.c_str());
            continue;
        }
        const bool good =
            r.checked && r.d_loss <= r.tolerance && r.d_gradient <= r.tolerance && r.d_after <= r.tolerance;
        ok = ok && good;
        std::printf("%s %10.1e %10.1e %12.1e%s\n", pad(r.name, name_width).c_str(), r.d_loss, r.d_gradient,
                    r.d_after, good ? "" : "   <- DIFFERS");
    }
    std::printf("\n");
    return ok;
}

// The key of a row in the facts of the chapter's text (docs/facts.py): course_eps1, numpy_ran, …
std::string fact_key(const std::string& name)
{
    const std::pair<const char*, const char*> keys[] = {
        {"course: ch7 train(loss_and_gradient)", "course"},
        {"course: ch7 train, ch8 Sequential", "sequential"},
        {"fast: buffers, xsimd, BLAS products", "fast_blas"},
        {"fast: buffers, xsimd, hand products", "fast_hand"},
        {"hand loops", "hand_loops"},
        {"fused", "fused"},
        {"course: the same, glibc malloc as it comes", "course_malloc"},
        {"course: the same, portable build", "course_portable"},
        {"numpy, glibc malloc as it comes", "numpy"},
        {"numpy, MALLOC_*_THRESHOLD_ high", "numpy_kept"},
        {"PyTorch float64", "torch64"},
        {"PyTorch float32", "torch32"}};
    for (const auto& [start, key] : keys) {
        if (name.rfind(start, 0) == 0) {
            return key;
        }
    }
    throw std::logic_error("no key for the facts of '" + name + "' (report.cpp, fact_key)");
}

void write_figure_data(const std::string& dir, const std::vector<Row>& rows)
{
    // Each row's epochs per second (one thread: _eps1; default threads: _eps) and whether it ran.
    for (const Row& r : rows) {
        const std::string key = fact_key(r.name);
        nn::write_fact(dir, key + "_ran", r.missing.empty());
        if (r.missing.empty()) {
            nn::write_fact(dir, key + "_eps1", r.eps(0));
            nn::write_fact(dir, key + "_eps", r.eps(1));
            nn::write_fact(dir, key + "_threads", r.threads[1]);
        }
    }
    std::filesystem::create_directories(dir);
    const std::string path = (std::filesystem::path(dir) / "bench.dat").string();
    std::ofstream out(path);
    out << "# implementation epochs_per_second_1_thread epochs_per_second_default_threads\n";
    for (const Row& r : rows) {
        if (r.missing.empty()) {
            out << '"' << r.name << "\" " << r.eps(0) << ' ' << r.eps(1) << '\n';
        }
    }
    if (!out) throw std::runtime_error("cannot write " + path);
}

void print_table(const std::vector<Row>& rows)
{
    const Row& ref = rows.front();
    std::printf("Epochs per second (the median block), and each as a multiple of the course's loop's\n");
    std::printf(
        "(\"× course\" above 1: this implementation is faster than the course's loop; below 1: slower)\n\n");
    std::printf("%s %21s   %21s\n", pad("", name_width).c_str(), "1 thread", "default threads");
    std::printf("%s %10s %10s   %10s %10s\n", pad("implementation", name_width).c_str(), "epochs/s",
                "× course", "epochs/s", "× course");
    for (const Row& r : rows) {
        if (!r.missing.empty()) {
            std::printf("%s %10s %10s   %10s %10s\n", pad(r.name, name_width).c_str(), "-", "-", "-", "-");
            continue;
        }
        std::printf("%s %10.0f %10.2f   %10.0f %10.2f   (threads: %d)\n", pad(r.name, name_width).c_str(),
                    r.eps(0), r.eps(0) / ref.eps(0), r.eps(1), r.eps(1) / ref.eps(1), r.threads[1]);
    }
    std::printf("\n");
}

}  // namespace bench
