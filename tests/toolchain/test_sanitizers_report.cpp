// The sanitizer build's own proof (build-sanitize/ only, never the normal build): a memory error or
// undefined behaviour ends the test program at once with the sanitizer's report and a failing exit status,
// rather than passing unnoticed or hanging. Each case runs alone (see CMakeLists.txt) and must fail so.
#include <boost/test/unit_test.hpp>
#include <limits>

#include "base/tensor.hpp"

BOOST_AUTO_TEST_SUITE(sanitizers_report)

// AddressSanitizer: one element read past the end of an array's memory.
BOOST_AUTO_TEST_CASE(a_read_past_the_end)
{
    const nn::Array z = {1.0, 2.0, 3.0};
    const volatile double past_the_end = z.data()[z.size()];
    const double read = past_the_end;
    BOOST_TEST(read == read);
}

// UndefinedBehaviorSanitizer: a signed integer overflow.
BOOST_AUTO_TEST_CASE(a_signed_overflow)
{
    volatile int largest = std::numeric_limits<int>::max();
    const int overflowed = largest + 1;
    BOOST_TEST(overflowed != 0);
}

// AddressSanitizer: a read through a null pointer (UndefinedBehaviorSanitizer's null check is off: see
// CMakeLists.txt).
BOOST_AUTO_TEST_CASE(a_null_dereference)
{
    const double* volatile nowhere = nullptr;
    const double read = *nowhere;
    BOOST_TEST(read == read);
}

BOOST_AUTO_TEST_SUITE_END()
