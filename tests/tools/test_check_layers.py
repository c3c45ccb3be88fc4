#!/usr/bin/env python3
"""check_layers.py must pass on the course and fail on an include that points up: planted here in a copy."""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECK = ROOT / "tests" / "tools" / "check_layers.py"


def run(root: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), str(root)], capture_output=True, text=True)


class IncludeDirection(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp())
        for folder in ("src", "solutions", "exercises", "chapters", "tests"):
            if (ROOT / folder).is_dir():
                shutil.copytree(ROOT / folder, self.tmp / folder, ignore=shutil.ignore_patterns("*.gp"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def plant(self, file: str, include: str):
        path = self.tmp / file
        path.write_text(f'#include "{include}"\n' + path.read_text())

    def test_the_course_follows_the_rule(self):
        proc = run(self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stdout)

    def test_a_solution_that_includes_a_later_chapter_fails(self):
        self.plant("solutions/01-sigmoid/sigmoid.cpp", "student/loss.hpp")
        proc = run(self.tmp)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('solutions/01-sigmoid/sigmoid.cpp:1: #include "student/loss.hpp": chapter 1\'s student code '
                      "may not use chapter 5's API (src/student/)", proc.stdout)

    def test_base_that_includes_a_chapter_fails(self):
        self.plant("src/base/checks.hpp", "course/07-training/trainer.hpp")
        proc = run(self.tmp)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("src/base/checks.hpp:1:", proc.stdout)

    def test_an_api_header_that_includes_its_own_chapters_course_code_passes_but_not_a_later_one(self):
        self.plant("src/student/forward.hpp", "course/02-activations/activation.hpp")
        self.assertEqual(run(self.tmp).returncode, 0)
        self.plant("src/student/theta.hpp", "course/06-backprop/gradcheck.hpp")
        proc = run(self.tmp)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("src/student/theta.hpp:1:", proc.stdout)

    def test_a_test_that_includes_a_later_chapter_fails(self):
        self.plant("tests/03-forward/test_forward.cpp", "course/08-sequential/sequential_model.hpp")
        proc = run(self.tmp)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("tests/03-forward/test_forward.cpp:1:", proc.stdout)


if __name__ == "__main__":
    unittest.main()
