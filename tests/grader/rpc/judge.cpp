#include "judge.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <boost/test/unit_test_monitor.hpp>
#include <cfenv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <stdexcept>
#include <vector>

#include "carry.hpp"
#include "channel.hpp"
#include "protocol.hpp"

namespace nn::rpc {

namespace {

double env_seconds(const char* name, double fallback)
{
    const char* text = std::getenv(name);
    return text && std::atof(text) > 0 ? std::atof(text) : fallback;
}

/// "SIGSEGV", or "signal 42".
std::string signal_name(int sig)
{
    const char* abbrev = sigabbrev_np(sig);
    return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

class Worker {
public:
    /// The reply to a call (RETURN or THROW), serving callbacks until it comes.
    Bytes call(const Bytes& frame, const char* name, const std::function<void(Reader&)>& live);
    void stop();
    std::size_t generation = 0;  // how many workers were started: a call in flight ends with its worker
    std::vector<std::function<void(Reader&, Bytes&)>> callbacks;

private:
    void start(const char* name);
    [[noreturn]] void died(const char* name, const std::string& during);
    [[noreturn]] void timed_out(const char* name);
    Channel channel_;
    pid_t pid_ = -1;
    double time_limit_ = env_seconds("COURSE_WORKER_TIME_LIMIT", 60);
    std::set<std::string> looped_;  // functions that hit the time limit: they are not called again
    static constexpr const char* before_main = "(start)";
};

Worker& worker()
{
    static Worker w;
    return w;
}

std::vector<std::string> worker_command()
{
    const char* setting = std::getenv("COURSE_WORKER");
    if (!setting || !*setting) {
        throw std::runtime_error("the judge needs COURSE_WORKER: the worker program, or a file NAME.args");
    }
    const std::string path = setting;
    if (path.size() < 5 || path.substr(path.size() - 5) != ".args") {
        return {path};
    }
    std::ifstream in(path);
    std::vector<std::string> args;
    for (std::string line; std::getline(in, line);) {
        args.push_back(line);
    }
    if (args.empty()) {
        throw std::runtime_error("COURSE_WORKER=" + path + ": no command in it");
    }
    return args;
}

void Worker::start(const char* name)
{
    ::signal(SIGPIPE, SIG_IGN);  // a worker that died: its pipe's write fails, the judge goes on
    const auto args = worker_command();
    int to[2], from[2];
    if (::pipe2(to, O_CLOEXEC) != 0 || ::pipe2(from, O_CLOEXEC) != 0) {
        throw std::runtime_error("the judge cannot make a pipe");
    }
    const char* log = std::getenv("COURSE_WORKER_LOG");
    std::vector<char*> argv;
    for (const auto& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
        // The worker reads calls on fd 3 and answers on fd 4; its own output goes to the log.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a judge that is killed takes its worker with it
        const int in = ::fcntl(to[0], F_DUPFD, 10), out = ::fcntl(from[1], F_DUPFD, 10);
        ::dup2(in, 3);
        ::dup2(out, 4);
        const int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, 0);
        if (log && *log) {
            const int file = ::open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
            ::dup2(file, 1);
            ::dup2(file, 2);
        }
        ::unsetenv("COURSE_WORKER");
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(to[0]);
    ::close(from[1]);
    if (pid_ < 0) {
        ::close(to[1]);
        ::close(from[0]);
        throw std::runtime_error("the judge cannot start the worker");
    }
    ++generation;
    channel_ = Channel(from[0], to[1]);
    Bytes hello;
    const auto status = channel_.receive(hello, time_limit_);
    if (status == Channel::timed_out) {
        looped_.insert(before_main);
        timed_out(name);
    }
    if (status != Channel::ok) {
        died(name, "as it started (before main)");
    }
    Reader in(hello);
    if (read<std::uint8_t>(in) != std::uint8_t(Kind::hello) || read<std::string>(in) != served_signature) {
        stop();
        throw worker_failure{
            "the worker serves other functions than the judge calls (built from another "
            "version of the chapter's header?)"};
    }
}

void Worker::stop()
{
    if (pid_ > 0) {
        ::kill(-pid_, SIGKILL);
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
    channel_.close();
    callbacks.clear();
}

void Worker::died(const char* name, const std::string& during)
{
    int status = 0;
    if (pid_ > 0) {
        // Its pipe closed: give it a moment to end of itself (its own signal, or exit code), then end it.
        bool ended = false;
        for (int wait = 0; wait < 200 && !ended; ++wait) {
            ended = ::waitpid(pid_, &status, WNOHANG) == pid_;
            if (!ended) {
                ::usleep(10000);
            }
        }
        ::kill(-pid_, SIGKILL);  // what it left behind
        if (!ended) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
        }
    }
    pid_ = -1;
    stop();
    // The sandbox's bubblewrap exits with 128 + the signal that ended the program inside it.
    std::string how;
    if (WIFSIGNALED(status)) {
        how = signal_name(WTERMSIG(status));
    } else if (WEXITSTATUS(status) > 128 && WEXITSTATUS(status) < 128 + 65) {
        how = signal_name(WEXITSTATUS(status) - 128);
    } else {
        how = "exit code " + std::to_string(WEXITSTATUS(status));
    }
    throw worker_failure{"crash (" + how + "): the process running the student's code ended " + during +
                         " while running " + name};
}

void Worker::timed_out(const char* name)
{
    stop();
    looped_.insert(name);
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", time_limit_);
    throw worker_failure{std::string("time limit: ") + name + " did not finish within " + limit +
                         " s (an endless loop?)"};
}

Bytes Worker::call(const Bytes& frame, const char* name, const std::function<void(Reader&)>& live)
{
    if (looped_.count(before_main)) {
        throw worker_failure{
            std::string("time limit: not run, the student's code did not start within the "
                        "time limit (a static object that loops?)")};
    }
    if (looped_.count(name)) {
        throw worker_failure{std::string("time limit: not run, an earlier call of ") + name +
                             " hit the time limit"};
    }
    if (pid_ <= 0) {
        start(name);
    }
    const std::size_t mine = generation;
    if (!channel_.send(frame)) {
        died(name, "before the call");
    }
    for (;;) {
        Bytes reply;
        const auto status = channel_.receive(reply, time_limit_);
        if (status == Channel::timed_out) {
            timed_out(name);
        }
        if (status != Channel::ok || reply.empty()) {
            died(name, "");
        }
        const auto kind = static_cast<Kind>(reply[0]);
        if (kind == Kind::ret || kind == Kind::thrown) {
            return reply;
        }
        if (kind != Kind::callback) {
            stop();
            throw worker_failure{std::string("protocol error: the worker sent a message of kind ") +
                                 std::to_string(int(kind)) + " during " + name};
        }
        // The student's code calls back a function of the judge's (the test's loss, after_epoch).
        Reader in(reply);
        in.take(1);
        const auto id = read<std::uint32_t>(in);
        Bytes answer(1, char(Kind::ret));
        put(answer, 0);  // a callback's floating-point flags are the judge's own
        try {
            if (id >= callbacks.size()) {
                throw protocol_error("a callback the judge did not register");
            }
            if (live) {
                live(in);  // the caller's θ is the θ being trained
            }
            auto invoke = callbacks[id];
            invoke(in, answer);
        } catch (const worker_failure&) {
            throw;  // a call the callback made ended its worker, and with it this one
        } catch (...) {
            answer.assign(1, char(Kind::thrown));
            put(answer, 0);
            put_current_exception(answer);
        }
        if (generation != mine) {
            died(name, "during a callback");
        }
        if (!channel_.send(answer)) {
            died(name, "");
        }
    }
}

/// Boost.Test reports a worker that crashed or ran out of time like an exception of the test, with the
/// words the grader reads ("crash (SIGSEGV)", "time limit").
struct ReportWorkerFailures {
    ReportWorkerFailures()
    {
        boost::unit_test::unit_test_monitor.register_exception_translator<worker_failure>(
            [](const worker_failure& e) { throw std::runtime_error(e.what); });
    }
};
BOOST_TEST_GLOBAL_FIXTURE(ReportWorkerFailures);

}  // namespace

Call::Call(std::uint32_t function, const char* name)
    : function_(function), name_(name), callbacks_(worker().callbacks.size())
{
    args.push_back(char(Kind::call));
    put(args, function);
}

Call::~Call()
{
    auto& callbacks = worker().callbacks;
    if (callbacks.size() > callbacks_) {
        callbacks.resize(callbacks_);
    }
    if (flags_) {
        std::feraiseexcept(flags_);
    }
}

Reader& Call::send()
{
    reply_ = worker().call(args, name_, live);
    reader_ = Reader(reply_);
    reader_.take(1);
    const bool thrown = static_cast<Kind>(reply_[0]) == Kind::thrown;
    flags_ = read<int>(reader_);
    if (thrown) {
        const int flags = flags_;
        flags_ = 0;
        std::feraiseexcept(flags);
        rethrow(reader_);
    }
    return reader_;
}

std::uint32_t register_callback(std::function<void(Reader&, Bytes&)> invoke)
{
    auto& callbacks = worker().callbacks;
    callbacks.push_back(std::move(invoke));
    return std::uint32_t(callbacks.size() - 1);
}

}  // namespace nn::rpc
