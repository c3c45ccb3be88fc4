/// \file channel.hpp
/// Frames on a pair of pipes: a 4-byte length, then that many bytes.
#pragma once

#include <string>

#include "codec.hpp"

namespace nn::rpc {

class Channel {
public:
    Channel() = default;
    Channel(int in, int out) : in_(in), out_(out) {}

    /// Sends one frame; false when the other side has gone.
    bool send(const Bytes& frame);
    /// Waits for a frame at most `seconds` (forever when ≤ 0). Gives what it read in `frame`:
    /// `ok`, `closed` (the other side has gone, or sent a frame too large) or `timed_out`.
    enum Status { ok, closed, timed_out };
    Status receive(Bytes& frame, double seconds = 0);
    void close();
    bool open() const { return in_ >= 0; }

private:
    int in_ = -1;
    int out_ = -1;
};

}  // namespace nn::rpc
