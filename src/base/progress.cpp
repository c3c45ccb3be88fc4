#include "base/progress.hpp"

#include <unistd.h>

namespace nn {

std::string format_progress(const ProgressLine& line)
{
    char text[160];
    const int width = int(std::to_string(line.epochs).size());
    std::snprintf(text, sizeof text, "epoch %*d/%d  loss %.5f  train %6.2f %%  held-out %6.2f %%", width,
                  line.epoch, line.epochs, line.loss, 100.0 * line.train_accuracy,
                  100.0 * line.test_accuracy);
    return text;
}

Progress::Progress(int epochs, int every, std::FILE* out)
    : Progress(epochs, every, out, isatty(fileno(out)) != 0)
{
}

Progress::Progress(int epochs, int every, std::FILE* out, bool in_place)
    : epochs_(epochs), every_(every < 1 ? 1 : every), out_(out), in_place_(in_place)
{
}

bool Progress::due(int epoch) const
{
    return epoch % every_ == 0 || epoch == epochs_;
}

void Progress::show(const ProgressLine& line)
{
    if (in_place_) {
        // \r back to the start of the line, \033[K clears what a longer previous line left.
        std::fprintf(out_, "\r%s\033[K", format_progress(line).c_str());
        open_ = true;
    } else {
        std::fprintf(out_, "%s\n", format_progress(line).c_str());
    }
    std::fflush(out_);
}

void Progress::finish()
{
    if (open_) {
        std::fputc('\n', out_);
        std::fflush(out_);
        open_ = false;
    }
}

}  // namespace nn
