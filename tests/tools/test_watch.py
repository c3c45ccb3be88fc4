#!/usr/bin/env python3
"""How `./course watch` waits for a save (watch.wait_for_save), with inotifywait and without it: a save wakes
it within a second or two, a save made while the last check ran counts at once, waiting costs no CPU, and an
inotifywait that fails leaves it looking at the files' times. `./course test` installs inotify-tools."""
import os
import pathlib
import shutil
import sys
import tempfile
import threading
import time
import unittest
from unittest import mock

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import watch  # noqa: E402

WAKE = 3.0  # seconds: a save must be seen in less (inotifywait's own time-out is 30 s)


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class Waiting:
    """A folder like exercises/, and wait_for_save run in a thread, with inotifywait or without."""

    def __init__(self, test, inotify):
        self.test, self.inotify = test, inotify
        self.folder = pathlib.Path(tempfile.mkdtemp())
        test.addCleanup(shutil.rmtree, self.folder)
        (self.folder / "01-sigmoid").mkdir()
        self.file = self.folder / "01-sigmoid" / "sigmoid.cpp"
        self.file.write_text("// the stub\n")
        self.before = watch.watched(self.folder)
        self.result, self.ended = None, None

    def start(self):
        def run():
            with mock.patch.object(watch.shutil, "which", lambda name: self.inotify):
                self.result = watch.wait_for_save(self.folder, self.before)
            self.ended = time.monotonic()
        self.thread = threading.Thread(target=run, daemon=True)
        self.started = time.monotonic()
        self.thread.start()
        return self

    def save(self, text="// the student's code\n"):
        self.saved = time.monotonic()
        self.file.write_text(text)

    def answer(self) -> float:
        """Seconds from the save to wait_for_save's return; fails the test when it does not return in time."""
        self.thread.join(WAKE + 2)
        self.test.assertFalse(self.thread.is_alive(), f"wait_for_save did not return within {WAKE + 2} s of a save")
        files, _ = self.result
        self.test.assertEqual(files, [self.file])
        return self.ended - self.saved


class Modes:
    inotify = None

    def test_a_save_wakes_it(self):
        w = Waiting(self, self.inotify).start()
        time.sleep(1.0)
        self.assertIsNone(w.result, "wait_for_save returned before anything was saved")
        w.save()
        self.assertLess(w.answer(), WAKE)

    def test_a_save_during_the_last_check_counts_at_once(self):
        w = Waiting(self, self.inotify)
        w.save()  # after `before` was taken, before the wait begins: the student saved while a check ran
        w.start()
        self.assertLess(w.answer(), WAKE)

    def test_waiting_costs_no_cpu(self):
        w = Waiting(self, self.inotify)
        cpu = cpu_seconds()
        w.start()
        time.sleep(2.0)
        spent = cpu_seconds() - cpu
        w.save()
        w.answer()
        self.assertLess(spent, 0.2, f"waiting 2 s for a save took {spent:.2f} CPU-s: a loop that spins")


class WithoutInotify(Modes, unittest.TestCase):
    inotify = None


class WithInotify(Modes, unittest.TestCase):
    inotify = shutil.which("inotifywait")

    def setUp(self):
        if not self.inotify:
            self.fail("inotifywait is not installed (Debian's inotify-tools: ./course test installs it)")


class WhenInotifyFails(unittest.TestCase):
    def test_it_looks_at_the_files_times_instead(self):
        folder = pathlib.Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        broken = folder / "inotifywait"
        broken.write_text("#!/bin/sh\necho 'Failed to watch: upper limit on inotify watches reached' >&2\nexit 1\n")
        broken.chmod(0o755)
        w = Waiting(self, str(broken)).start()
        time.sleep(1.0)
        w.save()
        self.assertLess(w.answer(), WAKE)


if __name__ == "__main__":
    unittest.main(verbosity=2)
