// Chapter 7: the course-provided parts — the held-out split, the parameter file, the points file, the
// command-line options and the progress line. None of them is the student's to write.
#include <unistd.h>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xrandom.hpp>

#include "base/errors.hpp"
#include "base/progress.hpp"
#include "base/split.hpp"
#include "base/theta_file.hpp"
#include "course/07-training/options.hpp"
#include "course/07-training/trainer.hpp"
#include "expect.hpp"
#include "temp_file.hpp"

using namespace nn;
using nn::testing::all_close;
using nn::testing::provided;
using nn::testing::TempFile;
using nn::testing::throws_with;

namespace {

Options parse(const std::vector<const char*>& args)
{
    return parse_options(std::vector<std::string>(args.begin(), args.end()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(split_holdout)

BOOST_AUTO_TEST_CASE(split_keeps_a_fifth_and_loses_no_sample, *provided())
{
    // Row i carries x1 = i, so the two parts together must hold every i exactly once.
    Dataset data{Matrix(xt::zeros<double>({3000, 2})), Labels(xt::zeros<int>({3000})), 3};
    for (std::size_t i = 0; i < 3000; ++i) {
        data.X(i, 0) = double(i);
        data.y(i) = int(i % 3);
    }
    const Split split = nn::split_holdout(data, 0.2, 4);
    BOOST_TEST(split.train.X.shape(0) == 2400u);
    BOOST_TEST(split.test.X.shape(0) == 600u);
    std::set<int> rows;
    bool labels_follow = true;
    for (const Dataset* part : {&split.train, &split.test}) {
        for (std::size_t i = 0; i < part->X.shape(0); ++i) {
            rows.insert(int(part->X(i, 0)));
            labels_follow = labels_follow && part->y(i) == int(part->X(i, 0)) % 3;
        }
    }
    BOOST_TEST(rows.size() == 3000u);
    BOOST_TEST(labels_follow);
    BOOST_TEST(split.test.classes == 3);
}

BOOST_AUTO_TEST_CASE(split_same_seed_same_split, *provided())
{
    const Dataset data = make_spiral(50, 3, 0);
    BOOST_TEST(
        all_close(nn::split_holdout(data, 0.2, 9).test.X, nn::split_holdout(data, 0.2, 9).test.X, 0.0, 0.0));
    BOOST_TEST(!all_close(nn::split_holdout(data, 0.2, 9).test.X, nn::split_holdout(data, 0.2, 10).test.X,
                          0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(split_rejects_a_fraction_outside_zero_one, *provided())
{
    const Dataset data = make_spiral(10, 3, 0);
    for (double f : {0.0, 1.0, -0.2, 1.5}) {
        BOOST_TEST(throws_with<std::invalid_argument>([&] { nn::split_holdout(data, f, 0); }, {"held-out"}));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(theta_file)

BOOST_AUTO_TEST_CASE(save_then_load_gives_theta_back_bit_for_bit, *provided())
{
    TempFile file("roundtrip.txt");
    xt::random::seed(31);
    Vector theta = xt::random::randn<double>({61});
    theta(0) = 1e-300;
    theta(1) = -123456789.123456789;
    theta(2) = 0.1;
    save_network(file.path, SavedNetwork{{2, 6, 4, 3}, "tanh", theta});
    const SavedNetwork back = load_network(file.path);
    BOOST_TEST(back.widths == Widths({2, 6, 4, 3}));
    BOOST_TEST(back.activation == "tanh");
    BOOST_TEST(all_close(back.theta, theta, 0.0, 0.0));
    BOOST_TEST(file.read().rfind(
                   std::string(theta_file_magic) + "\nwidths 2 6 4 3\nactivation tanh\ntheta 61\n", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(load_refuses_a_foreign_file, *provided())
{
    TempFile file("foreign.csv");
    file.write("0.1,0.2,1\n0.3,0.4,2\n");
    BOOST_TEST(throws_with<file_error>([&] { load_network(file.path); },
                                       {file.path, "line 1", "not a parameter file", "0.1,0.2,1"}));
}

BOOST_AUTO_TEST_CASE(load_refuses_a_truncated_file, *provided())
{
    TempFile whole("whole.txt"), cut("cut.txt");
    save_network(whole.path, SavedNetwork{{2, 6, 4, 3}, "relu", Vector(xt::ones<double>({61}))});
    const std::string text = whole.read();
    // Cut in the middle of θ's numbers, and just before "end".
    cut.write(text.substr(0, text.size() / 2));
    BOOST_TEST(throws_with<file_error>([&] { load_network(cut.path); }, {cut.path, "truncated", "of θ"}));
    cut.write(text.substr(0, text.size() - 4));
    BOOST_TEST(throws_with<file_error>([&] { load_network(cut.path); }, {"truncated", "end"}));
    cut.write("");
    BOOST_TEST(throws_with<file_error>([&] { load_network(cut.path); }, {"truncated"}));
}

BOOST_AUTO_TEST_CASE(load_refuses_inconsistent_or_damaged_contents, *provided())
{
    TempFile file("damaged.txt");
    const std::string head = std::string(theta_file_magic) + "\n";
    file.write(head + "widths 2 6 4 3\nactivation tanh\ntheta 60\n");
    BOOST_TEST(throws_with<file_error>([&] { load_network(file.path); }, {"line 4", "61"}));
    file.write(head + "widths 2 0 3\nactivation tanh\ntheta 0\nend\n");
    BOOST_TEST(throws_with<file_error>([&] { load_network(file.path); }, {"line 2", "positive"}));
    std::string numbers;
    for (int i = 0; i < 21; ++i) {
        numbers += i == 7 ? "zero\n" : "0.5\n";
    }
    file.write(head + "widths 2 5 1\nactivation tanh\ntheta 21\n" + numbers + "end\n");
    BOOST_TEST(throws_with<file_error>([&] { load_network(file.path); },
                                       {"line 12", "'zero' is not a finite number"}));
    file.write(head + "widths 2 5 1\nactivation tanh\ntheta 21\n   \n");
    BOOST_TEST(throws_with<file_error>([&] { load_network(file.path); }, {"not a finite number"}));
    BOOST_TEST(throws_with<file_error>([&] { load_network(file.path + ".missing"); }, {"cannot open"}));
}

BOOST_AUTO_TEST_CASE(save_refuses_theta_of_the_wrong_length, *provided())
{
    TempFile file("wrong.txt");
    BOOST_TEST(throws_with<file_error>(
        [&] {
            save_network(file.path, SavedNetwork{{2, 6, 4, 3}, "tanh", Vector(xt::zeros<double>({60}))});
        },
        {"60", "61"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(load_points)

BOOST_AUTO_TEST_CASE(load_points_reads_x1_x2_and_ignores_a_label, *provided())
{
    TempFile file("points.csv");
    file.write("# x1,x2\n0.5,-0.25\n\n1e-3,2,1\n");
    BOOST_TEST(all_close(nn::load_points(file.path, 2), Matrix{{0.5, -0.25}, {1e-3, 2.0}}, 0.0, 0.0));
}

BOOST_AUTO_TEST_CASE(load_points_names_the_bad_line, *provided())
{
    TempFile file("bad-points.csv");
    file.write("0.5,0.5\n0.1,abc\n");
    BOOST_TEST(throws_with<std::runtime_error>([&] { nn::load_points(file.path, 2); }, {"line 2", "abc"}));
    file.write("0.5,0.5\n0.1\n");
    BOOST_TEST(
        throws_with<std::runtime_error>([&] { nn::load_points(file.path, 2); }, {"line 2", "expected 2"}));
    file.write("nan,0.5\n");
    BOOST_TEST(throws_with<std::runtime_error>([&] { nn::load_points(file.path, 2); }, {"line 1", "nan"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parse_options)

BOOST_AUTO_TEST_CASE(options_default_to_the_lecture_network_with_adam, *provided())
{
    const Options o = parse({});
    BOOST_TEST(o.layers == Widths({2, 6, 4, 3}));
    BOOST_TEST(o.activation == "tanh");
    BOOST_TEST(o.optimizer == "adam");
    BOOST_TEST(o.learning_rate() == 0.01);
    BOOST_TEST(o.epochs == 2000);
}

BOOST_AUTO_TEST_CASE(options_read_every_value, *provided())
{
    const Options o =
        parse({"--data", "d.csv", "--layers", "2,32,32,3", "--activation", "relu", "--optimizer", "gd",
               "--epochs", "50", "--lambda", "0.5", "--seed", "7", "--save", "s.txt"});
    BOOST_TEST(o.data == "d.csv");
    BOOST_TEST(o.layers == Widths({2, 32, 32, 3}));
    BOOST_TEST(o.activation == "relu");
    BOOST_TEST(o.optimizer == "gd");
    BOOST_TEST(o.learning_rate() == 0.3);  // gd's default
    BOOST_TEST(o.epochs == 50);
    BOOST_TEST(o.lambda == 0.5);
    BOOST_TEST(o.seed == 7u);
    BOOST_TEST(o.save == "s.txt");
    BOOST_TEST(parse({"--optimizer", "gd", "--lr", "1e-1"}).learning_rate() == 0.1);
}

BOOST_AUTO_TEST_CASE(options_bad_values_are_clear_errors, *provided())
{
    const std::vector<std::pair<std::vector<const char*>, std::vector<std::string>>> cases = {
        {{"--epochs", "ten"}, {"--epochs", "whole number", "'ten'"}},
        {{"--epochs", "0"}, {"--epochs", "≥ 1", "'0'"}},
        {{"--epochs", "12x"}, {"--epochs", "'12x'"}},
        {{"--lr", "-1"}, {"--lr", "η > 0", "'-1'"}},
        {{"--lr", "0"}, {"--lr", "'0'"}},
        {{"--lr", "fast"}, {"--lr", "a number", "'fast'"}},
        {{"--lr", "inf"}, {"--lr", "'inf'"}},
        {{"--lambda", "-0.1"}, {"--lambda", "λ ≥ 0"}},
        {{"--seed", "-3"}, {"--seed", "'-3'"}},
        {{"--layers", "2,6,,3"}, {"--layers", "like 2,6,4,3", "'2,6,,3'"}},
        {{"--layers", "2"}, {"--layers", "at least two"}},
        {{"--layers", "2,0,3"}, {"--layers", "positive"}},
        {{"--layers", "2,6,4,3,"}, {"--layers"}},
        {{"--activation", "swish"}, {"--activation", "sigmoid, tanh, relu", "'swish'"}},
        {{"--optimizer", "sgd"}, {"--optimizer", "gd, momentum, adam", "'sgd'"}},
        {{"--held-out", "1"}, {"--held-out", "between 0 and 1"}},
        {{"--require", "99"}, {"--require", "between 0 and 1"}},
        {{"--epoch", "5"}, {"unknown option '--epoch'"}},
        {{"--lr"}, {"--lr needs a value"}},
    };
    // The first case whose message lacks a word, with the message it got.
    std::string problem;
    for (const auto& [args, words] : cases) {
        std::string message = "(no error was thrown)";
        try {
            parse(args);
        } catch (const usage_error& e) {
            message = e.what();
        }
        for (const std::string& w : words) {
            if (problem.empty() && message.find(w) == std::string::npos) {
                problem = std::string("arguments '") + args.front() +
                          (args.size() > 1 ? std::string(" ") + args[1] : "") + "': the message \"" +
                          message + "\" should mention \"" + w + "\"";
            }
        }
    }
    BOOST_TEST(problem.empty(), problem);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(progress)

BOOST_AUTO_TEST_CASE(progress_line_says_epoch_loss_and_both_accuracies, *provided())
{
    BOOST_TEST(format_progress({500, 2000, 0.16840, 0.97708, 0.97667}) ==
               "epoch  500/2000  loss 0.16840  train  97.71 %  held-out  97.67 %");
}

BOOST_AUTO_TEST_CASE(progress_updates_in_place_on_a_terminal_and_prints_lines_otherwise, *provided())
{
    for (bool in_place : {true, false}) {
        std::FILE* out = std::tmpfile();
        BOOST_TEST_REQUIRE(out != nullptr);
        Progress progress(30, 10, out, in_place);
        for (int epoch = 1; epoch <= 30; ++epoch) {
            if (progress.due(epoch)) {
                progress.show({epoch, 30, 1.0 / epoch, 0.5, 0.5});
            }
        }
        progress.finish();
        std::rewind(out);
        std::string text;
        for (int c; (c = std::fgetc(out)) != EOF;) {
            text += char(c);
        }
        std::fclose(out);
        const auto count = [&](char c) { return std::count(text.begin(), text.end(), c); };
        BOOST_TEST_CONTEXT(text)
        {
            // 3 reports (epochs 10, 20, 30): on a terminal 3 carriage returns and 1 final newline.
            BOOST_TEST(count('\r') == (in_place ? 3 : 0));
            BOOST_TEST(count('\n') == (in_place ? 1 : 3));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
