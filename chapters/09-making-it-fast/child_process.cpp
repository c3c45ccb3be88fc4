#include "child_process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <xtensor/xadapt.hpp>

namespace bench {

Child::Child(const std::vector<std::string>& argv, const std::vector<std::string>& env) : env_(env)
{
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        dup2(from_child[1], 2);
        close(to_child[1]);
        close(from_child[0]);
        for (const char* v : {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MALLOC_TRIM_THRESHOLD_",
                              "MALLOC_MMAP_THRESHOLD_", "NN_MALLOC_AS_IT_COMES"}) {
            unsetenv(v);
        }
        for (std::string& kv : env_) putenv(kv.data());
        execv(args[0], args.data());
        std::fprintf(stderr, "cannot run %s\n", args[0]);
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    to_ = fdopen(to_child[1], "w");
    from_ = fdopen(from_child[0], "r");
    for (const std::string& a : argv) what_ += (what_.empty() ? "" : " ") + a;
}

Child::~Child()
{
    std::fputs("quit\n", to_);
    std::fclose(to_);
    std::fclose(from_);
    int status;
    waitpid(pid_, &status, 0);
}

std::array<std::string, 3> Child::line()
{
    std::string text;
    char buf[8192];
    while (std::fgets(buf, sizeof buf, from_)) {
        text += buf;
        if (!text.empty() && text.back() == '\n') break;
    }
    transcript_ += text;
    if (text.empty()) throw std::runtime_error(what_ + " stopped:\n" + transcript_);
    std::istringstream in(text);
    std::array<std::string, 3> out;
    in >> out[0] >> out[1];
    std::getline(in, out[2]);
    return out;
}

std::array<std::string, 3> Child::expect(const std::string& kind)
{
    auto l = line();
    if (l[0] != kind) throw std::runtime_error(what_ + ": expected '" + kind + "', got:\n" + transcript_);
    return l;
}

double Child::ask(const std::string& command, const std::string& answer)
{
    std::fputs((command + "\n").c_str(), to_);
    std::fflush(to_);
    return std::stod(expect(answer)[2]);
}

void write_doubles(const std::string& path, const double* data, std::size_t n)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(n * sizeof(double)));
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string write_problem(const Problem& p)
{
    char dir_template[] = "/tmp/nn-bench-XXXXXX";
    if (!mkdtemp(dir_template)) throw std::runtime_error("cannot make a temporary folder in /tmp");
    const std::string dir = dir_template;
    write_doubles(dir + "/X.f64", p.X.data(), p.X.size());
    write_doubles(dir + "/Y.f64", p.Y.data(), p.Y.size());
    write_doubles(dir + "/theta.f64", p.theta0.data(), p.theta0.size());
    std::ofstream meta(dir + "/meta.txt");
    meta.precision(17);
    meta << p.X.shape(0) << ' ' << p.c[0] << ' ' << p.c[1] << ' ' << p.c[2] << ' ' << p.c[3] << ' '
         << p.lambda << ' ' << p.lr << '\n';
    return dir;
}

void remove_problem(const std::string& dir)
{
    for (const char* f : {"X.f64", "Y.f64", "theta.f64", "meta.txt"}) std::remove((dir + "/" + f).c_str());
    rmdir(dir.c_str());
}

nn::Vector parse_vector(const std::string& text)
{
    std::istringstream in(text);
    std::vector<double> v;
    double x;
    while (in >> x) v.push_back(x);
    return xt::adapt(v, {v.size()});
}

}  // namespace bench
