#!/usr/bin/env python3
"""What the Gradescope bundle's run_autograder does for each submission (as root, in /autograder).

Gradescope's "Autograder Specifications" (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
the student's files are in /autograder/submission/, and /autograder/results/results.json must hold the result.

  1. Check that the image's permissions hold (setup.sh set them): the worker user course-worker1 can read none
     of the solutions, hidden tests, grader or build, and can neither list the results folder nor write it or
     the course.
     If it can, nothing is graded (a results.json says why).
  2. Find what to grade in /autograder/submission/: chapter folders (01-sigmoid/ …), a copy of the course with
     an exercises/ folder, one archive (what `./course submit` makes), or the exercise files dropped in flat
     (sigmoid.cpp, loss.cpp …: each put in the chapter whose exercise has that name).
  3. Grade it with ./course grade in the sandbox "uid", with the hidden tests of tests/hidden/ if any (their
     seed picked now and written in the log, or COURSE_SEED's), and write Gradescope's results.json (checked by gradescope_schema.problems). If grading fails, the results.json
     says so (score 0, "not graded") and the log is in Gradescope's stdout for the instructors.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import archive  # noqa: E402
import course_model  # noqa: E402
import gradescope_schema  # noqa: E402
import sandbox  # noqa: E402

AUTOGRADER = pathlib.Path("/autograder")
SUBMISSION = AUTOGRADER / "submission"
RESULTS = AUTOGRADER / "results"
CACHE = ROOT / "build-grader"
HIDDEN = ROOT / "tests" / "hidden"


class NotGraded(Exception):
    pass


def say(text: str):
    print(f"run_autograder: {text}", flush=True)


def secrets() -> list:
    """What a worker must not read: the solutions, hidden tests, grader, the cache's build (every file)."""
    paths = [ROOT / "solutions", HIDDEN, ROOT / "tests" / "grader", CACHE / "CMakeCache.txt", CACHE / "tests"]
    paths += [p for folder in (ROOT / "solutions", HIDDEN) if folder.is_dir() for p in folder.rglob("*")]
    paths += sorted(CACHE.glob("lib*.a"))
    return [p for p in paths if p.exists()]


def closed_to_workers() -> list:
    """What the first worker user can read of the secrets, or write of the course and the results."""
    users = sandbox.worker_users()
    if not users:
        return [f"no worker users ({sandbox.WORKER_USER}1 …): setup.sh did not run"]
    uid, gid = users[0]
    script = 'for p in "$@"; do case "$p" in w:*) [ -w "${p#w:}" ] && echo "writes ${p#w:}";; ' \
             '*) [ -r "$p" ] && echo "reads $p";; esac; done; true'
    args = [str(p) for p in [*secrets(), RESULTS]] + [f"w:{p}" for p in (ROOT, CACHE, RESULTS, CACHE / "work")]
    proc = subprocess.run(["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--",
                           "/bin/sh", "-c", script, "sh", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    return [f"{sandbox.WORKER_USER}1 {line}" for line in proc.stdout.splitlines() if line.strip()]


def to_grade(staging: pathlib.Path):
    """The folder or archive to grade, and a note for the student (or "")."""
    entries = sorted(p for p in SUBMISSION.iterdir() if not p.name.startswith("."))
    chapters = [p for p in entries if p.is_dir() and p.match(course_model.CHAPTER_GLOB)]
    if chapters or (SUBMISSION / "exercises").is_dir():
        return SUBMISSION, ""
    archives = [p for p in entries if archive.is_archive(p)]
    if len(archives) == 1:
        return archives[0], ""
    # Files dropped in flat: each into the chapter whose exercise has its name.
    owner = {p.name: c.name for c in course_model.Course(ROOT).exercise_chapters()
             for p in (ROOT / "exercises" / c.name).iterdir()}
    placed, ignored = [], []
    shutil.rmtree(staging, ignore_errors=True)
    for p in entries:
        if p.name in owner:
            (staging / owner[p.name]).mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, staging / owner[p.name] / p.name, follow_symlinks=False)  # a link stays a link (refused)
            placed.append(f"{p.name} → {owner[p.name]}/")
        else:
            ignored.append(p.name)
    if not placed:
        raise NotGraded(f"the submission has no chapter folders (01-sigmoid/ …), no archive and no exercise file "
                        f"(found: {', '.join(p.name for p in entries) or 'nothing'}). Upload the zip that "
                        f"./course submit writes.")
    note = "Your files, by chapter: " + ", ".join(placed)
    if ignored:
        note += f". Not graded (no exercise has these names): {', '.join(ignored)}"
    return staging, note


def grade(target: pathlib.Path, results: pathlib.Path, meta: pathlib.Path):
    command = [sys.executable, str(HERE / "grade.py"), str(target), "--cache", str(CACHE), "--sandbox", "uid",
               "--gradescope", str(results), "--json", str(meta), "--quiet"]
    if HIDDEN.is_dir() and any(HIDDEN.rglob("*.cpp")):
        command += ["--hidden-tests", str(HIDDEN)]
        # The seed the hidden tests draw their inputs from: a new one each time (in the log), unless
        # COURSE_SEED names one (the same inputs again: a grading of the log's seed redone).
        if os.environ.get("COURSE_SEED"):
            command += ["--seed", os.environ["COURSE_SEED"]]
    say("$ " + " ".join(command))
    proc = subprocess.run(command)
    if proc.returncode != 0:
        raise NotGraded(f"the grader stopped with exit code {proc.returncode}")
    mode = json.loads(meta.read_text()).get("sandbox")
    if mode != "uid":
        raise NotGraded(f"the grader ran in the sandbox {mode!r}, not 'uid'")


def main() -> int:
    started = time.monotonic()
    RESULTS.mkdir(parents=True, exist_ok=True)
    os.chown(RESULTS, 0, 0)
    RESULTS.chmod(0o700)  # the workers may neither list nor write it (Gradescope reads it as root)
    out = RESULTS / "results.json"
    work = CACHE / "work" / f"gradescope-{os.getpid()}"
    try:
        if not SUBMISSION.is_dir():
            raise NotGraded(f"no {SUBMISSION}")
        problems = closed_to_workers()
        if problems:
            for line in problems:
                say(f"error: {line}")
            raise NotGraded("the autograder's image is not closed to student code (run setup.sh again)")
        work.mkdir(parents=True, exist_ok=True)
        target, note = to_grade(work / "flat")
        out.unlink(missing_ok=True)
        grade(target, out, work / "grade.json")
        data = json.loads(out.read_text())
        data["execution_time"] = round(time.monotonic() - started, 1)
        if note:
            data["output"] = note + "\n\n" + data.get("output", "")
        problems = gradescope_schema.problems(data)
        if problems:
            raise NotGraded("the grader's results.json breaks Gradescope's format: " + "; ".join(problems))
    except (NotGraded, OSError, ValueError) as e:
        say(f"not graded: {e}")
        data = {"score": 0.0, "execution_time": round(time.monotonic() - started, 1),
                "output": f"Not graded: {e}\nThis is not your score: your instructors see the autograder's log."}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    say(f"{out}: score {data['score']} ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
