// Chapter 4: ‖θ‖, and the layer matrices θ(1), θ(2), θ(3) as views into the flat vector θ.
#include <boost/test/unit_test.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>

#include "base/widths.hpp"
#include "expect.hpp"
#include "student/theta.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::has_shape;
using nn::testing::throws_with;

namespace {

const Widths lecture = {2, 6, 4, 3};

/// θ = (0, 1, 2, …, n − 1): every number says where it sits.
Vector counting(std::size_t n)
{
    return xt::arange<double>(double(n));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(theta_size)

BOOST_AUTO_TEST_CASE(theta_size_is_61_for_the_lecture_network)
{
    // (2+1)·6 + (6+1)·4 + (4+1)·3 = 18 + 28 + 15
    BOOST_TEST(nn::theta_size(lecture) == 61u);
}

BOOST_AUTO_TEST_CASE(theta_size_works_for_any_widths)
{
    BOOST_TEST(nn::theta_size({1, 1}) == 2u);                 // (1+1)·1
    BOOST_TEST(nn::theta_size({3, 5, 2}) == 32u);             // 4·5 + 6·2
    BOOST_TEST(nn::theta_size({2, 6, 4, 3, 1}) == 65u);       // 61 + 4·1
    BOOST_TEST(nn::theta_size({10, 20, 30, 5, 1}) == 1011u);  // 220 + 630 + 155 + 6
    BOOST_TEST(nn::theta_size({784, 100, 10}) == 79510u);     // 785·100 + 101·10
}

BOOST_AUTO_TEST_CASE(theta_size_rejects_a_zero_width, *nn::testing::provided())
{
    BOOST_TEST(throws_with<std::invalid_argument>([] { nn::theta_size({2, 0, 4, 3}); }, {"c(1)", "0"}));
    BOOST_TEST(throws_with<std::invalid_argument>([] { nn::theta_size({2, 6, 4, 0}); }, {"c(3)"}));
    BOOST_TEST(throws_with<std::invalid_argument>([] { nn::theta_size({2}); }, {"at least 2"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(unpack_theta)

BOOST_AUTO_TEST_CASE(unpack_theta_gives_3x6_7x4_5x3)
{
    Vector theta = xt::zeros<double>({61});
    const auto thetas = nn::unpack_theta(theta, lecture);
    BOOST_TEST_REQUIRE(thetas.size() == 3u);
    BOOST_TEST(has_shape(thetas[0], {3, 6}));
    BOOST_TEST(has_shape(thetas[1], {7, 4}));
    BOOST_TEST(has_shape(thetas[2], {5, 3}));
}

BOOST_AUTO_TEST_CASE(unpack_theta_lays_out_each_matrix_row_major_bias_row_first)
{
    // θ = (0, 1, …, 60). θ(1) holds 0 … 17 row by row: row 0 (the bias row θ0(1)) is 0 … 5, row 1 is
    // 6 … 11; θ(2) starts at 18 (18 = 3·6), θ(3) at 46 (18 + 28).
    Vector theta = counting(61);
    const auto thetas = nn::unpack_theta(theta, lecture);
    BOOST_TEST_REQUIRE(thetas.size() == 3u);
    BOOST_TEST(all_close(
        thetas[0], Matrix{{0, 1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11}, {12, 13, 14, 15, 16, 17}}, 0.0, 0.0));
    BOOST_TEST(all_close(thetas[1],
                         Matrix{{18, 19, 20, 21},
                                {22, 23, 24, 25},
                                {26, 27, 28, 29},
                                {30, 31, 32, 33},
                                {34, 35, 36, 37},
                                {38, 39, 40, 41},
                                {42, 43, 44, 45}},
                         0.0, 0.0));
    BOOST_TEST(all_close(
        thetas[2], Matrix{{46, 47, 48}, {49, 50, 51}, {52, 53, 54}, {55, 56, 57}, {58, 59, 60}}, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(unpack_theta_returns_views_not_copies)
{
    // Writing through a view changes θ, and writing θ changes what the view shows.
    Vector theta = counting(61);
    auto thetas = nn::unpack_theta(theta, lecture);
    BOOST_TEST_REQUIRE(thetas.size() == 3u);
    thetas[0](0, 0) = -1.0;  // θ(1)'s first bias weight: θ[0]
    thetas[1](1, 2) = -2.0;  // θ(2) row 1, column 2: θ[18 + 1·4 + 2] = θ[24]
    thetas[2](4, 2) = -3.0;  // θ(3)'s last number: θ[60]
    BOOST_TEST(theta(0) == -1.0);
    BOOST_TEST(theta(24) == -2.0);
    BOOST_TEST(theta(60) == -3.0);
    theta(47) = 100.0;  // θ(3) row 0, column 1
    BOOST_TEST(thetas[2](0, 1) == 100.0);
    BOOST_TEST((thetas[1].data() == theta.data() + 18),
               "θ(2) does not start at θ's element 18: is it a copy?");
}

BOOST_AUTO_TEST_CASE(unpack_theta_works_for_other_widths)
{
    // {3, 5, 2}: θ(1) is 4 × 5 (θ[0 … 19]), θ(2) is 6 × 2 (θ[20 … 31])
    Vector theta = counting(32);
    const auto thetas = nn::unpack_theta(theta, {3, 5, 2});
    BOOST_TEST_REQUIRE(thetas.size() == 2u);
    BOOST_TEST_REQUIRE(has_shape(thetas[0], {4, 5}));
    BOOST_TEST_REQUIRE(has_shape(thetas[1], {6, 2}));
    BOOST_TEST(thetas[0](3, 4) == 19.0);
    BOOST_TEST(thetas[1](0, 0) == 20.0);
    BOOST_TEST(thetas[1](5, 1) == 31.0);
}

BOOST_AUTO_TEST_CASE(unpack_theta_names_both_lengths_when_theta_is_too_short_or_long)
{
    // The check before the gap uses your theta_size: "expected length 61, got 60".
    Vector short_theta = xt::zeros<double>({60});
    Vector long_theta = xt::zeros<double>({62});
    BOOST_TEST(throws_with<shape_error>([&] { nn::unpack_theta(short_theta, lecture); }, {"61", "60"}));
    BOOST_TEST(throws_with<shape_error>([&] { nn::unpack_theta(long_theta, lecture); }, {"61", "62"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pack_theta)

BOOST_AUTO_TEST_CASE(pack_theta_puts_the_matrices_one_after_another_row_by_row)
{
    const Matrix theta1 = {{1, 2}, {3, 4}};  // 2 × 2: widths {1, 2, …}
    const Matrix theta2 = {{5}, {6}, {7}};   // 3 × 1
    BOOST_TEST(all_close(nn::pack_theta({theta1, theta2}), Vector{1, 2, 3, 4, 5, 6, 7}, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(pack_theta_undoes_unpack_theta)
{
    xt::random::seed(21);
    const Vector theta = xt::random::rand<double>({61}, -1.0, 1.0);
    Vector copy = theta;
    const auto views = nn::unpack_theta(copy, lecture);
    const std::vector<Matrix> thetas(views.begin(), views.end());
    const Vector packed = nn::pack_theta(thetas);
    BOOST_TEST(all_close(packed, theta, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(pack_theta_then_unpack_gives_the_matrices_back)
{
    xt::random::seed(22);
    const std::vector<Matrix> thetas = {xt::random::rand<double>({3, 6}), xt::random::rand<double>({7, 4}),
                                        xt::random::rand<double>({5, 3})};
    Vector theta = nn::pack_theta(thetas);
    BOOST_TEST_REQUIRE(has_shape(theta, {61}));
    const auto views = nn::unpack_theta(theta, lecture);
    for (std::size_t l = 0; l < 3; ++l) {
        BOOST_TEST(all_close(views[l], thetas[l], 0.0, 0.0), "θ(" << l + 1 << ")");
    }
}

BOOST_AUTO_TEST_CASE(pack_theta_rejects_matrices_that_do_not_chain, *nn::testing::provided())
{
    // θ(2) must have 6 + 1 = 7 rows when θ(1) has 6 columns.
    const std::vector<Matrix> bad = {xt::zeros<double>({3, 6}), xt::zeros<double>({6, 4})};
    BOOST_TEST(
        throws_with<shape_error>([&] { nn::pack_theta(bad); }, {"theta2", "expected 7 rows", "(6, 4)"}));
    BOOST_TEST(throws_with<shape_error>([] { nn::pack_theta({}); }, {"at least one"}));
}

BOOST_AUTO_TEST_SUITE_END()
