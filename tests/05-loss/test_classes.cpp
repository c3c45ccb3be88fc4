// Chapter 5: one-hot labels, the predicted class (arg max) and the accuracy.
#include <boost/test/unit_test.hpp>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>
#include <xtensor/xview.hpp>

#include "expect.hpp"
#include "student/loss.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::has_shape;
using nn::testing::provided;
using nn::testing::throws_with;

BOOST_AUTO_TEST_SUITE(one_hot)

BOOST_AUTO_TEST_CASE(one_hot_of_four_labels_and_three_classes)
{
    const Labels y = {2, 0, 1, 1};
    const Matrix expected = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 1, 0}};
    BOOST_TEST(all_close(nn::one_hot(y, 3), expected, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(one_hot_has_one_column_per_class_even_when_a_class_is_absent)
{
    // Five classes, but only labels 0 and 1 occur: still N × 5.
    const Labels y = {1, 0, 1};
    const Matrix Y = nn::one_hot(y, 5);
    BOOST_TEST_REQUIRE(has_shape(Y, {3, 5}));
    const Matrix expected = {{0, 1, 0, 0, 0}, {1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}};
    BOOST_TEST(all_close(Y, expected, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(one_hot_puts_a_single_one_in_the_column_of_the_label)
{
    xt::random::seed(21);
    const Labels y = xt::random::randint<int>({300}, 0, 4);
    const Matrix Y = nn::one_hot(y, 4);
    BOOST_TEST_REQUIRE(has_shape(Y, {300, 4}));
    // The first row that is not "1 at y_i, 0 elsewhere".
    std::size_t bad = y.size();
    for (std::size_t i = 0; i < y.size() && bad == y.size(); ++i) {
        for (std::size_t k = 0; k < 4; ++k) {
            if (Y(i, k) != (static_cast<int>(k) == y(i) ? 1.0 : 0.0)) {
                bad = i;
            }
        }
    }
    if (bad < y.size()) {
        BOOST_TEST(false, "row " << bad << " of Y, " << nn::testing::preview(xt::row(Y, bad))
                                 << ", is not the one-hot row of label " << y(bad));
    }
}

BOOST_AUTO_TEST_CASE(one_hot_rejects_a_label_outside_zero_to_classes_minus_one, *provided())
{
    const Labels y = {0, 1, 3, 2};
    BOOST_TEST(throws_with<value_error>([&] { nn::one_hot(y, 3); }, {"label 3", "index 2", "0 … 2"}));
    const Labels negative = {0, -1};
    BOOST_TEST(throws_with<value_error>([&] { nn::one_hot(negative, 3); }, {"label -1", "index 1"}));
    BOOST_TEST(throws_with<std::invalid_argument>([&] { nn::one_hot(y, 0); }, {"classes"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(predict_class)

BOOST_AUTO_TEST_CASE(predict_class_picks_the_column_of_the_largest_output)
{
    const Matrix y_hat = {{0.1, 0.7, 0.2}, {0.9, 0.3, 0.8}, {0.2, 0.25, 0.3}, {0.6, 0.1, 0.65}};
    const Labels expected = {1, 0, 2, 2};
    BOOST_TEST(all_close(nn::predict_class(y_hat), expected, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(predict_class_takes_the_first_column_on_a_tie)
{
    const Matrix y_hat = {{0.5, 0.5, 0.1}, {0.2, 0.7, 0.7}};
    const Labels expected = {0, 1};
    BOOST_TEST(all_close(nn::predict_class(y_hat), expected, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(predict_class_matches_a_loop_on_random_outputs)
{
    xt::random::seed(22);
    const Matrix y_hat = xt::random::rand<double>({200, 4});
    Labels expected = xt::zeros<int>({200});
    for (std::size_t i = 0; i < 200; ++i) {
        for (std::size_t k = 1; k < 4; ++k) {
            if (y_hat(i, k) > y_hat(i, static_cast<std::size_t>(expected(i)))) {
                expected(i) = static_cast<int>(k);
            }
        }
    }
    BOOST_TEST(all_close(nn::predict_class(y_hat), expected, 0.0, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(accuracy)

BOOST_AUTO_TEST_CASE(accuracy_of_three_right_out_of_four_is_three_quarters)
{
    BOOST_TEST(nn::accuracy(Labels{0, 1, 2, 2}, Labels{0, 1, 1, 2}) == 0.75);
}

BOOST_AUTO_TEST_CASE(accuracy_is_one_when_all_are_right_and_zero_when_none_is)
{
    const Labels y = {2, 0, 1, 1, 0};
    BOOST_TEST(nn::accuracy(y, y) == 1.0);
    BOOST_TEST(nn::accuracy(Labels{0, 1, 2, 0, 1}, y) == 0.0);
}

BOOST_AUTO_TEST_CASE(accuracy_counts_the_matches_on_random_labels)
{
    xt::random::seed(23);
    const Labels y = xt::random::randint<int>({1000}, 0, 3);
    Labels predicted = y;
    // Change exactly 137 labels (every 7th, 137 times): accuracy 863 / 1000.
    for (std::size_t i = 0; i < 137 * 7; i += 7) {
        predicted(i) = (y(i) + 1) % 3;
    }
    BOOST_TEST(nn::accuracy(predicted, y) == 0.863, boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(accuracy_rejects_label_lists_of_different_lengths, *provided())
{
    BOOST_TEST(throws_with<shape_error>([&] { nn::accuracy(Labels{0, 1, 2}, Labels{0, 1}); }, {"2", "3"}));
    BOOST_TEST(throws_with<value_error>([&] { nn::accuracy(Labels{}, Labels{}); }, {"no labels"}));
}

BOOST_AUTO_TEST_SUITE_END()
