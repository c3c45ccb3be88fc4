#!/usr/bin/env python3
"""Make exercises/ from solutions/: every gap of a solution (course_model.py has the markers) becomes a
stub that throws "not implemented yet: <function> (chapter N)". Everything outside the gaps is copied as it
is, so an exercise differs from its solution only inside the gaps.

    make_stubs.py            write exercises/ (overwrites it: for the course's authors only)
    make_stubs.py --check    fail if exercises/ differs from what would be written
"""
import argparse
import difflib
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import course_model  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    course = course_model.Course()
    root = course.root
    wrong = checked = 0
    wanted_files = set()
    for chapter in course.exercise_chapters():
        for solution in sorted(chapter.solution_dir.glob("*.cpp")):
            exercise = chapter.exercise_dir / solution.name
            wanted_files.add(exercise)
            checked += 1
            wanted = course_model.replace_gaps(
                solution, lambda function: course_model.stub_lines(function.name, chapter.number))
            if not course_model.functions_in(solution):
                print(f"{solution.relative_to(root)}: no gap: nothing for the student to write", file=sys.stderr)
                wrong += 1
            if args.check:
                have = exercise.read_text() if exercise.exists() else ""
                if have != wanted:
                    wrong += 1
                    diff = difflib.unified_diff(have.splitlines(True), wanted.splitlines(True),
                                                str(exercise.relative_to(root)), "generated from the solution")
                    sys.stdout.writelines(diff)
            else:
                exercise.parent.mkdir(parents=True, exist_ok=True)
                exercise.write_text(wanted)
    for extra in sorted(set(course.exercises.glob("*/*.cpp")) - wanted_files):
        print(f"{extra.relative_to(root)} has no solution counterpart", file=sys.stderr)
        wrong += 1
    if args.check:
        print(f"{checked} exercise files checked against their solutions, {wrong} differ")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
