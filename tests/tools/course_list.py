#!/usr/bin/env python3
"""`./course list`: one line per chapter (done, n of m tests pass, not started, does not compile), its title
and what to write, and a bar across the course. Quick: a chapter whose files are as handed out is not
started without a build, and a chapter whose files have not changed since its last check (check.py keeps
the results) is not built again; only the others are built and run.
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check  # noqa: E402
import course_model  # noqa: E402


def status(course, chapter, rebuild=True):
    """(Result, whether it was remembered): the chapter's result without a build where possible."""
    if not chapter.has_exercise:
        return check.Result(chapter.number, check.APPENDIX), True
    if check.not_started(course, chapter):
        return check.Result(chapter.number, check.NOT_STARTED), True
    result = check.remembered(course, chapter)
    if result is not None or not rebuild:
        return result, True
    return check.check(course, chapter, out=lambda line: None), False


def to_write(course, chapter) -> str:
    """The functions the student writes in the chapter (in a student's copy: those of the files handed out,
    or else those still a stub)."""
    names = [f.name for f in chapter.functions]
    kept = course.root / ".course" / "handed-out" / chapter.name
    if not course.has_solutions and kept.is_dir():
        names = [f.name for path in sorted(kept.glob("*.cpp")) for f in course_model.functions_in(path)]
    return ", ".join(names)


def bar(done: int, total: int, width=30) -> str:
    filled = round(width * done / total) if total else width
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--test", action="store_true",
                        help="build and run every started chapter again (a student's ./course test); "
                             "exit status 1 unless every chapter is done")
    args = parser.parse_args()
    course = course_model.Course()
    if args.test:
        print("Every chapter's tests against your exercises/ (the details of one: ./course check N)")
    chapters = course.chapters
    title_width = max(len(c.title) for c in chapters)
    done = 0
    first_open = None
    for chapter in chapters:
        if args.test and chapter.has_exercise and not check.not_started(course, chapter):
            result = check.check(course, chapter, out=lambda line: None)
        else:
            result, _ = status(course, chapter)
        words = "an appendix to read" if result.status == check.APPENDIX else result.words()
        mark = {check.DONE: "✓", check.APPENDIX: " "}.get(result.status, "·")
        write = to_write(course, chapter) if result.status not in (check.DONE, check.APPENDIX) else ""
        print(f"{mark} {chapter.number:2}  {chapter.title:<{title_width}}  {words:<30}  {write}".rstrip())
        done += result.status == check.DONE
        if first_open is None and result.status not in (check.DONE, check.APPENDIX):
            first_open = chapter
    exercises = len(course.exercise_chapters())
    print(f"\n{bar(done, exercises)} {done} of {exercises} chapters done")
    if first_open:
        print(f"Next: ./course watch {first_open.number}   ({first_open.heading})")
    else:
        print("Every chapter is done. Well done.")
    return 1 if args.test and first_open else 0


if __name__ == "__main__":
    sys.exit(main())
