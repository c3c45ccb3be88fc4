#!/usr/bin/env python3
"""The student's check of one chapter: build the chapter's tests against the student's exercises/, run them,
and report. Your functions' tests apart from the tests of the course's own code, in the order of the text;
the first function to fix with its file and line and the first problem, expected vs. got; a compiler error
as its first line in your file with a plain-language note (explain.py); a finished chapter says what was
built, how to see it run and what to read next. Each result is remembered (build/results/student/) with a
fingerprint of the files it depends on, so `./course list` need not build an unchanged chapter again.

    check.py N        ./course check N
    check.py          ./course check: the chapters in order, up to the first one not done
"""
import argparse
import dataclasses
import hashlib
import json
import os
import pathlib
import sys
import textwrap

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import boost_junit  # noqa: E402
import build_progress  # noqa: E402
import course_model  # noqa: E402
import explain  # noqa: E402

ROOT = course_model.ROOT
COLOR = sys.stdout.isatty() and os.environ.get("NO_COLOR") is None and os.environ.get("TERM") != "dumb"

DONE, FAILING, NOT_STARTED, NO_COMPILE, STOPPED, APPENDIX = (
    "done", "failing", "not started", "does not compile", "stopped", "appendix")


def paint(text, code):
    return f"\033[{code}m{text}\033[0m" if COLOR else text


def shown(path) -> str:
    """A path as the student types it: relative to the course when it lies inside."""
    path = pathlib.Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def build_dir(course) -> pathlib.Path:
    return course.root / "build"


@dataclasses.dataclass
class Result:
    chapter: int
    status: str
    passed: int = 0  # the tests of the student's functions
    total: int = 0
    provided_passed: int = 0  # the tests of the course's own code
    provided_total: int = 0
    function: str = ""  # the function to write or fix next
    where: str = ""  # its file:line, or the line of the compiler error

    def words(self) -> str:
        """The result in a few words, as `./course list` shows it."""
        if self.status == DONE:
            return "done"
        if self.status == FAILING:
            return f"{self.passed} of {self.total} tests pass"
        if self.status == NO_COMPILE:
            return f"does not compile ({self.where})" if self.where else "does not compile"
        if self.status == STOPPED:
            return f"tests stopped early ({self.passed} of {self.total} passed)"
        return self.status


# --- what the student's chapter depends on, and what was handed out ---

def handed_out(course, chapter) -> dict:
    """The chapter's exercise files as handed out: file name -> text. Made from the solutions where the course
    has them; in a student's copy, the copy the release keeps in .course/handed-out/; {} if neither."""
    if course.has_solutions and chapter.solution_dir.is_dir():
        return {p.name: course_model.replace_gaps(p, lambda f: course_model.stub_lines(f.name, chapter.number))
                for p in sorted(chapter.solution_dir.glob("*.cpp"))}
    kept = course.root / ".course" / "handed-out" / chapter.name
    return {p.name: p.read_text() for p in sorted(kept.glob("*.cpp"))}


def not_started(course, chapter) -> bool:
    """Every exercise file of the chapter is still exactly as handed out."""
    stubs = handed_out(course, chapter)
    files = sorted(chapter.exercise_dir.glob("*.cpp"))
    return bool(stubs) and [p.name for p in files] == sorted(stubs) and all(
        p.read_text() == stubs[p.name] for p in files)


def fingerprint(course, chapter) -> str:
    """What a chapter's result depends on: the student's files of chapters 1 … N (in a student's copy the
    earlier chapters are theirs too) and the chapter's tests."""
    digest = hashlib.sha256()
    files = [p for c in course.exercise_chapters() if c.number <= chapter.number
             for p in sorted(c.exercise_dir.glob("*.cpp"))]
    files += sorted(p for p in chapter.tests_dir.glob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(course.root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _cache_file(course, chapter) -> pathlib.Path:
    return build_dir(course) / "results" / "student" / f"ch{chapter.nn}.json"


def remembered(course, chapter):
    """The last result of the chapter if its files have not changed since, else None."""
    try:
        saved = json.loads(_cache_file(course, chapter).read_text())
    except (OSError, ValueError):
        return None
    if saved.pop("fingerprint", None) != fingerprint(course, chapter):
        return None
    try:
        return Result(**saved)
    except TypeError:
        return None


def remember(course, chapter, result: Result):
    path = _cache_file(course, chapter)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**dataclasses.asdict(result), "fingerprint": fingerprint(course, chapter)}))


# --- building and running ---

def build(course, targets, log, what="building", out=sys.stdout) -> bool:
    command = ["cmake", "--build", str(build_dir(course)), "-j", str(os.cpu_count() or 2), "--target", *targets]
    return build_progress.run(command, log, what, out=out) == 0


def student_files(course, chapter) -> list:
    """The student's files the chapter's tests are built from: its own first, then the chapters before."""
    own = sorted(chapter.exercise_dir.glob("*.cpp"))
    before = [p for c in course.exercise_chapters() if c.number < chapter.number
              for p in sorted(c.exercise_dir.glob("*.cpp"))]
    return own + (before if not course.has_solutions else [])


def check(course, chapter, out=print) -> Result:
    """Build and run one chapter's tests against the student's files; report through out(line)."""
    if not chapter.has_exercise:
        out(f"Chapter {chapter.number} ({chapter.name}) has no exercise: it is an appendix to read.")
        return Result(chapter.number, APPENDIX)
    results = build_dir(course) / "results" / "student"
    log = results / f"build-{chapter.nn}.log"
    files = student_files(course, chapter)
    explainer = explain.Explainer(course, chapter)
    out(paint(chapter.heading, "1") + f"   (your files: {shown(chapter.exercise_dir)}/)")
    if not build(course, [f"test{chapter.nn}_exercises"], log, f"chapter {chapter.number}"):
        lines = explainer.build_report(log.read_text(errors="replace"), files, shown)
        out(paint("Your code does not compile yet. The first error:", "1;31"))
        for line in lines:
            out("  " + line if line else "")
        out(f"(the compiler's whole output: {shown(log)})")
        found = explain.first_error(log.read_text(errors="replace"), files)
        where = f"{shown(found.path)}:{found.line}" if found and found.path else ""
        result = Result(chapter.number, NO_COMPILE, where=where)
        remember(course, chapter, result)
        return result
    executable = build_dir(course) / "tests" / f"test{chapter.nn}_exercises"
    run = boost_junit.run(executable, results / f"check-{chapter.nn}.xml")
    listed = boost_junit.list_cases(executable)
    # The order of the text: the tests as the test files declare them (each function's simplest first).
    order = {key: i for i, key in enumerate(listed)}
    cases = sorted(run.cases, key=lambda c: order.get((c.suite, c.name), len(order)))
    theirs = [c for c in cases if not (listed.get((c.suite, c.name)) and listed[(c.suite, c.name)].provided)]
    ours = [c for c in cases if c not in theirs]
    result = Result(chapter.number, DONE, sum(c.ok for c in theirs), len(theirs), sum(c.ok for c in ours), len(ours))

    functions = list(dict.fromkeys(c.suite for c in theirs))
    for function in functions:
        mine = [c for c in theirs if c.suite == function]
        unwritten = all(not c.ok and "not implemented yet" in c.message for c in mine)
        if unwritten:
            out(f"  {paint('todo', '33')}  {function}: not written yet ({len(mine)} tests wait for it)")
            continue
        for case in mine:
            if case.ok:
                out(f"  {paint('pass', '32')}  {function}: {case.name}")
            else:
                out(f"  {paint('FAIL', '31')}  {function}: {case.name}")
                for line in case.message.splitlines():
                    out(" " * 10 + line)
    for case in ours:
        if not case.ok:
            out(f"  {paint('FAIL', '31')}  (the course's code) {case.suite}: {case.name}")
            for line in case.message.splitlines():
                out(" " * 10 + line)
    if run.problem:
        out(paint(f"  The tests stopped early: {run.problem}.", "31"))
        if run.output.strip():
            out(textwrap.indent("\n".join(run.output.strip().splitlines()[-10:]), "    "))
    course_words = (f"the course's own code: {result.provided_passed} of {result.provided_total} pass"
                    if ours else "")
    out("")
    out(paint(f"Your functions: {result.passed} of {result.total} tests pass.", "1")
        + (f"   ({course_words})" if course_words else ""))

    failing = [c for c in theirs if not c.ok]
    if not failing and not run.problem and theirs and all(c.ok for c in ours):
        remember(course, chapter, result)
        return result
    result.status = STOPPED if run.problem else FAILING
    if failing:
        first = failing[0]
        result.function = first.suite
        path, line = course_model.definition(chapter.exercise_dir, first.suite)
        result.where = f"{shown(path)}:{line}" if path else shown(chapter.exercise_dir)
        count = sum(c.suite == first.suite for c in theirs)
        if "not implemented yet" in first.message:
            test = listed.get((first.suite, first.name))
            place = f" ({shown(test.file)}:{test.line})" if test and test.file else ""
            out(paint(f"Next: write `{first.suite}` in {result.where}", "1;33") + f" ({count} tests wait for it).")
            out(f"The first test it must pass: {first.name}{place}")
        else:
            wrong = sum(c.suite == first.suite for c in failing)
            out(paint(f"Next: fix `{first.suite}` in {result.where}", "1;33")
                + f" ({wrong} of its {count} tests fail). First problem, in {first.name}:")
            out(textwrap.indent(first.message or "(no message)", "    "))
        problem_text = first.message
    else:
        problem_text = ""
    if run.problem:
        problem_text += "\n" + run.problem + "\n" + run.output
    for note in explainer.notes("run", problem_text, files):
        out("")
        out(textwrap.indent(note, "  "))
    if failing:
        hint = chapter.hint(first.suite)
        if hint and hint.text:
            out(paint(f"\nHint (again with ./course hint {chapter.number}):", "1"))
            out(textwrap.indent(hint.text, "    "))
    remember(course, chapter, result)
    return result


# --- a finished chapter ---

def program_path(course, chapter) -> pathlib.Path:
    return build_dir(course) / "bin" / f"ch{chapter.name}"


def page_of(course, chapter) -> str:
    """Where the student reads a chapter: the website's page, or the chapter's text."""
    for site in (course.root / "website", build_dir(course) / "docs" / "student" / "html"):
        page = site / f"{chapter.label}.html"
        if page.is_file():
            return shown(page)
    return shown(chapter.readme)


def next_chapter(course, chapter):
    later = [c for c in course.chapters if c.number > chapter.number]
    return later[0] if later else None


def finished(course, chapter, out=print):
    """What a finished chapter says: what was built, the program that shows it, the next chapter to read."""
    out(paint(f"Chapter {chapter.number} is done: every test of your functions passes.", "1;32"))
    if chapter.built:
        out(chapter.built)
    # (Not in a CI run such as GitHub Classroom's, where nobody would look at it.)
    if os.environ.get("CI"):
        out("See it run: ./course run")
    elif build(course, [f"ch{chapter.nn}"], build_dir(course) / "results" / "student" / f"program-{chapter.nn}.log",
               f"chapter {chapter.number}'s program") and program_path(course, chapter).is_file():
        out(f"See it run: {shown(program_path(course, chapter))}")
    following = next_chapter(course, chapter)
    if following is None:
        out("That was the last chapter. Well done.")
    elif following.has_exercise:
        out(f"Next: {following.heading}. Read {page_of(course, following)}, then: ./course watch {following.number}")
    else:
        out(f"Next: {following.heading}, an appendix to read: {page_of(course, following)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("chapter", nargs="?", type=int)
    args = parser.parse_args()
    course = course_model.Course()
    if args.chapter is not None:
        chapter = course.chapter(args.chapter)
        result = check(course, chapter)
        if result.status == DONE:
            finished(course, chapter)
        return 0 if result.status in (DONE, APPENDIX) else 1
    for chapter in course.exercise_chapters():
        result = remembered(course, chapter)
        if result is not None and result.status == DONE:
            print(f"chapter {chapter.number} ({chapter.name}): done (unchanged since it passed)")
            continue
        lines = []
        result = check(course, chapter, out=lines.append)
        if result.status != DONE:
            print("\n".join(lines))
            return 1
        print(f"chapter {chapter.number} ({chapter.name}): done, all {result.total} tests of your functions pass")
    print(paint("Every chapter passes. Well done.", "1"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
