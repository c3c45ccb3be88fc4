#!/usr/bin/env python3
"""The GitHub Classroom workflow that `./course release` writes (CTest grader.classroom): parsed as YAML (by
Debian's python3-yaml, not by our own writer) and checked against what GitHub Actions, the command grader and
the grading reporter read (github-education-resources/autograding-grading-reporter, README, "Usage")."""
import pathlib
import sys
import unittest

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import classroom  # noqa: E402
import course_model  # noqa: E402
import weights  # noqa: E402


def released_workflow(path=None):
    """The workflow file of a released copy when given one, else the one release.py would write."""
    if path:
        return yaml.safe_load(pathlib.Path(path).read_text())
    chapters = course_model.Course(ROOT).exercise_chapters()
    return yaml.safe_load(classroom.text(chapters, weights.Weights(ROOT / "tests" / "grading.toml")))


class Workflow(unittest.TestCase):
    path = None

    def setUp(self):
        self.flow = released_workflow(self.path)
        self.chapters = course_model.Course(ROOT).exercise_chapters()

    def test_runs_on_each_push_in_debian_12(self):
        self.assertIn("push", self.flow["on"])
        job = self.flow["jobs"]["autograding"]
        self.assertEqual(job["container"], "debian:12")
        self.assertEqual(job["runs-on"], "ubuntu-latest")
        self.assertEqual(self.flow["permissions"]["checks"], "write")
        self.assertTrue(all(("uses" in s) != ("run" in s) for s in job["steps"]), "each step uses or runs")

    def test_one_step_per_chapter_with_its_share_of_100(self):
        steps = [s for s in self.flow["jobs"]["autograding"]["steps"] if s.get("uses") == classroom.COMMAND_GRADER]
        self.assertEqual([s["with"]["command"] for s in steps], [f"./course check {c.number}" for c in self.chapters])
        for s in steps:
            self.assertLessEqual({"test-name", "command", "timeout", "max-score"}, set(s["with"]))
            self.assertGreater(s["with"]["max-score"], 0)
        self.assertAlmostEqual(sum(s["with"]["max-score"] for s in steps), 100, places=6)
        self.assertEqual(len({s["id"] for s in steps}), len(steps), "step ids are unique")

    def test_the_reporter_reads_every_chapter(self):
        steps = self.flow["jobs"]["autograding"]["steps"]
        graded = [s["id"] for s in steps if s.get("uses") == classroom.COMMAND_GRADER]
        reporter = steps[-1]
        self.assertEqual(reporter["uses"], classroom.REPORTER)
        self.assertEqual(reporter["with"]["runners"].split(","), graded)
        self.assertEqual(reporter["env"], {f"{i.upper()}_RESULTS": f"${{{{steps.{i}.outputs.result}}}}" for i in graded})
        checkout = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/checkout@"))
        first_graded = next(i for i, s in enumerate(steps) if s.get("uses") == classroom.COMMAND_GRADER)
        self.assertLess(checkout, first_graded, "the code is checked out before it is checked")


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        Workflow.path = sys.argv.pop(1)
    unittest.main(verbosity=2)
