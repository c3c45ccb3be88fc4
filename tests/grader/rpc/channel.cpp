#include "channel.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>

#include "protocol.hpp"

namespace nn::rpc {

bool Channel::send(const Bytes& frame)
{
    const auto length = static_cast<std::uint32_t>(frame.size());
    Bytes all(reinterpret_cast<const char*>(&length), sizeof length);
    all += frame;
    for (std::size_t done = 0; done < all.size();) {
        const ssize_t n = ::write(out_, all.data() + done, all.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += std::size_t(n);
    }
    return true;
}

namespace {

using Clock = std::chrono::steady_clock;

/// Reads exactly n bytes before the deadline (none: no deadline).
Channel::Status read_all(int fd, char* into, std::size_t n, const Clock::time_point* deadline)
{
    while (n > 0) {
        if (deadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now());
            if (left.count() <= 0) {
                return Channel::timed_out;
            }
            pollfd p{fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, int(std::min<long long>(left.count(), 1 << 30)));
            if (ready < 0 && errno == EINTR) {
                continue;
            }
            if (ready == 0) {
                return Channel::timed_out;
            }
        }
        const ssize_t got = ::read(fd, into, n);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return Channel::closed;
        }
        into += got;
        n -= std::size_t(got);
    }
    return Channel::ok;
}

}  // namespace

Channel::Status Channel::receive(Bytes& frame, double seconds)
{
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    const Clock::time_point* until = seconds > 0 ? &deadline : nullptr;
    std::uint32_t length = 0;
    Status status = read_all(in_, reinterpret_cast<char*>(&length), sizeof length, until);
    if (status != ok) {
        return status;
    }
    if (length > most_bytes) {
        return closed;
    }
    frame.assign(length, '\0');
    return read_all(in_, frame.data(), length, until);
}

void Channel::close()
{
    if (in_ >= 0) {
        ::close(in_);
    }
    if (out_ >= 0 && out_ != in_) {
        ::close(out_);
    }
    in_ = out_ = -1;
}

}  // namespace nn::rpc
