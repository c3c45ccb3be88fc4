#!/usr/bin/env python3
"""explain.py on compiler and linker output written out here (test_mistakes.py compiles real wrong files):
the first error in the student's own file wins over one before it in a header, a library template's error
is placed on the student's "required from here" line, a link error to a later chapter's function is
explained, and xtensor's types are cut short."""
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import course_model  # noqa: E402
import explain  # noqa: E402


class Explain(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.mine = pathlib.Path(self.tmp.name) / "sigmoid.cpp"
        self.mine.write_text("// line 1\nArray sigmoid(const Array& z)\n{\n    return helper(z);\n}\n")
        self.course = course_model.Course()
        self.explainer = explain.Explainer(self.course, self.course.chapter(1))

    def tearDown(self):
        self.tmp.cleanup()

    def test_the_students_own_file_comes_first(self):
        log = (f"/work/src/base/tensor.hpp:3:1: error: something in a header\n"
               f"{self.mine}:4:12: error: ‘helper’ was not declared in this scope\n")
        found = explain.first_error(log, [self.mine])
        self.assertEqual((found.path, found.line), (self.mine, 4))
        self.assertEqual(found.message, "'helper' was not declared in this scope")

    def test_an_error_inside_a_template_is_placed_on_the_line_that_required_it(self):
        log = ("/usr/include/xtensor/xfunction.hpp: In instantiation of ‘xt::xfunction<F, E>’:\n"
               f"{self.mine}:4:18:   required from here\n"
               "/usr/include/xtensor/xfunction.hpp:123:5: error: no type named ‘value_type’\n")
        lines = self.explainer.build_report(log, [self.mine])
        self.assertTrue(lines[0].endswith(":4: error: no type named 'value_type' (in xfunction.hpp, from this line)"),
                        lines[0])
        self.assertEqual(lines[1], "    4 |     return helper(z);")

    def test_a_link_error_to_a_later_chapters_function_is_explained(self):
        log = ("/usr/bin/ld: libch01_exercises.a(sigmoid.cpp.o): in function `nn::sigmoid(xt::xarray_container<"
               "double> const&)':\nsigmoid.cpp:(.text+0x1b): undefined reference to `nn::relu(xt::xarray_container<"
               "double> const&)'\ncollect2: error: ld returned 1 exit status\n")
        text = "\n".join(self.explainer.build_report(log, [self.mine]))
        self.assertIn("link error: undefined reference to `nn::relu(xt::xarray_container<…> const&)'", text)
        self.assertIn("`relu` is a function of chapter 2 (declared in src/student/activations.hpp)", text)

    def test_a_function_of_this_chapter_or_none_gets_no_later_chapter_note(self):
        for name in ("sigmoid_prime", "helper"):
            notes = self.explainer.notes("build", f"'{name}' was not declared in this scope", [self.mine])
            self.assertEqual(notes, [], name)

    def test_xtensors_types_are_cut_short(self):
        self.assertEqual(explain.short_types("call to 'exp(xt::xfunction<xt::negate, const xt::xarray<double>&>)'"),
                         "call to 'exp(xt::xfunction<…>)'")

    def test_a_build_without_a_compiler_error_shows_the_end_of_its_log(self):
        lines = self.explainer.build_report("ninja: error: loading 'build.ninja'\n", [self.mine])
        self.assertIn("without a compiler error", lines[0])


if __name__ == "__main__":
    unittest.main()
