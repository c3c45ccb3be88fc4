#!/usr/bin/env python3
"""The grader is fair to correct code (issue 14 §2): a CTest test of `./course test` (label grader).

  alternatives   solutions/ with every chapter replaced by tests/grader/fixtures/alternatives/NN-name/:
                 correct code written another way (other formulas, loops instead of expressions, other
                 orders of summation)                                      -> 100, every chapter full
  later_chapter  chapter 1's sigmoid as xt::exp(log_sigmoid(z)), log_sigmoid being chapter 5's: chapter 1 is
                 linked with chapter 1 alone, so it fails, with "log_sigmoid is chapter 5's: chapter 1 cannot
                 use it"
The fixtures are under tests/grader/, which `./course release` leaves out (checked here too).
"""
import argparse
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "tools"))
sys.path.insert(0, str(HERE))
import checks  # noqa: E402
import course_model  # noqa: E402
import release  # noqa: E402

ALTERNATIVES = HERE / "fixtures" / "alternatives"
TIME_LIMIT = 30  # far above what the tests need, so that a busy machine does not fail a correct chapter


def grade(args: list) -> dict:
    """./course grade --quiet with --json; {student: submission} from the JSON."""
    return checks.grade(["--quiet", *args], TIME_LIMIT)


def with_chapters(folder: pathlib.Path, chapters: dict):
    """A submission: the solutions, with the given chapters' files ({name: folder}) instead of theirs."""
    shutil.copytree(ROOT / "solutions", folder)
    for name, source in chapters.items():
        shutil.rmtree(folder / name)
        shutil.copytree(source, folder / name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=pathlib.Path, required=True)
    parser.add_argument("--workdir", type=pathlib.Path, required=True)
    args = parser.parse_args()
    work = args.workdir.resolve()
    shutil.rmtree(work, ignore_errors=True)
    subs = work / "submissions"
    subs.mkdir(parents=True)
    check = checks.Checks()
    chapters = [c.name for c in course_model.Course(ROOT).exercise_chapters() if c.tests_dir.is_dir()]

    missing = [name for name in chapters if not list((ALTERNATIVES / name).glob("*.cpp"))]
    check(not missing, f"a correct alternative for every chapter with tests ({len(chapters)}), missing: {missing}")
    with_chapters(subs / "alternatives", {name: ALTERNATIVES / name for name in chapters if name not in missing})
    released = [f for f in release.tracked_files() if f.startswith(("tests/grader/", "tests/hidden/"))]
    check(not released, f"./course release leaves out the fixtures and the hidden tests: {released[:3]}")

    results = grade(["--batch", str(subs), "--cache", str(args.cache), "--json", str(work / "grades.json")])
    alternatives = results["alternatives"]
    for ch in alternatives["chapters"]:
        wrong = [f"{c['name']}: {c['message'].splitlines()[0] if c['message'] else c['status']}"
                 for c in ch["cases"] if c["status"] != "passed"]
        check(not wrong and ch["passed"] == ch["tests"] > 0,
              f"the alternative of {ch['chapter']} scores full marks ({ch['passed']}/{ch['tests']})"
              + "".join("\n      " + w for w in wrong))
    check(abs(alternatives["total"] - 100) < 1e-9, f"the correct alternatives score 100: {alternatives['total']}")

    # A later chapter's function: chapter 1 cannot use it, and the reason says so.
    later = work / "later"
    shutil.copytree(ROOT / "solutions", later / "later_chapter")
    sigmoid = later / "later_chapter" / "01-sigmoid" / "sigmoid.cpp"
    text = course_model.replace_gaps(sigmoid, lambda f: ["return xt::exp(log_sigmoid(z));"] if f.name == "sigmoid"
                                     else f.body)
    sigmoid.write_text(text.replace('#include "student/sigmoid.hpp"',
                                    '#include "student/sigmoid.hpp"\n#include "student/loss.hpp"', 1))
    results = grade(["--batch", str(later), "--chapters", "1", "--cache", str(args.cache),
                     "--json", str(work / "later.json")])
    first_chapter = results["later_chapter"]["chapters"][0]
    words = "log_sigmoid is chapter 5's: chapter 1 cannot use it"
    check(first_chapter["points"] == 0 and words in first_chapter["reason"],
          f"a call of chapter 5's log_sigmoid in chapter 1 scores 0 and says so: {first_chapter['reason']!r}")

    return check.summary("grader.fairness")


if __name__ == "__main__":
    sys.exit(main())
