#!/usr/bin/env python3
"""`./course watch [N]`: check chapter N (or the first chapter not done) each time a file under exercises/ is
saved. When the chapter passes, it says so and moves on to the next chapter. Ctrl-C stops it.

It waits with inotifywait (Debian's inotify-tools, which `./course watch` installs), or, without it, by looking
at the files' times every POLL seconds. The screen is cleared before each check only on a terminal.
"""
import argparse
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check  # noqa: E402
import course_list  # noqa: E402
import course_model  # noqa: E402

POLL = 0.4  # seconds between two looks at the files' times
SETTLE = 0.3  # an editor may write a file in several steps: wait until it has been quiet this long


def watched(folder: pathlib.Path) -> dict:
    """The student's files and their times: every .cpp and .hpp under exercises/ (not backups)."""
    out = {}
    for path in folder.rglob("*"):
        if path.suffix in (".cpp", ".hpp") and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            try:
                stat = path.stat()
            except OSError:
                continue
            out[path] = (stat.st_mtime_ns, stat.st_size)
    return out


def changed(before: dict, after: dict) -> list:
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def wait_for_save(folder: pathlib.Path, before: dict) -> tuple:
    """Block until a student's file changes; (the files that changed, the new times). A file saved since
    `before` was taken (during the last check) counts at once."""
    inotify = shutil.which("inotifywait")
    while True:
        if not (inotify and wait_for_event(inotify, folder, before)):
            inotify = None  # no inotifywait, or it failed: look at the files' times instead
            time.sleep(POLL)
        now = watched(folder)
        if changed(before, now):
            # Let the editor finish writing.
            while True:
                time.sleep(SETTLE)
                later = watched(folder)
                if later == now:
                    break
                now = later
            return changed(before, now), now


def wait_for_event(inotify: str, folder: pathlib.Path, before: dict) -> bool:
    """Wait with inotifywait until a file under `folder` is written, moved, made or deleted, or at most 30 s
    (a folder made meanwhile is then watched too). Returns at once when a file has changed since `before`:
    that is looked at once the watches are set up, so that no save falls between the two. False when
    inotifywait fails (too many files to watch, say)."""
    proc = subprocess.Popen([inotify, "-r", "-t", "30", "-e", "close_write,moved_to,create,delete", "--exclude",
                             r"/\.", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if line.startswith("Watches established"):
                break
        if changed(before, watched(folder)):
            return True
        return proc.wait() in (0, 2)  # an event, or the time ran out
    finally:
        proc.stderr.close()
        if proc.poll() is None:
            proc.terminate()
            proc.wait()


def chapter_of_file(course, path: pathlib.Path):
    for chapter in course.exercise_chapters():
        if path.is_relative_to(chapter.exercise_dir):
            return chapter
    return None


def first_not_done(course):
    for chapter in course.exercise_chapters():
        result, _ = course_list.status(course, chapter, rebuild=False)
        if result is None or result.status != check.DONE:
            return chapter
    return None


def next_with_exercise(course, chapter):
    for later in course.exercise_chapters():
        if later.number > chapter.number:
            return later
    return None


def clear():
    if sys.stdout.isatty() and os.environ.get("TERM") != "dumb":
        sys.stdout.write("\033[2J\033[H")
        sys.stdout.flush()


def say(line=""):
    print(line, flush=True)


def watch(course, chapter):
    folder = course.exercises
    times = watched(folder)
    while True:
        # Read the course again: in a student's copy, a function written has left the list of stubs.
        course = course_model.Course(course.root)
        chapter = course.chapter(chapter.number)
        clear()
        say(check.paint(f"watch: {chapter.heading}. Save a file under exercises/ to check again; Ctrl-C stops.",
                        "2"))
        result = check.check(course, chapter, out=say)
        while result.status == check.DONE:
            say("")
            check.finished(course, chapter, out=say)
            following = next_with_exercise(course, chapter)
            if following is None:
                say("watch: every chapter is done. (Still watching: Ctrl-C stops.)")
                break
            chapter = following
            say("")
            say(check.paint(f"watch: on to {chapter.heading}.", "2"))
            result = check.check(course, chapter, out=say)
        say(check.paint(f"\nwatch: waiting for you to save a file (chapter {chapter.number}) …", "2"))
        files, times = wait_for_save(folder, times)
        # A file of another chapter saved: check that chapter.
        owners = [c for c in map(lambda p: chapter_of_file(course, p), files) if c is not None]
        if owners and all(c.number != chapter.number for c in owners):
            chapter = owners[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chapter", nargs="?", type=int)
    args = parser.parse_args()
    course = course_model.Course()
    # Ctrl-C stops, even when started from a shell that had it ignored (a background job of a script).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        if args.chapter is not None:
            chapter = course.chapter(args.chapter)
            if not chapter.has_exercise:
                print(f"chapter {chapter.number} ({chapter.name}) has no exercise: it is an appendix to read.")
                return 0
        else:
            chapter = first_not_done(course)
            if chapter is None:
                print("Every chapter is done. (./course watch N watches chapter N all the same.)")
                return 0
        watch(course, chapter)
    except KeyboardInterrupt:
        print("\nwatch: stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
