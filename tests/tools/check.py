#!/usr/bin/env python3
"""The student's report for one chapter: every test, pass or fail, with expected vs. got, and the first
function to fix named in plain words. Used by `./course check N`."""
import argparse
import os
import pathlib
import re
import sys
import textwrap

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import boost_junit  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
COLOR = sys.stdout.isatty() and os.environ.get("NO_COLOR") is None


def paint(text, code):
    return f"\033[{code}m{text}\033[0m" if COLOR else text


def chapter_title(chapter_dir: pathlib.Path) -> str:
    """'Chapter 1: The sigmoid' from the first heading of the chapter's text."""
    text = chapter_dir / "README.md"
    if text.exists():
        for line in text.read_text().splitlines():
            if line.startswith("# "):
                return re.sub(r"\s*\{#\w+\}\s*$", "", line[2:]).strip()
    return chapter_dir.name


def where_defined(function: str, exercise_dir: pathlib.Path):
    """The exercise file and line where the function's body starts."""
    pattern = re.compile(rf"^\S.*\b{re.escape(function)}\s*\(")
    for path in sorted(exercise_dir.glob("*.cpp")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.match(line) and not line.rstrip().endswith(";"):
                return path, number
    return None, None


def hint_for(function: str, hint_file: pathlib.Path) -> str:
    """The '## function' section of the chapter's hint.md, or the whole file."""
    if not hint_file.exists():
        return ""
    text = hint_file.read_text()
    sections = re.split(r"^## ", text, flags=re.M)
    for section in sections[1:]:
        title, _, body = section.partition("\n")
        if title.strip().strip("`") == function:
            return body.strip()
    return text.strip()


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
    number = int(args.chapter_dir.name[:2])
    run = boost_junit.run(args.executable, args.report)

    print(paint(f"{chapter_title(args.chapter_dir)}", "1") + f"   (your file: {shown(args.exercise_dir)}/)")
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
        path, line = where_defined(function, args.exercise_dir)
        place = f"{shown(path)}:{line}" if path else shown(args.exercise_dir)
        count = sum(c.suite == function for c in failing)
        print(paint(f"Next: fix `{function}` in {place}", "1;33") + f" ({count} of its tests fail). First problem:")
        print(textwrap.indent(first.message or "(no message)", "    "))
        hint = hint_for(function, args.chapter_dir / "hint.md")
        if hint:
            print(paint(f"\nHint (again with ./course hint {number}):", "1"))
            print(textwrap.indent(hint, "    "))
    return 1


if __name__ == "__main__":
    sys.exit(main())
