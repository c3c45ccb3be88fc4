"""What the grader's own tests share: a tally of named checks, and `./course grade` run as a child process."""
import json
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent


class Checks:
    """check(ok, what) prints `ok    what` or `FAIL  what` and counts it; summary() ends the test."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what: str) -> bool:
        print(("ok    " if ok else "FAIL  ") + what, flush=True)
        self.passed += bool(ok)
        self.failed += not ok
        return bool(ok)

    def summary(self, name: str) -> int:
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def grade(args: list, time_limit: float):
    """Run grade.py with these arguments (its output printed, with the wall time); a grader that fails stops the
    test. With --json FILE: {student: submission} from that file."""
    started = time.monotonic()
    proc = subprocess.run([sys.executable, str(HERE / "grade.py"), "--time-limit", str(time_limit), *map(str, args)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(proc.stdout)
    print(f"(wall time {time.monotonic() - started:.1f} s)", flush=True)
    if proc.returncode != 0:
        sys.exit(f"the grader failed with exit code {proc.returncode}")
    if "--json" in args:
        data = json.loads(pathlib.Path(args[args.index("--json") + 1]).read_text())
        return {s["student"]: s for s in data["submissions"]}
    return None
