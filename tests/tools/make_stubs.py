#!/usr/bin/env python3
"""Make exercises/ from solutions/: every gap between the markers

    // BEGIN SOLUTION <function>
    ...
    // END SOLUTION

becomes a stub that throws "not implemented yet: <function> (chapter N)". Everything outside the
gaps is copied as it is, so an exercise differs from its solution only inside the gaps.

    make_stubs.py            write exercises/ (overwrites it: for the course's authors only)
    make_stubs.py --check    fail if exercises/ differs from what would be written
"""
import argparse
import difflib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BEGIN = re.compile(r"^(?P<indent>\s*)// BEGIN SOLUTION (?P<function>\w+)\s*$")
END = re.compile(r"^\s*// END SOLUTION\s*$")


def chapter_number(path: pathlib.Path) -> int:
    return int(path.relative_to(ROOT / "solutions").parts[0][:2])


def stub(path: pathlib.Path) -> str:
    """The exercise made from one solution file."""
    out, gap = [], None
    for number, line in enumerate(path.read_text().splitlines(keepends=True), 1):
        begin = BEGIN.match(line)
        if begin:
            if gap:
                sys.exit(f"{path}:{number}: BEGIN SOLUTION inside the gap opened at line {gap}")
            gap = number
            indent, function = begin["indent"], begin["function"]
            out.append(f"{indent}// TODO: write {function} here, then run: ./course check {chapter_number(path)}\n")
            out.append(f'{indent}throw not_implemented("{function}", {chapter_number(path)});\n')
        elif END.match(line):
            if not gap:
                sys.exit(f"{path}:{number}: END SOLUTION without a BEGIN SOLUTION")
            gap = None
        elif not gap:
            out.append(line)
    if gap:
        sys.exit(f"{path}:{gap}: BEGIN SOLUTION is never closed")
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    solutions = sorted((ROOT / "solutions").glob("*/*.cpp"))
    wrong = 0
    for solution in solutions:
        exercise = ROOT / "exercises" / solution.relative_to(ROOT / "solutions")
        wanted = stub(solution)
        if "BEGIN SOLUTION" not in solution.read_text():
            print(f"{solution.relative_to(ROOT)}: no gap (no // BEGIN SOLUTION marker)", file=sys.stderr)
            wrong += 1
        if args.check:
            have = exercise.read_text() if exercise.exists() else ""
            if have != wanted:
                wrong += 1
                diff = difflib.unified_diff(have.splitlines(True), wanted.splitlines(True),
                                            str(exercise.relative_to(ROOT)), "generated from the solution")
                sys.stdout.writelines(diff)
        else:
            exercise.parent.mkdir(parents=True, exist_ok=True)
            exercise.write_text(wanted)
    exercises = sorted((ROOT / "exercises").glob("*/*.cpp"))
    for extra in set(exercises) - {ROOT / "exercises" / s.relative_to(ROOT / "solutions") for s in solutions}:
        print(f"{extra.relative_to(ROOT)} has no solution counterpart", file=sys.stderr)
        wrong += 1
    if args.check:
        print(f"{len(solutions)} exercise files checked against their solutions, {wrong} differ")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
