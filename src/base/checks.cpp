#include "base/checks.hpp"

namespace nn {

void expect_shape(const Matrix& m, std::size_t rows, std::size_t cols, const std::string& what)
{
    if (m.shape(0) != rows || m.shape(1) != cols) {
        throw shape_error(what + ": expected (" + std::to_string(rows) + ", " + std::to_string(cols) +
                          "), got " + shape_str(m));
    }
}

void expect_length(const Vector& v, std::size_t n, const std::string& what)
{
    if (v.size() != n) {
        throw shape_error(what + ": expected length " + std::to_string(n) + ", got " +
                          std::to_string(v.size()));
    }
}

}  // namespace nn
