#!/usr/bin/env python3
"""The test of `./course release` (a CTest test): the students' copy has no solutions/, hidden tests or
grader, has every exercise, knows its chapters and functions without the solutions (the chapter model finds
them in the stubs), and configures on its own (CMake then builds every chapter from exercises/)."""
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "tools"))
import course_model  # noqa: E402


def main() -> int:
    out = pathlib.Path(sys.argv[1]).resolve()
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, str(HERE / "release.py"), str(out), "--no-website", "--no-git"], check=True)
    failed = checks = 0

    def check(ok, what):
        nonlocal failed, checks
        checks += 1
        print(("ok    " if ok else "FAIL  ") + what)
        failed += not ok

    for gone in ("solutions", "tests/grader", "tests/grading.toml", "tests/hidden"):
        check(not (out / gone).exists(), f"no {gone} in the students' copy")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], stdout=subprocess.PIPE, text=True).stdout.strip()
    if head:
        record = out / ".course-release"
        check(record.is_file() and f"commit {head}\n" in record.read_text(),
              f"the copy records the version it was made from in .course-release (commit {head[:12]})")
    forged = [p for p in out.rglob("*") if "forger" in p.name.lower() or "FORGERY" in
              (p.read_text(errors="replace") if p.is_file() and p.suffix in (".cpp", ".hpp") else "")]
    check(not forged, f"no forgery of the grader's self-test in the students' copy {forged[:3]}")
    exercises = sorted(p.relative_to(ROOT) for p in (ROOT / "exercises").rglob("*.cpp"))
    check(all((out / e).is_file() for e in exercises), f"every exercise is there ({len(exercises)} files)")
    check((out / "course").is_file() and (out / "tests" / "support").is_dir(), "the course script and tests/support")
    workflow = out / ".github" / "workflows" / "classroom.yml"
    proc = subprocess.run([sys.executable, str(HERE / "test_classroom.py"), str(workflow)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True) if workflow.is_file() else None
    check(proc is not None and proc.returncode == 0, "the copy has GitHub Classroom's workflow, and it is valid"
                                                     + (f":\n{proc.stdout}" if proc and proc.returncode else ""))
    check((out / "tests" / "tools" / "submit.py").is_file(), "the copy has ./course submit (tests/tools/submit.py)")
    model = [sys.executable, str(out / "tests" / "tools" / "course_model.py"), "chapters"]
    theirs = subprocess.run(model, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    model[1] = str(HERE.parent / "tools" / "course_model.py")
    ours = subprocess.run(model, stdout=subprocess.PIPE, text=True).stdout
    check(theirs == ours, "the chapter model in the students' copy finds every chapter and function in the stubs"
                          + ("" if theirs == ours else f":\n{theirs}\ninstead of\n{ours}"))
    build = out / "build"
    proc = subprocess.run(["cmake", "--preset", "default", "-S", str(out), "-B", str(build), "-DCOURSE_DOCS=OFF"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(proc.returncode == 0, "CMake configures the students' copy" + ("" if proc.returncode == 0 else ":\n" + proc.stdout))
    targets = subprocess.run(["cmake", "--build", str(build), "--target", "help"], stdout=subprocess.PIPE,
                             text=True).stdout
    chapters = [c.nn for c in course_model.Course(ROOT).exercise_chapters() if c.tests_dir.is_dir()]
    check(all(f"test{nn}_exercises" in targets for nn in chapters), "./course check N has its target for every chapter")
    print(f"release: {checks - failed} passed, {failed} failed")
    shutil.rmtree(out, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
