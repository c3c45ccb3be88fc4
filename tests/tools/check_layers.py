#!/usr/bin/env python3
"""The course's one dependency rule, checked on every #include (ARCHITECTURE.md draws it):

    src/base/                 includes only src/base/: it calls no chapter
    src/student/NAME.hpp      chapter k's API: src/base/, the course code of chapters ≤ k, the API of chapters < k
    src/course/NN-name/       chapter k's course code: src/base/, the course code and the API of chapters ≤ k
    solutions/, exercises/    chapter k's student code: the same as chapter k's course code
    chapters/NN-name/         chapter k's program: anything of chapters ≤ k (an appendix without an
                              exercise: every chapter), and its own folder
    tests/NN-name/            chapter k's tests: the same, and tests/support/
    tests/support/, tests/toolchain/   src/base/ and tests/support/

An include that points up (to a later chapter, or from src/base/ into a chapter) is reported with its file
and line. CMake enforces the same rule when it links: each program links only the chapters up to its own.

    check_layers.py [ROOT]     exit 1 and one line per broken include; ROOT defaults to this course
"""
import pathlib
import re
import sys

import course_model

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
NAMES = {"base": "src/base/ code", "student": "API (src/student/)", "course": "course code",
         "code": "student code", "program": "program", "test": "tests", "support": "test support"}


def chapter_numbers(course: course_model.Course) -> dict:
    """Chapter folder name -> number, and the file name of the chapter's API header -> number."""
    numbers = {}
    for c in course.chapters:
        numbers[c.name] = numbers[c.api_header.name] = c.number
    return numbers


def layer_of(root: pathlib.Path, path: pathlib.Path, numbers: dict):
    """(layer, chapter) of a file: layer is base, student, course, code (solutions/exercises), program or
    test; chapter is its number, or None for base and support."""
    rel = path.relative_to(root).parts
    if rel[0] == "src":
        if rel[1] == "base":
            return "base", None
        if rel[1] == "student":
            return "student", numbers.get(rel[2])
        if rel[1] == "course":
            return "course", numbers.get(rel[2])
    if rel[0] in ("solutions", "exercises"):
        return "code", numbers.get(rel[1])
    if rel[0] == "chapters":
        return "program", numbers.get(rel[1])
    if rel[0] == "tests":
        if rel[1] in ("support", "toolchain"):
            return "support", None
        if rel[1:3] == ("grader", "rpc"):
            return None, None  # the judge and the worker serve whichever chapter is graded
        # tests/NN-name/, or hidden tests in a folder of their own (tests/grader/fixtures/hidden/NN-name/)
        chapter = next((numbers[part] for part in rel[1:-1] if part in numbers), None)
        return "test", chapter
    return None, None


def target_of(root: pathlib.Path, source: pathlib.Path, include: str, numbers: dict):
    """(layer, chapter) of the file an include names, or None for a file outside the course's layers."""
    if include.startswith("base/"):
        return "base", None
    if include.startswith("student/"):
        return "student", numbers.get(include.split("/")[1])
    if include.startswith("course/"):
        return "course", numbers.get(include.split("/")[1])
    if (source.parent / include).exists():
        return layer_of(root, (source.parent / include).resolve(), numbers)
    if (root / "tests" / "support" / include).exists():
        return "support", None
    return "unknown", None


def allowed(src_layer, k, dst_layer, j, appendix: bool) -> bool:
    if dst_layer == "base":
        return True
    if src_layer == "base":
        return False
    if dst_layer == "support":
        return src_layer in ("test", "support")
    if src_layer == "support":
        return False
    if appendix and src_layer == "program":
        return True
    if j is None or k is None:
        return False
    if src_layer == "student":
        return j <= k if dst_layer == "course" else j < k
    if src_layer in ("course", "code", "program", "test"):
        return j <= k and dst_layer in ("student", "course", "program", "test")
    return False


def check(root: pathlib.Path) -> list:
    course = course_model.Course(root)
    numbers = chapter_numbers(course)
    with_exercise = {c.number for c in course.exercise_chapters()}
    problems = []
    files = [p for d in ("src", "solutions", "exercises", "chapters", "tests") if (root / d).is_dir()
             for p in sorted((root / d).rglob("*")) if p.suffix in (".hpp", ".cpp")]
    for path in files:
        src_layer, k = layer_of(root, path, numbers)
        if src_layer is None:
            continue
        if src_layer in ("student", "course", "code", "program", "test") and k is None:
            problems.append(f"{path.relative_to(root)}: not in a chapter's folder (chapters/NN-name/ names them)")
            continue
        appendix = src_layer == "program" and k not in with_exercise
        text = path.read_text()
        for m in INCLUDE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            dst_layer, j = target_of(root, path, m.group(1), numbers)
            if dst_layer == "unknown":
                problems.append(f"{path.relative_to(root)}:{line}: #include \"{m.group(1)}\": not a file of "
                                "the course's layers (src/base/, src/student/, src/course/NN-name/)")
            elif not allowed(src_layer, k, dst_layer, j, appendix):
                what = f"chapter {j}'s {NAMES[dst_layer]}" if j else NAMES[dst_layer]
                where = f"chapter {k}'s {NAMES[src_layer]}" if k else NAMES[src_layer]
                problems.append(f"{path.relative_to(root)}:{line}: #include \"{m.group(1)}\": {where} may not "
                                f"use {what} (includes point down: to src/base/ and to chapters up to its own)")
    return problems


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    problems = check(root.resolve())
    for p in problems:
        print(p)
    print(f"check_layers: {len(problems)} include(s) against the rule" if problems else
          "check_layers: every include points down the layers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
