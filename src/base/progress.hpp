/// \file progress.hpp
/// Chapters 7 and 8: showing how training goes while it runs (course-provided).
#pragma once

#include <cstdio>
#include <string>

namespace nn {

/// One report of training: epoch, loss, and the accuracies on the training and held-out samples.
struct ProgressLine {
    int epoch = 0;
    int epochs = 0;
    double loss = 0.0;
    double train_accuracy = 0.0;
    double test_accuracy = 0.0;
};

/// "epoch  500/2000  loss 0.16840  train 97.71 %  held-out 97.67 %".
std::string format_progress(const ProgressLine& line);

/// Progress on a stream: on a terminal one line that updates in place (carriage return), otherwise
/// (a file, a pipe, the website's captured output) one plain line per report.
class Progress {
public:
    /// Reports every `every` epochs (and at the last one); to `out`, stdout by default.
    Progress(int epochs, int every, std::FILE* out = stdout);
    /// Same, but choose explicitly whether the line updates in place (tests use it).
    Progress(int epochs, int every, std::FILE* out, bool in_place);

    /// True when the epoch is one to report (every `every` epochs, and the last).
    bool due(int epoch) const;
    /// Shows the line: rewrites it in place on a terminal, prints it as a new line otherwise.
    void show(const ProgressLine& line);
    /// Ends the updating line (a newline on a terminal; nothing otherwise).
    void finish();

private:
    int epochs_;
    int every_;
    std::FILE* out_;
    bool in_place_;
    bool open_ = false;
};

}  // namespace nn
