// The appendix's program: what `usage`, below, says it does.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <xsimd/xsimd.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "base/errors.hpp"
#include "base/program.hpp"
#include "bench.hpp"
#include "bias_column.hpp"
#include "child_process.hpp"
#include "limit.hpp"
#include "report.hpp"

#ifndef COURSE_CHAPTER_DIR
#define COURSE_CHAPTER_DIR "."
#endif

// OpenBLAS's thread count, when the BLAS is OpenBLAS (weak: another BLAS simply has no such call).
extern "C" void openblas_set_num_threads(int) __attribute__((weak));
extern "C" int openblas_get_num_threads() __attribute__((weak));

namespace {

const char* const usage = R"([OPTION]...

Trains the lecture's network with every implementation in turn, checks first that they all compute the
same loss and gradient, then prints epochs per second and ratios; then the limit, the fastest possible epoch
on this processor, with each row's share of it, and a line on threads. With no option: short timings, for
the website. Figure data: the table's epochs per second (DIR/bench.dat) and each row's share of the limit
(DIR/limit.dat).

  --full                  a longer warm-up, longer timings and more rounds (./course bench)
  --no-python             without numpy and PyTorch
  --python PATH           the Python of numpy and PyTorch (default: Debian's /usr/bin/python3)
  --portable PATH         this program from the portable build, timed as one more row (./course bench)
  --serve NAME --threads N  used by the program itself: the course's loop in a child process
)";

using bench::Child;
using bench::Implementation;
using bench::LossGradient;
using bench::make_problem;
using bench::parse_vector;
using bench::print_check;
using bench::print_table;
using bench::Problem;
using bench::remove_problem;
using bench::Row;
using bench::write_figure_data;
using bench::write_problem;
using nn::Vector;

struct Settings {
    double warmup = 0.1, block = 0.1;
    int repeats = 3;
    bool python = true;
    bool children = true;  // the course's loop again in a child process (other malloc settings)
    std::string portable;  // --portable PATH: this program from the portable build, for one more row
    std::string python_path = "/usr/bin/python3";
};

// max |a − b| / max |b|: the relative difference of two vectors, as one number.
double rel_diff(const Vector& a, const Vector& b)
{
    if (a.size() != b.size()) return INFINITY;
    double num = 0.0, den = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        num = std::max(num, std::abs(a(i) - b(i)));
        den = std::max(den, std::abs(b(i)));
    }
    return num / den;
}

// What an implementation computed: the loss and gradient at θ0, and θ after 3 steps from θ0.
struct Computed {
    double loss;
    Vector gradient, after3;
};

void compare(Row& row, const Computed& got, const Computed& ref)
{
    row.checked = true;
    row.d_loss = std::max(row.d_loss, std::abs(got.loss - ref.loss) / std::abs(ref.loss));
    row.d_gradient = std::max(row.d_gradient, rel_diff(got.gradient, ref.gradient));
    row.d_after = std::max(row.d_after, rel_diff(got.after3, ref.after3));
}

Computed compute(const Implementation& impl, const Problem& p)
{
    const LossGradient lg = impl.at(p.theta0);
    Computed c{lg.loss, lg.gradient, p.theta0};
    impl.train(c.after3, 3);
    return c;
}

void set_blas_threads(int n)
{
    if (openblas_set_num_threads) openblas_set_num_threads(n);
}

int default_threads()
{
    const long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? int(n) : 1;
}

// A clock that an implementation runs against: warm up for some seconds (returns seconds per epoch),
// then train a number of epochs from θ0 (returns the seconds it took).
struct Runner {
    Row* row;
    int t;  // 0: one thread, 1: default threads
    std::function<double(double)> warmup;
    std::function<double(long)> run;
    long epochs = 1;
};

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// `--serve NAME --threads N`: this program as a child, answering like bench_python.py (the course's
// loop in a process of its own, started with other malloc settings).
int serve(const std::string& name, int threads)
{
    set_blas_threads(threads > 0 ? threads : default_threads());
    const Problem p = make_problem();
    if (name != "course") throw std::invalid_argument("--serve: unknown implementation " + name);
    const Implementation impl = bench::course_loop(p);
    const Computed c = compute(impl, p);
    std::printf("check %s %.17g", name.c_str(), c.loss);
    for (double g : c.gradient) std::printf(" %.17g", g);
    std::printf("\nafter %s", name.c_str());
    for (double t : c.after3) std::printf(" %.17g", t);
    std::printf("\nthreads %s %d\nready\n", name.c_str(), threads > 0 ? threads : default_threads());
    std::fflush(stdout);
    auto train = [&](long epochs) {
        Vector theta = p.theta0;
        const auto start = std::chrono::steady_clock::now();
        impl.train(theta, int(epochs));
        return seconds_since(start);
    };
    char buf[256];
    while (std::fgets(buf, sizeof buf, stdin)) {
        std::istringstream in(buf);
        std::string command, what;
        double value = 0.0;
        in >> command >> what >> value;
        if (command == "warmup") {
            double spent = 0.0;
            long done = 0;
            for (long epochs = 1; spent < value || done < 4; epochs *= 2) {
                spent += train(epochs);
                done += epochs;
            }
            std::printf("per_epoch %s %.17g\n", what.c_str(), spent / double(done));
        } else if (command == "run") {
            std::printf("secs %s %.17g\n", what.c_str(), train(long(value)));
        } else {
            break;
        }
        std::fflush(stdout);
    }
    return 0;
}

// The options of the command line, but --serve (run_program took --figure-data and --help).
Settings read_settings(const std::vector<std::string>& args)
{
    Settings s;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "--full") {
            s.warmup = 0.5;
            s.block = 0.3;
            s.repeats = 9;
        } else if (a == "--no-python") {
            s.python = false;
        } else if (a == "--python" && has_value) {
            s.python_path = args[++i];
        } else if (a == "--portable" && has_value) {
            s.portable = args[++i];
        } else if (a == "--python" || a == "--portable") {
            throw nn::usage_error(a + " needs a value (a path)");
        } else {
            throw nn::usage_error("unknown option '" + a + "'");
        }
    }
    return s;
}

int benchmark(const nn::CommandLine& line)
{
    if (!line.args.empty() && line.args.front() == "--serve") {
        if (line.args.size() != 4 || line.args[2] != "--threads") {
            throw nn::usage_error("--serve needs a name and a thread count: --serve NAME --threads N");
        }
        return serve(line.args[1], std::atoi(line.args[3].c_str()));
    }
    Settings s = read_settings(line.args);
#ifdef COURSE_SANITIZE
    // Under the sanitizers (./course test) the point is the check, not the clock.
    s.warmup = 0.0;
    s.block = 0.001;
    s.repeats = 1;
    s.python = s.children = false;
#endif
    const Problem p = make_problem();
    std::printf(
        "The lecture's network %zu → %zu → %zu → %zu, tanh, N = %zu, full batch, λ = %g, η = %g, "
        "double\n",
        p.c[0], p.c[1], p.c[2], p.c[3], p.X.shape(0), p.lambda, p.lr);
#ifdef COURSE_NATIVE
    std::printf(
        "Built for this processor (-march=native) with xtensor's xsimd on: %s, %zu doubles a vector\n",
        xsimd::default_arch::name(), xsimd::batch<double>::size);
#else
    std::printf("Portable build (any x86-64 processor): %s, %zu doubles a vector\n",
                xsimd::default_arch::name(), xsimd::batch<double>::size);
#endif
    std::printf(
        "Timing: each after a %.1f s warm-up, %d rounds of blocks of about %.1f s, every implementation\n"
        "in turn in each round (a busy machine slows them all alike); the median block\n\n",
        s.warmup, s.repeats, s.block);
    std::fflush(stdout);

    // The C++ implementations, checked with one and with the default number of BLAS threads.
    const std::vector<Implementation> impls = {bench::course_loop(p),        bench::course_sequential(p),
                                               bench::fast_xtensor(p, true), bench::fast_xtensor(p, false),
                                               bench::hand_loops(p),         bench::fused_soa(p)};
    // The fused version shares the samples out to threads of its own (not BLAS's): with the default threads
    // it is this one. (An empty name: the same implementation in both columns.)
    std::vector<Implementation> with_default_threads(impls.size());
    with_default_threads.back() = bench::fused_soa(p, default_threads());
    auto implementation = [&](std::size_t i, int t) -> const Implementation& {
        return t == 1 && !with_default_threads[i].name.empty() ? with_default_threads[i] : impls[i];
    };
    std::vector<Row> rows(impls.size());
    rows.reserve(impls.size() + 8);  // the runners keep pointers to rows: no reallocation
    set_blas_threads(1);
    const Computed ref = compute(impls.front(), p);
    for (std::size_t i = 0; i < impls.size(); ++i) {
        rows[i].name = impls[i].name;
        rows[i].threads[1] = default_threads();
        for (int t = 0; t < 2; ++t) {
            set_blas_threads(t == 0 ? 1 : default_threads());
            compare(rows[i], compute(implementation(i, t), p), ref);
        }
    }
    std::vector<Runner> runners;
    for (std::size_t i = 0; i < impls.size(); ++i) {
        for (int t = 0; t < 2; ++t) {
            const Implementation& impl = implementation(i, t);
            const int threads = t == 0 ? 1 : default_threads();
            auto train = [&impl, &p, threads](long epochs) {
                set_blas_threads(threads);
                Vector theta = p.theta0;
                const auto start = std::chrono::steady_clock::now();
                impl.train(theta, int(epochs));
                return seconds_since(start);
            };
            auto warmup = [train](double seconds) {
                double spent = 0.0;
                long done = 0;
                for (long epochs = 1; spent < seconds || done < 4; epochs *= 2) {
                    spent += train(epochs);
                    done += epochs;
                }
                return spent / double(done);
            };
            runners.push_back({&rows[i], t, warmup, train});
        }
    }

    // In child processes, one per variant and threading setting, started now and checked at once:
    // the course's loop again with glibc's malloc as it comes (train() otherwise keeps freed memory, see
    // src/base/memory.hpp), numpy and PyTorch.
    const std::vector<std::string> big_malloc = {"MALLOC_TRIM_THRESHOLD_=1073741824",
                                                 "MALLOC_MMAP_THRESHOLD_=33554432"};
    struct Variant {
        std::vector<std::string> names, impls;
        std::vector<std::string> env;
        std::vector<double> tolerance;
        bool python;
    };
    std::vector<Variant> variants;
    if (s.children) {
        variants.push_back({{"course: the same, glibc malloc as it comes"},
                            {"course"},
                            {"NN_MALLOC_AS_IT_COMES=1"},
                            {1e-9},
                            false});
    }
    if (s.children && !s.portable.empty()) {
        variants.push_back({{"course: the same, portable build"}, {"course"}, {}, {1e-9}, false});
    }
    if (s.python) {
        variants.push_back({{"numpy, glibc malloc as it comes"}, {"numpy"}, {}, {1e-9}, true});
        variants.push_back({{"numpy, MALLOC_*_THRESHOLD_ high"}, {"numpy"}, big_malloc, {1e-9}, true});
        variants.push_back({{"PyTorch float64, autograd", "PyTorch float32, autograd"},
                            {"torch64", "torch32"},
                            {},
                            {1e-9, 1e-5},
                            true});
    }
    std::vector<std::unique_ptr<Child>> children;
    const std::string data = s.python ? write_problem(p) : "";
    const std::string script = std::string(COURSE_CHAPTER_DIR) + "/bench_python.py";
    for (const Variant& v : variants) {
        std::string impl_list;
        const std::size_t first = rows.size();
        for (std::size_t k = 0; k < v.impls.size(); ++k) {
            impl_list += (k ? "," : "") + v.impls[k];
            rows.push_back(Row{});
            rows.back().name = v.names[k];
            rows.back().tolerance = v.tolerance[k];
        }
        for (int t = 0; t < 2; ++t) {
            std::vector<std::string> env = v.env;
            if (t == 0) {
                env.push_back("OPENBLAS_NUM_THREADS=1");
                env.push_back("OMP_NUM_THREADS=1");
            }
            const std::string threads = t == 0 ? "1" : "0";
            children.push_back(std::make_unique<Child>(
                v.python ? std::vector<std::string>{s.python_path, script, data, "--impl", impl_list,
                                                    "--threads", threads}
                         : std::vector<std::string>{v.names[0].find("portable") != std::string::npos
                                                        ? s.portable
                                                        : std::string("/proc/self/exe"),
                                                    "--serve", impl_list, "--threads", threads},
                env));
            Child& child = *children.back();
            std::map<std::string, Computed> got;
            for (auto l = child.line(); l[0] != "ready"; l = child.line()) {
                const std::size_t k =
                    std::size_t(std::find(v.impls.begin(), v.impls.end(), l[1]) - v.impls.begin());
                if (k == v.impls.size()) {
                    throw std::runtime_error("a child process printed: " + l[0] + " " + l[1] + l[2]);
                }
                Row& row = rows[first + k];
                if (l[0] == "missing") {
                    row.missing = l[2];
                } else if (l[0] == "check") {
                    const Vector numbers = parse_vector(l[2]);
                    got[l[1]].loss = numbers(0);
                    got[l[1]].gradient = xt::view(numbers, xt::range(1, numbers.size()));
                } else if (l[0] == "after") {
                    got[l[1]].after3 = parse_vector(l[2]);
                } else if (l[0] == "threads") {
                    row.threads[t] = std::stoi(l[2]);
                    compare(row, got[l[1]], ref);
                    const std::string name = l[1];
                    runners.push_back(
                        {&row, t,
                         [&child, name](double seconds) {
                             return child.ask("warmup " + name + " " + std::to_string(seconds), "per_epoch");
                         },
                         [&child, name](long epochs) {
                             return child.ask("run " + name + " " + std::to_string(epochs), "secs");
                         }});
                }
            }
        }
    }

    const bool ok = print_check(rows);
    if (!ok) {
        children.clear();
        if (!data.empty()) remove_problem(data);
        throw std::runtime_error("the implementations do not compute the same thing (above): nothing timed");
    }
    std::fflush(stdout);

    // The clock: warm every runner up, then round after round, each runner one block.
    for (Runner& r : runners) {
        r.epochs = std::max(1L, long(s.block / r.warmup(s.warmup)));
    }
    for (int round = 0; round < s.repeats; ++round) {
        for (Runner& r : runners) {
            r.row->secs[r.t].push_back(r.run(r.epochs) / double(r.epochs));
        }
    }
    set_blas_threads(default_threads());
    children.clear();
    if (!data.empty()) remove_problem(data);
    print_table(rows);
    const bench::Limit limit = bench::measure_limit(p, s.block);
    bench::print_limit(limit, rows);
    bench::print_threads(s.block / 2);
    const bench::BiasColumnTimes bias = bench::time_bias_column(p, s.block);
    bench::print_bias_column(bias, 1.0 / rows.front().eps(0));
    if (!line.figure_data.empty()) {
        write_figure_data(line.figure_data, rows);
        bench::write_limit_data(line.figure_data, limit, rows);
        bench::write_bias_column_facts(line.figure_data, bias);
        bench::write_course_epoch_facts(line.figure_data, p);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    return nn::run_program_with_options(argc, argv, usage, benchmark);
}
