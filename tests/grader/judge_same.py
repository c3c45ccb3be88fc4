#!/usr/bin/env python3
"""The judge changes nothing a test sees: run a chapter's tests in the student's program (testNN_<impl>) and
through the judge (judgeNN, with the student's functions in workerNN_<impl>), and require the same outcome
and the same message for every case. With --solutions every case must pass; with --exercises every test of
a student's function must fail, as stubs_fail.py requires of the direct run.

    judge_same.py --direct testNN_exercises --judge judgeNN --worker workerNN_exercises --workdir DIR --exercises
"""
import argparse
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
import boost_junit  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--direct", required=True)
    parser.add_argument("--judge", required=True)
    parser.add_argument("--worker", required=True)
    parser.add_argument("--workdir", type=pathlib.Path, required=True)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--solutions", action="store_true")
    which.add_argument("--exercises", action="store_true")
    args = parser.parse_args()
    name = pathlib.Path(args.worker).name
    direct = boost_junit.run(args.direct, args.workdir / f"{name}-direct.xml")
    env = {**os.environ, "COURSE_WORKER": str(pathlib.Path(args.worker).resolve())}
    judged = boost_junit.run(args.judge, args.workdir / f"{name}-judged.xml", env=env)
    problems = []
    for run, how in ((direct, "directly"), (judged, "through the judge")):
        if run.problem:
            problems.append(f"the run {how} went wrong: {run.problem}")
    seen = {(c.suite, c.name): c for c in direct.cases}
    got = {(c.suite, c.name): c for c in judged.cases}
    if set(seen) != set(got):
        problems.append(f"different cases: only directly {sorted(set(seen) - set(got))}, only through the judge "
                        f"{sorted(set(got) - set(seen))}")
    for key, c in seen.items():
        j = got.get(key)
        if j and (j.status, j.message) != (c.status, c.message):
            problems.append(f"{'/'.join(key)}: directly {c.status} {c.message!r}, through the judge {j.status} "
                            f"{j.message!r}")
        if args.solutions and not c.ok:
            problems.append(f"{'/'.join(key)} fails against the solutions: {c.message!r}")
    failing = sum(not c.ok for c in judged.cases)
    print(f"{len(judged.cases)} cases through the judge ({name}), {failing} failing; the same as directly: "
          f"{'yes' if not problems else 'NO'}")
    for p in problems:
        print("  PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
