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
course is not compiled again, nor what grading made in it (warmed by CTest's grader.cache: the precompiled
header, the hidden tests compiled and linked), which the copy finds under the same keys.

  solutions   solutions/ with a line added to each file, as ./course submit's zip  -> 100
  stubs       a copy of exercises/, as chapter folders                        -> 0
  flat        the solution of chapter 1 only, its file dropped in flat        -> chapter 1's share
  forgeries   chapter 1 honest but imperfect (report_rewrite's file without its forgery) -> part of its share
              chapter 2 reads a solution at run time and throws what it read  -> 0, nothing of it shown
              chapter 3 a symbolic link to its solution                       -> 0 (refused)
              chapter 4 the solution, which first tries, as the worker, to read the hidden tests, the grader,
                        the build, the judge's report, to list the results folder, and to write
                        results.json, the judge's report, the course, the build -> its full share: it can't
              chapter 5 #includes /autograder/source/solutions/…              -> 0 (does not compile)
              the other chapters: the stubs
  judge_forgeries  forgeries of the judge (forgeries.py), each what its honest code earns:
              chapter 1 report_rewrite as it is (the report rewritten at exit) -> chapter 1 of "forgeries"
              chapter 2 the stub under a fake report of passes and exit(0) before main   -> 0
              chapter 3 the solution under code that signals and traces the judge       -> its full share
  a solution made readable to everyone: not graded (results.json says so, the log names the file)

Hidden tests: the bundle's tests/hidden/ if the course has one, else fixtures/hidden/ put there (an
instructor's hidden tests): the image is set up and every submission graded with them, all with one seed
(COURSE_SEED, which run_autograder passes on), and results.json names a hidden test and shows none of its
messages.

    gradescope_test.py --cache BUILD --workdir DIR
"""
import argparse
import fcntl
import json
import os
import pathlib
import re
import secrets
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
import forgeries as forgery_fixtures  # noqa: E402
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

    def setup(self, bundle: pathlib.Path, prebuilt=True, hidden: pathlib.Path = None):
        """Unpack the bundle and run setup.sh; hidden: tests to put in tests/hidden/ if the bundle has none."""
        shutil.rmtree(self.top, ignore_errors=True)
        (self.autograder / "source").mkdir(parents=True)
        shutil.copytree("/etc", self.top / "etc", symlinks=True, ignore_dangling_symlinks=True)
        unzip(bundle, self.autograder / "source")
        if hidden and not (self.autograder / "source" / "tests" / "hidden").is_dir():
            shutil.copytree(hidden, self.autograder / "source" / "tests" / "hidden")
        # Gradescope copies run_autograder to /autograder/ while building the image.
        shutil.copy2(self.autograder / "source" / "run_autograder", self.autograder / "run_autograder")
        return self.run(["bash", "/autograder/source/setup.sh"],
                        env=[("COURSE_PREBUILT_CACHE", "/prebuilt")] if prebuilt else [])

    def grade(self, fill, seed: int) -> tuple:
        """Fill /autograder/submission with fill(folder), run run_autograder (the hidden tests' inputs drawn from
        seed); its output and results.json."""
        for name in ("submission", "results"):
            shutil.rmtree(self.autograder / name, ignore_errors=True)
            (self.autograder / name).mkdir()
        fill(self.autograder / "submission")
        proc = self.run(["/autograder/run_autograder"], env=[("COURSE_SEED", str(seed))])
        path = self.autograder / "results" / "results.json"
        results = json.loads(path.read_text()) if path.exists() else None
        return proc, results


def kept(cache: pathlib.Path) -> set:
    """What a grading makes once and keeps in its cache: the precompiled header, the hidden tests' objects and
    the chapters' tests and judges linked with them."""
    return {p.relative_to(cache).as_posix() for pattern in ("pch/*", "objects/*.hidden.o", "hidden/*/*")
            for p in cache.glob(pattern)}


def chapter_points(results: dict) -> dict:
    """Points per chapter from results.json's tests ("01-sigmoid: suite/case")."""
    points = {}
    for t in results.get("tests", []):
        chapter = t["name"].split(":")[0]
        points[chapter] = points.get(chapter, 0.0) + t["score"]
    return points


def isolation_probe(source: pathlib.Path, chapter: str, hidden_file: pathlib.Path) -> list:
    """C++ lines that try, as the worker, what the sandbox "uid" must prevent, and throw what they managed.
    The worker's HOME is its scratch folder; the judge's folder (its reports, the worker's command) is beside
    it, root's."""
    q = lambda path: '"' + str(path) + '"'  # noqa: E731
    judge = f'home + "/../{chapter}.judge/'
    reads = [q(hidden_file), q(source / "tests" / "grader" / "grade.py"), q(source / "tests" / "grading.toml"),
             q(source / "build-grader" / "CMakeCache.txt"), q("/autograder/results/results.json"),
             judge + 'report-0.xml"', judge + 'worker.args"']
    lists = [q("/autograder/results"), q(source), q(source / "build-grader"), q(source / "build-grader" / "work"),
             q(source / "tests" / "hidden"), 'home + "/.."', judge + '"']
    # Opened for appending: nothing of a file is changed if it opens, a missing one is made (and counts).
    writes = [q("/autograder/results/results.json"), q("/autograder/results/forged"), q(source / "forged"),
              q(source / "build-grader" / "forged"), q(source / "build-grader" / "work" / "forged"),
              q(source / "tests" / "grader" / "grade.py"), q("/autograder/run_autograder"), 'home + "/../forged"',
              judge + 'report-0.xml"', judge + 'forged"']
    return ['const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";',
            "std::string done;",
            f"for (const std::string& path : std::vector<std::string>{{{', '.join(reads)}}}) {{",
            "    std::ifstream in(path);",
            "    if (in.is_open()) {",
            '        done += " read " + path + ";";',
            "    }",
            "}",
            f"for (const std::string& path : std::vector<std::string>{{{', '.join(lists)}}}) {{",
            "    if (DIR* dir = ::opendir(path.c_str())) {",
            "        ::closedir(dir);",
            '        done += " listed " + path + ";";',
            "    }",
            "}",
            f"for (const std::string& path : std::vector<std::string>{{{', '.join(writes)}}}) {{",
            '    if (std::FILE* f = std::fopen(path.c_str(), "a")) {',
            "        std::fclose(f);",
            '        done += " wrote " + path + ";";',
            "    }",
            "}",
            "if (!done.empty()) {",
            '    throw std::runtime_error("the worker" + done);',
            "}"]


PROBE_INCLUDES = "#include <dirent.h>\n#include <cstdio>\n#include <cstdlib>\n#include <fstream>\n#include <stdexcept>\n" \
                 "#include <string>\n#include <vector>\n"


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
    check(any(n.startswith("third_party/usr/include/xtensor/") for n in names) and "third_party/VERSIONS" in names,
          "the zip carries the header-only libraries (third_party/usr/) and their versions (third_party/VERSIONS)")
    print(f"the bundle: {bundle.stat().st_size / 2**20:.2f} MB, {len(names)} files")
    # The versions' check can fail: a build that includes another xtensor than the bundle's is named.
    with zipfile.ZipFile(bundle) as zf:
        versions = zf.read("third_party/VERSIONS").decode()
    older = work / "VERSIONS.older"
    older.write_text(re.sub(r"(?m)^xtensor \S+$", "xtensor 0.23.10", versions))
    stale = subprocess.run([sys.executable, str(HERE / "library_versions.py"), "check", str(args.cache), str(older)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(stale.returncode == 1 and re.search(r"xtensor \S+ \(/.*xtensor_config.hpp\), not 0.23.10", stale.stdout),
          f"library_versions: a build with another xtensor than VERSIONS says so and fails ({stale.stdout.strip()[-160:]!r})")

    gs = Gradescope(work / "root", args.cache.resolve())
    with open(args.cache / "lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # grade.py's lock: no other test's grader changes the cache meanwhile
        setup = gs.setup(bundle, prebuilt=not args.build, hidden=HERE / "fixtures" / "hidden")
        prebuilt = kept(args.cache)
    print(setup.stdout)
    check(setup.returncode == 0, f"setup.sh ends well ({setup.seconds:.1f} s, "
                                 f"{'building the cache' if args.build else 'with a prebuilt cache'})")
    if setup.returncode != 0:
        return 1
    if not args.build and any(name.startswith("pch/") for name in prebuilt):
        made = sorted(kept(gs.autograder / "source" / "build-grader") - prebuilt)
        check(not made, f"setup.sh's gradings make nothing the warm prebuilt cache has made (the precompiled header, "
                        f"the hidden tests compiled and linked): the cache's keys do not depend on where it is "
                        f"{made[:4]}")
    check(all(f"library_versions: {name} " in setup.stdout for name in ("xtensor", "xtl", "xsimd", "xtensor-blas")),
          "setup.sh checks that the build includes the bundle's versions of the header-only libraries")
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
        honest(folder)
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
        for path in (ROOT / "solutions" / chapters[3]).glob("*.cpp"):
            probe = isolation_probe(source, chapters[3], hidden_file)
            first_gap = course_model.functions_in(path)[0].name
            (folder / chapters[3] / path.name).write_text(PROBE_INCLUDES + course_model.replace_gaps(
                path, lambda function: (probe if function.name == first_gap else []) + function.body))
        included = sorted((folder / chapters[4]).glob("*.cpp"))[0]
        included.write_text(f'#include "{source}/solutions/{chapters[4]}/{included.name}"\n')

    hidden = sorted((gs.autograder / "source" / "tests" / "hidden").rglob("*.cpp"))
    check(bool(hidden), f"the image has hidden tests ({len(hidden)} files in tests/hidden/)")
    hidden_file = source / hidden[0].relative_to(gs.autograder / "source") if hidden else source / "none"

    # The forgeries of the judge (forgeries.py), one chapter each in one submission: chapter 1 is
    # report_rewrite as it is (an honest but imperfect chapter 1 and the forgery), and its honest twin
    # (the same file without the forgery) is chapter 1 of the "forgeries" submission; the forgery of another
    # fixture is put above the stub of chapter 2 (a fake report of passes, then exit(0): 0, what the stub
    # earns) and above the solution of chapter 3 (the judge signalled and traced: the chapter's full share).
    def honest(folder):
        forgery_fixtures.write(folder)

    judge_forgeries = {chapters[0]: "report_rewrite", chapters[1]: "fake_report_exit", chapters[2]: "signal_the_judge"}

    def judge_forged(folder):
        stubs(folder)
        forgery_fixtures.write(folder, "report_rewrite")
        for chapter, base in ((chapters[1], ROOT / "exercises"), (chapters[2], ROOT / "solutions")):
            for src in (base / chapter).glob("*.cpp"):
                (folder / chapter / src.name).write_text(forgery_fixtures.block(judge_forgeries[chapter]) + src.read_text())

    expected = {"solutions": 100.0, "stubs": 0.0}
    runs = [("solutions", solutions_zip), ("stubs", stubs), ("flat", flat), ("forgeries", forgeries),
            ("judge_forgeries", judge_forged)]
    points_of = {}
    # One seed for every run, so that an honest chapter and its forgery meet the same hidden inputs; a new one
    # each time the test runs (printed: COURSE_SEED=N in run_autograder's log draws them again).
    seed = secrets.randbelow(1 << 31)
    print(f"the hidden tests' seed: {seed}")
    for name, fill in runs:
        proc, results = gs.grade(fill, seed)
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
        if expected.get(name) is not None:
            check(abs(score - expected[name]) < 1e-6, f"{name}: score {score}, expected {expected[name]}")
        if name == "flat":
            share = points.get(chapters[0], 0.0)
            check(share > 0 and abs(score - share) < 1e-3,
                  f"flat: chapter 1's file dropped in flat is graded as chapter 1 ({share:.2f} points of {score})")
        if name == "forgeries":
            text = json.dumps(results)
            by_chapter = {}  # every test's output, chapter by chapter (a hidden test's output is hidden)
            for t in results["tests"]:
                by_chapter[t["name"].split(":")[0]] = by_chapter.get(t["name"].split(":")[0], "") + t["output"] + "\n"
            check("Permission denied" in by_chapter.get(chapters[4], ""),
                  f"forgeries: #include of a solution: the compiler may not read it ({by_chapter.get(chapters[4], '')[:90]!r})")
            check("unreadable" in by_chapter.get(chapters[1], ""),
                  f"forgeries: a solution read at run time: unreadable ({by_chapter.get(chapters[1], '')[:90]!r})")
            lines = [line.strip() for line in (ROOT / "solutions" / chapters[1] / "activations.cpp").read_text().splitlines()
                     if len(line.strip()) > 20 and line.strip() not in
                     (ROOT / "exercises" / chapters[1] / "activations.cpp").read_text()]
            check(not [line for line in lines if line in text], "forgeries: no line of a solution in results.json")
            check("symbolic link" in by_chapter.get(chapters[2], ""),
                  f"forgeries: a symbolic link to a solution is refused ({by_chapter.get(chapters[2], '')[:90]!r})")
            share = {c: sum(t["max_score"] for t in results["tests"] if t["name"].startswith(c + ":")) for c in chapters}
            probed = [t for t in results["tests"] if t["name"].startswith(chapters[3] + ":")]
            failed = sorted({t["output"] for t in probed if t["status"] != "passed"})
            check(probed and not failed and abs(points.get(chapters[3], 0.0) - share[chapters[3]]) < 1e-6,
                  f"forgeries: {chapters[3]}'s worker reads, lists and writes none of the hidden tests, the grader, "
                  f"the build, the judge's folder, the results folder, results.json: its full share "
                  f"({points.get(chapters[3], 0.0):.2f} of {share[chapters[3]]:.2f}){': ' if failed else ''}"
                  f"{'; '.join(failed)[:600]}")
            check(0 < points.get(chapters[0], 0.0) < share[chapters[0]],
                  f"forgeries: the judge's forgeries' honest code earns part of {chapters[0]}: "
                  f"{points.get(chapters[0], 0.0):.4f} of {share[chapters[0]]:.2f}")
            check(abs(score - points.get(chapters[0], 0.0) - share[chapters[3]]) < 1e-3,
                  f"forgeries: score {score}: the honest chapter 1 and the probe's share, nothing else")
        if name == "stubs":
            secret = [t for t in results["tests"] if t.get("visibility") == "after_published"]
            check(secret and all(t["output"] == "hidden test failed" for t in secret),
                  f"stubs: the hidden tests are graded and named, none of their messages shown "
                  f"({len(secret)} hidden: {sorted({t['output'] for t in secret})})")
        points_of[name] = points
        if name in ("forgeries", "judge_forgeries"):
            check(f"(seed {seed}:" in proc.stdout, f"{name}: graded with the seed given to run_autograder ({seed})")

    # The judge's forgeries score what their honest code earns.
    honest_points = {chapters[0]: points_of.get("forgeries", {}).get(chapters[0]), chapters[1]: 0.0,
                     chapters[2]: points_of.get("solutions", {}).get(chapters[2])}
    for chapter, fixture in judge_forgeries.items():
        got, want = points_of.get("judge_forgeries", {}).get(chapter), honest_points[chapter]
        check(got is not None and want is not None and abs(got - want) < 1e-9,
              f"judge_forgeries: {fixture} in {chapter} scores what its honest code earns in Gradescope's layout: "
              f"{got} (expected {want})")

    # The permissions' check can fail: with a solution readable by everyone, nothing is graded.
    opened = gs.autograder / "source" / "solutions" / chapters[0] / "sigmoid.cpp"
    for path in (opened.parent.parent, opened.parent):
        path.chmod(0o755)
    opened.chmod(0o644)
    proc, results = gs.grade(stubs, seed)
    print("\n".join(proc.stdout.splitlines()[-3:]))
    check(results is not None and results["score"] == 0 and "Not graded" in results.get("output", "") and
          "course-worker1 reads /autograder/source/solutions/" in proc.stdout,
          "a solution readable by the workers: not graded, and the log names it")
    check(results is not None and not gradescope_schema.problems(results), "that results.json has Gradescope's fields")

    return check.summary("grader.gradescope")


if __name__ == "__main__":
    sys.exit(main())
