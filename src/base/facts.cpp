// The facts file of a chapter program (see facts.hpp).
#include "base/facts.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace nn {

void write_fact(const std::string& dir, const std::string& key, double value)
{
    if (dir.empty()) {
        return;
    }
    bool valid = !key.empty();
    for (const char c : key) {
        valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    }
    if (!valid) {
        throw std::invalid_argument("write_fact: a key is letters, digits and _, got '" + key + "'");
    }
    std::filesystem::create_directories(dir);
    const std::string path = (std::filesystem::path(dir) / "facts.txt").string();
    std::ofstream out(path, std::ios::app);
    out.precision(17);
    out << key << " = " << value << '\n';
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

}  // namespace nn
