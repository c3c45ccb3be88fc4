#!/usr/bin/env python3
"""A unit test of submission_files.py (python3 -m unittest): plain files are read; a symbolic link, a hard
link, a FIFO or a socket in a chapter's folder, and a chapter, exercises/ or submission folder that is a
symbolic link, are refused with a message naming them; nothing waits on a FIFO."""
import os
import pathlib
import socket
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from submission_files import Refused, chapter_files  # noqa: E402


class ChapterFiles(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = pathlib.Path(self._tmp.name)
        self.secret = self.tmp / "solutions" / "01-sigmoid" / "sigmoid.cpp"
        self.secret.parent.mkdir(parents=True)
        self.secret.write_text("the solution\n")
        self.sub = self.tmp / "alice"
        (self.sub / "01-sigmoid").mkdir(parents=True)
        (self.sub / "01-sigmoid" / "sigmoid.cpp").write_text("alice's sigmoid\n")

    def tearDown(self):
        self._tmp.cleanup()

    def refused(self, submission, words):
        with self.assertRaises(Refused) as caught:
            chapter_files(submission, "01-sigmoid")
        for w in words:
            self.assertIn(w, str(caught.exception))
        return str(caught.exception)

    def test_plain_files_are_read(self):
        (self.sub / "01-sigmoid" / "notes.txt").write_text("not a source file")
        (self.sub / "01-sigmoid" / "extra.hpp").write_text("// a header\n")
        self.assertEqual(chapter_files(self.sub, "01-sigmoid"),
                         {"extra.hpp": b"// a header\n", "sigmoid.cpp": b"alice's sigmoid\n"})
        self.assertEqual(chapter_files(self.sub, "02-activations"), {})

    def test_a_whole_course_copy_is_read_from_its_exercises(self):
        course = self.tmp / "bob"
        (course / "exercises").mkdir(parents=True)
        os.rename(self.sub / "01-sigmoid", course / "exercises" / "01-sigmoid")
        self.assertEqual(chapter_files(course, "01-sigmoid"), {"sigmoid.cpp": b"alice's sigmoid\n"})

    def test_a_symbolic_link_to_the_solution_is_refused(self):
        target = self.sub / "01-sigmoid" / "sigmoid.cpp"
        target.unlink()
        target.symlink_to(self.secret)
        self.refused(self.sub, ["01-sigmoid/sigmoid.cpp is a symbolic link", str(self.secret)])

    def test_a_symbolic_link_of_any_name_is_refused(self):
        (self.sub / "01-sigmoid" / "README").symlink_to("/etc/passwd")
        self.refused(self.sub, ["01-sigmoid/README is a symbolic link"])

    def test_a_hard_link_is_refused(self):
        target = self.sub / "01-sigmoid" / "sigmoid.cpp"
        target.unlink()
        os.link(self.secret, target)
        self.refused(self.sub, ["01-sigmoid/sigmoid.cpp is a hard link", "2 names"])

    def test_a_fifo_is_refused_without_waiting(self):
        os.mkfifo(self.sub / "01-sigmoid" / "sigmoid.cpp.fifo")
        self.refused(self.sub, ["01-sigmoid/sigmoid.cpp.fifo is a FIFO"])
        (self.sub / "01-sigmoid" / "sigmoid.cpp.fifo").unlink()
        (self.sub / "01-sigmoid" / "sigmoid.cpp").unlink()
        os.mkfifo(self.sub / "01-sigmoid" / "sigmoid.cpp")
        self.refused(self.sub, ["01-sigmoid/sigmoid.cpp is a FIFO"])

    def test_a_socket_is_refused(self):
        with socket.socket(socket.AF_UNIX) as s:
            s.bind(str(self.sub / "01-sigmoid" / "s.cpp"))
            self.refused(self.sub, ["01-sigmoid/s.cpp is a socket"])

    def test_linked_folders_are_refused(self):
        (self.tmp / "carol").mkdir()
        (self.tmp / "carol" / "01-sigmoid").symlink_to(self.secret.parent)
        self.refused(self.tmp / "carol", ["01-sigmoid is a symbolic link", str(self.secret.parent)])
        (self.tmp / "dave").mkdir()
        (self.tmp / "dave" / "exercises").symlink_to(self.secret.parent.parent)
        self.refused(self.tmp / "dave", ["exercises is a symbolic link"])
        (self.tmp / "erin").symlink_to(self.sub)
        self.refused(self.tmp / "erin", ["the submission folder", "erin is a symbolic link"])


if __name__ == "__main__":
    unittest.main()
