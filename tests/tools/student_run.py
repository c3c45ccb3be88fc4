#!/usr/bin/env python3
"""`./course run` in a student's copy: run the program of each chapter done, in order, and for the first
chapter not done say what to do next. A chapter not done yet is where the student is, not an error: the exit
status is 0 unless a finished chapter's program fails.
"""
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check  # noqa: E402
import course_list  # noqa: E402
import course_model  # noqa: E402


def main() -> int:
    course = course_model.Course()
    for chapter in course.chapters:
        if chapter.has_exercise:
            result, _ = course_list.status(course, chapter)
            if result.status != check.DONE:
                how = "not started" if result.status == check.NOT_STARTED else result.words()
                print(check.paint(f"== {chapter.heading}: not done yet ({how})", "1"))
                print(f"Next: ./course watch {chapter.number}   (read {check.page_of(course, chapter)}; "
                      f"a hint: ./course hint {chapter.number})")
                return 0
        log = check.build_dir(course) / "results" / "student" / f"program-{chapter.nn}.log"
        program = check.program_path(course, chapter)
        if not check.build(course, [f"ch{chapter.nn}"], log, f"chapter {chapter.number}'s program"):
            print(f"course: chapter {chapter.number}'s program does not build (its log: {check.shown(log)})")
            return 1
        if not program.is_file():
            continue
        print(check.paint(f"== {chapter.heading}: {check.shown(program)}", "1"), flush=True)
        if subprocess.run([str(program)]).returncode != 0:
            print(f"course: {check.shown(program)} failed (above)")
            return 1
    print("Every chapter is done, and every program ran. Well done.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
