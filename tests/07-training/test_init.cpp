// Chapter 7: the starting θ — seeded, scaled to the layer widths, biases at zero.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>
#include <sstream>

#include "base/widths.hpp"
#include "expect.hpp"
#include "student/theta.hpp"
#include "student/training.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::has_shape;

BOOST_AUTO_TEST_SUITE(init_theta)

BOOST_AUTO_TEST_CASE(init_theta_has_the_length_of_theta)
{
    // ‖θ‖ = 18 + 28 + 15 = 61 for the lecture's network; 3·5 + 6·1 = 21 for 2 → 5 → 1
    BOOST_TEST(has_shape(nn::init_theta({2, 6, 4, 3}, 0), {61}));
    BOOST_TEST(has_shape(nn::init_theta({2, 5, 1}, 3), {21}));
}

BOOST_AUTO_TEST_CASE(init_theta_sets_every_bias_to_zero_and_no_weight)
{
    Vector theta = nn::init_theta({2, 6, 4, 3}, 7);
    const std::vector<MatrixView> layers = unpack_theta(theta, {2, 6, 4, 3});
    std::string problem;
    for (std::size_t l = 0; l < layers.size() && problem.empty(); ++l) {
        for (std::size_t r = 0; r < layers[l].shape(0) && problem.empty(); ++r) {
            for (std::size_t k = 0; k < layers[l].shape(1) && problem.empty(); ++k) {
                const double v = layers[l](r, k);
                std::ostringstream out;
                if (r == 0 && v != 0.0) {
                    out << "θ(" << l + 1 << ") bias row 0, column " << k << " is " << v << ", expected 0";
                } else if (r > 0 && v == 0.0) {
                    out << "θ(" << l + 1 << ") weight (" << r << ", " << k
                        << ") is 0, expected a random number";
                }
                problem = out.str();
            }
        }
    }
    BOOST_TEST(problem.empty(), problem);
}

BOOST_AUTO_TEST_CASE(init_theta_same_seed_same_theta_other_seed_other_theta)
{
    const Vector a = nn::init_theta({2, 6, 4, 3}, 42);
    BOOST_TEST(all_close(nn::init_theta({2, 6, 4, 3}, 42), a, 0.0, 0.0));
    const Vector b = nn::init_theta({2, 6, 4, 3}, 43);
    BOOST_TEST(!all_close(b, a, 1e-3, 0.0), "seeds 42 and 43 gave the same θ");
}

BOOST_AUTO_TEST_CASE(init_theta_spread_is_one_over_root_of_the_width_before)
{
    // Wide layers, so the sample standard deviation of each layer's weights is close to 1/√c(l−1):
    // 1/√400 = 0.05 for θ(1) (120 000 weights), 1/√300 ≈ 0.0577 for θ(2) (15 000 weights).
    const Widths c = {400, 300, 50};
    Vector theta = nn::init_theta(c, 5);
    const std::vector<MatrixView> layers = unpack_theta(theta, c);
    for (std::size_t l = 0; l < 2; ++l) {
        double sum = 0, sum2 = 0;
        std::size_t n = 0;
        for (std::size_t r = 1; r < layers[l].shape(0); ++r) {
            for (std::size_t k = 0; k < layers[l].shape(1); ++k, ++n) {
                sum += layers[l](r, k);
                sum2 += layers[l](r, k) * layers[l](r, k);
            }
        }
        const double mean = sum / double(n), spread = std::sqrt(sum2 / double(n) - mean * mean);
        const double expected = 1.0 / std::sqrt(double(c[l]));
        BOOST_TEST(std::abs(mean) < 4 * expected / std::sqrt(double(n)),
                   "layer " << l + 1 << ": mean " << mean);
        BOOST_TEST(std::abs(spread / expected - 1.0) < 0.03,
                   "layer " << l + 1 << ": standard deviation " << spread << ", expected about " << expected);
    }
}

BOOST_AUTO_TEST_CASE(init_theta_draws_the_weights_in_layout_order)
{
    // The exact recipe, so that chapters 7 and 8 start from the same bits: mt19937_64(seed), one
    // normal(0, 1) per weight in θ's order, skipping the bias rows, times 1/√c(l−1).
    const Widths c = {2, 3, 2};
    const Vector theta = nn::init_theta(c, 11);
    std::mt19937_64 rng(11);
    std::normal_distribution<double> normal(0.0, 1.0);
    Vector expected = xt::zeros<double>({17});
    // θ(1): 3 × 3, flat 0…8, biases 0, 1, 2;  θ(2): 4 × 2, flat 9…16, biases 9, 10
    for (std::size_t i = 3; i < 9; ++i) {
        expected(i) = normal(rng) / std::sqrt(2.0);
    }
    for (std::size_t i = 11; i < 17; ++i) {
        expected(i) = normal(rng) / std::sqrt(3.0);
    }
    BOOST_TEST(all_close(theta, expected, 0.0, 1e-15));
}

BOOST_AUTO_TEST_CASE(init_theta_needs_two_widths, *nn::testing::provided())
{
    BOOST_TEST(nn::testing::throws_with<std::invalid_argument>([] { nn::init_theta({2}, 0); }, {"widths"}));
}

BOOST_AUTO_TEST_SUITE_END()
