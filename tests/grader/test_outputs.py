#!/usr/bin/env python3
"""Unit tests of what the grader reads and writes besides its verdict: archives (`./course submit`'s zip and
the rules an archive must keep), the gradebook that keeps every run, the feedback files. No build needed.

    python3 tests/grader/test_outputs.py     (CTest: grader.outputs)
"""
import csv
import io
import os
import pathlib
import sqlite3
import stat
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import archive  # noqa: E402
import feedback  # noqa: E402
import gradebook  # noqa: E402
import gradescope_schema  # noqa: E402
import reports  # noqa: E402


def result(student, points, hidden_message="expected 0.5, got 0.4 at z = 0.123"):
    """A student's result as grade.py builds it: chapter 1 lost a hidden case, chapter 2 does not compile."""
    return {"student": student, "total": points + 10, "chapters": [
        {"chapter": "01-sigmoid", "title": "σ", "tests": 3, "passed": 1, "points": points, "max_points": 50,
         "reason": "failed: sigmoid", "log": "", "cases": [
             {"name": "sigmoid/at_zero", "status": "passed", "message": "", "weight": 1, "hidden": False},
             {"name": "sigmoid/stable", "status": "failed", "message": "σ(1000): expected 1, got nan",
              "weight": 1, "hidden": False},
             {"name": "sigmoid/hidden_seven", "status": "failed", "message": hidden_message, "weight": 1,
              "hidden": True}]},
        {"chapter": "02-activations", "title": "φ", "tests": 1, "passed": 0, "points": 0, "max_points": 50,
         "reason": "compile error: relu.cpp:7:12: error: 'exp' was not declared",
         "log": "relu.cpp:7:12: error: 'exp' was not declared\nIn file included from " + str(ROOT) +
                "/src/student/activations.hpp:3,\n",
         "cases": [{"name": "relu/zero", "status": "compile error", "message": "", "weight": 1, "hidden": False}],
         "changes_outside_gaps": [{"file": "relu.cpp", "line": 4, "change": "removed",
                                  "text": "check_finite(z, \"relu\");"}]},
        {"chapter": "03-forward", "title": "f", "tests": 1, "passed": 1, "points": 10, "max_points": 10,
         "reason": "", "log": "", "cases": []}]}


class Archives(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp())

    def zip_with(self, *members):
        path = self.tmp / "alice.zip"
        with zipfile.ZipFile(path, "w") as z:
            for name, data, mode in members:
                info = zipfile.ZipInfo(name)
                info.external_attr = mode << 16
                z.writestr(info, data)
        return path

    def test_a_plain_zip_unpacks(self):
        path = self.zip_with(("01-sigmoid/sigmoid.cpp", "int x;", stat.S_IFREG | 0o644))
        into = archive.unpack(path, self.tmp / "out")
        self.assertEqual((into / "01-sigmoid" / "sigmoid.cpp").read_text(), "int x;")
        self.assertEqual(archive.student_name(path), "alice")
        self.assertEqual(archive.student_name(self.tmp / "bob.tar.gz"), "bob")

    def test_rules_name_the_member(self):
        cases = {"a symbolic link": ("01-sigmoid/sigmoid.cpp", "/solutions/x.cpp", stat.S_IFLNK | 0o777),
                 "absolute path": ("/etc/x.cpp", "x", stat.S_IFREG | 0o644),
                 "'..' in its path": ("01-sigmoid/../../x.cpp", "x", stat.S_IFREG | 0o644),
                 "a special file": ("01-sigmoid/fifo", "", stat.S_IFIFO | 0o644)}
        for words, member in cases.items():
            with self.subTest(words):
                path = self.zip_with(member)
                with self.assertRaises(archive.ArchiveError) as caught:
                    archive.unpack(path, self.tmp / f"out-{len(words)}")
                self.assertIn(words, str(caught.exception))
                self.assertIn(repr(member[0]), str(caught.exception))
                self.assertFalse((self.tmp / f"out-{len(words)}").exists(), "nothing written from a refused archive")

    def test_tar_links_are_refused(self):
        path = self.tmp / "bob.tar.gz"
        with tarfile.open(path, "w:gz") as t:
            data = b"int x;"
            info = tarfile.TarInfo("01-sigmoid/sigmoid.cpp")
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
            link = tarfile.TarInfo("01-sigmoid/copy.cpp")
            link.type, link.linkname = tarfile.LNKTYPE, "01-sigmoid/sigmoid.cpp"
            t.addfile(link)
        with self.assertRaises(archive.ArchiveError) as caught:
            archive.unpack(path, self.tmp / "out")
        self.assertIn("'01-sigmoid/copy.cpp' is a hard link", str(caught.exception))

    def test_a_bomb_is_refused(self):
        path = self.tmp / "bomb.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("01-sigmoid/big.cpp", b"\0" * (archive.MOST_BYTES + 1))
        with self.assertRaises(archive.ArchiveError) as caught:
            archive.unpack(path, self.tmp / "out")
        self.assertIn("more than", str(caught.exception))

    def test_submit_packs_exactly_the_exercises(self):
        ex = self.tmp / "exercises"
        (ex / "01-sigmoid").mkdir(parents=True)
        (ex / "01-sigmoid" / "sigmoid.cpp").write_text("int s;")
        (ex / "02-activations").mkdir()
        (ex / "02-activations" / "relu.cpp").write_text("int r;")
        (ex / "notes.txt").write_text("not a chapter's file")
        out = self.tmp / "submission.zip"
        tool = [sys.executable, str(HERE.parent / "tools" / "submit.py"), "--exercises", str(ex), "-o", str(out)]
        proc = subprocess.run(tool, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(sorted(zipfile.ZipFile(out).namelist()), ["01-sigmoid/sigmoid.cpp", "02-activations/relu.cpp"])
        self.assertIn("2 files", proc.stdout)
        os.symlink("/etc/passwd", ex / "01-sigmoid" / "link.cpp")
        proc = subprocess.run(tool, capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("exercises/01-sigmoid/link.cpp is a symbolic link", proc.stderr)


class Book(unittest.TestCase):
    def test_every_run_is_kept_and_the_csv_has_the_newest(self):
        tmp = pathlib.Path(tempfile.mkdtemp())
        book = gradebook.Gradebook(tmp / "gradebook.sqlite")
        chapters = ["01-sigmoid", "02-activations", "03-forward"]
        book.record([result("alice", 20), result("bob", 40)], {"alice": "a1", "bob": "b1"}, chapters, "bwrap")
        book.close()
        book = gradebook.Gradebook(tmp / "gradebook.sqlite")  # reopened: nothing lost
        book.record([result("alice", 50)], {"alice": "a2"}, chapters, "bwrap", "tests/hidden", 1234)
        runs = book.runs("alice")
        self.assertEqual([(total, h) for _, _, total, h, _ in runs], [(30, "a1"), (60, "a2")])
        self.assertEqual([seed for *_, seed in runs], [None, 1234])  # the hidden tests' seed, when there were any
        book.export_csv(tmp / "gradebook.csv", chapters)
        with open(tmp / "gradebook.csv") as f:
            rows = {r["student"]: r for r in csv.DictReader(f)}
        self.assertEqual(rows["alice"]["total"], "60.00")  # the newest run
        self.assertEqual(rows["bob"]["total"], "50.00")  # graded in the first run only: still there
        self.assertEqual(rows["alice"]["01-sigmoid"], "50.00")

    def test_a_gradebook_from_before_the_seed_gets_its_column(self):
        tmp = pathlib.Path(tempfile.mkdtemp())
        old = sqlite3.connect(tmp / "gradebook.sqlite")
        old.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, "
                    "chapters TEXT NOT NULL, sandbox TEXT NOT NULL, hidden_tests TEXT)")
        old.execute("INSERT INTO runs (time, chapters, sandbox) VALUES ('2026-01-01', '01-sigmoid', 'bwrap')")
        old.commit()
        old.close()
        book = gradebook.Gradebook(tmp / "gradebook.sqlite")
        book.record([result("alice", 50)], {"alice": "a2"}, ["01-sigmoid"], "bwrap", None, 99)
        self.assertEqual(book.db.execute("SELECT seed FROM runs ORDER BY id").fetchall(), [(None,), (99,)])

    def test_the_hash_is_the_files(self):
        tmp = pathlib.Path(tempfile.mkdtemp())
        for name in ("a", "b"):
            (tmp / name / "01-sigmoid").mkdir(parents=True)
            (tmp / name / "01-sigmoid" / "sigmoid.cpp").write_text("int x;")
        self.assertEqual(gradebook.submission_hash(tmp / "a"), gradebook.submission_hash(tmp / "b"))
        (tmp / "b" / "01-sigmoid" / "sigmoid.cpp").write_text("int y;")
        self.assertNotEqual(gradebook.submission_hash(tmp / "a"), gradebook.submission_hash(tmp / "b"))


class Feedback(unittest.TestCase):
    def test_files_per_student_without_hidden_inputs(self):
        tmp = pathlib.Path(tempfile.mkdtemp())
        secret = "expected 0.731058578630005, got 0 at z = 1.0"
        written = feedback.write(tmp, [result("alice", 20, secret), result("bob b", 30)], ROOT)
        self.assertEqual(sorted(p.name for p in written), ["alice.html", "alice.md", "bob_b.html", "bob_b.md"])
        for page in (tmp / "alice.md", tmp / "alice.html"):
            text = page.read_text()
            self.assertNotIn(secret, text)
            self.assertIn("hidden_seven", text)
            self.assertIn(feedback.HIDDEN, text)
            self.assertIn("expected 1, got nan", text)  # a visible test's message is shown
            self.assertIn("exercises/02-activations/relu.cpp:7:12: error", text)  # the student's own path
            self.assertNotIn(str(ROOT), text)
            self.assertIn("relu.cpp: - check_finite", text)  # the flagged change, as every report shows it
        self.assertIn("<!DOCTYPE html>", (tmp / "alice.html").read_text())
        self.assertIn("alice: 30.0 / 100", (tmp / "alice.md").read_text())


class Gradescope(unittest.TestCase):
    def test_results_keep_the_documented_fields_and_hide_hidden_tests(self):
        secret = "expected 0.731058578630005, got 0 at z = 1.0"
        data = reports.gradescope(result("alice", 20, secret))
        self.assertEqual(gradescope_schema.problems(data), [])
        self.assertNotIn(secret, str(data))
        hidden = [t for t in data["tests"] if "hidden_seven" in t["name"]]
        self.assertEqual(hidden[0]["output"], "hidden test failed")

    def test_the_check_finds_what_breaks_the_spec(self):
        bad = {"scor": 1, "tests": [{"name": 3, "score": 2, "max_score": 1, "status": "ok", "visibility": "later"}]}
        found = "\n".join(gradescope_schema.problems(bad))
        for words in ("unknown top-level field 'scor'", "name is not a string", "status 'ok'", "visibility 'later'",
                      "score 2 above max_score 1"):
            self.assertIn(words, found)


if __name__ == "__main__":
    unittest.main(verbosity=2)
