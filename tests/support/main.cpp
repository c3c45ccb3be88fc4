// Boost.Test's main(), compiled once and linked into every chapter's test executable.
#define BOOST_TEST_MODULE course
#include <boost/test/unit_test.hpp>
