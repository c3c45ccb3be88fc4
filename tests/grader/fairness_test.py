#!/usr/bin/env python3
"""The grader is fair to correct code and hard to pass by memorizing (issue 14 §2): a CTest test of
`./course test` (label grader).

  alternatives   solutions/ with every chapter replaced by tests/grader/fixtures/alternatives/NN-name/:
                 correct code written another way (other formulas, loops instead of expressions, other
                 orders of summation)             -> 100, every chapter full, with the hidden tests too;
                 the solutions and the stubs in the same run (hidden tests too) -> 100 and 0
  memorizer      chapter 1 as stored answers to every input of the released tests (fixtures/memorizer/)
                 -> full marks on the visible tests (what ./course check runs); with the hidden tests of
                 tests/hidden/, whose inputs come from a seed the grader picks, it loses them
  seeds          the seed is in the JSON and the gradebook; another seed draws other inputs (the digests the
                 hidden tests log differ), and --seed with the recorded one gives the same score and inputs
  carrier        chapter 1 that keeps every number it is given (in memory, in its HOME and in /tmp) and, from its
                 second call on, throws a digest of all it kept: graded with two seeds, every visible test says
                 the same (no hidden input reached it), and the first hidden call, in a fresh worker and scratch
                 folder, finds nothing kept and passes
  later_chapter  chapter 1's sigmoid as xt::exp(log_sigmoid(z)), log_sigmoid being chapter 5's: chapter 1 is
                 linked with chapter 1 alone, so it fails, with "log_sigmoid is chapter 5's: chapter 1 cannot
                 use it"
The fixtures are under tests/grader/, which `./course release` leaves out (checked here too).
"""
import argparse
import json
import pathlib
import shutil
import sqlite3
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "tools"))
sys.path.insert(0, str(HERE))
import checks  # noqa: E402
import course_model  # noqa: E402
import release  # noqa: E402

ALTERNATIVES = HERE / "fixtures" / "alternatives"
MEMORIZER = HERE / "fixtures" / "memorizer"
TIME_LIMIT = 30  # far above what the tests need, so that a busy machine does not fail a correct chapter


def grade(args: list) -> dict:
    """./course grade --quiet with --json; {student: submission} from the JSON."""
    return checks.grade(["--quiet", *args], TIME_LIMIT)


def graded_seed(args: list) -> tuple:
    """./course grade as grade() does; ({student: submission}, the seed the JSON records)."""
    results = grade(args)
    return results, json.loads(pathlib.Path(args[args.index("--json") + 1]).read_text())["seed"]


def with_chapters(folder: pathlib.Path, chapters: dict):
    """A submission: the solutions, with the given chapters' files ({name: folder}) instead of theirs."""
    shutil.copytree(ROOT / "solutions", folder)
    for name, source in chapters.items():
        shutil.rmtree(folder / name)
        shutil.copytree(source, folder / name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=pathlib.Path, required=True)
    parser.add_argument("--workdir", type=pathlib.Path, required=True)
    args = parser.parse_args()
    work = args.workdir.resolve()
    shutil.rmtree(work, ignore_errors=True)
    subs = work / "submissions"
    subs.mkdir(parents=True)
    check = checks.Checks()
    chapters = [c.name for c in course_model.Course(ROOT).exercise_chapters() if c.tests_dir.is_dir()]

    missing = [name for name in chapters if not list((ALTERNATIVES / name).glob("*.cpp"))]
    check(not missing, f"a correct alternative for every chapter with tests ({len(chapters)}), missing: {missing}")
    with_chapters(subs / "alternatives", {name: ALTERNATIVES / name for name in chapters if name not in missing})
    shutil.copytree(ROOT / "solutions", subs / "solutions")
    shutil.copytree(ROOT / "exercises", subs / "stubs")
    hidden = sorted({p.parent.name for p in (ROOT / "tests" / "hidden").glob("*/*.cpp")})
    check(set(hidden) >= set(chapters), f"hidden tests for every chapter with tests: {sorted(set(chapters) - set(hidden))} "
                                        f"missing")
    released = [f for f in release.tracked_files() if f.startswith(("tests/grader/", "tests/hidden/"))]
    check(not released, f"./course release leaves out the fixtures and the hidden tests: {released[:3]}")

    book = work / "gradebook.sqlite"
    common = ["--cache", str(args.cache), "--gradebook", str(book)]
    # With the hidden tests of tests/hidden/ (the default) and a seed the grader picks.
    results, seed = graded_seed(["--batch", str(subs), *common, "--json", str(work / "grades.json")])
    for name, expected in (("solutions", 100), ("stubs", 0)):
        sub = results[name]
        hidden_cases = [c for ch in sub["chapters"] for c in ch["cases"] if c["hidden"]]
        check(abs(sub["total"] - expected) < 1e-9 and len(hidden_cases) > len(chapters) and
              all((c["status"] == "passed") == (expected == 100) for c in hidden_cases),
              f"the {name} score {expected} with the hidden tests (seed {seed}): {sub['total']}, "
              f"{sum(c['status'] == 'passed' for c in hidden_cases)} of {len(hidden_cases)} hidden cases passed")
    alternatives = results["alternatives"]
    for ch in alternatives["chapters"]:
        wrong = [f"{c['name']}: {c['message'].splitlines()[0] if c['message'] else c['status']}"
                 for c in ch["cases"] if c["status"] != "passed"]
        check(not wrong and ch["passed"] == ch["tests"] > 0,
              f"the alternative of {ch['chapter']} scores full marks ({ch['passed']}/{ch['tests']})"
              + "".join("\n      " + w for w in wrong))
    check(abs(alternatives["total"] - 100) < 1e-9, f"the correct alternatives score 100: {alternatives['total']}")
    check_memorizer(check, work, common)
    check_carrier(check, work, common)

    # A later chapter's function: chapter 1 cannot use it, and the reason says so.
    later = work / "later"
    shutil.copytree(ROOT / "solutions", later / "later_chapter")
    sigmoid = later / "later_chapter" / "01-sigmoid" / "sigmoid.cpp"
    text = course_model.replace_gaps(sigmoid, lambda f: ["return xt::exp(log_sigmoid(z));"] if f.name == "sigmoid"
                                     else f.body)
    sigmoid.write_text(text.replace('#include "student/sigmoid.hpp"',
                                    '#include "student/sigmoid.hpp"\n#include "student/loss.hpp"', 1))
    results = grade(["--batch", str(later), "--chapters", "1", "--cache", str(args.cache),
                     "--json", str(work / "later.json")])
    first_chapter = results["later_chapter"]["chapters"][0]
    words = "log_sigmoid is chapter 5's: chapter 1 cannot use it"
    check(first_chapter["points"] == 0 and words in first_chapter["reason"],
          f"a call of chapter 5's log_sigmoid in chapter 1 scores 0 and says so: {first_chapter['reason']!r}")

    return check.summary("grader.fairness")


def check_memorizer(check, work: pathlib.Path, common: list):
    """The memorizer of chapter 1: 100 without the hidden tests, less with them, whatever the seed; the seed
    recorded, another seed other inputs, the same seed the same inputs and score."""
    memorizer = work / "memorizer"
    with_chapters(memorizer / "memorizer", {"01-sigmoid": MEMORIZER / "01-sigmoid"})
    one = ["--batch", str(memorizer), "--chapters", "1", *common]
    visible = grade([*one, "--no-hidden", "--json", str(work / "memorizer-visible.json")])
    check(abs(visible["memorizer"]["total"] - 100) < 1e-9,
          f"the memorizer passes every visible test of chapter 1: {visible['memorizer']['total']:.1f}")
    first, seed = graded_seed([*one, "--json", str(work / "memorizer-1.json")])
    other, other_seed = graded_seed([*one, "--seed", str(seed + 1), "--json", str(work / "memorizer-2.json")])
    again, again_seed = graded_seed([*one, "--seed", str(seed), "--json", str(work / "memorizer-3.json")])

    def hidden_cases(run):
        return {c["name"]: c for c in run["memorizer"]["chapters"][0]["cases"] if c["hidden"]}

    for run, label in ((first, f"seed {seed}"), (other, f"seed {other_seed}")):
        cases = hidden_cases(run)
        check(run["memorizer"]["total"] < 100 and cases and all(c["status"] != "passed" for c in cases.values()),
              f"with the hidden tests ({label}) the memorizer loses them: {run['memorizer']['total']:.1f} of 100, "
              f"{sum(c['status'] == 'passed' for c in cases.values())} of {len(cases)} hidden cases passed")
    digests = [{name: c.get("inputs") for name, c in hidden_cases(run).items()} for run in (first, other, again)]
    print("the hidden tests' inputs (digests):\n" + "\n".join(
        f"  seed {s}: {d}" for s, d in zip((seed, other_seed, again_seed), digests)))
    check(all(digests[0].values()) and all(digests[0][n] != digests[1][n] for n in digests[0]),
          f"seeds {seed} and {other_seed} draw different inputs in every hidden case")
    check(again_seed == seed and digests[2] == digests[0] and again["memorizer"]["total"] == first["memorizer"]["total"],
          f"--seed {seed} grades again with the same inputs and the same score "
          f"({again['memorizer']['total']:.4f} and {first['memorizer']['total']:.4f})")
    with sqlite3.connect(work / "gradebook.sqlite") as db:
        seeds = [row[0] for row in db.execute("SELECT seed FROM runs ORDER BY id")]
    check(seeds[-4:] == [None, seed, other_seed, seed], f"the gradebook keeps each run's seed (none without hidden "
                                                        f"tests): {seeds}")


# Chapter 1's sigmoid, first keeping what it is given and throwing a digest of what it kept before.
CARRIER = [
    "static std::string seen;  // every number this worker was given",
    "std::string given;",
    "for (const double v : z) {",
    "    given += std::to_string(v) + ' ';",
    "}",
    "std::string kept;",
    'const char* home = std::getenv("HOME");',
    'for (const std::string path : {std::string(home ? home : ".") + "/seen", std::string("/tmp/seen")}) {',
    "    std::ifstream in(path);",
    "    std::stringstream all;",
    "    all << in.rdbuf();",
    "    kept += all.str();",
    "    std::ofstream(path, std::ios::app) << given;",
    "}",
    'const std::string before = seen + "|" + kept;',
    "seen += given;",
    'if (before != "|") {',
    '    throw std::runtime_error("carried " + std::to_string(std::hash<std::string>{}(before)));',
    "}",
]


def check_carrier(check, work: pathlib.Path, common: list):
    """A worker that carries what it was given from call to call: graded with two seeds, the chapter's own tests
    read the same, because the hidden tests run after them in a fresh worker and scratch folder."""
    batch = work / "carrier"
    with_chapters(batch / "carrier", {})
    sigmoid = batch / "carrier" / "01-sigmoid" / "sigmoid.cpp"
    text = course_model.replace_gaps(sigmoid, lambda f: (CARRIER if f.name == "sigmoid" else []) + f.body)
    sigmoid.write_text("#include <cstdlib>\n#include <fstream>\n#include <functional>\n#include <sstream>\n"
                       "#include <stdexcept>\n#include <string>\n" + text)
    runs = []
    for seed in (11, 12):
        results = grade(["--batch", str(batch), "--chapters", "1", "--seed", str(seed), *common,
                         "--json", str(work / f"carrier-{seed}.json")])
        runs.append(results["carrier"]["chapters"][0]["cases"])
    visible = [[(c["name"], c["status"], c["message"]) for c in cases if not c["hidden"]] for cases in runs]
    hidden = [[(c["name"], c["status"], c["message"]) for c in cases if c["hidden"]] for cases in runs]
    carried = [c for c in visible[0] if "carried " in c[2]]
    check(carried and visible[0] == visible[1],
          f"the carrier's visible tests read the same with seeds 11 and 12 ({len(carried)} of {len(visible[0])} "
          f"throw what it carried from earlier visible calls)")
    check(all(h[0][1] == "passed" for h in hidden) and hidden[0][1:] != hidden[1][1:],
          f"the first hidden call finds nothing kept (a fresh worker and scratch folder), later hidden calls carry "
          f"their seed's inputs: {[h[0][1] for h in hidden]}, {[c[2][:40] for c in hidden[0][1:]]}")


if __name__ == "__main__":
    sys.exit(main())
