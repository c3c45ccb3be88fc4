#!/usr/bin/env python3
"""build_progress.py: Ninja's `[n/N]` lines become one line updated in place on a terminal, a line per tenth
of the way otherwise (none for a short build), and the whole output is kept in the log."""
import io
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import build_progress  # noqa: E402


def fake_build(steps: int) -> list:
    lines = [f"[{i}/{steps}] Building CXX object CMakeFiles/ch01_tests.dir/tests/01-sigmoid/t{i}.cpp.o"
             for i in range(1, steps)]
    return [sys.executable, "-c", "import sys; print(sys.argv[1]); print('warning: a compiler line')"
            f"; print('[{steps}/{steps}] Linking CXX executable tests/test01_exercises')",
            "\n".join(lines)]


class Screen(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


class BuildProgress(unittest.TestCase):
    def run_fake(self, steps, tty):
        screen = Screen(tty)
        with tempfile.TemporaryDirectory() as tmp:
            log = pathlib.Path(tmp) / "build.log"
            code = build_progress.run(fake_build(steps), log, "chapter 1", out=screen)
            return code, screen.getvalue(), log.read_text()

    def test_a_terminal_gets_one_line_updated_in_place(self):
        code, shown, log = self.run_fake(40, tty=True)
        self.assertEqual(code, 0)
        self.assertNotIn("\n", shown)
        self.assertIn("\r\033[K[40/40] chapter 1: linking tests/test01_exercises", shown)
        self.assertIn("[3/40] chapter 1: compiling tests/01-sigmoid/t3.cpp", shown)
        self.assertTrue(shown.endswith("\r\033[K"), "the line is cleared at the end")
        self.assertIn("warning: a compiler line", log)
        self.assertNotIn("warning", shown)

    def test_a_log_gets_a_plain_line_per_tenth(self):
        code, shown, _ = self.run_fake(40, tty=False)
        self.assertEqual(code, 0)
        self.assertNotIn("\r", shown)
        self.assertEqual(shown.splitlines()[0], "[4/40] chapter 1 (10 %)")
        self.assertEqual(len(shown.splitlines()), 10)

    def test_a_short_build_stays_quiet_in_a_log(self):
        self.assertEqual(self.run_fake(3, tty=False)[1], "")

    def test_the_commands_exit_status_is_returned(self):
        screen = Screen(False)
        with tempfile.TemporaryDirectory() as tmp:
            code = build_progress.run([sys.executable, "-c", "raise SystemExit(3)"], pathlib.Path(tmp) / "l", out=screen)
        self.assertEqual(code, 3)

    def test_the_command_line_takes_the_command_after_two_dashes(self):
        with tempfile.TemporaryDirectory() as tmp:
            log = pathlib.Path(tmp) / "l"
            code = build_progress.main([str(log), "--what", "x", "--", sys.executable, "-c", "print('[1/1] done')"])
            self.assertEqual((code, log.read_text()), (0, "[1/1] done\n"))


if __name__ == "__main__":
    unittest.main()
