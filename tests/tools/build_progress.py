#!/usr/bin/env python3
"""Long work with a line that shows how far it is: runs a command (a build: Ninja's `[n/N] what` lines)
with its whole output in a log file, and shows
  on a terminal   one line, updated in place: `[37/120] compiling tests/07-training/test_train.cpp`
  otherwise       a plain line at each tenth of the way (for a long build; a short one stays quiet)

    build_progress.py LOG [--what WORDS] -- COMMAND...    exit status: the command's
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys

STATUS = re.compile(r"^\[(\d+)/(\d+)\] (.*)$")


def step_words(text: str) -> str:
    """Ninja's description of a step, shorter: `compiling tests/01-sigmoid/test_sigmoid.cpp`."""
    compiling = re.match(r"Building CXX object (?:\S*?\.dir/)?(.*?)\.o$", text)
    if compiling:
        return "compiling " + compiling[1]
    linking = re.match(r"Linking CXX (?:executable|static library|shared library) (.*)$", text)
    if linking:
        return "linking " + linking[1]
    return text


class Progress:
    def __init__(self, out=sys.stdout, tty=None, what="building"):
        self.out, self.what = out, what
        self.tty = out.isatty() if tty is None else tty
        self.tenth = 0
        self.shown = False

    def step(self, n: int, total: int, text: str):
        if self.tty:
            width = shutil.get_terminal_size((100, 20)).columns - 1
            line = f"[{n}/{total}] {self.what}: {step_words(text)}"
            self.out.write("\r\033[K" + line[:width])
            self.shown = True
        elif total >= 20 and n * 10 // total > self.tenth:
            self.tenth = n * 10 // total
            self.out.write(f"[{n}/{total}] {self.what} ({self.tenth * 10} %)\n")
        self.out.flush()

    def done(self):
        if self.tty and self.shown:
            self.out.write("\r\033[K")
            self.out.flush()


def run(command, log: pathlib.Path, what="building", out=sys.stdout, env=None) -> int:
    """Run command with its output in log, showing progress on out; the command's exit status."""
    log = pathlib.Path(log)
    log.parent.mkdir(parents=True, exist_ok=True)
    progress = Progress(out, what=what)
    with open(log, "w") as saved:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                errors="replace", env=env)
        try:
            for line in proc.stdout:
                saved.write(line)
                status = STATUS.match(line.rstrip("\n"))
                if status:
                    progress.step(int(status[1]), int(status[2]), status[3])
            return proc.wait()
        except KeyboardInterrupt:
            proc.wait()
            raise
        finally:
            progress.done()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--" not in argv:
        sys.exit(__doc__)
    split = argv.index("--")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("log", type=pathlib.Path)
    parser.add_argument("--what", default="building")
    args = parser.parse_args(argv[:split])
    command = argv[split + 1:]
    if not command:
        parser.error("no command after --")
    try:
        return run(command, args.log, args.what, env=dict(os.environ))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
