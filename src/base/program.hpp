/// \file program.hpp
/// The one `main` of every chapter program: its command line, its help, its figure data and its errors.
///
///     chNN-name                    what the chapter's page shows
///     chNN-name --figure-data DIR  the same, and the data of the chapter's figures written into DIR
///     chNN-name --help             the usage; a bad option: the usage on stderr, exit status 2
///
/// An error ends the program with "chNN-name: what went wrong" on stderr and exit status 1.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace nn {

/// A chapter program's command line, once run_program has taken what every program understands.
struct CommandLine {
    std::string figure_data;        ///< `--figure-data` DIR (already made), or "" when not given
    std::vector<std::string> args;  ///< the other arguments, for a program with options of its own
};

/// The main of a program without options of its own (chapters 1–6):
/// `int main(int argc, char** argv) { return nn::run_program(argc, argv, about, body); }`.
/// `about` says what the program shows (the help's text). `body(figure_data)` prints the program's
/// output and, when figure_data is not "", also writes the data of the chapter's figures into that folder.
/// Returns the exit status: 0, 1 after an exception (its message on stderr, after the program's name),
/// 2 for a bad command line (the message and the usage on stderr).
int run_program(int argc, char** argv, const std::string& about,
                const std::function<void(const std::string& figure_data)>& body);

/// The main of a program with options of its own (chapters 7–9). `usage` follows "Usage: NAME "
/// in the help: the synopsis, what the program does and its options; run_program adds `--figure-data` and
/// `--help`. `body` reads line.args (throwing nn::usage_error for a bad one) and returns the exit status.
int run_program_with_options(int argc, char** argv, const std::string& usage,
                             const std::function<int(const CommandLine& line)>& body);

}  // namespace nn
