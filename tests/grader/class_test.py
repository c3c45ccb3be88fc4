#!/usr/bin/env python3
"""A class graded in one batch (issue 18 §3), small: a CTest test of `./course test` (label grader).

make_class.py writes 3 distinct full submissions (every chapter the student's own code), graded with
`./course grade --batch`:
  student-00  correct                                           -> 100
  student-01  one function returns a wrong value (chapter 1)    -> less, lost in that chapter only
  student-02  chapter 4 does not compile, chapter 2 loops       -> 0 in chapter 4, the time limit in chapter 2
              (waiting, not spinning, here: the same verdict)      (the default: from the solutions' own run),
                                                                   every other chapter full
and the batch ends with each submission's times (wall, compile, link, run) and the total. The full class of
60 is timed the same way, by hand (issue 18's numbers come from it):
    tests/grader/make_class.py 60 /tmp/class && flock /tmp/cpu.lock ./course grade --batch /tmp/class --quiet
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import checks  # noqa: E402
import make_class  # noqa: E402

STEPS = r"\s+(\d+\.\d)" * 4


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cache", type=pathlib.Path, required=True, help="the grader's cache (the build folder)")
    p.add_argument("--workdir", type=pathlib.Path, required=True)
    args = p.parse_args()
    folder = args.workdir / "class"
    expected = make_class.make(3, folder, spin=False)
    check = checks.Checks()
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(HERE / "grade.py"), "--batch", str(folder), "--cache", str(args.cache),
                           "--quiet", "--json", str(args.workdir / "class.json")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(proc.stdout)
    print(f"(wall time {time.monotonic() - started:.1f} s)", flush=True)
    if proc.returncode != 0:
        sys.exit(f"the grader failed with exit code {proc.returncode}")
    report = json.loads((args.workdir / "class.json").read_text())
    graded = {s["student"]: s for s in report["submissions"]}
    # The default time limit: from the solutions' own run on this machine, never under grade.py's floor.
    limit = report.get("time_limit")
    source = report.get("time_limit_from", "")
    check(isinstance(limit, (int, float)) and limit >= 10 and "against the solutions" in source
          and f"time limit: {limit:g} s a call" in proc.stdout,
          f"the time limit from the reference run, in the JSON and the output: {limit} s ({source})")

    check(sorted(graded) == sorted(expected), f"every student graded: {sorted(graded)}")
    for student, faults in expected.items():
        sub = graded.get(student)
        if not sub:
            continue
        chapters = {ch["chapter"]: ch for ch in sub["chapters"]}
        full = [name for name, ch in chapters.items() if name not in faults]
        check(all(chapters[name]["points"] == chapters[name]["max_points"] > 0 for name in full),
              f"{student}: full marks in every chapter without a mistake ({len(full)} of {len(chapters)})")
        for name, kind in faults.items():
            ch = chapters[name]
            if kind == "wrong":
                check(0 < ch["points"] < ch["max_points"] and ch["reason"].startswith("wrong results"),
                      f"{student}: {name} (a wrong value) loses some points: {ch['points']:.2f}, {ch['reason']}")
            elif kind == "compile error":
                check(ch["points"] == 0 and ch["reason"].startswith("compile error"),
                      f"{student}: {name} (not C++) scores 0: {ch['reason'][:80]}")
            elif kind == "endless loop":
                check(ch["points"] < ch["max_points"] and f"time limit ({limit:g} s)" in ch["reason"],
                      f"{student}: {name} (an endless loop) loses its points to the time limit: {ch['reason']}")
                looped = {c["name"].split("/")[0] for c in ch["cases"] if c["status"] == "time limit" and not c["hidden"]}
                spared = [c for c in ch["cases"] if c["hidden"] and c["name"].split("/")[0] in looped]
                check(spared and all(c["status"] == "time limit" and "hit the time limit in the chapter's own tests"
                                     in c["message"] for c in spared),
                      f"{student}: the hidden tests of the function that looped lose without running it again "
                      f"({len(spared)}: {[c['message'] for c in spared][:1]})")
        if not faults:
            check(sub["total"] == 100, f"{student}: 100 ({sub['total']})")
        else:
            check(sub["total"] < 100, f"{student}: less than 100 ({sub['total']})")

    # The times at the end of the batch: a row per submission, then the total and the mean.
    out = proc.stdout
    check("grade: times in seconds" in out, "the batch prints its times")
    for student in expected:
        row = re.search(rf"^  {re.escape(student)}{STEPS}$", out, re.M)
        # (A compile may take no time: the cache keeps each object by its source, and the class is the same each run.)
        check(row and float(row[1]) > 0 and float(row[4]) > 0,
              f"{student}'s times: wall, compile, link, run " + (" ".join(row.groups()) if row else "(no row)"))
    total = re.search(r"^grade: time: 3 submissions in ([\d.]+) s, ([\d.]+) s per submission; compile ([\d.]+) s, "
                      r"link ([\d.]+) s, run ([\d.]+) s", out, re.M)
    # (Both printed rounded: the total to 0.05 s, so a third of it to 0.017 s, and the mean to 0.005 s.)
    check(total and abs(float(total[1]) / 3 - float(total[2])) <= 0.05 / 3 + 0.005 + 1e-9,
          "the total and the time per submission: " + (total[0] if total else "(no line)"))
    return check.summary("grader.class")


if __name__ == "__main__":
    sys.exit(main())
