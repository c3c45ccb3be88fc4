#!/usr/bin/env python3
"""docs/facts.py can fail: a placeholder is filled from the facts, and an unknown fact, a false claim, a
typo and an unclosed `if` each stop the build with the file and line (python3 -m unittest)."""
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import facts  # noqa: E402


def lines(text):
    return [(line, ("README.md", number)) for number, line in enumerate(text.splitlines(), 1)]


class FactsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        root = pathlib.Path(self.dir.name)
        (root / "07-training").mkdir()
        (root / "07-training" / "facts.txt").write_text("gd_rises = 877\nepochs = 2000\nheldout = 99.333333333333329\n")
        (root / "03-forward").mkdir()
        (root / "03-forward" / "UNFINISHED").write_text("not implemented yet: forward (chapter 3)")
        self.names = facts.load(root, [("07", "07-training"), ("03", "03-forward")])

    def tearDown(self):
        self.dir.cleanup()

    def fill(self, text):
        out, checks = facts.fill(lines(text), self.names, "page.md")
        return "\n".join(t for t, _ in out), checks

    def test_a_placeholder_is_the_fact(self):
        text, _ = self.fill("L rose in {{ch07.gd_rises}} of {{ch07.epochs}} epochs; {{ch07.heldout|.2f}} %")
        self.assertEqual(text, "L rose in 877 of 2000 epochs; 99.33 %")

    def test_an_expression_with_a_format(self):
        text, _ = self.fill("{{100 * ch07.gd_rises / ch07.epochs|.0f}} %")
        self.assertEqual(text, "44 %")

    def test_cpp_braces_are_left_alone(self):
        text, _ = self.fill("z3 = {{1000, -1000}, {-1000, 1000}}")
        self.assertEqual(text, "z3 = {{1000, -1000}, {-1000, 1000}}")

    def test_an_unknown_fact_names_the_line_and_the_known_ones(self):
        with self.assertRaises(facts.TextError) as e:
            self.fill("first\nL rose in {{ch07.gd_rise}} epochs")
        self.assertIn("README.md:2", str(e.exception))
        self.assertIn("no fact 'gd_rise'", str(e.exception))
        self.assertIn("gd_rises", str(e.exception))

    def test_a_true_check_disappears_and_counts(self):
        text, checks = self.fill("It zig-zags.\n<!-- check: ch07.gd_rises > 100 -->\nNext.")
        self.assertEqual((text, checks), ("It zig-zags.\nNext.", 1))

    def test_a_false_check_fails_with_the_values(self):
        with self.assertRaises(facts.TextError) as e:
            self.fill("It never steps back.\n<!-- check: ch07.gd_rises == 0 -->")
        self.assertIn("README.md:2", str(e.exception))
        self.assertIn("ch07.gd_rises = 877", str(e.exception))

    def test_a_typo_in_a_check_fails(self):
        with self.assertRaises(facts.TextError) as e:
            self.fill("<!-- check: ch07.gd_rises >> -->")
        self.assertIn("README.md:1: cannot evaluate", str(e.exception))

    def test_if_else_follows_the_output(self):
        text, _ = self.fill("a\n<!-- if: ch07.gd_rises == 0 -->\nnever\n<!-- else -->\nsometimes\n<!-- endif -->\nb")
        self.assertEqual(text, "a\nsometimes\nb")

    def test_a_check_in_a_branch_not_shown_is_not_made(self):
        text, checks = self.fill("<!-- if: ch07.gd_rises == 0 -->\n<!-- check: ch07.epochs == 1 -->\n<!-- endif -->")
        self.assertEqual((text, checks), ("", 0))

    def test_a_check_with_text_on_its_line_fails(self):
        with self.assertRaises(facts.TextError) as e:
            self.fill("<!-- check: ch07.gd_rises == 0 --> More text.")
        self.assertIn("README.md:1", str(e.exception))

    def test_an_if_without_endif_fails(self):
        with self.assertRaises(facts.TextError):
            self.fill("<!-- if: ch07.gd_rises -->\ntext")

    def test_an_unfinished_chapter_shows_a_mark_and_skips_its_checks(self):
        text, checks = self.fill("{{ch03.anything}}\n<!-- check: ch03.anything == 1 -->")
        self.assertIn("…", text)
        self.assertEqual(checks, 0)

    def test_a_bad_facts_line_is_an_error(self):
        bad = pathlib.Path(self.dir.name) / "bad.txt"
        bad.write_text("epochs: 2000\n")
        with self.assertRaises(facts.TextError):
            facts.read_facts(bad)


if __name__ == "__main__":
    unittest.main()
