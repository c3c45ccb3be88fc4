// The appendix's benchmark: implementations that run in another process and answer its commands on a
// pipe: numpy and PyTorch (bench_python.py), and this program itself in --serve mode, started with other
// malloc settings. The problem reaches them as files (write_problem).
#pragma once

#include <sys/types.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "bench.hpp"

namespace bench {

/// A child process spoken to line by line: commands on its standard input, answers "kind name rest" on
/// its standard output.
class Child {
public:
    /// Starts argv[0] with the arguments argv[1…] and the environment changed as given (the thread and
    /// malloc variables of this process are not passed on).
    Child(const std::vector<std::string>& argv, const std::vector<std::string>& env);
    /// Tells the child to quit and waits for it.
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    /// The next line the child prints, split at the first two spaces: kind, implementation, the rest.
    std::array<std::string, 3> line();
    /// The next line, which must be of this kind (or the child's whole transcript in the exception).
    std::array<std::string, 3> expect(const std::string& kind);
    /// Sends a command and reads the number of its answer, a line of the given kind.
    double ask(const std::string& command, const std::string& answer);

private:
    pid_t pid_;
    FILE* to_ = nullptr;
    FILE* from_ = nullptr;
    std::vector<std::string> env_;
    std::string what_, transcript_;
};

/// The problem in files of a new folder under /tmp, for a child to read: X.f64, Y.f64 and theta.f64 (the
/// doubles as they lie in memory) and meta.txt (N, the widths, λ, η). Returns the folder.
std::string write_problem(const Problem& p);

/// Removes the folder that write_problem made.
void remove_problem(const std::string& dir);

/// The numbers of a line of text, as a vector.
nn::Vector parse_vector(const std::string& text);

}  // namespace bench
