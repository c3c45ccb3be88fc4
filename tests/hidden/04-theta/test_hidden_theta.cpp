// Chapter 4's hidden tests (never released): ‖θ‖, unpack and pack on random widths and numbers drawn from
// the grader's seed (COURSE_SEED, tests/support/seed.hpp), against the layout written out here.
#include <boost/test/unit_test.hpp>

#include "base/widths.hpp"
#include "expect.hpp"
#include "random_network.hpp"
#include "seed.hpp"
#include "student/theta.hpp"

using nn::Matrix;
using nn::Vector;
using nn::Widths;
using nn::testing::all_close;
using nn::testing::RandomInputs;

namespace {

// L from 1 to 5 layers of 1 to 12 units.
Widths random_widths(RandomInputs& in)
{
    return nn::hidden::random_widths(in, 5, 12);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(theta_size)

BOOST_AUTO_TEST_CASE(hidden_theta_size_of_random_widths)
{
    RandomInputs in;
    for (int trial = 0; trial < 5; ++trial) {
        const Widths c = random_widths(in);
        BOOST_TEST(nn::theta_size(c) == nn::hidden::theta_length(c), nn::widths_str(c));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(unpack_theta)

BOOST_AUTO_TEST_CASE(hidden_unpack_theta_of_random_widths)
{
    // θ(l)(r, k) = θ[offset(l) + r·c(l) + k], and the views write through to θ.
    RandomInputs in;
    const Widths c = random_widths(in);
    Vector theta = in.vector(nn::hidden::theta_length(c), -1.0, 1.0);
    const Vector before = theta;
    auto thetas = nn::unpack_theta(theta, c);
    BOOST_TEST_REQUIRE(thetas.size() == c.size() - 1);
    std::size_t offset = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        auto& view = thetas[l - 1];
        BOOST_TEST_REQUIRE(nn::testing::has_shape(view, {c[l - 1] + 1, c[l]}));
        for (std::size_t r = 0; r <= c[l - 1]; ++r) {
            for (std::size_t k = 0; k < c[l]; ++k) {
                BOOST_TEST(view(r, k) == before(offset + r * c[l] + k));
            }
        }
        const std::size_t r = in.integer(0, c[l - 1]), k = in.integer(0, c[l] - 1);
        view(r, k) = 42.0 + double(l);
        BOOST_TEST(theta(offset + r * c[l] + k) == 42.0 + double(l), "θ(" << l << ") is not a view into θ");
        offset += (c[l - 1] + 1) * c[l];
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pack_theta)

BOOST_AUTO_TEST_CASE(hidden_pack_theta_of_random_matrices)
{
    RandomInputs in;
    const Widths c = random_widths(in);
    std::vector<Matrix> thetas;
    std::vector<double> expected;
    for (std::size_t l = 1; l < c.size(); ++l) {
        thetas.push_back(in.matrix(c[l - 1] + 1, c[l], -5.0, 5.0));
        expected.insert(expected.end(), thetas.back().begin(), thetas.back().end());
    }
    BOOST_TEST(all_close(nn::pack_theta(thetas), Vector(xt::adapt(expected, {expected.size()})), 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()
