#!/usr/bin/env python3
"""`./course reset N [--yes]`: put chapter N's exercise files back as they were handed out, after asking (or
with --yes). What was there is kept first in exercises/.backup/NN-name-<date>-<time>/.
"""
import argparse
import pathlib
import shutil
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check  # noqa: E402
import course_model  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(prog="./course reset", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chapter", type=int)
    parser.add_argument("--yes", action="store_true", help="do not ask")
    args = parser.parse_args()
    course = course_model.Course()
    chapter = course.chapter(args.chapter)
    if not chapter.has_exercise:
        print(f"chapter {chapter.number} ({chapter.name}) has no exercise: nothing to reset.")
        return 0
    stubs = check.handed_out(course, chapter)
    if not stubs:
        print(f"reset: the files of chapter {chapter.number} as handed out are not in this copy "
              f"(.course/handed-out/{chapter.name}/): nothing changed.", file=sys.stderr)
        return 2
    folder = chapter.exercise_dir
    mine = sorted(folder.glob("*.cpp")) if folder.is_dir() else []
    if check.not_started(course, chapter):
        print(f"reset: chapter {chapter.number}'s files are already as handed out: nothing to do.")
        return 0
    names = ", ".join(check.shown(folder / name) for name in sorted(stubs))
    backup = course.exercises / ".backup" / f"{chapter.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"reset: this would replace {names} with the stubs as handed out; add --yes to do it.",
                  file=sys.stderr)
            return 2
        answer = input(f"Put back {names} as handed out? Your files are kept in {check.shown(backup)}/ [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("reset: nothing changed.")
            return 1
    if mine:
        backup.mkdir(parents=True, exist_ok=True)
        for path in mine:
            shutil.copy2(path, backup / path.name)
    folder.mkdir(parents=True, exist_ok=True)
    for path in mine:
        if path.name not in stubs:
            path.unlink()  # a file of the student's own (kept in the backup)
    for name, text in stubs.items():
        (folder / name).write_text(text)
    print(f"reset: chapter {chapter.number} is as handed out again ({names}).")
    if mine:
        print(f"reset: your files are kept in {check.shown(backup)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
