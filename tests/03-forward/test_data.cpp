// Chapter 3: the data set (course-provided): the spiral, generated from a seed, and the CSV loader.
#include <unistd.h>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "base/data.hpp"
#include "expect.hpp"
#include "temp_file.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::has_shape;
using nn::testing::TempFile;
using nn::testing::throws_with;

BOOST_AUTO_TEST_SUITE(make_spiral)

BOOST_AUTO_TEST_CASE(the_spiral_has_3000_points_1000_per_class, *nn::testing::provided())
{
    const Dataset data = nn::make_spiral();
    BOOST_TEST(has_shape(data.X, {3000, 2}));
    BOOST_TEST(has_shape(data.y, {3000}));
    BOOST_TEST(data.classes == 3);
    int count[3] = {0, 0, 0};
    for (int label : data.y) {
        BOOST_TEST_REQUIRE((label >= 0 && label < 3));
        ++count[label];
    }
    BOOST_TEST(count[0] == 1000);
    BOOST_TEST(count[1] == 1000);
    BOOST_TEST(count[2] == 1000);
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_bits, *nn::testing::provided())
{
    const Dataset a = nn::make_spiral(1000, 3, 42), b = nn::make_spiral(1000, 3, 42);
    BOOST_TEST(std::memcmp(a.X.data(), b.X.data(), a.X.size() * sizeof(double)) == 0);
    BOOST_TEST(a.y == b.y);
    const Dataset c = nn::make_spiral(1000, 3, 43);
    BOOST_TEST(std::memcmp(a.X.data(), c.X.data(), a.X.size() * sizeof(double)) != 0,
               "seeds 42 and 43 gave the same points");
}

BOOST_AUTO_TEST_CASE(the_spiral_is_the_cs231n_construction, *nn::testing::provided())
{
    // Point i of class k: radius r = i / (n − 1), angle t = 4k + 4i/(n − 1) + noise of sd 0.2,
    // at (r sin t, r cos t). So |x| = r exactly, and the angle minus its noiseless value has sd ≈ 0.2.
    const std::size_t n = 1000;
    const Dataset data = nn::make_spiral(n, 3, 7);
    double worst_radius = 0.0, sum = 0.0, sum2 = 0.0;
    std::size_t count = 0;
    for (std::size_t row = 0; row < 3 * n; ++row) {
        const std::size_t k = row / n, i = row % n;
        const double r = double(i) / double(n - 1);
        BOOST_TEST_REQUIRE(data.y(row) == int(k));
        worst_radius = std::max(worst_radius, std::abs(std::hypot(data.X(row, 0), data.X(row, 1)) - r));
        if (r > 0.05) {
            const double t = std::atan2(data.X(row, 0), data.X(row, 1));
            const double t0 = 4.0 * k + 4.0 * r;
            // the noise, brought back into (−π, π]
            const double noise = std::remainder(t - t0, 2 * std::acos(-1.0));
            sum += noise;
            sum2 += noise * noise;
            ++count;
        }
    }
    BOOST_TEST(worst_radius < 1e-15);
    const double mean = sum / count, sd = std::sqrt(sum2 / count - mean * mean);
    BOOST_TEST(std::abs(mean) < 0.02, "the mean of the angle noise is " << mean << ", expected about 0");
    BOOST_TEST(std::abs(sd - 0.2) < 0.01,
               "the standard deviation of the angle noise is " << sd << ", expected 0.2");
}

BOOST_AUTO_TEST_CASE(the_spiral_with_seed_0_has_these_points, *nn::testing::provided())
{
    // A regression pin of the course's own Box–Muller on std::mt19937_64 (rows 1, 500, 1999 and 2999).
    const Dataset data = nn::make_spiral();
    const Matrix rows = {{data.X(1, 0), data.X(1, 1)},
                         {data.X(500, 0), data.X(500, 1)},
                         {data.X(1999, 0), data.X(1999, 1)},
                         {data.X(2999, 0), data.X(2999, 1)}};
    const Matrix expected = {{-1.8200776041827209e-06, 0.0010009993463147319},
                             {0.49150403693028433, -0.094469744799513644},
                             {0.95799457838943158, -0.28678631030168661},
                             {-0.55891656585226945, 0.82922389763917548}};
    BOOST_TEST(all_close(rows, expected, 0.0, 1e-15));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(load_csv)

BOOST_AUTO_TEST_CASE(load_csv_reads_back_what_save_csv_wrote, *nn::testing::provided())
{
    const Dataset data = nn::make_spiral(50, 3, 5);
    TempFile file("data.csv");
    nn::save_csv(data, file.path);
    const Dataset back = nn::load_csv(file.path, 3);
    BOOST_TEST(all_close(back.X, data.X, 0.0, 0.0));
    BOOST_TEST(back.y == data.y);
    BOOST_TEST(back.classes == 3);
}

BOOST_AUTO_TEST_CASE(load_csv_reads_lines_with_or_without_a_header, *nn::testing::provided())
{
    TempFile with("with-header.csv", "x1,x2,label\n0.5,-1,0\n\n2, 3e-2 ,2\n");
    TempFile without("without-header.csv", "0.5,-1,0\r\n2,0.03,2\r\n");
    for (const TempFile* file : {&with, &without}) {
        const Dataset data = nn::load_csv(file->path, 3);
        BOOST_TEST(all_close(data.X, Matrix{{0.5, -1.0}, {2.0, 0.03}}, 0.0, 0.0));
        BOOST_TEST(data.y == (Labels{0, 2}));
    }
}

BOOST_AUTO_TEST_CASE(load_csv_names_the_line_of_a_bad_value, *nn::testing::provided())
{
    struct Bad {
        const char* content;
        std::initializer_list<std::string> words;
    };
    const Bad cases[] = {
        {"x1,x2,label\n0,0,0\n1;2;1\n", {":3:", "expected 3 values"}},
        {"0,0,0\n1,2\n", {":2:", "expected 3 values", "got 2"}},
        {"0,0,0\n1,2,1,4\n", {":2:", "got 4"}},
        {"0,0,0\n0,0,1\n1,,1\n", {":3:", "x2", "missing"}},
        {"0,0,0\n1,2,\n", {":2:", "label", "missing"}},
        {"0,0,0\n1,abc,1\n", {":2:", "x2", "not a number", "abc"}},
        {"0,0,0\nnan,1,1\n", {":2:", "x1", "nan", "finite"}},
        {"0,0,0\n1,0,0\n2,inf,0\n", {":3:", "x2", "inf", "finite"}},
        {"0,0,0\n1,1,3\n", {":2:", "label", "3", "0 … 2"}},
        {"0,0,0\n1,1,-1\n", {":2:", "label", "-1"}},
        {"0,0,0\n1,1,0.5\n", {":2:", "label", "0.5"}},
    };
    for (const Bad& bad : cases) {
        TempFile file("bad.csv", bad.content);
        BOOST_TEST_CONTEXT("the file reads \"" << bad.content << "\"")
        {
            BOOST_TEST(throws_with<value_error>([&] { nn::load_csv(file.path, 3); }, bad.words));
        }
    }
}

BOOST_AUTO_TEST_CASE(load_csv_rejects_an_empty_or_missing_file, *nn::testing::provided())
{
    TempFile empty("empty.csv");
    TempFile header_only("header-only.csv", "x1,x2,label\n\n");
    BOOST_TEST(throws_with<value_error>([&] { nn::load_csv(empty.path); }, {"no data"}));
    BOOST_TEST(throws_with<value_error>([&] { nn::load_csv(header_only.path); }, {"no data"}));
    BOOST_TEST(throws_with<std::runtime_error>([&] { nn::load_csv(empty.path + ".missing"); },
                                               {"cannot open", ".missing"}));
}

BOOST_AUTO_TEST_SUITE_END()
