#!/usr/bin/env python3
"""A class of N distinct full submissions, to time `./course grade --batch` (issue 18 §3) and to test it.

    tests/grader/make_class.py N OUT_DIR      OUT_DIR/student-00/, student-01/, … and OUT_DIR/.class.json

Every student writes every chapter, and no two students' files compile to the same object: each chapter is
the solution (or, every other chapter, the correct alternative of tests/grader/fixtures/alternatives/: other
formulas, loops instead of expressions), and each student function starts with a local of the student's own,
`[[maybe_unused]] volatile int student = K;` (a store the compiler must keep: the object differs from every
other student's). Some students make a mistake, in a chapter that rotates with the student:
  wrong          students 1, 11, 21, …: one function returns a wrong value   -> that chapter loses points
  compile error  students 2, 12, 22, …: a line that is not C++               -> that chapter scores 0
  endless loop   student 2 only: a function that never returns               -> that chapter scores 0
(student 2 has both, in two chapters). The others score 100. OUT_DIR/.class.json says, for each student,
which chapters lose points and why; the folder's name starts with a dot, so `--batch` does not take it for a
submission. The fixtures are under tests/grader/, which `./course release` leaves out.
"""
import argparse
import json
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "tools"))
import course_model  # noqa: E402

ALTERNATIVES = HERE / "fixtures" / "alternatives"
# A wrong value in one function: (file, the solution's line, the student's line).
WRONG = {
    "01-sigmoid": ("sigmoid.cpp", "return s * (1.0 - s);", "return s * (1.0 - s) + 1e-3;"),
    "02-activations": ("activations.cpp", "return xt::where(z > 0.0, 1.0, 0.0);",
                       "return xt::where(z >= 0.0, 1.0, 0.0);"),
    "04-theta": ("theta.cpp", "size += (c[l - 1] + 1) * c[l];", "size += c[l - 1] * (c[l] + 1);"),
}
NOT_CPP = "this_is_not_cpp(at, all);"
# It spins, as a student's loop does (it takes a processor until the time limit ends it) ...
ENDLESS = "for (volatile unsigned long spin = 0;; spin = spin + 1) {}"
# ... or, in the CTest tests (this one's and grader.selftest's), waits forever: the same verdict, without taking a
# processor from the tests beside it (with WAITS_INCLUDES).
WAITS = "for (;;) { std::this_thread::sleep_for(std::chrono::milliseconds(10)); }"
WAITS_INCLUDES = "#include <chrono>\n#include <thread>\n"
ENDLESS_STUDENT = 2


def own_code(path: pathlib.Path, functions: list, student: int, first_line: dict) -> str:
    """The file with, at the top of each student function's body, the student's own local (and the first line
    given for a function, if any)."""
    lines = path.read_text().splitlines(keepends=True)
    inserts = []
    for name in functions:
        function = course_model.function_named(path, name)
        if function is None:
            raise SystemExit(f"make_class: {name} not found in {path}")
        brace = next(i for i in range(function.signature, function.end) if lines[i].rstrip() == "{")
        extra = [first_line[name]] if name in first_line else []
        inserts.append((brace + 1, [f"    [[maybe_unused]] volatile int student = {student};\n",
                                    *(f"    {code}\n" for code in extra)]))
    for at, code in sorted(inserts, reverse=True):
        lines[at:at] = code
    return "".join(lines)


def make(n: int, out: pathlib.Path, spin: bool = True) -> dict:
    """The class in out; spin=False: the endless loop waits rather than spins."""
    course = course_model.Course(ROOT)
    chapters = [c for c in course.exercise_chapters() if (ROOT / "solutions" / c.name).is_dir()]
    names = [c.name for c in chapters]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    expected = {}
    for k in range(n):
        student = f"student-{k:02d}"
        faults = {}  # chapter -> (kind, function, first line, or a replacement)
        if k % 10 == 1:
            chapter = list(WRONG)[(k // 10) % len(WRONG)]
            faults[chapter] = "wrong"
        if k % 10 == 2:
            faults[names[(3 + k // 10) % len(names)]] = "compile error"
        if k == ENDLESS_STUDENT:
            faults[next(name for name in names[1:] if name not in faults)] = "endless loop"
        for number, chapter in enumerate(chapters):
            folder = out / student / chapter.name
            folder.mkdir(parents=True)
            fault = faults.get(chapter.name)
            alternative = ALTERNATIVES / chapter.name
            base = alternative if (k + number) % 2 and alternative.is_dir() and not fault else \
                ROOT / "solutions" / chapter.name
            for i, src in enumerate(sorted((ROOT / "solutions" / chapter.name).glob("*.cpp"))):
                functions = [f.name for f in course_model.functions_in(src)]
                first_line = {}
                if fault in ("compile error", "endless loop") and i == 0:
                    # (In the chapter's first function: called by the chapter's own tests, not only later.)
                    first_line[functions[0]] = NOT_CPP if fault == "compile error" else ENDLESS if spin else WAITS
                text = own_code(base / src.name, functions, k, first_line)
                if WAITS in first_line.values():
                    text = WAITS_INCLUDES + text
                if fault == "wrong" and src.name == WRONG[chapter.name][0]:
                    _, right, wrong = WRONG[chapter.name]
                    if right not in text:
                        raise SystemExit(f"make_class: {src}: no line {right!r} to make wrong")
                    text = text.replace(right, wrong, 1)
                (folder / src.name).write_text(text)
        expected[student] = faults
    (out / ".class.json").write_text(json.dumps({"students": expected, "chapters": names}, indent=1) + "\n")
    return expected


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("n", type=int, help="how many students")
    p.add_argument("out", type=pathlib.Path, help="the class's folder (made anew)")
    args = p.parse_args(argv)
    if args.n < 1:
        p.error("N must be at least 1")
    expected = make(args.n, args.out)
    faulty = {s: f for s, f in expected.items() if f}
    print(f"make_class: {args.n} submissions in {args.out}; with mistakes: "
          + (", ".join(f"{s} ({', '.join(f'{c} {k}' for c, k in f.items())})" for s, f in faulty.items()) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
