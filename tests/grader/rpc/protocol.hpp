/// \file protocol.hpp
/// The conversation on the pipe between the judge (the test program, which keeps the verdict) and the
/// worker (the process that runs the student's functions, in the sandbox).
///
///   worker → judge   HELLO   the chapter and its functions' signatures, once at start
///   judge → worker   CALL    a function's number (make_proxies.py numbers a chapter's functions) and its
///                            arguments
///   worker → judge   RETURN  the floating-point exception flags the call raised, the arguments it changed
///                            (non-const references) and its result
///                    THROW   the flags, the exception's type and message
///   worker → judge   CALLBACK  a std::function the judge passed (train's loss_and_gradient, after_epoch),
///                            by its number, with its arguments; the judge answers RETURN or THROW
///
/// While a side waits for its answer it serves what comes in: the worker serves a CALL that the judge
/// makes from within a callback, and the judge serves a CALLBACK.
#pragma once

#include <cstdint>

namespace nn::rpc {

enum class Kind : std::uint8_t { hello = 1, call, ret, thrown, callback };

/// The exceptions a student's function may throw, by type: rethrown in the judge as the same type with the
/// same message (a type the list does not name arrives as its nearest base here).
enum class Error : std::uint8_t {
    not_implemented = 1,
    shape_error,
    value_error,
    usage_error,
    invalid_argument,
    domain_error,
    length_error,
    out_of_range,
    logic_error,
    bad_alloc,
    range_error,
    overflow_error,
    underflow_error,
    runtime_error,
    exception,
    unknown,  // not a std::exception (`throw 0;`)
};

/// The largest message either side accepts: far more than any argument or result of the course.
constexpr std::uint32_t most_bytes = 256u << 20;

}  // namespace nn::rpc
