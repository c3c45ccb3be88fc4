#!/usr/bin/env python3
"""The chapter model (course_model.py) on a small course of its own, and on the course itself.

    python3 -m unittest tests/tools/test_course_model.py
"""
import pathlib
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import course_model  # noqa: E402

SOLUTION = """\
// Chapter 1: one function to write.
#include "student/sigmoid.hpp"

namespace nn {

// σ(z) = 1 / (1 + e^(−z)).
// z: any shape.
Array sigmoid(const Array& z)
{
    check(z);
    // BEGIN SOLUTION sigmoid
    const Array e = xt::exp(-z);
    return 1.0 / (1.0 + e);
    // END SOLUTION sigmoid
}

// σ′ = σ (1 − σ).
Array sigmoid_prime(const Array& z,
                    int unused)
{
    // BEGIN SOLUTION sigmoid_prime
    const Array s = sigmoid(z);
    return s * (1.0 - s);
    // END SOLUTION sigmoid_prime
}

}  // namespace nn
"""

STUB = """\
// Chapter 1: one function to write.
#include "student/sigmoid.hpp"

namespace nn {

// σ(z) = 1 / (1 + e^(−z)).
// z: any shape.
Array sigmoid(const Array& z)
{
    check(z);
    // TODO: write sigmoid here, then run: ./course check 1
    throw not_implemented("sigmoid", 1);
}

// σ′ = σ (1 − σ).
Array sigmoid_prime(const Array& z,
                    int unused)
{
    // TODO: write sigmoid_prime here, then run: ./course check 1
    throw not_implemented("sigmoid_prime", 1);
}

}  // namespace nn
"""


class Course:
    """A small course in a temporary folder: chapter 1 with two functions, chapter 2 an appendix."""

    def __init__(self, test):
        folder = tempfile.TemporaryDirectory()
        test.addCleanup(folder.cleanup)
        self.root = pathlib.Path(folder.name)
        self.write("chapters/01-sigmoid/README.md", "# Chapter 1: The sigmoid {#ch01}\n\nText.\n")
        self.write("chapters/01-sigmoid/hint.md", "## sigmoid\nUse xt::exp.\n\n## `sigmoid_prime`\nReuse σ.\n")
        self.write("chapters/02-making-it-fast/README.md", "# Chapter 2: Making it fast {#ch02}\n")
        self.write("solutions/01-sigmoid/sigmoid.cpp", SOLUTION)
        self.write("exercises/01-sigmoid/sigmoid.cpp", STUB)
        self.write("src/student/sigmoid.hpp", "/// \\file\nArray sigmoid(const Array& z);\n"
                                              "Array sigmoid_prime(const Array& z, int unused);\n")

    def write(self, name, text):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def model(self, **folders):
        return course_model.Course(self.root, **folders)


class Chapters(unittest.TestCase):
    def test_chapters_in_order_with_names_titles_and_paths(self):
        course = Course(self).model()
        first, appendix = course.chapters
        self.assertEqual((first.number, first.nn, first.name, first.short_name),
                         (1, "01", "01-sigmoid", "sigmoid"))
        self.assertEqual((first.title, first.heading), ("The sigmoid", "Chapter 1: The sigmoid"))
        self.assertEqual(first.api_header, course.root / "src/student/sigmoid.hpp")
        self.assertEqual(first.course_dir, course.root / "src/course/01-sigmoid")
        self.assertEqual(appendix.api_header.name, "making_it_fast.hpp")
        self.assertTrue(first.has_exercise)
        self.assertFalse(appendix.has_exercise)
        self.assertEqual(course.exercise_chapters(), [first])
        self.assertIs(course.chapter(2), appendix)

    def test_a_wrong_first_line_is_named_by_file_and_line(self):
        course = Course(self)
        readme = course.write("chapters/02-making-it-fast/README.md", "# Making it fast\n")
        with self.assertRaisesRegex(course_model.LayoutError, f"^{readme}:1: the first line must be "
                                                              r"`# Chapter 2: Title \{#ch02\}`"):
            course.model()

    def test_a_title_with_the_wrong_number_is_refused(self):
        course = Course(self)
        course.write("chapters/02-making-it-fast/README.md", "# Chapter 3: Making it fast {#ch03}\n")
        with self.assertRaises(course_model.LayoutError):
            course.model()

    def test_an_unknown_chapter_lists_the_chapters(self):
        with self.assertRaisesRegex(course_model.LayoutError, "no chapter 7; the chapters are: 01-sigmoid"):
            Course(self).model().chapter(7)


class Functions(unittest.TestCase):
    def test_the_functions_of_a_chapter_come_from_its_solutions(self):
        chapter = Course(self).model().chapter(1)
        self.assertEqual([(f.name, f.file) for f in chapter.functions],
                         [("sigmoid", "sigmoid.cpp"), ("sigmoid_prime", "sigmoid.cpp")])
        self.assertEqual(chapter.files, ["sigmoid.cpp"])
        sigmoid = chapter.functions[0]
        self.assertTrue(sigmoid.solution.code.startswith("// σ(z) = 1 / (1 + e^(−z)).\n// z: any shape.\n"
                                                         "Array sigmoid("))
        self.assertTrue(sigmoid.solution.code.endswith("// END SOLUTION sigmoid\n}"))
        self.assertEqual(sigmoid.solution.body, ["const Array e = xt::exp(-z);", "return 1.0 / (1.0 + e);"])
        self.assertIn('throw not_implemented("sigmoid", 1);\n}', sigmoid.stub.code)

    def test_in_a_students_copy_the_functions_come_from_the_stubs(self):
        course = Course(self)
        course_root = course.root
        chapter = course.model(solutions=course_root / "exercises").chapter(1)
        self.assertEqual([f.name for f in chapter.functions], ["sigmoid", "sigmoid_prime"])
        self.assertIsNone(chapter.functions[0].solution)
        self.assertEqual(chapter.functions[0].stub.code, course.model().chapter(1).functions[0].stub.code)

    def test_the_stub_of_a_solution(self):
        course = Course(self)
        solution = course.root / "solutions/01-sigmoid/sigmoid.cpp"
        stub = course_model.replace_gaps(solution, lambda f: course_model.stub_lines(f.name, 1))
        self.assertEqual(stub, STUB)

    def test_end_must_name_its_function(self):
        course = Course(self)
        path = course.write("solutions/01-sigmoid/sigmoid.cpp",
                            SOLUTION.replace("// END SOLUTION sigmoid\n", "// END SOLUTION\n"))
        with self.assertRaisesRegex(course_model.LayoutError, f"^{path}:14: END SOLUTION must name its function"):
            course_model.functions_in(path)
        path.write_text(SOLUTION.replace("// END SOLUTION sigmoid\n", "// END SOLUTION sigmoid_prime\n"))
        with self.assertRaisesRegex(course_model.LayoutError, "END SOLUTION sigmoid_prime closes the gap of sig"):
            course_model.functions_in(path)

    def test_a_gap_never_closed_or_nested(self):
        course = Course(self)
        path = course.write("solutions/01-sigmoid/sigmoid.cpp",
                            SOLUTION.replace("    // END SOLUTION sigmoid_prime\n", ""))
        with self.assertRaisesRegex(course_model.LayoutError, f"^{path}:21: BEGIN SOLUTION sigmoid_prime is"):
            course_model.functions_in(path)
        path.write_text(SOLUTION.replace("    // END SOLUTION sigmoid\n", ""))
        with self.assertRaisesRegex(course_model.LayoutError, "BEGIN SOLUTION inside the gap of sigmoid"):
            course_model.functions_in(path)

    def test_code_after_a_gap_would_be_dead_code_in_the_stub(self):
        course = Course(self)
        path = course.write("solutions/01-sigmoid/sigmoid.cpp", SOLUTION.replace(
            "    return 1.0 / (1.0 + e);\n    // END SOLUTION sigmoid\n",
            "    // END SOLUTION sigmoid\n    return 1.0 / (1.0 + e);\n"))
        with self.assertRaisesRegex(course_model.LayoutError, f"^{path}:14: code after the gap of sigmoid"):
            course_model.functions_in(path)

    def test_snippet_markers_around_a_student_function_are_refused(self):
        course = Course(self)
        marked = SOLUTION.replace("// σ(z) =", "//! [sigmoid]\n// σ(z) =")
        path = course.write("solutions/01-sigmoid/sigmoid.cpp", marked)
        with self.assertRaisesRegex(course_model.LayoutError, f"^{path}:6: `//! \\[sigmoid\\]`"):
            course_model.functions_in(path)

    def test_snippet_markers_go_around_each_function_with_its_comment(self):
        course = Course(self)
        for folder in ("solutions", "exercises"):
            marked = course_model.with_snippet_markers(course.root / folder / "01-sigmoid/sigmoid.cpp")
            lines = marked.splitlines()
            self.assertEqual(lines[5:7], ["//! [sigmoid]", "// σ(z) = 1 / (1 + e^(−z))."])
            self.assertEqual(marked.count("//! [sigmoid]"), 2)
            self.assertEqual(marked.count("//! [sigmoid_prime]"), 2)
            self.assertIn("}\n//! [sigmoid_prime]\n\n}  // namespace nn", marked)

    def test_a_function_the_student_has_written_is_found_by_name(self):
        course = Course(self)
        stub = ('    // TODO: write sigmoid here, then run: ./course check 1\n'
                '    throw not_implemented("sigmoid", 1);\n')
        path = course.write("exercises/01-sigmoid/sigmoid.cpp",
                            STUB.replace(stub, "    return 1.0 / (1.0 + xt::exp(-z));\n"))
        self.assertEqual([f.name for f in course_model.functions_in(path)], ["sigmoid_prime"])
        self.assertEqual(course_model.definition(path.parent, "sigmoid"), (path, 8))
        self.assertEqual(course_model.definition(path.parent, "sigmoid_prime"), (path, 15))
        self.assertEqual(course_model.definition(path.parent, "relu"), (None, None))
        marked = course_model.with_snippet_markers(path, ["sigmoid"])
        self.assertIn("//! [sigmoid]\n// σ(z)", marked)
        self.assertIn("xt::exp(-z));\n}\n//! [sigmoid]\n", marked)


class Hints(unittest.TestCase):
    def test_a_section_per_function_the_same_for_terminal_and_website(self):
        chapter = Course(self).model().chapter(1)
        self.assertEqual(set(chapter.hints), {"sigmoid", "sigmoid_prime"})
        hint = chapter.hint("sigmoid")
        self.assertEqual((hint.text, hint.line), ("Use xt::exp.", 2))
        self.assertEqual(chapter.hint("sigmoid_prime").text, "Reuse σ.")
        self.assertIsNone(chapter.hint("relu"))

    def test_a_hint_without_sections_is_the_hint_of_every_function(self):
        course = Course(self)
        course.write("chapters/01-sigmoid/hint.md", "Think of overflow.\n")
        chapter = course.model().chapter(1)
        self.assertEqual(chapter.hint("sigmoid").text, "Think of overflow.")
        self.assertEqual(chapter.hint("sigmoid_prime").text, "Think of overflow.")

    def test_a_section_must_name_a_function(self):
        course = Course(self)
        hint = course.write("chapters/01-sigmoid/hint.md", "## sigmoid\nx\n## The idea\ny\n")
        with self.assertRaisesRegex(course_model.LayoutError, f"^{hint}:3: a section of the hint is"):
            course.model().chapter(1).hints

    def test_problems_name_what_breaks_the_layout(self):
        course = Course(self)
        self.assertEqual(course.model().problems(), [])
        hint = course.write("chapters/01-sigmoid/hint.md", "## sigmoid\nx\n## sigmoid_primes\ny\n")
        course.write("src/student/sigmoid.hpp", "Array sigmoid(const Array& z);\n")
        problems = course.model().problems()
        self.assertIn(f"{hint}: no `## sigmoid_prime` section", problems)
        self.assertIn(f"{hint}:3: `## sigmoid_primes` names no function of chapter 1 (sigmoid, sigmoid_prime)",
                      problems)
        self.assertIn(f"{course.root}/src/student/sigmoid.hpp: does not declare sigmoid_prime, a function of "
                      f"chapter 1", problems)


@unittest.skipUnless((course_model.ROOT / "solutions").is_dir(), "a student's copy has no solutions to check")
class TheCourseItself(unittest.TestCase):
    """The course's own layout holds: every chapter parses, every function has its stub and its hint."""

    def test_the_course_itself(self):
        course = course_model.Course()
        self.assertEqual(course.problems(), [])
        for chapter in course.exercise_chapters():
            self.assertTrue(chapter.functions, chapter.name)
            for function in chapter.functions:
                self.assertTrue(function.solution and function.stub, function.name)
                # The stub ends with its throw: no dead code after it.
                self.assertTrue(function.stub.code.endswith(textwrap.dedent(f"""\
                    throw not_implemented("{function.name}", {chapter.number});
                }}""")), function.name)


class LaterChapters(unittest.TestCase):
    """The linker's undefined reference to a later chapter's function, in a student's words."""

    def test_a_later_chapters_function_is_named_with_its_chapter(self):
        course = course_model.Course()
        log = ("/usr/bin/ld: sigmoid.cpp.o: in function `nn::sigmoid(xt::xarray_container<...> const&)':\n"
               "sigmoid.cpp:(.text+0x2a): undefined reference to `nn::log_sigmoid(xt::xarray_container<...> const&)'\n"
               "sigmoid.cpp:(.text+0x4e): undefined reference to `nn::log_sigmoid(xt::xarray_container<...> const&)'\n"
               "collect2: error: ld returned 1 exit status")
        self.assertEqual(course.later_chapter_uses(1, log), ["log_sigmoid is chapter 5's: chapter 1 cannot use it"])
        # The same chapter's or an earlier chapter's function, or one that is no student's, is not "later".
        self.assertEqual(course.later_chapter_uses(5, log), [])
        self.assertEqual(course.later_chapter_uses(6, "undefined reference to `nn::helper(double)'"), [])


if __name__ == "__main__":
    unittest.main()
