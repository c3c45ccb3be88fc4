#!/usr/bin/env python3
"""After `./course test`: how many test cases passed against the solutions, and how many failed, as they
must, against the exercise stubs (from the JUnit reports the test runs left in build/results/)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import boost_junit  # noqa: E402


def count(paths):
    cases = [c for p in paths for c in boost_junit.parse(p)]
    return len(cases), sum(c.ok for c in cases)


def main() -> int:
    results = pathlib.Path(sys.argv[1])
    # chNN-solutions.xml, chNN-stubs.xml: the chapter's own tests; chNN-hidden-…: its hidden tests (tests/hidden/).
    solutions = sorted(results.glob("ch*-solutions.xml"))
    stubs = sorted(results.glob("ch*-stubs.xml"))

    def chapters(paths):
        return len({p.name[:4] for p in paths})

    def hidden(paths):
        n = sum("-hidden-" in p.name for p in paths)
        return f", hidden tests of {n} chapters among them" if n else ""

    total, passed = count(solutions)
    print(f"\nAgainst the solutions: {passed} of {total} test cases passed (chapters: {chapters(solutions)}"
          f"{hidden(solutions)}).")
    total, passed = count(stubs)
    print(f"Against the exercise stubs: {total - passed} of {total} tests of students' functions failed, "
          f"as they must (chapters: {chapters(stubs)}{hidden(stubs)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
