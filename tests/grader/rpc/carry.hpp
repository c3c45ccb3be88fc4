/// \file carry.hpp
/// An exception across the pipe: its type (of those the course and the standard library throw) and its
/// message, thrown again on the other side as the same type with the same message.
#pragma once

#include <exception>

#include "codec.hpp"

namespace nn::rpc {

/// Appends the type and the message of the exception being handled (call it inside a catch block).
void put_current_exception(Bytes& out);

/// Throws the exception that put_current_exception wrote.
[[noreturn]] void rethrow(Reader& in);

}  // namespace nn::rpc
