/// \file seed.hpp
/// Random inputs for the hidden tests, drawn from a seed that `./course grade` picks at grading time (the
/// environment variable COURSE_SEED; 1 when it is unset) and records with the grades: a submission cannot
/// store answers for inputs it has never seen, and `./course grade --seed N` draws the same inputs again.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "base/tensor.hpp"

namespace nn::testing {

/// COURSE_SEED, a whole number; 1 when unset or empty.
inline std::uint64_t course_seed()
{
    const char* text = std::getenv("COURSE_SEED");
    if (text == nullptr || *text == '\0') {
        return 1;
    }
    char* end = nullptr;
    const unsigned long long seed = std::strtoull(text, &end, 10);
    if (*end != '\0' || *text == '-') {
        throw std::invalid_argument("COURSE_SEED: expected a whole number, got \"" + std::string(text) +
                                    "\"");
    }
    return seed;
}

/// The random inputs of one test case: a generator seeded with COURSE_SEED and the case's name (each case
/// draws inputs of its own), and a digest of every number drawn. At the end of the case it logs
/// `inputs of "suite/case" (COURSE_SEED=N): <digest>`, which the grader keeps: two gradings with different
/// seeds show different digests.
class RandomInputs {
public:
    RandomInputs() : seed_(course_seed()), name_(case_name())
    {
        std::seed_seq seq{std::uint32_t(seed_), std::uint32_t(seed_ >> 32), std::uint32_t(fnv(name_))};
        rng_.seed(seq);
    }
    RandomInputs(const RandomInputs&) = delete;
    RandomInputs& operator=(const RandomInputs&) = delete;

    ~RandomInputs()
    {
        std::ostringstream hex;
        hex << std::hex << std::setw(16) << std::setfill('0') << digest_;
        BOOST_TEST_MESSAGE("inputs of \"" << name_ << "\" (COURSE_SEED=" << seed_ << "): " << hex.str());
    }

    /// A number in [low, high).
    double uniform(double low, double high)
    {
        return note(std::uniform_real_distribution<double>(low, high)(rng_));
    }

    /// A number of N(0, 1).
    double normal() { return note(std::normal_distribution<double>(0.0, 1.0)(rng_)); }

    /// A whole number in [low, high].
    std::size_t integer(std::size_t low, std::size_t high)
    {
        return std::size_t(note(double(std::uniform_int_distribution<std::size_t>(low, high)(rng_))));
    }

    /// rows × cols numbers in [low, high).
    Matrix matrix(std::size_t rows, std::size_t cols, double low, double high)
    {
        Matrix m = Matrix::from_shape({rows, cols});
        for (double& v : m) {
            v = uniform(low, high);
        }
        return m;
    }

    /// n numbers in [low, high).
    Vector vector(std::size_t n, double low, double high)
    {
        Vector v = Vector::from_shape({n});
        for (double& x : v) {
            x = uniform(low, high);
        }
        return v;
    }

    /// n numbers of N(0, 1).
    Vector normal_vector(std::size_t n)
    {
        Vector v = Vector::from_shape({n});
        for (double& x : v) {
            x = normal();
        }
        return v;
    }

    /// n labels in 0 … classes − 1.
    Labels labels(std::size_t n, std::size_t classes)
    {
        Labels y = Labels::from_shape({n});
        for (int& v : y) {
            v = int(integer(0, classes - 1));
        }
        return y;
    }

    std::uint64_t seed() const { return seed_; }

private:
    static std::uint64_t fnv(const std::string& text, std::uint64_t hash = 1469598103934665603ull)
    {
        for (const char c : text) {
            hash = (hash ^ std::uint8_t(c)) * 1099511628211ull;
        }
        return hash;
    }

    static std::string case_name()
    {
        const auto& unit = boost::unit_test::framework::current_test_case();
        const auto& suite = boost::unit_test::framework::get<boost::unit_test::test_suite>(unit.p_parent_id);
        return suite.p_name.get() + "/" + unit.p_name.get();
    }

    double note(double v)
    {
        char bytes[sizeof v];
        std::memcpy(bytes, &v, sizeof v);
        digest_ = fnv(std::string(bytes, sizeof v), digest_);
        return v;
    }

    std::uint64_t seed_;
    std::string name_;
    std::mt19937_64 rng_;
    std::uint64_t digest_ = 1469598103934665603ull;
};

}  // namespace nn::testing
