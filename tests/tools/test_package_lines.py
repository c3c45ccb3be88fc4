#!/usr/bin/env python3
"""The package install says one line per group of packages, not dpkg's chatter: `./course list` is run with
a dpkg-query that calls three packages missing and an apt-get that talks a lot (both fakes, first on PATH);
what it prints must be the groups' lines, and the chatter must be in build/apt.log only."""
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
MISSING = ("xtensor-dev", "libopenblas-dev", "gnuplot-nox")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fake = pathlib.Path(tmp)
        (fake / "dpkg-query").write_text("#!/bin/sh\nfor p; do :; done\ncase \" " + " ".join(MISSING)
                                         + " \" in *\" $p \"*) exit 1 ;; esac\necho 'install ok installed'\n")
        (fake / "apt-get").write_text("#!/bin/sh\necho \"$@\" >> " + str(fake / "apt-calls") + "\n"
                                      "for i in 1 2 3; do echo 'Selecting previously unselected package x.'; "
                                      "echo 'Unpacking x ...'; done\n")
        (fake / "id").write_text("#!/bin/sh\necho 0\n")
        for name in ("dpkg-query", "apt-get", "id"):
            (fake / name).chmod(0o755)
        env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}", "NO_COLOR": "1"}
        proc = subprocess.run([str(ROOT / "course"), "list"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        calls = (fake / "apt-calls").read_text().splitlines() if (fake / "apt-calls").exists() else []
    shown = [line for line in proc.stdout.splitlines() if line.startswith("course:") or "\x1b[1mcourse:" in line]
    problems = []
    if "Selecting previously" in proc.stdout or "Unpacking" in proc.stdout:
        problems.append("dpkg's chatter reached the screen")
    wanted = ["xtensor and OpenBLAS:", "the figures (gnuplot):"]
    for words in wanted:
        if not any(words in line for line in shown):
            problems.append(f"no line for the group `{words}`")
    installs = [c for c in calls if c.startswith("install")]
    if len(installs) != 2 or not all(p in " ".join(installs) for p in MISSING):
        problems.append(f"apt-get install was called {installs}, not once per group with the missing packages")
    print("\n".join(shown))
    print("\n".join(problems) or "ok: one line per group, the chatter in build/apt.log")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
