/// \file worker.hpp
/// The worker's side: the process that runs the student's functions for the judge, in the sandbox.
///
/// It reads calls on fd 3 and answers on fd 4 (its stdout and stderr are the student's to print on);
/// make_proxies.py writes serve(), which reads a call's arguments, calls the student's function and writes
/// what it changed and returned.
#pragma once

#include <cstdint>
#include <functional>
#include <tuple>
#include <type_traits>

#include "codec.hpp"

namespace nn::rpc {

/// The chapter's functions' signatures, which the judge checks at start (generated).
extern const char* const served_signature;

/// Runs function number `function` with the arguments in `in`; writes the changed arguments and the result
/// to `out` (generated).
void serve(std::uint32_t function, Reader& in, Bytes& out);

/// Calls the judge's std::function number `id` with `args`; the result's bytes (a THROW is thrown here).
Bytes call_back(std::uint32_t id, const Bytes& args);

constexpr std::uint32_t no_callback = 0xffffffffu;

/// While a function runs, its changed arguments (non-const references) as they are now: a callback sends
/// them first, so that the judge's caller sees θ being trained where the student's train has it.
/// serve() holds one for each call, innermost last.
class Live {
public:
    explicit Live(std::function<void(Bytes&)> put_now) { stack().push_back(std::move(put_now)); }
    ~Live() { stack().pop_back(); }
    Live(const Live&) = delete;
    Live& operator=(const Live&) = delete;
    static void put_innermost(Bytes& out)
    {
        if (!stack().empty()) {
            stack().back()(out);
        }
    }

private:
    static std::vector<std::function<void(Bytes&)>>& stack()
    {
        static std::vector<std::function<void(Bytes&)>> s;
        return s;
    }
};

/// A std::function of the judge's (train's loss_and_gradient, after_epoch): here, one that calls it back.
template <class R, class... A>
std::function<R(A...)> read(Reader& in, Tag<std::function<R(A...)>>)
{
    const auto id = read<std::uint32_t>(in);
    if (id == no_callback) {
        return {};
    }
    return [id](A... a) -> R {
        Bytes args;
        (put(args, a), ...);
        const Bytes result = call_back(id, args);
        if constexpr (!std::is_void_v<R>) {
            Reader r(result);
            return read<std::decay_t<R>>(r);
        }
    };
}

}  // namespace nn::rpc
