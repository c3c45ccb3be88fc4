/// \file checks.hpp
/// Checks at the boundary of a function: shapes and finite values, reported in plain words.
#pragma once

#include <cmath>
#include <sstream>
#include <string>

#include "base/errors.hpp"
#include "base/tensor.hpp"

namespace nn {

/// "(3000, 3)": the shape of any xtensor expression, as the course prints it.
template <class E>
std::string shape_str(const E& e)
{
    std::ostringstream out;
    out << '(';
    const auto& shape = e.shape();
    for (std::size_t i = 0; i < shape.size(); ++i) {
        out << (i ? ", " : "") << shape[i];
    }
    out << (shape.size() == 1 ? ",)" : ")");
    return out.str();
}

/// Throws shape_error "what: expected (rows, cols), got (r, c)" unless m is rows × cols.
void expect_shape(const Matrix& m, std::size_t rows, std::size_t cols, const std::string& what);

/// Throws shape_error "what: expected length n, got k" unless v has n elements.
void expect_length(const Vector& v, std::size_t n, const std::string& what);

/// Throws value_error naming the first NaN or infinity in e and where it is.
template <class E>
void expect_finite(const E& e, const std::string& what)
{
    std::size_t i = 0;
    for (auto it = e.begin(); it != e.end(); ++it, ++i) {
        if (!std::isfinite(*it)) {
            std::ostringstream out;
            out << what << ": " << *it << " at flat index " << i << " of an array of shape " << shape_str(e);
            throw value_error(out.str());
        }
    }
}

}  // namespace nn
