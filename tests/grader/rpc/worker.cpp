// The worker's main: it says which functions it serves, then answers the judge's calls until the judge
// closes the pipe.
#include "worker.hpp"

#include <cfenv>
#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

#include "carry.hpp"
#include "channel.hpp"
#include "protocol.hpp"

namespace nn::rpc {

namespace {

Channel& channel()
{
    static Channel c(3, 4);
    return c;
}

// The floating-point exception flags, read and cleared by the processor's own instructions rather than the
// C library's fetestexcept, which the student's code could define again (so that an overflow goes unseen).
int raised_flags()
{
#if defined(__x86_64__)
    unsigned short x87 = 0;
    __asm__ volatile("fnstsw %0" : "=am"(x87));
    return (x87 | _mm_getcsr()) & FE_ALL_EXCEPT;
#else
    return std::fetestexcept(FE_ALL_EXCEPT);
#endif
}

void set_flags(int flags)
{
#if defined(__x86_64__)
    __asm__ volatile("fnclex");
    _mm_setcsr((_mm_getcsr() & ~unsigned(FE_ALL_EXCEPT)) | unsigned(flags & FE_ALL_EXCEPT));
#else
    std::feclearexcept(FE_ALL_EXCEPT);
    std::feraiseexcept(flags);
#endif
}

[[noreturn]] void judge_gone()
{
    std::_Exit(0);
}

/// The answer to one CALL: RETURN with the flags, the changed arguments and the result; or THROW.
Bytes answer(const Bytes& frame)
{
    const int outer = raised_flags();  // a call the judge makes from a callback: the outer call's flags stay
    Bytes reply(1, char(Kind::ret));
    try {
        Reader in(frame);
        in.take(1);
        const auto function = read<std::uint32_t>(in);
        Bytes out;
        set_flags(0);
        serve(function, in, out);
        put(reply, raised_flags());
        reply += out;
    } catch (...) {
        const int flags = raised_flags();
        reply.assign(1, char(Kind::thrown));
        put(reply, flags);
        put_current_exception(reply);
    }
    set_flags(outer);
    return reply;
}

}  // namespace

Bytes call_back(std::uint32_t id, const Bytes& args)
{
    Bytes frame(1, char(Kind::callback));
    put(frame, id);
    Live::put_innermost(frame);
    frame += args;
    if (!channel().send(frame)) {
        judge_gone();
    }
    for (;;) {
        Bytes reply;
        if (channel().receive(reply) != Channel::ok || reply.empty()) {
            judge_gone();
        }
        const auto kind = static_cast<Kind>(reply[0]);
        if (kind == Kind::call) {
            if (!channel().send(answer(reply))) {
                judge_gone();
            }
            continue;
        }
        Reader in(reply);
        in.take(1);
        read<int>(in);  // the judge's own flags are not the student's
        if (kind == Kind::thrown) {
            rethrow(in);
        }
        if (kind != Kind::ret) {
            throw protocol_error("the judge answered a callback with a message of kind " +
                                 std::to_string(int(kind)));
        }
        return reply.substr(1 + sizeof(int));
    }
}

}  // namespace nn::rpc

int main()
{
    using namespace nn::rpc;
    Bytes hello(1, char(Kind::hello));
    put(hello, std::string(served_signature));
    if (!channel().send(hello)) {
        return 0;
    }
    for (;;) {
        Bytes frame;
        if (channel().receive(frame) != Channel::ok) {
            return 0;  // the judge is done
        }
        if (frame.empty() || static_cast<Kind>(frame[0]) != Kind::call) {
            return 2;
        }
        if (!channel().send(answer(frame))) {
            return 0;
        }
    }
}
