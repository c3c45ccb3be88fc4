#include "base/program.hpp"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <system_error>

#include "base/errors.hpp"

namespace nn {

namespace {

// "  --figure-data DIR       write …": an option and what it does, in the columns of every usage text.
std::string option_line(const std::string& option, const std::string& what)
{
    return "  " + option + std::string(option.size() < 22 ? 24 - option.size() : 2, ' ') + what + "\n";
}

std::string common_options()
{
    return option_line("--figure-data DIR", "also write the data of the chapter's figures into DIR") +
           option_line("--help", "this text");
}

// Takes --help and --figure-data DIR out of the arguments; the rest goes to line.args.
CommandLine read_command_line(int argc, char** argv, bool& help)
{
    CommandLine line;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            help = true;
        } else if (arg == "--figure-data") {
            if (i + 1 >= argc || std::string(argv[i + 1]).empty()) {
                throw usage_error("--figure-data needs a value: the folder to write the figures' data into");
            }
            if (!line.figure_data.empty()) {
                throw usage_error("--figure-data given twice");
            }
            line.figure_data = argv[++i];
        } else {
            line.args.push_back(arg);
        }
    }
    return line;
}

// The folder of --figure-data, made before the program runs: a program that cannot write its figures'
// data stops at once, not after its work.
void make_figure_folder(const std::string& dir)
{
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error || !std::filesystem::is_directory(dir)) {
        throw std::runtime_error("--figure-data " + dir + ": cannot make that folder (" +
                                 (error ? error.message() : "a file has that name") + ")");
    }
}

}  // namespace

int run_program_with_options(int argc, char** argv, const std::string& usage,
                             const std::function<int(const CommandLine& line)>& body)
{
    const std::string program =
        argc > 0 ? std::filesystem::path(argv[0]).filename().string() : std::string("program");
    const std::string help_text = "Usage: " + program + " " + usage + common_options();
    try {
        bool help = false;
        const CommandLine line = read_command_line(argc, argv, help);
        if (help) {
            std::printf("%s", help_text.c_str());
            return 0;
        }
        if (!line.figure_data.empty()) {
            make_figure_folder(line.figure_data);
        }
        return body(line);
    } catch (const usage_error& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "%s: %s\n\n%s", program.c_str(), e.what(), help_text.c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "%s: %s\n", program.c_str(), e.what());
        return 1;
    }
}

int run_program(int argc, char** argv, const std::string& about,
                const std::function<void(const std::string& figure_data)>& body)
{
    return run_program_with_options(
        argc, argv, "[--figure-data DIR]\n\n" + about + "\n\n", [&](const CommandLine& line) {
            if (!line.args.empty()) {
                const std::string& arg = line.args.front();
                throw usage_error((arg.rfind('-', 0) == 0 ? "unknown option '" : "unexpected argument '") +
                                  arg + "'");
            }
            body(line.figure_data);
            return 0;
        });
}

}  // namespace nn
