#!/usr/bin/env python3
"""A unit test of cpp_tokens.py and outside_gaps.py (python3 -m unittest): formatting and comments give the
same tokens; the solutions, the stubs and reformatted solutions change nothing outside the gaps; a deleted
check, an edited #include, an added line and a changed condition are found, each on its line, while any
code in a gap is not; the stubs of a release are read from git."""
import pathlib
import re
import subprocess
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "tools"))
import course_model  # noqa: E402
import cpp_tokens  # noqa: E402
import outside_gaps  # noqa: E402
import selftest  # noqa: E402

STUB = """// Chapter 4.
#include "student/theta.hpp"

#include <numeric>

namespace nn {

// |θ| = Σ (c(l-1) + 1) c(l)
std::size_t theta_size(const Widths& c)
{
    check_widths(c);
    if (c.size() < 2) {
        return 0;
    }
    // TODO: write theta_size here, then run: ./course check 4
    throw not_implemented("theta_size", 4);
}

}  // namespace nn
"""
GAP = """    std::size_t n = 0;
    for (std::size_t l = 1; l < c.size(); ++l) {
        n += (c[l - 1] + 1) * c[l];
    }
    check_widths(c);
    return n;
"""
SOLVED = STUB.replace("    // TODO: write theta_size here, then run: ./course check 4\n"
                      "    throw not_implemented(\"theta_size\", 4);\n", GAP)


def changes(text):
    return [(c["change"], c["line"], c["text"]) for c in outside_gaps.file_changes("theta.cpp", STUB, text)]


class Tokens(unittest.TestCase):
    def test_formatting_and_comments_do_not_count(self):
        a = cpp_tokens.tokens("int f(int x)\n{\n    return x >> 1; // half\n}\n")
        b = cpp_tokens.tokens("/* f */ int f( int x ) { return x>>1; }")
        self.assertEqual([t.text for t in a], [t.text for t in b])
        self.assertEqual([t.line for t in a][-4:], [3, 3, 3, 4])

    def test_literals_and_includes_are_single_tokens(self):
        words = [t.text for t in cpp_tokens.tokens('#include <xtensor/xmath.hpp>\ns = "a // b"; c = \'"\'; '
                                                   'r = R"x(a)"b)x"; d = 1.5e-3; v<w<int>> q;')]
        self.assertIn("<xtensor/xmath.hpp>", words)
        self.assertIn('"a // b"', words)
        self.assertIn('R"x(a)"b)x"', words)
        self.assertIn("1.5e-3", words)
        self.assertEqual(words[-4:], [">", ">", "q", ";"])


class OutsideGaps(unittest.TestCase):
    def test_the_stub_and_a_solution_change_nothing(self):
        self.assertEqual(changes(STUB), [])
        self.assertEqual(changes(SOLVED), [])

    def test_formatting_and_comments_are_not_changes(self):
        text = re.sub(r"(?m)^\s*//.*\n", "", SOLVED).replace("    ", "\t").replace(")\n{", ") {")
        self.assertEqual(changes("/* mine */\n" + text.replace("if (c.size() < 2)", "if(c.size()<2)")), [])

    def test_a_deleted_check_is_found_even_when_the_gap_repeats_its_tokens(self):
        self.assertEqual(changes(SOLVED.replace("    check_widths(c);\n    if", "    if", 1)),
                         [("removed", 11, "check_widths(c);")])

    def test_a_changed_condition_an_added_include_and_an_added_line(self):
        text = SOLVED.replace("c.size() < 2", "c.size() < 1").replace("#include <numeric>", "#include <cmath>")
        self.assertEqual(changes(text), [("added", 4, "#include <cmath>"), ("removed", 4, "#include <numeric>"),
                                         ("added", 12, "if (c.size() < 1) {"), ("removed", 12, "if (c.size() < 2) {")])
        self.assertEqual(changes(SOLVED.replace("namespace nn {\n", "namespace nn {\nint helper() { return 1; }\n")),
                         [("added", 7, "int helper() { return 1; }")])

    def test_the_stubs_of_the_course_and_of_a_release(self):
        stubs = outside_gaps.Stubs(ROOT)
        files, what = stubs.files("01-sigmoid")
        self.assertEqual((sorted(files), what), (["sigmoid.cpp"], "exercises/"))
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True).stdout.strip()
        if head:
            files, what = stubs.files("01-sigmoid", head)
            self.assertEqual((sorted(files), what), (["sigmoid.cpp"], f"exercises/ at {head[:12]}"))
        files, what = stubs.files("01-sigmoid", "0" * 40)
        self.assertIn("not in this repository", what)
        self.assertEqual(outside_gaps.release_version("# a comment\ncommit 0123abcd\n"), "0123abcd")

    def test_every_solution_reformatted_changes_nothing(self):
        stubs = outside_gaps.Stubs(ROOT)
        for chapter in (c.name for c in course_model.Course(ROOT).exercise_chapters()):
            solutions = {p.name: p.read_bytes() for p in (ROOT / "solutions" / chapter).glob("*.cpp")}
            self.assertEqual(stubs.compare(chapter, solutions)[0], [], chapter)
            again = {name: selftest.reformatted(text.decode()).encode() for name, text in solutions.items()}
            self.assertNotEqual(again, solutions)
            self.assertEqual(stubs.compare(chapter, again)[0], [], chapter)


if __name__ == "__main__":
    unittest.main()
