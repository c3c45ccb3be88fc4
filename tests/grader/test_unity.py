#!/usr/bin/env python3
"""unity.py: a chapter's files go into one translation unit only when it means the same as compiling them one by
one (no build: the course's own files and small variations of them)."""
import pathlib
import sys
import unittest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import course_model  # noqa: E402
import unity  # noqa: E402

INCLUDE = [ROOT / "src"]
# The <...> headers of the course's own files, as the grader's precompiled header holds them (cache.with_pch).
PCH = {line.split(None, 1)[1] for pattern in ("src/**/*.hpp", "src/**/*.cpp", "solutions/*/*.cpp", "exercises/*/*.cpp")
       for path in ROOT.glob(pattern) for line in path.read_text().splitlines() if line.startswith("#include <")}


def files(impl: str, chapter: str) -> dict:
    return {p.name: p.read_bytes() for p in (ROOT / impl / chapter).glob("*.cpp")}


def functions(chapter: str) -> list:
    return [f.name for f in course_model.Course(ROOT).chapter(int(chapter[:2])).functions]


def order(chapter_files: dict, chapter: str):
    return unity.order(chapter_files, functions(chapter), INCLUDE, PCH)


def changed(chapter: str, name: str, old: str, new: str) -> dict:
    out = files("solutions", chapter)
    text = out[name].decode()
    assert old in text, (name, old)
    out[name] = text.replace(old, new, 1).encode()
    return out


class Unity(unittest.TestCase):
    def test_the_course_files_of_every_chapter_with_several_go_together(self):
        for impl in ("solutions", "exercises"):
            for chapter in ("05-loss", "06-backprop", "07-training"):
                got = order(files(impl, chapter), chapter)
                self.assertEqual(sorted(got or []), sorted(files(impl, chapter)), f"{impl}/{chapter}")

    def test_one_file_is_compiled_as_it_is(self):
        self.assertIsNone(order(files("solutions", "01-sigmoid"), "01-sigmoid"))

    def test_what_one_file_could_pass_to_the_next_keeps_them_apart(self):
        chapter, name = "07-training", "optimizers.cpp"
        cases = {
            "a helper function": ("namespace nn {", "namespace nn {\ndouble half(double x) { return x / 2; }"),
            "a helper declared": ("namespace nn {", "namespace nn {\ndouble half(double x);"),
            "a static helper": ("namespace nn {", "namespace nn {\nstatic double half(double x) { return x / 2; }"),
            "an anonymous namespace": ("namespace nn {", "namespace {\nint calls = 0;\n}\nnamespace nn {"),
            "a using-directive": ("namespace nn {", "using namespace xt;\nnamespace nn {"),
            "a type alias": ("namespace nn {", "namespace nn {\nusing Real = double;"),
            "a macro, even in a body": ("theta -= lr * gradient;", "#define STEP theta -= lr * gradient\n    STEP;"),
            "a student's header": None,
        }
        for what, change in cases.items():
            if change is None:
                chapter_files = {**files("solutions", chapter), "helpers.hpp": b"#pragma once\n"}
            else:
                chapter_files = changed(chapter, name, *change)
            self.assertIsNone(order(chapter_files, chapter), what)

    def test_a_name_from_another_files_course_header_keeps_them_apart(self):
        # init.cpp includes student/theta.hpp, train.cpp does not: theta_size would compile only in the unity.
        chapter = "07-training"
        chapter_files = changed(chapter, "train.cpp", "{\n", "{\n    [[maybe_unused]] auto n = theta_size({2, 3});\n")
        self.assertIsNone(order(chapter_files, chapter))
        # ... and its own include makes it fine again.
        chapter_files = changed(chapter, "train.cpp", '#include "base/errors.hpp"',
                                '#include "base/errors.hpp"\n#include "student/theta.hpp"')
        self.assertIsNotNone(order(chapter_files, chapter))

    def test_a_header_the_precompiled_header_lacks_comes_last(self):
        chapter = "05-loss"
        chapter_files = changed(chapter, "classes.cpp", "#include <string>", "#include <string>\n#include <map>")
        self.assertEqual(order(chapter_files, chapter)[-1], "classes.cpp")
        both = {**chapter_files, "loss.cpp": chapter_files["loss.cpp"].replace(b"#include <string>",
                                                                               b"#include <string>\n#include <map>")}
        self.assertIsNone(order(both, chapter))

    def test_a_function_defined_twice_keeps_them_apart(self):
        chapter = "05-loss"
        text = files("solutions", chapter)["classes.cpp"].decode()
        accuracy = text[text.index("double accuracy("):]
        chapter_files = changed(chapter, "loss.cpp", "namespace nn {", "namespace nn {\n" + accuracy.split("\n}\n")[0]
                                + "\n}\n")
        self.assertIsNone(order(chapter_files, chapter))


if __name__ == "__main__":
    unittest.main()
