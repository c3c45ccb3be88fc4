/// \file expect.hpp
/// Test helpers whose failures read "expected … got …" with shapes, so a student sees what is wrong.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>
#include <xtensor/xarray.hpp>
#include <xtensor/xio.hpp>

#include "base/checks.hpp"
#include "base/tensor.hpp"

namespace nn::testing {

namespace utf = boost::unit_test;

/// Cases that test course-provided code (under src/) carry this label: they may pass against a stub.
inline auto provided()
{
    return utf::label("provided");
}

/// Up to a few values of an expression, for a message: "[0.5, 0.73, …]".
template <class E>
std::string preview(const E& e, std::size_t most = 6)
{
    std::ostringstream out;
    out.precision(10);
    out << '[';
    std::size_t i = 0;
    for (auto it = e.begin(); it != e.end() && i < most; ++it, ++i) {
        out << (i ? ", " : "") << *it;
    }
    if (e.size() > most) {
        out << ", … (" << e.size() << " values)";
    }
    out << ']';
    return out.str();
}

/// |got − expected| ≤ abs_tol + rel_tol·|expected| everywhere, and the same shape.
/// On failure the message names the shapes, or the first element that differs with both values.
template <class E1, class E2>
boost::test_tools::predicate_result all_close(const E1& got, const E2& expected, double abs_tol = 1e-12,
                                              double rel_tol = 1e-12)
{
    boost::test_tools::predicate_result result(true);
    if (got.shape().size() != expected.shape().size() ||
        !std::equal(got.shape().begin(), got.shape().end(), expected.shape().begin())) {
        result = false;
        result.message() << "expected shape " << shape_str(expected) << ", got shape " << shape_str(got);
        return result;
    }
    auto g = got.begin();
    auto e = expected.begin();
    for (std::size_t i = 0; e != expected.end(); ++g, ++e, ++i) {
        const double diff = std::abs(double(*g) - double(*e));
        const bool both_nan = std::isnan(double(*g)) && std::isnan(double(*e));
        if (!(diff <= abs_tol + rel_tol * std::abs(double(*e))) && !both_nan && !(*g == *e)) {
            result = false;
            std::ostringstream where;
            auto index = xt::unravel_index(i, expected.shape());
            where << '(';
            for (std::size_t k = 0; k < index.size(); ++k) {
                where << (k ? ", " : "") << index[k];
            }
            where << ')';
            result.message().stream().precision(12);
            result.message() << "at index " << where.str() << " of shape " << shape_str(expected)
                             << ": expected " << double(*e) << ", got " << double(*g) << " (tolerance "
                             << abs_tol << " + " << rel_tol << "·|expected|)\n    expected "
                             << preview(expected) << "\n    got      " << preview(got);
            return result;
        }
    }
    return result;
}

/// got has exactly the given shape, e.g. has_shape(a, {3000, 6}).
template <class E>
boost::test_tools::predicate_result has_shape(const E& got, std::initializer_list<std::size_t> shape)
{
    boost::test_tools::predicate_result result(true);
    const std::vector<std::size_t> want(shape);
    if (got.shape().size() != want.size() || !std::equal(want.begin(), want.end(), got.shape().begin())) {
        result = false;
        std::ostringstream expected;
        expected << '(';
        for (std::size_t i = 0; i < want.size(); ++i) {
            expected << (i ? ", " : "") << want[i];
        }
        expected << (want.size() == 1 ? ",)" : ")");
        result.message() << "expected shape " << expected.str() << ", got shape " << shape_str(got);
    }
    return result;
}

/// Every element finite: no NaN and no infinity.
template <class E>
boost::test_tools::predicate_result all_finite(const E& got)
{
    boost::test_tools::predicate_result result(true);
    std::size_t i = 0;
    for (auto it = got.begin(); it != got.end(); ++it, ++i) {
        if (!std::isfinite(double(*it))) {
            result = false;
            result.message() << "expected finite values, got " << double(*it) << " at flat index " << i
                             << " of shape " << shape_str(got) << ": " << preview(got);
            return result;
        }
    }
    return result;
}

/// f throws an exception of type Error whose message contains every one of the given words.
template <class Error>
boost::test_tools::predicate_result throws_with(const std::function<void()>& f,
                                                std::initializer_list<std::string> words)
{
    boost::test_tools::predicate_result result(true);
    try {
        f();
    } catch (const Error& e) {
        const std::string what = e.what();
        for (const auto& w : words) {
            if (what.find(w) == std::string::npos) {
                result = false;
                result.message() << "the error message \"" << what << "\" should mention \"" << w << "\"";
                return result;
            }
        }
        return result;
    } catch (const std::exception& e) {
        result = false;
        result.message() << "expected a " << typeid(Error).name()
                         << " error, got a different one: " << e.what();
        return result;
    }
    result = false;
    result.message() << "expected an error, but no error was thrown";
    return result;
}

}  // namespace nn::testing
