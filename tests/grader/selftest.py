#!/usr/bin/env python3
"""The grader's own test (a CTest test of `./course test`): make submissions with known faults from the
solutions and the stubs, grade them in one batch, and check every score and reason.

  solutions      a copy of solutions/                       -> 100
  untouched      a copy of exercises/                       -> 0, every case "not implemented", no crash
  exception      the first chapter throws                    -> 0 there, full marks for every later chapter
  compile_error  the last chapter does not compile           -> 0 there (compiler's message), full elsewhere
  segfault       the middle chapter dereferences nullptr     -> 0 there (SIGSEGV), full elsewhere
  endless_loop   chapter 1 loops forever                     -> 0 there (time limit), full elsewhere
  cheat          chapter 1's sigmoid is wrong on 7 values    -> 100 without hidden tests, less with them
  symlink        chapter 1's file a symbolic link to the course's solution   -> chapter 1 refused (0), the
  hardlink       chapter 1's file a hard link to a copy of the solution         rest full marks
  fifo           a FIFO beside chapter 1's (correct) file
  reads_secrets  chapter 1 (correct) first tries to read the solutions, the grader, the hidden tests, another
                 submission and the cache, and throws what it read                  -> 100: it reads nothing
  writes_outside chapter 1 (correct) first tries to write outside its scratch folder -> 100: it cannot
  deletes_check  the solutions without theta_size's check_widths(c) (outside the gap) -> chapter 4 flagged,
                 the line named; reformatted: chapters 1 and 4 with other indentation, braces, no comments ->
                 100, nothing flagged; released: a students' copy (.course-release, exercises/ filled) -> 100
  fill_disk      chapter 1 writes 1 MB files until a write fails (at most 1 GB in each of its folder, /tmp
                 and /dev/shm)          -> 0 there, "No space left on device" and the quota, in a second or so
Then the same batch's outputs: gradebook CSV, JSON, JUnit, Gradescope's results.json. Then the forgeries
(forgeries.py: fixtures/forgeries/01-sigmoid/honest.cpp with each NAME.cpp's lines): each must score what the
honest file (the forgery without its FORGERY blocks) earns, or 0 where the forgery ends the program before it
can serve a call.
"""
import argparse
import csv
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import checks  # noqa: E402
import course_model  # noqa: E402
import forgeries  # noqa: E402
import gradescope_schema  # noqa: E402
import make_class  # noqa: E402

# Each fault's code in place of a function's body ({function}: the function's name).
FAULTS = {
    "exception": 'throw std::runtime_error("a mistake in {function}");',
    "compile_error": "this_is_not_cpp(at, all);",
    "segfault": "{ volatile int* volatile p = nullptr; *p = 1; } throw 0;",
    # Waiting forever rather than spinning: the same time limit is hit without taking a processor from the
    # tests that run beside this one (as grader.class's endless loop).
    "endless_loop": make_class.WAITS,
}
# Wall time per run of a chapter's tests: far above what they need, so that a machine
# busy with other work does not make a correct chapter look like an endless loop.
TIME_LIMIT = 10


def faulty(chapter: pathlib.Path, out: pathlib.Path, fault: str):
    """The solution of a chapter with every gap replaced by the fault."""
    for src in chapter.glob("*.cpp"):
        text = course_model.replace_gaps(src, lambda function: [FAULTS[fault].replace("{function}", function.name)])
        (out / src.name).write_text("#include <chrono>\n#include <stdexcept>\n#include <thread>\n" + text)


def make_submissions(folder: pathlib.Path, chapters: list, cache: pathlib.Path):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "solutions", folder / "solutions")
    shutil.copytree(ROOT / "exercises", folder / "untouched")
    where = {"exception": chapters[0], "compile_error": chapters[-1], "segfault": chapters[len(chapters) // 2],
             "endless_loop": chapters[0]}
    for fault, chapter in where.items():
        shutil.copytree(ROOT / "solutions", folder / fault)
        faulty(ROOT / "solutions" / chapter, folder / fault / chapter, fault)
    # A sigmoid right everywhere the visible tests look, wrong on seven values (what a hidden test catches).
    shutil.copytree(ROOT / "solutions", folder / "cheat")
    sigmoid = folder / "cheat" / "01-sigmoid" / "sigmoid.cpp"
    cheat = "if (z.size() == 7) { return Array(z * 0.0); }"
    sigmoid.write_text(course_model.replace_gaps(
        sigmoid, lambda function: ([cheat] if function.name == "sigmoid" else []) + function.body))
    # Files the grader must not read: it would read the solution through the links (and score 100).
    for kind in LINKS:
        shutil.copytree(ROOT / "solutions", folder / kind)
    sigmoid = pathlib.Path("01-sigmoid") / "sigmoid.cpp"
    (folder / "symlink" / sigmoid).unlink()
    (folder / "symlink" / sigmoid).symlink_to(ROOT / "solutions" / sigmoid)
    elsewhere = folder.parent / "not-a-submission.cpp"
    shutil.copyfile(ROOT / "solutions" / sigmoid, elsewhere)
    (folder / "hardlink" / sigmoid).unlink()
    os.link(elsewhere, folder / "hardlink" / sigmoid)
    os.mkfifo(folder / "fifo" / sigmoid.parent / "pipe.hpp")
    # Changes outside the gaps: a provided check deleted (flagged); formatting and comments (not flagged).
    shutil.copytree(ROOT / "solutions", folder / "deletes_check")
    theta = folder / "deletes_check" / "04-theta" / "theta.cpp"
    theta.write_text(theta.read_text().replace(f"    {DELETED_CHECK}\n", "", 1))
    # (Two chapters, each compiled: test_outside_gaps.py reformats every chapter, without compiling.)
    shutil.copytree(ROOT / "solutions", folder / "reformatted")
    for path in [*(folder / "reformatted" / chapters[0]).glob("*.cpp"), folder / "reformatted" / "04-theta" / "theta.cpp"]:
        path.write_text(reformatted(path.read_text()))
    shutil.copytree(ROOT / "solutions", folder / "released" / "exercises")
    (folder / "released" / ".course-release").write_text(f"commit {git_head()}\n")
    for name, code in sandbox_probes(folder, cache).items():
        shutil.copytree(ROOT / "solutions", folder / name)
        path = folder / name / sigmoid
        path.write_text(PROBE_INCLUDES + course_model.replace_gaps(
            path, lambda function: (code if function.name == "sigmoid" else []) + function.body))
    return where


PROBE_INCLUDES = "#include <cerrno>\n#include <cstdio>\n#include <cstring>\n#include <fstream>\n#include <stdexcept>\n" \
                 "#include <string>\n#include <vector>\n"


def sandbox_probes(folder: pathlib.Path, cache: pathlib.Path) -> dict:
    """Chapter 1's sigmoid preceded by code that tries what the sandbox must prevent (the paths written in)."""
    c = lambda path: '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    secrets = [ROOT / "solutions" / "01-sigmoid" / "sigmoid.cpp", ROOT / "tests" / "grading.toml",
               HERE / "grade.py", HERE / "fixtures" / "hidden" / "01-sigmoid" / "test_hidden_sigmoid.cpp",
               folder / "solutions" / "01-sigmoid" / "sigmoid.cpp", cache / "CMakeCache.txt", ROOT / ".git" / "HEAD"]
    places = ["/written", "/dev/written", "/etc/written", ROOT / "written", ROOT / "src" / "written",
              folder / "written", cache / "written"]
    # The sandbox's /tmp and /dev/shm are tmpfs of its own: with the course under /tmp (a clone in /tmp/…), the
    # folders above the ones it shows are made in that private /tmp, where a run may write (as in any of /tmp)
    # and nothing reaches the real disk. Such paths are not "outside"; the others still are.
    places = [p for p in places if not any(pathlib.Path(p).is_relative_to(d) for d in ("/tmp", "/dev/shm"))]
    return {
        "reads_secrets": ["std::string read;",
                          f"for (const char* path : {{{', '.join(map(c, secrets))}}}) {{",
                          "    std::ifstream in(path);",
                          "    std::string line;",
                          "    if (std::getline(in, line)) {",
                          '        read += std::string(" read ") + path + ": " + line.substr(0, 40) + ";";',
                          "    }",
                          "}",
                          "if (!read.empty()) {",
                          "    throw std::runtime_error(read);",
                          "}"],
        "writes_outside": ["std::string wrote;",
                           f"for (const char* path : {{{', '.join(map(c, places))}}}) {{",
                           "    if (std::FILE* f = std::fopen(path, \"w\")) {",
                           "        std::fclose(f);",
                           "        std::remove(path);",
                           '        wrote += std::string(" wrote ") + path + ";";',
                           "    }",
                           "}",
                           "if (!wrote.empty()) {",
                           "    throw std::runtime_error(wrote);",
                           "}"],
        # At most 1 GB in each folder: without a quota the flood stops there instead of filling the machine.
        "fill_disk": ["for (const char* dir : {\".\", \"/tmp\", \"/dev/shm\"}) {",
                      "    std::vector<char> megabyte(1 << 20, 'x');",
                      "    for (int i = 0; i < 1024; ++i) {",
                      '        std::string path = std::string(dir) + "/flood-" + std::to_string(i);',
                      "        std::FILE* f = std::fopen(path.c_str(), \"w\");",
                      "        bool ok = f && std::fwrite(megabyte.data(), 1, megabyte.size(), f) == megabyte.size();",
                      "        int error = errno;",
                      "        if (f && std::fclose(f) != 0 && ok) {",
                      "            ok = false;",
                      "            error = errno;",
                      "        }",
                      "        if (!ok) {",
                      '            throw std::runtime_error("a write failed after " + std::to_string(i) + " MB in " + dir +',
                      '                                     ": " + std::strerror(error));',
                      "        }",
                      "    }",
                      "}"],
    }


DELETED_CHECK = "check_widths(c);"  # the first line of theta_size's body, above its gap
# The file each refusal names, and how.
LINKS = {"symlink": "01-sigmoid/sigmoid.cpp is a symbolic link", "hardlink": "01-sigmoid/sigmoid.cpp is a hard link",
         "fifo": "01-sigmoid/pipe.hpp is a FIFO"}


def reformatted(text: str) -> str:
    """A file with other indentation, braces, spacing and comments (and the same tokens)."""
    text = re.sub(r"(?m)^[ \t]*//.*\n", "", text)  # no comment lines
    text = re.sub(r"(?m)^((?:    )+)", lambda m: "\t" * (len(m[1]) // 4), text)  # tabs
    return "/* reformatted */\n" + text.replace(")\n{\n", ") {\n\n").replace(";\n", "; /* . */\n")


def git_head() -> str:
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True).stdout.strip()


def grade(args: list):
    checks.grade(args, TIME_LIMIT)


def check_one_function(check, work: pathlib.Path, cache: pathlib.Path):
    """A crash or a memory bomb in one function of chapter 2 fails that function's tests only: a fresh worker
    serves the tests of the others."""
    batch = work / "one-function"
    shutil.rmtree(batch, ignore_errors=True)
    bomb = "std::vector<double> bomb; for (;;) { bomb.resize(2 * bomb.size() + (1 << 20), 1.0); }"
    chapter = next(c for c in course_model.Course(ROOT).exercise_chapters() if c.number == 2)
    faults = {"relu_segfault": ("relu", FAULTS["segfault"].replace("{function}", "relu"), "crash (SIGSEGV) in relu"),
              "tanh_prime_memory_bomb": ("tanh_prime", bomb, "exception in tanh_prime: std::bad_alloc")}
    for name, (function, code, _) in faults.items():
        folder = batch / name / chapter.name
        folder.mkdir(parents=True)
        for src in chapter.solution_dir.glob("*.cpp"):
            text = course_model.replace_gaps(src, lambda f: [code] if f.name == function else f.body)
            (folder / src.name).write_text("#include <vector>\n" + text)
    out = work / "grades-one-function.json"
    grade(["--batch", str(batch), "--cache", str(cache), "--chapters", "2", "--no-hidden", "--json", str(out),
           "--quiet"])
    results = {s["student"]: s["chapters"][0] for s in json.loads(out.read_text())["submissions"]}
    for name, (function, _, reason) in faults.items():
        ch = results[name]
        lost = {c["name"].split("/")[0] for c in ch["cases"] if c["status"] != "passed"}
        check(lost == {function} and 0 < ch["points"] < ch["max_points"] and ch["reason"].startswith(reason),
              f"{name}: only {function}'s tests fail ({ch['passed']}/{ch['tests']} pass): {ch['reason']!r}")


def check_untrusted(check, work: pathlib.Path, cache: pathlib.Path):
    """Without bubblewrap (the 'limits' sandbox) the grader refuses, unless told --untrusted, and then says so."""
    args = [sys.executable, str(HERE / "grade.py"), str(ROOT / "solutions"), "--cache", str(cache), "--chapters",
            "1", "--sandbox", "limits"]
    refused = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(refused.returncode != 0 and "--untrusted" in refused.stdout,
          f"the 'limits' sandbox: grading refused ({refused.stdout.strip().splitlines()[-1]!r})")
    out = work / "grades-untrusted.json"
    grade([str(ROOT / "solutions"), "--cache", str(cache), "--chapters", "1", "--sandbox", "limits", "--untrusted",
           "--no-hidden", "--json", str(out), "--quiet"])
    data = json.loads(out.read_text())
    check(data["untrusted"] and all(s["untrusted"] for s in data["submissions"]),
          "with --untrusted every result is marked untrusted")


# Forgeries that end the process that loads them before it can run a function: nothing of theirs is graded.
ENDS_AT_START = {"fake_report_exit", "fake_report__exit", "fake_report_abort"}


def check_forgeries(check, work: pathlib.Path, cache: pathlib.Path):
    """Each forgery of chapter 1 (forgeries.py), and the honest file they are made from, graded in one batch."""
    batch = work / "forgeries"
    shutil.rmtree(batch, ignore_errors=True)
    names = forgeries.names()
    honest = forgeries.HONEST.read_text()
    for name in names:
        forged = forgeries.write(batch / name, name).read_text()
        check(forgeries.honest_of(forged) == honest and forged != honest,
              f"forgery {name}: honest.cpp with its own lines, each marked as the forgery's")
    forgeries.write(batch / "honest")
    out = work / "grades-forgeries.json"
    grade(["--batch", str(batch), "--cache", str(cache), "--chapters", "1", "--json", str(out), "--quiet"])
    total = {s["student"]: s["total"] for s in json.loads(out.read_text())["submissions"]}
    check(0 < total["honest"] < 100, f"the forgeries' honest code earns part of the points: {total['honest']:.2f}")
    for name in names:
        expected = 0.0 if name in ENDS_AT_START else total["honest"]
        check(abs(total[name] - expected) < 1e-9,
              f"forgery {name} scores what its honest code earns: {total[name]:.2f} (expected {expected:.2f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=pathlib.Path, required=True)
    parser.add_argument("--workdir", type=pathlib.Path, required=True)
    args = parser.parse_args()
    chapters = [c.name for c in course_model.Course(ROOT).exercise_chapters() if c.tests_dir.is_dir()]
    work = args.workdir.resolve()
    subs = work / "submissions"
    where = make_submissions(subs, chapters, args.cache.resolve())
    out = {k: work / f"grades.{k}" for k in ("json", "xml", "gradescope.json", "csv")}
    # The chapters' own tests (the hidden tests of tests/hidden/: grader.fairness; an example: below).
    grade(["--batch", str(subs), "--no-hidden", "--cache", str(args.cache), "--json", str(out["json"]), "--junit",
           str(out["xml"]), "--gradescope", str(out["gradescope.json"]), "--csv", str(out["csv"])])
    data = json.loads(out["json"].read_text())
    check = checks.Checks()
    check(not data["warnings"], f"no warning about the solutions or the weights: {data['warnings']}")
    results = {s["student"]: s for s in data["submissions"]}
    by_chapter = {name: {c["chapter"]: c for c in s["chapters"]} for name, s in results.items()}
    full = lambda ch: abs(ch["points"] - ch["max_points"]) < 1e-9 and ch["passed"] == ch["tests"]  # noqa: E731

    check(abs(results["solutions"]["total"] - 100) < 1e-9, f"solutions score 100: {results['solutions']['total']}")
    check(abs(results["cheat"]["total"] - 100) < 1e-9, "without the hidden tests the cheat scores 100")
    untouched = results["untouched"]
    statuses = {c["status"] for ch in untouched["chapters"] for c in ch["cases"]}
    check(untouched["total"] == 0 and statuses == {"not implemented"},
          f"untouched exercises score 0, every case 'not implemented': {untouched['total']}, {statuses}")
    check(all(ch["reason"].startswith("not implemented yet: ") for ch in untouched["chapters"]),
          "untouched: every chapter's reason says 'not implemented yet'")
    for fault, chapter in where.items():
        chs = by_chapter[fault]
        bad = chs[chapter]
        others = [c for name, c in chs.items() if name != chapter]
        check(bad["points"] == 0 and bad["passed"] == 0, f"{fault}: {chapter} scores 0 ({bad['reason']})")
        check(all(full(c) for c in others), f"{fault}: every other chapter has full marks "
                                            f"({len(others)} chapters)")
        expected = {"exception": "exception in ", "compile_error": "compile error: ",
                    "segfault": "crash (SIGSEGV)", "endless_loop": f"time limit ({TIME_LIMIT} s)"}[fault]
        check(expected in bad["reason"], f"{fault}: the reason says {expected!r}: {bad['reason']!r}")
    for kind, words in LINKS.items():
        chs = by_chapter[kind]
        first = chs[chapters[0]]
        check(first["points"] == 0 and first["reason"].startswith("refused: " + words),
              f"{kind}: {chapters[0]} is refused, 0 points: {first['reason']!r}")
        check(all(full(c) for name, c in chs.items() if name != chapters[0]), f"{kind}: every other chapter full")
    for name in ("reads_secrets", "writes_outside"):
        first = by_chapter[name][chapters[0]]
        check(full(first) and abs(results[name]["total"] - 100) < 1e-9,
              f"{name}: 100, the sandbox let it do nothing ({first['reason'] or 'all tests pass'})")
    flagged = {name: [c["chapter"] for c in s["chapters"] if c["changes_outside_gaps"]] for name, s in results.items()}
    check(not any(flagged[n] for n in ("solutions", "untouched", "reformatted", "released")),
          f"nothing changed outside the gaps in the solutions, the stubs, the reformatted solutions and the released "
          f"copy: {flagged}")
    check(abs(results["reformatted"]["total"] - 100) < 1e-9 and abs(results["released"]["total"] - 100) < 1e-9,
          f"reformatted and released score 100: {results['reformatted']['total']}, {results['released']['total']}")
    released, head = {c["stubs"] for c in results["released"]["chapters"]}, git_head()
    check(not head or released == {f"exercises/ at {head[:12]}"},
          f"released: compared with the stubs of the release it names: {released}")
    theta = by_chapter["deletes_check"].get("04-theta", {})
    check(flagged["deletes_check"] == ["04-theta"] and [(c["change"], c["text"]) for c in theta["changes_outside_gaps"]]
          == [("removed", DELETED_CHECK)], f"deletes_check: chapter 4 flagged, the deleted line named: "
                                           f"{flagged['deletes_check']}, {theta.get('changes_outside_gaps')}")
    suite = ET.parse(out["xml"]).getroot().find("testsuite[@name='deletes_check.04-theta']")
    check(suite is not None and suite.find("properties/property[@name='changed_outside_gaps']").get("value") == "1"
          and DELETED_CHECK in suite.find("system-out").text, "JUnit: the flag and the line of deletes_check")
    flood = by_chapter["fill_disk"][chapters[0]]
    check(flood["points"] == 0 and "No space left on device" in flood["reason"] and "quota" in flood["reason"],
          f"fill_disk: {chapters[0]} scores 0, the quota stopped it: {flood['reason']!r}")
    check(all(full(c) for name, c in by_chapter["fill_disk"].items() if name != chapters[0]),
          "fill_disk: every other chapter full")
    check("error" in by_chapter["compile_error"][where["compile_error"]]["log"],
          "compile_error: the compiler's message is in the report")
    later = [c for name, c in by_chapter["exception"].items() if name > where["exception"]]
    check(all(full(c) for c in later), f"exception in {where['exception']}: later chapters full ({len(later)})")

    with open(out["csv"]) as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    check(set(rows) == set(results) and all(abs(float(rows[s]["total"]) - results[s]["total"]) < 0.01 for s in rows),
          f"the gradebook has one row per student with the total ({len(rows)} rows)")
    gs = json.loads(out["gradescope.json"].read_text())
    check(all(abs(sum(t["score"] for t in gs[s]["tests"]) - gs[s]["score"]) < 0.1 and
              all({"name", "score", "max_score", "output"} <= set(t) for t in gs[s]["tests"]) for s in gs),
          "Gradescope: tests with name, score, max_score, output, adding up to the score")
    broken = {s: gradescope_schema.problems(gs[s]) for s in gs if gradescope_schema.problems(gs[s])}
    check(not broken, f"Gradescope: every results.json keeps the documented fields (gradescope_schema.py): {broken}")
    suites = ET.parse(out["xml"]).getroot()
    check(suites.tag == "testsuites" and len(suites) == len(results) * len(chapters),
          f"JUnit: one testsuite per student and chapter ({len(suites)})")

    # Hidden tests: the solutions keep 100, the cheat loses the hidden case.
    hidden_subs = work / "hidden-submissions"
    shutil.rmtree(hidden_subs, ignore_errors=True)
    hidden_subs.mkdir()
    for name in ("solutions", "cheat", "reads_secrets"):
        shutil.copytree(subs / name, hidden_subs / name)
    hidden_json = work / "grades-hidden.json"
    grade(["--batch", str(hidden_subs), "--cache", str(args.cache), "--hidden-tests",
           str(HERE / "fixtures" / "hidden"), "--json", str(hidden_json), "--quiet"])
    hidden = {s["student"]: s for s in json.loads(hidden_json.read_text())["submissions"]}
    ch1 = {name: s["chapters"][0] for name, s in hidden.items()}
    hidden_cases = [c for c in ch1["cheat"]["cases"] if c["hidden"]]
    check(len(hidden_cases) == 1 and ch1["solutions"]["tests"] == results["solutions"]["chapters"][0]["tests"] + 1,
          "the hidden test is graded as one more case of chapter 1")
    check(abs(hidden["solutions"]["total"] - 100) < 1e-9, "with the hidden tests the solutions still score 100")
    check(abs(hidden["reads_secrets"]["total"] - 100) < 1e-9,
          f"with the hidden tests reads_secrets scores 100: it cannot read them ({hidden['reads_secrets']['total']})")
    weight = sum(c["weight"] for c in ch1["cheat"]["cases"])
    expected = ch1["cheat"]["max_points"] * (weight - hidden_cases[0]["weight"]) / weight
    check(hidden_cases[0]["status"] == "failed" and abs(ch1["cheat"]["points"] - expected) < 1e-3,
          f"with the hidden tests the cheat loses the hidden case: {ch1['cheat']['points']:.2f} "
          f"of {ch1['cheat']['max_points']:.2f}")

    check_one_function(check, work, args.cache)
    check_forgeries(check, work, args.cache)
    check_untrusted(check, work, args.cache)

    return check.summary("grader")


if __name__ == "__main__":
    sys.exit(main())
