#!/usr/bin/env python3
"""Prove that a chapter's tests can fail: run them against the exercise stub (the student's files as
handed out) and require every test of a student's function to fail, cleanly, with the stub's
"not implemented yet" message. Cases labelled 'provided' test course code and are left out. Every function
the student writes in the chapter (course_model.py) must have such tests: a suite named after it.
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import boost_junit  # noqa: E402
import course_model  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("executable")
    parser.add_argument("--chapter", required=True)
    parser.add_argument("--workdir", default=".")
    parser.add_argument("--report", help="the JUnit report's file name in the workdir (default: chNN-stubs.xml)")
    args = parser.parse_args()
    report = pathlib.Path(args.workdir) / (args.report or f"ch{args.chapter}-stubs.xml")
    run = boost_junit.run(args.executable, report, ["--run_test=!@provided"])
    bad = []
    if run.problem:
        bad.append(f"the run itself went wrong: {run.problem}")
    if not run.cases:
        bad.append("no test of a student's function ran")
    tested = {case.suite for case in run.cases}
    chapter = course_model.Course().chapter(int(args.chapter))
    for function in chapter.functions:
        if function.name not in tested:
            bad.append(f"{function.name} (exercises/{chapter.name}/{function.file}) has no test: no suite "
                       f"{function.name} ran")
    for case in run.cases:
        if case.ok:
            bad.append(f"{case.suite}/{case.name} PASSED against the stub: it cannot tell a stub from a solution")
        elif "not implemented yet" not in case.message:
            bad.append(f"{case.suite}/{case.name} failed, but not with the stub's message: {case.message!r}")
    failed = sum(not c.ok for c in run.cases)
    print(f"chapter {args.chapter}: {failed} of {len(run.cases)} tests of the student's functions fail against "
          f"the stub, as they must")
    for line in bad:
        print("  PROBLEM:", line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
