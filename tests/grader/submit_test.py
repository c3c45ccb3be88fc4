#!/usr/bin/env python3
"""`./course submit` to `./course grade`, end to end (CTest grader.submit): a student's zip is graded as it is,
every grading run stays in the gradebook, the feedback files never show a hidden test's inputs, and an
archive that holds a link is refused.

    submit_test.py --cache BUILD --workdir DIR
"""
import argparse
import json
import pathlib
import re
import shutil
import stat
import subprocess
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import checks  # noqa: E402
import course_model  # noqa: E402
import gradebook  # noqa: E402

check = checks.Checks()


def run(*args) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    print(proc.stdout)
    if proc.returncode != 0:
        sys.exit(f"{args[0]} stopped with exit code {proc.returncode}")
    return proc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=pathlib.Path, required=True)
    parser.add_argument("--workdir", type=pathlib.Path, required=True)
    args = parser.parse_args()
    work = args.workdir.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    book = work / "gradebook.sqlite"
    grade = [HERE / "grade.py", "--cache", args.cache, "--time-limit", "10", "--chapters", "1,2",
             "--gradebook", book, "--quiet"]

    # A student whose exercises/ are the solutions submits; the zip is graded twice.
    shutil.copytree(ROOT / "solutions", work / "alice" / "exercises")
    run(HERE.parent / "tools" / "submit.py", "--exercises", work / "alice" / "exercises", "-o", work / "alice.zip")
    for n in (1, 2):
        run(*grade, work / "alice.zip", "--json", work / f"alice-{n}.json", "--feedback", work / "feedback")
        total = json.loads((work / f"alice-{n}.json").read_text())["submissions"][0]["total"]
        check(abs(total - 100) < 1e-9, f"grading {n}: the zip that ./course submit wrote scores 100 ({total})")
    runs = gradebook.Gradebook(book).runs("alice")
    check(len(runs) == 2 and runs[0][3] == runs[1][3],
          f"the gradebook keeps both runs of alice, with the same submission hash ({len(runs)} runs)")
    check((work / "feedback" / "alice.md").is_file() and (work / "feedback" / "alice.html").is_file(),
          "feedback: alice.md and alice.html")

    # A sigmoid right where the visible tests look and wrong on seven values: the hidden test fails, and its
    # feedback names it without its message.
    cheat = work / "carol" / "exercises"
    shutil.copytree(ROOT / "solutions", cheat)
    sigmoid = cheat / "01-sigmoid" / "sigmoid.cpp"
    sigmoid.write_text(course_model.replace_gaps(sigmoid, lambda f: (
        ["if (z.size() == 7) { return Array(z * 0.0); }"] if f.name == "sigmoid" else []) + f.body))
    run(HERE.parent / "tools" / "submit.py", "--exercises", cheat, "-o", work / "carol.zip")
    run(*grade, work / "carol.zip", "--hidden-tests", HERE / "fixtures" / "hidden", "--json", work / "carol.json",
        "--feedback", work / "feedback")
    cases = json.loads((work / "carol.json").read_text())["submissions"][0]["chapters"][0]["cases"]
    hidden = [c for c in cases if c["hidden"]]
    check(len(hidden) == 1 and hidden[0]["status"] == "failed" and hidden[0]["message"],
          "carol fails the hidden test, with a message in the instructor's JSON")
    for page in ("carol.md", "carol.html"):
        text = (work / "feedback" / page).read_text()
        leaked = [line for line in hidden[0]["message"].splitlines() if line.strip() and line.strip() in text]
        check(not leaked and "hidden test failed" in text and hidden[0]["name"].split("/")[-1] in text,
              f"feedback {page}: the hidden test named, its message not shown (leaked lines: {leaked})")

    # The seeded hidden tests of tests/hidden/: a memorizer of chapter 1 that throws, naming the input, where it
    # has no stored answer. Only hidden tests throw: the reason, the feedback and Gradescope's output name them
    # and show none of their messages (which hold the hidden inputs).
    erin = work / "erin" / "exercises"
    shutil.copytree(ROOT / "solutions", erin)
    memorizer = (HERE / "fixtures" / "memorizer" / "01-sigmoid" / "sigmoid.cpp").read_text()
    lookup = "v = found == stored.end() ? otherwise : found->second;"
    check(lookup in memorizer, "the memorizer looks its answers up as erin's copy expects")
    (erin / "01-sigmoid" / "sigmoid.cpp").write_text(memorizer.replace(lookup, (
        'if (found == stored.end()) { throw std::runtime_error("no answer stored for z = " + std::to_string(v) + '
        '" (otherwise " + std::to_string(otherwise) + ")"); }\n        v = found->second;')).replace(
        "#include <map>", "#include <map>\n#include <stdexcept>\n#include <string>"))
    run(HERE.parent / "tools" / "submit.py", "--exercises", erin, "-o", work / "erin.zip")
    run(*grade, work / "erin.zip", "--json", work / "erin.json", "--feedback", work / "feedback", "--gradescope",
        work / "erin-gradescope.json")
    first = json.loads((work / "erin.json").read_text())["submissions"][0]["chapters"][0]
    thrown = [c for c in first["cases"] if c["status"] == "exception"]
    check(thrown and all(c["hidden"] and "no answer stored for z = " in c["message"] for c in thrown)
          and first["passed"] == sum(not c["hidden"] for c in first["cases"]),
          f"erin passes every visible test and throws in the hidden ones ({len(thrown)}), the JSON keeps why")
    shown = {page: (work / "feedback" / page).read_text() for page in ("erin.md", "erin.html")}
    shown["Gradescope"] = (work / "erin-gradescope.json").read_text()
    for where, text in shown.items():
        # (The flagged changes quote erin's own source, the throw among them: never a number it was given.)
        leaked = re.findall(r"no answer stored for z = -?[0-9][^\n\"]*", text)
        check(not leaked and "hidden test failed" in text and thrown[0]["name"].split("/")[-1] in text,
              f"{where}: the hidden tests named, none of their messages shown (reason: {first['reason']!r}; "
              f"leaked: {leaked[:2]})")

    # An archive with a symbolic link in it is refused whole.
    with zipfile.ZipFile(work / "dave.zip", "w") as z:
        info = zipfile.ZipInfo("01-sigmoid/sigmoid.cpp")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, str(ROOT / "solutions" / "01-sigmoid" / "sigmoid.cpp"))
    run(*grade, work / "dave.zip", "--json", work / "dave.json")
    dave = json.loads((work / "dave.json").read_text())["submissions"][0]
    check(dave["total"] == 0 and all("archive refused" in ch["reason"] and "symbolic link" in ch["reason"]
                                     for ch in dave["chapters"]),
          f"an archive with a symbolic link is refused: {dave['total']}, {dave['chapters'][0]['reason']!r}")

    return check.summary("grader.submit")


if __name__ == "__main__":
    sys.exit(main())
