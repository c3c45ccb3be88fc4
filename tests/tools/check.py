#!/usr/bin/env python3
"""The student's report for one chapter: every test, pass or fail, with expected vs. got, and the first
function to fix named in plain words. Used by `./course check N`."""
import argparse
import os
import pathlib
import sys
import textwrap

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import boost_junit  # noqa: E402
import course_model  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
COLOR = sys.stdout.isatty() and os.environ.get("NO_COLOR") is None


def paint(text, code):
    return f"\033[{code}m{text}\033[0m" if COLOR else text


def shown(path: pathlib.Path) -> str:
    """A path as the student types it: relative to the course when it lies inside."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("executable")
    parser.add_argument("--chapter-dir", required=True, type=pathlib.Path)
    parser.add_argument("--exercise-dir", required=True, type=pathlib.Path)
    parser.add_argument("--report", required=True, type=pathlib.Path)
    args = parser.parse_args()
    chapter = course_model.Course(args.chapter_dir.resolve().parents[1]).chapter(int(args.chapter_dir.name[:2]))
    number = chapter.number
    run = boost_junit.run(args.executable, args.report)

    print(paint(chapter.heading, "1") + f"   (your file: {shown(args.exercise_dir)}/)")
    for case in run.cases:
        label = f"{case.suite}: {case.name}"
        if case.ok:
            print(f"  {paint('pass', '32')}  {label}")
        else:
            print(f"  {paint('FAIL', '31')}  {label}")
            for line in case.message.splitlines():
                print(" " * 10 + line)
    if run.problem:
        print(paint(f"  The tests stopped early: {run.problem}.", "31"))
        if run.output.strip():
            print(textwrap.indent("\n".join(run.output.strip().splitlines()[-15:]), "    "))

    passed = sum(c.ok for c in run.cases)
    print(f"\n{passed} of {len(run.cases)} tests pass.")
    failing = [c for c in run.cases if not c.ok]
    if not failing and not run.problem and run.cases:
        print(paint(f"Chapter {number} is done.", "32"))
        return 0
    if failing:
        first = failing[0]
        function = first.suite
        path, line = course_model.definition(args.exercise_dir, function)
        place = f"{shown(path)}:{line}" if path else shown(args.exercise_dir)
        count = sum(c.suite == function for c in failing)
        print(paint(f"Next: fix `{function}` in {place}", "1;33") + f" ({count} of its tests fail). First problem:")
        print(textwrap.indent(first.message or "(no message)", "    "))
        hint = chapter.hint(function)
        if hint and hint.text:
            print(paint(f"\nHint (again with ./course hint {number}):", "1"))
            print(textwrap.indent(hint.text, "    "))
    return 1


if __name__ == "__main__":
    sys.exit(main())
