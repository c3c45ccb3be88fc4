/// \file temp_file.hpp
/// A scratch file for a test, in a folder of its own under the system's temporary directory; the folder
/// goes when the test ends.
#pragma once

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace nn::testing {

class TempFile {
public:
    /// The file `name`, holding `content` (empty by default: the file exists, with nothing in it).
    explicit TempFile(const std::string& name, const std::string& content = "")
        : dir_(std::filesystem::temp_directory_path() /
               ("nn-course-" + std::to_string(::getpid()) + "-" + std::to_string(count()++))),
          path((std::filesystem::create_directories(dir_), dir_ / name).string())
    {
        write(content);
    }
    ~TempFile() { std::filesystem::remove_all(dir_); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    /// Replaces the file's content.
    void write(const std::string& text) const { std::ofstream(path) << text; }

    /// The file's content.
    std::string read() const
    {
        std::ifstream in(path);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    static int& count()
    {
        static int n = 0;
        return n;
    }
    std::filesystem::path dir_;

public:
    // (Declared after dir_, which it is made from: members are initialized in the order of declaration.)
    const std::string path;  ///< where the file is, as the course's functions take it
};

}  // namespace nn::testing
