#!/usr/bin/env python3
"""The grader's cache keys what it makes (the precompiled header, a compiled object, a hidden tests' program) by
what goes into it, not by where the cache or the course is: a cache copied elsewhere with the course (the
Gradescope image's build-grader/) finds what it holds. And a changed source, header, header set or option
still makes a new key. And it takes CMake's own objects of the course's hidden tests only where CMake compiled
them as it would (no build: small courses and caches in a temporary folder)."""
import pathlib
import shutil
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import cache as cache_mod  # noqa: E402

PCH_TEXT = "// The grader's precompiled header\n#include <vector>\n"


def course(root: pathlib.Path):
    """A course's folders as far as the keys read them: its headers (src/, tests/support/)."""
    (root / "src" / "base").mkdir(parents=True)
    (root / "src" / "base" / "array.hpp").write_text("#pragma once\nusing Array = int;\n")
    (root / "tests" / "support").mkdir(parents=True)
    (root / "tests" / "support" / "seed.hpp").write_text("#pragma once\n")
    (root / "chapters").mkdir()


def compile_template(cache) -> list:
    """A compile command as CMake writes it for a chapter's tests, its paths where this cache and course are."""
    return ["/usr/bin/c++", f"-I{cache.root}/tests/support", f"-I{cache.root}/src", "-O0", "-std=c++17", "-include",
            f"{cache.dir}/CMakeFiles/course_test_pch.dir/cmake_pch.hxx", "-o", "{obj}", "-c", "{src}"]


def link_template(cache, objects=("0123abcd.hidden.o",)) -> list:
    return ["/usr/bin/c++", "-O3", "tests/CMakeFiles/ch01_tests.dir/tests/01-sigmoid/test_sigmoid.cpp.o",
            *(f"{cache.objects}/{name}" for name in objects), "-o", "{exe}", "libch01_solutions.a"]


def keys(cache, template=None, source=b"int f();\n", text=PCH_TEXT) -> tuple:
    """The names of what the cache keeps: a compiled object, a precompiled header's folder, a linked program."""
    template = template or compile_template(cache)
    return (cache.object_path(source, template).name, cache.pch_folder(text, template).name,
            cache.hidden_link_path("judge01", link_template(cache)).name)


class Keys(unittest.TestCase):
    def setUp(self):
        self.top = pathlib.Path(tempfile.mkdtemp(prefix="cache-keys-"))
        course(self.top / "course")
        shutil.copytree(self.top / "course", self.top / "copy" / "source")
        # The cache inside the course (build/) and, moved, beside it (Gradescope's build-grader/ is inside too).
        self.here = cache_mod.Cache(self.top / "course", self.top / "course" / "build", 1, log=lambda *a: None)
        self.there = cache_mod.Cache(self.top / "copy" / "source", self.top / "copy" / "grader-cache", 1,
                                     log=lambda *a: None)

    def tearDown(self):
        shutil.rmtree(self.top, ignore_errors=True)

    def test_a_moved_cache_has_the_same_keys(self):
        self.assertEqual(keys(self.here), keys(self.there))

    def test_the_hidden_tests_program_is_keyed_by_its_objects_names(self):
        other = link_template(self.here, ("4567abcd.hidden.o",))
        self.assertNotEqual(self.here.hidden_link_path("judge01", link_template(self.here)),
                            self.here.hidden_link_path("judge01", other))

    def test_a_changed_source_option_or_header_set_makes_new_keys(self):
        before = keys(self.here)
        other_source = keys(self.here, source=b"int g();\n")
        self.assertNotEqual(before[0], other_source[0])
        other_option = keys(self.here, template=[a.replace("-O0", "-O1") for a in compile_template(self.here)])
        self.assertNotEqual(before[:2], other_option[:2])
        other_set = keys(self.here, text=PCH_TEXT + "#include <string>\n")
        self.assertNotEqual(before[1], other_set[1])

    def test_a_changed_course_header_makes_a_new_object_key(self):
        before = keys(self.there)
        header = self.there.root / "src" / "base" / "array.hpp"
        header.write_text(header.read_text() + "using Index = long;\n")
        changed = keys(cache_mod.Cache(self.there.root, self.there.dir, 1, log=lambda *a: None))
        self.assertNotEqual(before[0], changed[0])
        self.assertNotEqual(keys(self.here)[0], changed[0])
        # The precompiled header holds the libraries' headers only (#include <...>): the same.
        self.assertEqual(before[1], changed[1])


class CMakesObjects(unittest.TestCase):
    """compile_hidden takes CMake's object of a hidden test file (chNN_hidden) when CMake compiled it as the grader
    would: the course's tests/hidden/, a cache built here, the same command; else it compiles the file itself."""

    def setUp(self):
        self.top = pathlib.Path(tempfile.mkdtemp(prefix="cache-objects-"))
        course(self.top / "course")
        self.src = self.top / "course" / "tests" / "hidden" / "01-sigmoid" / "test_hidden_sigmoid.cpp"
        self.src.parent.mkdir(parents=True)
        self.src.write_text("int hidden();\n")
        self.cache = cache_mod.Cache(self.top / "course", self.top / "course" / "build", 1, log=lambda *a: None)
        self.template = compile_template(self.cache)
        self.built = self.cache.dir / "CMakeFiles" / "ch01_hidden.dir" / "test_hidden_sigmoid.cpp.o"
        self.built.parent.mkdir(parents=True)
        self.built.write_bytes(b"object")

    def tearDown(self):
        shutil.rmtree(self.top, ignore_errors=True)

    def cmake_compiled(self, src, template, *depfile):
        args = [a.replace("{src}", str(src)).replace("{obj}", str(self.built.relative_to(self.cache.dir)))
                for a in template]
        self.cache.compile_db = {src: {"directory": str(self.cache.dir), "file": str(src),
                                       "arguments": args[:-4] + list(depfile) + args[-4:]}}

    def test_the_same_command_takes_cmakes_object(self):
        self.cmake_compiled(self.src, self.template, "-MD", "-MT", "x.o", "-MF", "x.o.d")
        self.assertEqual(self.cache._cmake_object(self.src, self.template), self.built)

    def test_another_command_a_moved_cache_or_other_hidden_tests_compile_it(self):
        self.cmake_compiled(self.src, [a.replace("-O0", "-O2") for a in self.template])
        self.assertIsNone(self.cache._cmake_object(self.src, self.template))
        self.cmake_compiled(self.src, self.template)
        self.cache.moved = [("/elsewhere/build", str(self.cache.dir))]
        self.assertIsNone(self.cache._cmake_object(self.src, self.template))
        self.cache.moved = []
        other = self.top / "fixtures" / "hidden" / "01-sigmoid" / self.src.name
        other.parent.mkdir(parents=True)
        other.write_text(self.src.read_text())
        self.cmake_compiled(other, self.template)
        self.assertIsNone(self.cache._cmake_object(other, self.template))


class Prune(unittest.TestCase):
    def test_what_a_run_did_not_use_is_removed_students_objects_stay(self):
        with tempfile.TemporaryDirectory(prefix="cache-prune-") as top:
            top = pathlib.Path(top)
            course(top / "course")
            cache = cache_mod.Cache(top / "course", top / "cache", 1, log=lambda *a: None)
            files = ["pch/new/course_pch.hpp.gch", "pch/old/course_pch.hpp.gch", "objects/new.hidden.o",
                     "objects/old.hidden.o", "objects/student.o", "hidden/new/judge01", "hidden/old/judge01"]
            for name in files:
                (cache.dir / name).parent.mkdir(parents=True, exist_ok=True)
                (cache.dir / name).write_text("")
            cache.used = {cache.dir / "pch" / "new", cache.dir / "objects" / "new.hidden.o",
                          cache.dir / "hidden" / "new" / "judge01"}
            self.assertEqual(cache.prune(), 3)
            self.assertEqual(sorted(name for name in files if (cache.dir / name).exists()),
                             ["hidden/new/judge01", "objects/new.hidden.o", "objects/student.o",
                              "pch/new/course_pch.hpp.gch"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
