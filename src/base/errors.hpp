/// \file errors.hpp
/// The errors the course reports, each with a message that says what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace nn {

/// Thrown by an exercise stub: "not implemented yet: sigmoid (chapter 1)".
class not_implemented : public std::logic_error {
public:
    not_implemented(const std::string& function, int chapter);
};

/// A matrix or vector of the wrong shape: "theta1: expected (3, 6), got (2, 6)".
class shape_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// A NaN or an infinity where a finite number must be, or another value out of its range.
class value_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// A bad command line: the message says which option and what was wrong with its value.
class usage_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

}  // namespace nn
