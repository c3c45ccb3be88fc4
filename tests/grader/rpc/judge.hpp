/// \file judge.hpp
/// The judge's side: a student's function, called in the test program, runs in the worker.
///
/// The test program (the judge) links a proxy for each of the chapter's student functions (make_proxies.py
/// writes them): the same signature, whose body puts the arguments into a Call and reads the result back.
/// The worker is started on the first call, from the command in the environment:
///   COURSE_WORKER             the worker program, or a file NAME.args with its command line, one argument
///                             a line (the grader's sandbox, then the worker)
///   COURSE_WORKER_TIME_LIMIT  seconds a call may take without a word from the worker (default 60)
///   COURSE_WORKER_LOG         where the worker's own output goes (default: the judge's stderr)
/// A worker that crashes, loops or is killed fails the calls it was making (a worker_failure, which the
/// test reports as "crash (SIGSEGV): …" or "time limit (… s): …"); the next call starts a fresh one.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <tuple>
#include <type_traits>

#include "codec.hpp"

namespace nn::rpc {

/// The chapter and its functions' signatures, which the worker must serve (generated with the proxies).
extern const char* const served_signature;

/// The worker did not answer: it crashed, or it ran out of time. Not a std::exception, so that no test
/// takes it for the student's own error (throws_with catches those); Boost.Test reports it as a
/// std::runtime_error with the message.
struct worker_failure {
    std::string what;
};

/// One call of a student's function: put the arguments into `args`, then send() gives the reply to read
/// the changed arguments and the result from. Its end raises the floating-point exception flags that the
/// call raised in the worker.
class Call {
public:
    Call(std::uint32_t function, const char* name);
    ~Call();
    Call(const Call&) = delete;
    Call& operator=(const Call&) = delete;

    Bytes args;
    /// Reads the changed arguments as they stand in the worker when it calls back (make_proxies.py sets it
    /// for a function with non-const reference parameters).
    std::function<void(Reader&)> live;
    Reader& send();

private:
    std::uint32_t function_;
    const char* name_;
    std::size_t callbacks_;  // the callbacks registered before this call (they stay; this call's go)
    int flags_ = 0;
    Bytes reply_;
    Reader reader_{reply_};
};

/// A std::function the worker calls back (train's loss_and_gradient and after_epoch): registered for the
/// call, with `invoke` reading its arguments and writing its result.
std::uint32_t register_callback(std::function<void(Reader&, Bytes&)> invoke);
constexpr std::uint32_t no_callback = 0xffffffffu;

template <class R, class... A>
void put(Bytes& out, const std::function<R(A...)>& f)
{
    if (!f) {
        put(out, no_callback);
        return;
    }
    put(out, register_callback([&f](Reader& in, Bytes& result) {
            std::tuple<std::decay_t<A>...> args{read<std::decay_t<A>>(in)...};
            if constexpr (std::is_void_v<R>) {
                std::apply(f, args);
            } else {
                put(result, std::apply(f, args));
            }
        }));
}

}  // namespace nn::rpc
