#!/usr/bin/env python3
"""make_proxies.py reads a chapter's API header as the compiler would: declarations over several lines, with
defaults, among comments, aliases and struct bodies; the changed (non-const reference) parameters; and for
the course's own headers, a proxy and a served call for every student function."""
import pathlib
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import course_model  # noqa: E402
import make_proxies  # noqa: E402

HEADER = """
/// \\file demo.hpp
#pragma once
namespace nn {
/// A struct whose body holds what looks like declarations.
struct State {
    Vector m;  ///< f(x);
    int count(int k) const;
};
using Callback = std::function<void(int epoch, double loss)>;
/// step(theta) in a comment is not a declaration;
void step(Vector& theta, const Vector& gradient, double lr,
          State& state, double beta = 0.9);
std::vector<MatrixView> views(Vector& theta,
                              const Widths& c);
double untouched(const Matrix& z3, const Matrix& Y);
}  // namespace nn
"""


class Declarations(unittest.TestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.header = pathlib.Path(folder.name) / "demo.hpp"
        self.header.write_text(HEADER)

    def test_reads_multi_line_declarations_with_defaults(self):
        step, views = make_proxies.declarations(self.header, ["step", "views"])
        self.assertEqual(step.signature, "void step(Vector& theta, const Vector& gradient, double lr, State& state, "
                                         "double beta)")
        self.assertEqual([p.changed for p in step.params], [True, False, False, True, False])
        self.assertEqual([p.value_type for p in step.params], ["Vector", "Vector", "double", "State", "double"])
        self.assertEqual(views.result, "std::vector<MatrixView>")

    def test_a_function_the_header_does_not_declare_is_an_error(self):
        with self.assertRaises(SystemExit) as e:
            make_proxies.declarations(self.header, ["count", "missing"])
        self.assertIn("does not declare count, missing", str(e.exception))

    def test_views_are_sent_relative_to_the_changed_vector(self):
        (views,) = make_proxies.declarations(self.header, ["views"])
        chapter = course_model.Course().chapter(4)
        self.assertIn("return rpc::read_views(reply, theta);", make_proxies.proxies(chapter, [views]))
        self.assertIn("put_views(out, result, theta);", make_proxies.serve(chapter, [views]))


class CourseHeaders(unittest.TestCase):
    def test_every_student_function_has_a_proxy_and_a_served_call(self):
        for chapter in course_model.Course().exercise_chapters():
            names = [f.name for f in chapter.functions]
            decls = make_proxies.declarations(chapter.api_header, names)
            self.assertEqual(sorted(d.name for d in decls), sorted(names), chapter.name)
            proxies, serve = make_proxies.proxies(chapter, decls), make_proxies.serve(chapter, decls)
            for number, d in enumerate(decls):
                self.assertIn(d.signature + "\n{\n    rpc::Call call(" + str(number), proxies)
                self.assertIn(f"case {number}: {{  // {d.signature}", serve)


if __name__ == "__main__":
    unittest.main()
