#!/usr/bin/env python3
"""The students' copy as a student meets it: `./course release` into a folder, and there the README's
commands, with what they print checked. `./course watch` runs in the background while the test saves files
as a student would: a compiler error (std::exp on an array), then chapter 1's solution; watch must explain
the error, say that chapter 1 is done, and move on to chapter 2. Then list, run, test, hint, reset, help.

To stay quick, the copy keeps chapters 1 and 2 only (the others are removed after the release) and is
built without precompiled headers or website, the course's own code one library at a time (COURSE_UNITY; the
student's files are compiled one by one, as always). The watch session is kept in OUT/watch-transcript.txt.

    test_student_copy.py OUT_DIR
"""
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

import course_model

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KEEP = ("01-", "02-")
failed = checks = 0
RAN = set()  # the commands run in the copy (./course COMMAND)


def check(ok, what, detail=""):
    global failed, checks
    checks += 1
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok or not detail else "\n" + detail), flush=True)
    failed += not ok


def trim(out: pathlib.Path):
    """Only chapters 1 and 2: every folder of a later chapter goes."""
    for parent in ("chapters", "exercises", "tests", "src/course", ".course/handed-out"):
        for folder in (out / parent).glob(course_model.CHAPTER_GLOB):
            if not folder.name.startswith(KEEP):
                shutil.rmtree(folder)


def course(out, *args, timeout=600, stdin=subprocess.DEVNULL):
    RAN.add(args[0])
    proc = subprocess.run([str(out / "course"), *args], cwd=out, stdin=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=timeout, env=ENV)
    return proc.returncode, proc.stdout


def answered(out, answer, *args, timeout=120):
    """A command run on a terminal (a pseudo-terminal) that types answer: (exit status, what it printed)."""
    RAN.add(args[0])
    master, slave = os.openpty()
    proc = subprocess.Popen([str(out / "course"), *args], cwd=out, stdin=slave, stdout=slave, stderr=slave,
                            env=ENV, start_new_session=True)
    os.close(slave)
    os.write(master, answer.encode())
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the command has ended and closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=timeout)
    os.close(master)
    return code, b"".join(chunks).decode(errors="replace")


# A student's terminal: no colours, and not a CI run (where a finished chapter does not build its program,
# since nobody would look at it: CI is set on the machine that runs this very test).
ENV = {**{k: v for k, v in os.environ.items() if k != "CI"}, "NO_COLOR": "1", "TERM": "dumb"}


class Watch:
    """./course watch in the background; its output read as it comes."""

    def __init__(self, out):
        RAN.add("watch")
        self.text, self.lock = "", threading.Lock()
        self.proc = subprocess.Popen([str(out / "course"), "watch"], cwd=out, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV,
                                     start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            with self.lock:
                self.text += line

    def wait_for(self, pattern, start=0, timeout=300) -> int:
        """Wait until pattern shows after offset start; the offset after it, or -1."""
        end = time.time() + timeout
        while time.time() < end:
            with self.lock:
                match = re.compile(pattern, re.M).search(self.text, start)
            if match:
                return match.end()
            if self.proc.poll() is not None:
                time.sleep(0.5)
                with self.lock:
                    match = re.compile(pattern, re.M).search(self.text, start)
                return match.end() if match else -1
            time.sleep(0.2)
        return -1


def save(path: pathlib.Path, text: str):
    path.write_text(text)


def main() -> int:
    out = pathlib.Path(sys.argv[1]).resolve()
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, str(ROOT / "tests" / "grader" / "release.py"), str(out), "--no-website",
                    "--no-git"], check=True, stdout=subprocess.DEVNULL)
    trim(out)
    started = time.time()
    proc = subprocess.run(["cmake", "--preset", "default", "-S", str(out), "-B", str(out / "build"),
                           "-DCOURSE_DOCS=OFF", "-DCOURSE_PCH=OFF", "-DCOURSE_UNITY=ON"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    check(proc.returncode == 0, "the students' copy configures", proc.stdout[-3000:])
    readme = (out / "README.md").read_text()
    commands = re.findall(r"^(\./course [^#\n]*?)\s*(?:#.*)?$", readme, re.M)
    readme_commands = [c.split()[1] for c in commands]
    check(commands[:2] == ["./course watch", "./course list"],
          "the README's first commands are ./course watch and ./course list", "\n".join(commands))
    check("solutions/" not in readme and "instructor edition" not in readme and "website/index.html" in readme,
          "the README is the students': no solutions/, no instructor edition, the website in website/")

    code, text = course(out, "help")
    check(code == 0 and "watch" in text and not re.search(r"\b(stubs|release|grade|bench|format|sanitize)\b", text),
          "./course help lists the student's commands only", text)

    # ./course watch: the student saves a compiler error, then the solution of chapter 1.
    sigmoid = out / "exercises" / "01-sigmoid" / "sigmoid.cpp"
    handed_out = sigmoid.read_text()
    watch = Watch(out)
    at = watch.wait_for(r"waiting for you to save a file \(chapter 1\)")
    check(at > 0 and "Next: write `sigmoid` in exercises/01-sigmoid/sigmoid.cpp:" in watch.text,
          "watch starts at chapter 1 and names the first function to write", watch.text[-3000:])
    wrong = handed_out.replace('    // TODO: write sigmoid here, then run: ./course check 1\n'
                               '    throw not_implemented("sigmoid", 1);',
                               "    return 1.0 / (1.0 + std::exp(-z));")
    check(wrong != handed_out, "the test can write a wrong sigmoid into the stub")
    saved = time.time()
    save(sigmoid, wrong)
    at2 = watch.wait_for(r"waiting for you to save a file \(chapter 1\)", at)
    print(f"      (watch answered the compiler error {time.time() - saved:.1f} s after the save)")
    shown = watch.text[at:at2] if at2 > 0 else watch.text[at:]
    check(at2 > 0 and re.search(r"exercises/01-sigmoid/sigmoid\.cpp:\d+: error: no matching function", shown)
          and "`std::exp` works on one number" in shown,
          "on save, watch shows the compiler error in the student's file and explains it", shown[-3000:])
    solution = (ROOT / "solutions" / "01-sigmoid" / "sigmoid.cpp").read_text()
    saved = time.time()
    save(sigmoid, solution)
    at3 = watch.wait_for(r"waiting for you to save a file \(chapter 2\)", max(at2, at))
    print(f"      (watch answered the solution {time.time() - saved:.1f} s after the save, chapter 2 included)")
    shown = watch.text[max(at2, at):] if at3 > 0 else watch.text[max(at2, at):]
    check(at3 > 0 and "Chapter 1 is done" in shown and "You built the sigmoid" in shown
          and "See it run: build/bin/ch01-sigmoid" in shown and "Next: write `tanh_prime`" in shown,
          "on the solution, watch says chapter 1 is done, what was built, its program, and moves to chapter 2",
          shown[-3000:])
    os.killpg(watch.proc.pid, signal.SIGINT)
    try:
        code = watch.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(watch.proc.pid, signal.SIGKILL)
        code = None
    time.sleep(0.3)
    check(code == 0 and "watch: stopped." in watch.text and "Traceback" not in watch.text,
          "Ctrl-C stops watch cleanly (exit 0, no traceback)", f"exit {code}\n" + watch.text[-1500:])
    (out / "watch-transcript.txt").write_text(watch.text)
    check((out / "build" / "bin" / "ch01-sigmoid").is_file(), "chapter 1's program is built when it is done")

    check("\033[" not in watch.text, "watch clears the screen and paints only on a terminal")
    build_log = out / "build" / "results" / "student" / "build-01.log"
    built_at = build_log.stat().st_mtime_ns if build_log.exists() else None
    code, text = course(out, "list")
    check(built_at is not None and build_log.stat().st_mtime_ns == built_at,
          "./course list reuses chapter 1's last result: no build of an unchanged chapter")
    check(code == 0 and re.search(r"1\s+The sigmoid\s+done", text) and re.search(r"2\s+Activations\s+not started", text)
          and "1 of 2 chapters done" in text and "Next: ./course watch 2" in text,
          "./course list: chapter 1 done, chapter 2 not started, the bar, what next", text)
    code, text = course(out, "run")
    check(code == 0 and "== Chapter 1: The sigmoid" in text and "Next: ./course watch 2" in text,
          "./course run runs chapter 1's program and names the next command (exit 0)", text[-3000:])
    code, text = course(out, "test")
    check(code == 1 and re.search(r"1\s+The sigmoid\s+done", text) and "1 of 2 chapters done" in text,
          "./course test: a line per chapter, exit 1 while a chapter is not done", text)
    code, text = course(out, "hint", "1")
    check(code == 0 and "sigmoid" in text, "./course hint 1", text)
    code, text = course(out, "reset", "1")
    check(code == 2 and "--yes" in text and sigmoid.read_text() == solution,
          "./course reset 1 without a terminal asks for --yes and changes nothing", text)
    code, text = answered(out, "n\n", "reset", "1")
    check(code == 1 and "[y/N]" in text and "nothing changed" in text and sigmoid.read_text() == solution,
          "./course reset 1 on a terminal asks, and an answer of n changes nothing", text)
    code, text = course(out, "reset", "1", "--yes")
    backups = list((out / "exercises" / ".backup").glob("01-sigmoid-*/sigmoid.cpp"))
    check(code == 0 and sigmoid.read_text() == handed_out and len(backups) == 1
          and backups[0].read_text() == solution,
          "./course reset 1 --yes puts the stub back and keeps the student's file in exercises/.backup/", text)
    code, text = course(out, "list")
    check(re.search(r"1\s+The sigmoid\s+not started", text) is not None, "after the reset, chapter 1 is not started",
          text)
    code, text = course(out, "check", "1")
    check(code == 1 and "Next: write `sigmoid` in exercises/01-sigmoid/sigmoid.cpp:" in text,
          "./course check 1 on the stubs names the first function to write (exit 1)", text)
    code, text = course(out, "submit")
    check(code == 0 and (out / "submission.zip").is_file(), "./course submit writes submission.zip", text)
    check(set(readme_commands) <= RAN, "every command of the README was run here",
          f"not run: {sorted(set(readme_commands) - RAN)}")
    print(f"student copy: {checks - failed} passed, {failed} failed ({time.time() - started:.0f} s after the release)")
    if not failed:
        shutil.rmtree(out, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
