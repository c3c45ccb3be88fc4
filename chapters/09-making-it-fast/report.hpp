// The appendix's benchmark: what it prints (the check, the table of epochs per second and ratios) and the
// data of the website's figure, from one row per implementation.
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace bench {

/// The median of some numbers.
double median(std::vector<double> v);

/// One implementation: its check (worst over both threading settings) and its timings.
struct Row {
    std::string name;
    double tolerance = 1e-9;
    bool checked = false;
    double d_loss = 0.0, d_gradient = 0.0, d_after = 0.0;  // relative differences from the course's loop
    int threads[2] = {1, 0};
    std::vector<double> secs[2];  // seconds per epoch of every block: 1 thread, default threads
    std::string missing;          // why it did not run (not installed)
    double eps(int t) const { return secs[t].empty() ? NAN : 1.0 / median(secs[t]); }
};

/// Prints the check of every row against the first; false if one differs by more than its tolerance.
bool print_check(const std::vector<Row>& rows);

/// Prints epochs per second of every row, with one and with the default threads, and each divided by the
/// first row's (× course: above 1 is faster than the course's loop).
void print_table(const std::vector<Row>& rows);

/// DIR/bench.dat for the website's figure: one line per implementation that ran, "name" then its
/// epochs/s with one thread and with the default threads; and DIR/facts.txt for the chapter's text.
void write_figure_data(const std::string& dir, const std::vector<Row>& rows);

}  // namespace bench
