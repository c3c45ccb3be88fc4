#!/usr/bin/env python3
"""The Gradescope bundle in a simulated Gradescope (CTest grader.gradescope).

A throwaway root is composed with bubblewrap from this machine's own /usr, as Gradescope lays it out
("Autograder Specifications", https://gradescope-autograders.readthedocs.io/en/latest/specs/): the zip
unpacked in /autograder/source, setup.sh run there once as root, run_autograder copied to /autograder/, and
for each submission /autograder/submission/ filled and /autograder/run_autograder run (as root, in
/autograder), its /autograder/results/results.json checked against the fields Gradescope documents
(gradescope_schema.problems). The root has a writable /etc of its own (setup.sh adds the worker users) and
all of root's capabilities but no bubblewrap of its own inside (the sandbox "uid", as in Gradescope's
containers). setup.sh gets the course's build folder as a prebuilt cache (COURSE_PREBUILT_CACHE), so the
course is not compiled again.

  solutions   solutions/ with a line added to each file, as ./course submit's zip  -> 100
  stubs       a copy of exercises/, as chapter folders                        -> 0
  flat        the solution of chapter 1 only, its file dropped in flat        -> chapter 1's share
  forgeries   chapter 1 #includes /autograder/source/solutions/…/sigmoid.cpp  -> 0 (does not compile)
              chapter 2 reads a solution at run time and throws what it read  -> 0, nothing of it shown
              chapter 3 a symbolic link to its solution                       -> 0 (refused)
              the other chapters: the stubs
  a solution made readable to everyone: not graded (results.json says so, the log names the file)

    gradescope_test.py --cache BUILD --workdir DIR
"""
import argparse
import fcntl
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import autograder_bundle  # noqa: E402
import checks  # noqa: E402
import course_model  # noqa: E402
import gradescope_schema  # noqa: E402

check = checks.Checks()


def unzip(archive: pathlib.Path, into: pathlib.Path):
    """As Gradescope unpacks the bundle: every file, with its permissions."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            path = pathlib.Path(zf.extract(info, into))
            mode = info.external_attr >> 16
            if mode and not info.is_dir():
                path.chmod(mode & 0o777)


class Gradescope:
    """The throwaway root: /autograder and /etc its own, the rest of the system this machine's, read-only."""

    def __init__(self, top: pathlib.Path, cache: pathlib.Path):
        self.top = top
        self.cache = cache
        self.autograder = top / "autograder"

    def run(self, command: list, env=()) -> subprocess.CompletedProcess:
        cmd = ["bwrap", "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--cap-add", "ALL",
               "--ro-bind", "/usr", "/usr", "--ro-bind", "/var/lib/dpkg", "/var/lib/dpkg",
               "--bind", str(self.top / "etc"), "/etc", "--bind", str(self.autograder), "/autograder",
               "--ro-bind", str(self.cache), "/prebuilt", "--proc", "/proc", "--dev", "/dev",
               "--tmpfs", "/tmp", "--dir", "/root", "--chdir", "/autograder", "--clearenv",
               "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "--setenv", "HOME", "/root",
               "--setenv", "LANG", "C.UTF-8"]
        for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
            path = pathlib.Path("/") / name
            if path.is_symlink():
                cmd += ["--symlink", os.readlink(path), str(path)]
            elif path.is_dir():
                cmd += ["--ro-bind", str(path), str(path)]
        for key, value in env:
            cmd += ["--setenv", key, value]
        started = time.monotonic()
        proc = subprocess.run(cmd + command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        proc.seconds = time.monotonic() - started
        return proc

    def setup(self, bundle: pathlib.Path, prebuilt=True):
        shutil.rmtree(self.top, ignore_errors=True)
        (self.autograder / "source").mkdir(parents=True)
        shutil.copytree("/etc", self.top / "etc", symlinks=True, ignore_dangling_symlinks=True)
        unzip(bundle, self.autograder / "source")
        # Gradescope copies run_autograder to /autograder/ while building the image.
        shutil.copy2(self.autograder / "source" / "run_autograder", self.autograder / "run_autograder")
        return self.run(["bash", "/autograder/source/setup.sh"],
                        env=[("COURSE_PREBUILT_CACHE", "/prebuilt")] if prebuilt else [])

    def grade(self, fill) -> tuple:
        """Fill /autograder/submission with fill(folder), run run_autograder; its output and results.json."""
        for name in ("submission", "results"):
            shutil.rmtree(self.autograder / name, ignore_errors=True)
            (self.autograder / name).mkdir()
        fill(self.autograder / "submission")
        proc = self.run(["/autograder/run_autograder"])
        path = self.autograder / "results" / "results.json"
        results = json.loads(path.read_text()) if path.exists() else None
        return proc, results


def chapter_points(results: dict) -> dict:
    """Points per chapter from results.json's tests ("01-sigmoid: suite/case")."""
    points = {}
    for t in results.get("tests", []):
        chapter = t["name"].split(":")[0]
        points[chapter] = points.get(chapter, 0.0) + t["score"]
    return points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=pathlib.Path, required=True, help="the course's build folder")
    parser.add_argument("--workdir", type=pathlib.Path, required=True)
    parser.add_argument("--build", action="store_true",
                        help="setup.sh builds the grader's cache itself, as in Gradescope (minutes; to measure it)")
    args = parser.parse_args()
    if os.geteuid() != 0 or not shutil.which("bwrap"):
        print("gradescope_test: needs root and bubblewrap to compose Gradescope's root: skipped")
        return 77
    work = args.workdir.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    chapters = [c.name for c in course_model.Course(ROOT).exercise_chapters() if c.tests_dir.is_dir()]

    bundle = work / "autograder.zip"
    names = autograder_bundle.bundle(bundle)
    check({"setup.sh", "run_autograder"} <= set(names), "the zip has setup.sh and run_autograder at its root")
    check(any(n.startswith("solutions/") for n in names) and any(n.startswith("tests/grader/") for n in names),
          "the zip has the solutions and the grader")
    check(not [n for n in names if n.split("/")[0].startswith(("build", ".git"))], "the zip has no build folder, no .git")
    print(f"the bundle: {bundle.stat().st_size / 2**20:.2f} MB, {len(names)} files")

    gs = Gradescope(work / "root", args.cache.resolve())
    with open(args.cache / "lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # grade.py's lock: no other test's grader changes the cache meanwhile
        setup = gs.setup(bundle, prebuilt=not args.build)
    print(setup.stdout)
    check(setup.returncode == 0, f"setup.sh ends well ({setup.seconds:.1f} s, "
                                 f"{'building the cache' if args.build else 'with a prebuilt cache'})")
    if setup.returncode != 0:
        return 1
    source = pathlib.Path("/autograder/source")

    def solutions_zip(folder):
        # A line added to each file: not byte for byte the solution, so every chapter is compiled (as the
        # worker) and linked (as root), as a student's own work would be.
        with zipfile.ZipFile(folder / "submission.zip", "w") as zf:
            for path in sorted((ROOT / "solutions").rglob("*")):
                if path.is_file():
                    zf.writestr(path.relative_to(ROOT / "solutions").as_posix(),
                                "// a student's own work\n" + path.read_text())

    def stubs(folder):
        shutil.copytree(ROOT / "exercises", folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".backup"))

    def flat(folder):
        shutil.copy2(ROOT / "solutions" / chapters[0] / "sigmoid.cpp", folder / "sigmoid.cpp")

    secret = source / "solutions" / chapters[1] / "activations.cpp"

    def forgeries(folder):
        stubs(folder)
        first = folder / chapters[0] / "sigmoid.cpp"
        first.write_text(f'#include "{source}/solutions/{chapters[0]}/sigmoid.cpp"\n')
        second = folder / chapters[1] / "activations.cpp"
        reader = ('{ std::ifstream in("%s"); std::string text((std::istreambuf_iterator<char>(in)), {}); '
                  'throw std::runtime_error(in ? "read: " + text : std::string("unreadable")); }' % secret)
        second.write_text("#include <fstream>\n#include <iterator>\n#include <stdexcept>\n#include <string>\n"
                          + course_model.replace_gaps(ROOT / "solutions" / chapters[1] / "activations.cpp",
                                                      lambda function: [reader]))
        third = folder / chapters[2]
        for path in third.glob("*.cpp"):
            path.unlink()
            path.symlink_to(source / "solutions" / chapters[2] / path.name)

    expected = {"solutions": 100.0, "stubs": 0.0, "flat": None, "forgeries": 0.0}
    for name, fill in (("solutions", solutions_zip), ("stubs", stubs), ("flat", flat), ("forgeries", forgeries)):
        proc, results = gs.grade(fill)
        (work / f"{name}.log").write_text(proc.stdout)
        (work / f"{name}.json").write_text(json.dumps(results, indent=2) if results else "")
        print(f"--- {name}: run_autograder in {proc.seconds:.1f} s (log: {work / (name + '.log')})")
        print("\n".join(proc.stdout.splitlines()[-14:]))
        check(proc.returncode == 0 and results is not None, f"{name}: run_autograder writes results.json")
        if results is None:
            continue
        problems = gradescope_schema.problems(results)
        check(not problems, f"{name}: results.json has Gradescope's fields{': ' + '; '.join(problems) if problems else ''}")
        check(bool(results.get("tests")), f"{name}: results.json lists the tests ({len(results.get('tests', []))})")
        score, points = results["score"], chapter_points(results)
        if expected[name] is not None:
            check(abs(score - expected[name]) < 1e-6, f"{name}: score {score}, expected {expected[name]}")
        if name == "flat":
            share = points.get(chapters[0], 0.0)
            check(share > 0 and abs(score - share) < 1e-3,
                  f"flat: chapter 1's file dropped in flat is graded as chapter 1 ({share:.2f} points of {score})")
        if name == "forgeries":
            text = json.dumps(results)
            by_chapter = {t["name"].split(":")[0]: t["output"] for t in results["tests"]}
            check("Permission denied" in by_chapter.get(chapters[0], ""),
                  f"forgeries: #include of a solution: the compiler may not read it ({by_chapter.get(chapters[0], '')[:90]!r})")
            check("unreadable" in by_chapter.get(chapters[1], ""),
                  f"forgeries: a solution read at run time: unreadable ({by_chapter.get(chapters[1], '')[:90]!r})")
            lines = [line.strip() for line in (ROOT / "solutions" / chapters[1] / "activations.cpp").read_text().splitlines()
                     if len(line.strip()) > 20 and line.strip() not in
                     (ROOT / "exercises" / chapters[1] / "activations.cpp").read_text()]
            check(not [line for line in lines if line in text], "forgeries: no line of a solution in results.json")
            check("symbolic link" in by_chapter.get(chapters[2], ""),
                  f"forgeries: a symbolic link to a solution is refused ({by_chapter.get(chapters[2], '')[:90]!r})")

    # The permissions' check can fail: with a solution readable by everyone, nothing is graded.
    opened = gs.autograder / "source" / "solutions" / chapters[0] / "sigmoid.cpp"
    for path in (opened.parent.parent, opened.parent):
        path.chmod(0o755)
    opened.chmod(0o644)
    proc, results = gs.grade(stubs)
    print("\n".join(proc.stdout.splitlines()[-3:]))
    check(results is not None and results["score"] == 0 and "Not graded" in results.get("output", "") and
          "course-worker1 reads /autograder/source/solutions/" in proc.stdout,
          "a solution readable by the workers: not graded, and the log names it")
    check(results is not None and not gradescope_schema.problems(results), "that results.json has Gradescope's fields")

    return check.summary("grader.gradescope")


if __name__ == "__main__":
    sys.exit(main())
