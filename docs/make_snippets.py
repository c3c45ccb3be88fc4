#!/usr/bin/env python3
"""The student's functions as the website's \\snippet shows them. A solution or a stub carries no snippet
markers of its own (one marker per function, its gap, is enough); this writes a copy of every file of
solutions/ and exercises/ with `//! [function]` around each student function (course_model.py finds them):

    OUT/solutions/NN-name/file.cpp   for the instructor edition (EXAMPLE_PATH)
    OUT/exercises/NN-name/file.cpp   for the student edition

Then every `\\snippet FILE TAG` of the chapters' texts must resolve in each edition, as Doxygen will
resolve it: FILE under the first folder of that edition's EXAMPLE_PATH that has it, TAG marking a block
there (twice). A snippet that does not is reported as README.md:line.

make_snippets.py --root REPO --solutions DIR --exercises DIR --out DIR --example-path DIR...
"""
import argparse
import pathlib
import re
import shutil
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "tools"))
import course_model  # noqa: E402

SNIPPET = re.compile(r"\\snippet(?:\{[^}]*\})?\s+(\S+)\s+(\S+)")


def snippets(course):
    """Every \\snippet of the chapters' texts: (README.md, line number, file, tag)."""
    for chapter in course.chapters:
        for number, line in enumerate(chapter.readme.read_text().splitlines(), 1):
            for m in SNIPPET.finditer(line):
                yield chapter.readme, number, m[1], m[2]


def write_copies(course, out):
    """The marked copies of both editions; in a student's copy (no solutions) both come from exercises/."""
    wanted = {}  # file name (as a \snippet names it) -> the tags asked for
    for _, _, name, tag in snippets(course):
        wanted.setdefault(name, set()).add(tag)
    for edition, folder in (("solutions", course.solutions if course.has_solutions else course.exercises),
                            ("exercises", course.exercises)):
        shutil.rmtree(out / edition, ignore_errors=True)
        for chapter in course.exercise_chapters():
            for path in sorted((folder / chapter.name).glob("*.cpp")):
                copy = out / edition / chapter.name / path.name
                copy.parent.mkdir(parents=True, exist_ok=True)
                # A function the student has written has no gap left: the tags the text asks for find it.
                tags = wanted.get(f"{chapter.name}/{path.name}", ())
                copy.write_text(course_model.with_snippet_markers(path, tags))


def unresolved(course, example_path):
    """The \\snippets that Doxygen would not find with this EXAMPLE_PATH, as `README.md:line: why`."""
    problems = []
    for readme, number, name, tag in snippets(course):
        found = next((folder / name for folder in example_path if (folder / name).is_file()), None)
        if found is None:
            problems.append(f"{readme}:{number}: \\snippet {name} {tag}: no {name} in "
                            f"{', '.join(str(f) for f in example_path)}")
        elif found.read_text().count(f"[{tag}]") != 2:
            problems.append(f"{readme}:{number}: \\snippet {name} {tag}: {found} does not mark a block "
                            f"`//! [{tag}]` (twice)")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=pathlib.Path, required=True)
    parser.add_argument("--solutions", type=pathlib.Path, required=True)
    parser.add_argument("--exercises", type=pathlib.Path, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--example-path", type=pathlib.Path, nargs="*", default=[],
                        help="the rest of EXAMPLE_PATH, after the edition's copies")
    args = parser.parse_args()
    course = course_model.Course(args.root, args.solutions, args.exercises)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    (out / "snippets.stamp").unlink(missing_ok=True)
    write_copies(course, out)
    problems = []
    for edition in ("solutions", "exercises"):
        problems += unresolved(course, [out / edition, *args.example_path])
    for line in dict.fromkeys(problems):
        print(line, file=sys.stderr)
    if problems:
        return 1
    (out / "snippets.stamp").write_text("")
    return 0


if __name__ == "__main__":
    sys.exit(main())
