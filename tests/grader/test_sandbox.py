#!/usr/bin/env python3
"""A unit test of sandbox.py (python3 -m unittest): in a made-up course whose batch of submissions sits
inside it, a run sees only what it is given (not the solutions, the hidden tests, the other submissions or
the cache's students' files, even inside a folder it is given), writes nowhere but its scratch folder and the
files it is let write, and a flood of files in its scratch folder, /tmp or /dev/shm stops at the quota."""
import pathlib
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import sandbox as sandbox_mod  # noqa: E402

QUOTA_MB = 8


class SandboxView(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        tmp = pathlib.Path(cls._tmp.name)
        tmp.chmod(0o755)  # bubblewrap runs under the sandbox's user id, and finds what it shows from there
        cls.root = root = tmp / "course"
        cls.cache = cache = root / "build-grader"
        files = {"src/student/sigmoid.hpp": "the API", "solutions/01-sigmoid/sigmoid.cpp": "the solution",
                 "tests/hidden/01-sigmoid/test_hidden.cpp": "a hidden test",
                 "submissions/alice/01-sigmoid/sigmoid.cpp": "alice's", "submissions/bob/01-sigmoid/sigmoid.cpp": "bob's",
                 "build-grader/libch01_solutions.a": "a library", "build-grader/objects/hidden.o": "a hidden test object",
                 "build-grader/objects/bob.o": "bob's object", "build-grader/work/bob-1/01-sigmoid/src/sigmoid.cpp": "bob's"}
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text + "\n")
        hide = [root / "solutions", root / "tests" / "hidden", root / "submissions", cache / "work", cache / "objects",
                *root.glob("build*")]
        cls.box = sandbox_mod.Sandbox(root, hide=hide, limits=sandbox_mod.Limits(cpu_seconds=20, disk_mb=QUOTA_MB),
                                      slots=1)
        cls.scratch = cache / "work" / "alice-1" / "01-sigmoid"
        (cls.scratch / "src").mkdir(parents=True)
        (cls.scratch / "src" / "sigmoid.cpp").write_text("alice's\n")

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def setUp(self):
        if self.box.mode == "limits":
            self.skipTest("no bubblewrap on this machine: nothing is hidden (the grader says so)")

    def sh(self, script, see=(), writable=()):
        with self.box.slot():
            self.box.prepare(self.scratch)  # owned by the slot's user id, closed to the others
            return self.box.run(["/bin/sh", "-c", script], self.scratch, see=see, writable=writable, timeout=20)

    def test_a_run_sees_what_it_is_given_and_nothing_else(self):
        secrets = [self.root / "solutions/01-sigmoid/sigmoid.cpp", self.root / "tests/hidden/01-sigmoid/test_hidden.cpp",
                   self.root / "submissions/bob/01-sigmoid/sigmoid.cpp", self.cache / "objects/bob.o",
                   self.cache / "work/bob-1/01-sigmoid/src/sigmoid.cpp", self.cache / "libch01_solutions.a"]
        for see in ([self.root / "src"], [self.root], [self.root, self.cache]):
            for secret in secrets if see[-1] != self.cache else secrets[:-1]:
                run = self.sh(f"cat {secret}", see=see)
                self.assertNotEqual(run.returncode, 0, f"shown {[str(s) for s in see]}: read {secret}: {run.output}")
            run = self.sh(f"cat {self.root}/src/student/sigmoid.hpp src/sigmoid.cpp", see=see)
            self.assertEqual(run.output, "the API\nalice's\n")
        # A file given explicitly shows even inside a hidden folder (a hidden test's object, at the link).
        run = self.sh(f"cat {self.cache}/libch01_solutions.a {self.cache}/objects/hidden.o; cat {self.cache}/objects/bob.o",
                      see=[self.cache, self.cache / "objects" / "hidden.o"])
        self.assertTrue(run.output.startswith("a library\na hidden test object\n"), run.output)
        self.assertNotIn("bob's", run.output)

    def test_a_run_writes_only_in_its_scratch_folder(self):
        for place in ("/written", "/dev/written", "/etc/written", self.root / "written", self.root / "src" / "written",
                      self.cache / "written", self.scratch / "src" / "written"):
            run = self.sh(f"echo x > {place}", see=[self.root, self.cache])
            self.assertNotEqual(run.returncode, 0, f"wrote {place}")
            self.assertFalse(pathlib.Path(place).exists(), place)
        out = self.scratch / "out.o"
        run = self.sh("echo here > scratch.txt && echo kept > out.o && echo t > /tmp/t && echo s > /dev/shm/s && "
                      "cat scratch.txt /tmp/t /dev/shm/s", writable=[out])
        self.assertEqual((run.returncode, run.output), (0, "here\nt\ns\n"))
        self.assertEqual(out.read_text(), "kept\n")
        self.assertFalse((self.scratch / "scratch.txt").exists(), "the scratch folder's tmpfs is the run's own")

    def test_a_flood_of_files_stops_at_the_quota(self):
        for folder in (".", "/tmp", "/dev/shm"):
            run = self.sh(f"i=0; while dd if=/dev/zero of={folder}/f$i bs=1M count=1 2>/dev/null; do i=$((i+1)); "
                          f"[ $i -gt {4 * QUOTA_MB} ] && break; done; echo $i")
            self.assertLess(int(run.output.split()[-1]), QUOTA_MB + 1, f"{folder}: {run.output}")


if __name__ == "__main__":
    unittest.main()
