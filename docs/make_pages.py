#!/usr/bin/env python3
"""Generate the website's pages from the chapters present, so that nothing can drift from the code.

For the chapters chapters/NN-name/ (in lecture order) it writes into OUT:
  mainpage.md    docs/mainpage.md with its `<!-- chapters -->` line replaced by the list of chapters
  lecture.md, notation.md   docs/lecture.md (the lecture's board, line by line, with its chapters) and
                 docs/notation.md (every symbol), as they are
  NN-name.md     the chapter's README.md with previous/next links at the top and the bottom, and its
                 exercise as a subpage
  exNN.md        the exercise page: every function the student writes (from the solutions, or in a
                 student's copy from the stubs; course_model.py knows the chapters, their functions and
                 hints) with its comment and code (the stub; the instructor edition adds the
                 solution), its hint and the test cases of the suite `name` in tests/NN-name/*.cpp
  api.md         the API reference's front page: the headers of src/ in reading order
  pages.doxy     `INPUT = ...`, included by the Doxyfile (the pages in reading order, then the headers)
  sources.json   for each generated line, the source file and line it came from (run_doxygen.py maps
                 Doxygen's warnings back with it)

The text's {{chNN.key}} placeholders and <!-- check: … --> claims are filled and checked with the facts
the chapter programs wrote (docs/facts.py); an unknown fact or a false claim fails with README.md:line.

make_pages.py --root REPO --out DIR --exercises DIR --solutions DIR --facts FIGURE_DATA_DIR
"""
import argparse
import json
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "tools"))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import course_model  # noqa: E402
import facts  # noqa: E402  (docs/facts.py: the programs' facts in the text)

SUITE = re.compile(r"^\s*BOOST_AUTO_TEST_SUITE\((\w+)")
SUITE_END = re.compile(r"^\s*BOOST_AUTO_TEST_SUITE_END\(")
CASE = re.compile(r"^\s*BOOST_(?:AUTO|DATA|FIXTURE)_TEST_CASE\((\w+)(.*)")


class Page:
    """Lines of a generated page, each remembering where it came from (for warnings)."""

    def __init__(self, name):
        self.name, self.lines, self.origin = name, [], []

    def add(self, text="", source=None, line=None):
        for i, piece in enumerate(text.split("\n")):
            self.lines.append(piece)
            self.origin.append([source, line + i] if source else None)

    def write(self, out, sources):
        (out / self.name).write_text("\n".join(self.lines) + "\n")
        sources[str(out / self.name)] = self.origin


def test_cases(chapter):
    """Suite name -> [(case name, provided?)], from tests/NN-name/*.cpp."""
    suites = {}
    for path in sorted(chapter.tests_dir.glob("*.cpp")):
        stack = []
        for line in path.read_text().splitlines():
            if SUITE.match(line):
                stack.append(SUITE.match(line)[1])
            elif SUITE_END.match(line) and stack:
                stack.pop()
            elif CASE.match(line) and stack:
                m = CASE.match(line)
                suites.setdefault(stack[0], []).append((m[1], "provided" in m[2]))
    return suites


def safe_markdown(text):
    """A hint is written for the terminal: keep its Markdown, but make Doxygen read \\, @ and < literally."""
    out = []
    for i, piece in enumerate(re.split(r"(`[^`]*`)", text)):
        if i % 2 == 0:
            piece = piece.replace("\\", "\\\\").replace("@", "\\@").replace("<", "&lt;").replace("#", "\\#")
        out.append(piece)
    return "".join(out)


def humanize(case):
    return case.replace("_", " ")


def add_questions(page, chapter, answers_dir):
    """The chapter's summary and questions (chapters/NN-name/questions.md: `## Summary`, then `## Questions`
    with `1. …` items), each question followed in the instructor edition by its answer, folded
    (solutions/answers/NN-name.md: `## 1`, `## 2`, …; not in a student's copy)."""
    path = chapter.readme.parent / "questions.md"
    if not path.exists():
        return
    answers, current = {}, None
    answers_file = answers_dir / f"{chapter.name}.md" if answers_dir else None
    if answers_file and answers_file.exists():
        for number, line in enumerate(answers_file.read_text().splitlines(), 1):
            m = re.match(r"^##\s+(\d+)\s*$", line)
            if m:
                current = int(m[1])
                answers[current] = []
            elif current is not None:
                answers[current].append((line, number))
    lines = path.read_text().splitlines()
    in_questions, question = False, None

    def flush():
        if question is None:
            return
        text, start = question
        page.add(f"**Question {len(asked)}.** " + " ".join(part.strip() for part in text), str(path), start)
        page.add("")
        if asked[-1] in answers:
            page.add("\\if instructor")
            page.add("<details><summary>Answer (instructor edition)</summary>")
            for line, number in answers[asked[-1]]:
                page.add(line, str(answers_file), number)
            page.add("</details>")
            page.add("\\endif")
            page.add("")

    asked = []
    for number, line in enumerate(lines, 1):
        if line.startswith("## "):
            flush()
            question = None
            in_questions = line.strip() == "## Questions"
            page.add(line, str(path), number)
            continue
        item = re.match(r"^(\d+)\.\s+(.*)$", line) if in_questions else None
        if item:
            flush()
            asked.append(int(item[1]))
            question = ([item[2]], number)
        elif in_questions and question is not None and line.strip():
            question[0].append(line)
        elif not in_questions:
            page.add(line, str(path), number)
    flush()
    missing = [n for n in asked if answers and n not in answers]
    if missing:
        sys.exit(f"{answers_file}: no answer to question {missing[0]} of {path}")
    page.add("")


def chapter_page(chapter, previous, following, answers_dir=None):
    page = Page(f"{chapter.name}.md")
    src = str(chapter.readme)
    lines = chapter.readme.read_text().splitlines()

    def nav():
        parts = []
        if previous:
            parts.append(f'\\ref {previous.label} "← {previous.heading}"')
        if chapter.functions:
            parts.append(f'\\ref {chapter.exercise_label} "Exercise {chapter.number}"')
        if following:
            parts.append(f'\\ref {following.label} "{following.heading} →"')
        parts.append('\\ref index "Contents"')
        return " &nbsp;|&nbsp; ".join(parts)

    page.add(lines[0], src, 1)
    page.add("")
    page.add(f'<div class="chapter-nav">{nav()}</div>')
    page.add("")
    if not any(line.strip() == "[TOC]" for line in lines):
        page.add("[TOC]")
        page.add("")
    for i, line in enumerate(lines[1:]):
        output = re.match(r"^\s*\\verbinclude\s+(\S+)\s*$", line)
        if output:  # the program's output: a box of its own, with a label (docs/style.css)
            page.add(f'<div class="program-output"><div class="output-label">What <code>build/bin/ch{chapter.name}'
                     f'</code> printed when this page was built</div>')
            page.add(line, src, 2 + i)
            page.add("</div>")
            continue
        page.add(line, src, 2 + i)
    page.add("")
    add_questions(page, chapter, answers_dir)
    if chapter.functions:
        page.add(f'<div class="chapter-nav">Your exercise: \\subpage {chapter.exercise_label} '
                 f'"Exercise {chapter.number}: {chapter.title}"</div>')
        page.add("")
    page.add(f'<div class="chapter-nav">{nav()}</div>')
    return page


def exercise_page(course, chapter):
    page = Page(f"{chapter.exercise_label}.md")
    n = chapter.number
    names = [f.name for f in chapter.functions]
    ex_rel = f"exercises/{chapter.name}"
    # Where the student's functions are declared: the chapter's API header, as a path from the course's root.
    header = str(chapter.api_header.relative_to(course.root))
    suites = test_cases(chapter)
    page.add(f"# Exercise {n}: {chapter.title} {{#{chapter.exercise_label}}}")
    page.add("")
    page.add(f'<div class="chapter-nav">Part of \\ref {chapter.label} "{chapter.heading}" &nbsp;|&nbsp; '
             f'\\ref index "Contents"</div>')
    page.add("")
    page.add("[TOC]")
    page.add("")
    count = "one function" if len(names) == 1 else f"{len(names)} functions"
    where = ", ".join(f"`{ex_rel}/{f}`" for f in chapter.files)
    page.add("\\if student")
    page.add(f"You write {count} in {where}. Each has a gap: the comment above it states the formula and "
             f"every shape, and the body is one line that throws \"not implemented yet\". Replace that line "
             f"with your code and leave the rest of the file as it is (the checks before the gap report a "
             f"wrong shape for you). Then run `./course check {n}`.")
    page.add("\\endif")
    page.add("\\if instructor")
    page.add(f"The students write {count} in {where}, each in a gap that throws \"not implemented yet\" "
             f"until it is filled in. This edition shows each stub and then the solution from "
             f"`solutions/{chapter.name}/`.")
    page.add("\\endif")
    page.add("")
    page.add("| function | declared in | file | tests of your code |")
    page.add("|---|---|---|---|")
    for f in chapter.functions:
        cases = [c for c in suites.get(f.name, []) if not c[1]]
        page.add(f"| `nn::{f.name}()` → \\ref {chapter.exercise_label}_{f.name} \"details\" | {header} "
                 f"| `{ex_rel}/{f.file}` | {len(cases)} |")
    page.add("")
    for f in chapter.functions:
        name = f.name
        if f.stub is None:
            sys.exit(f"{chapter.exercise_dir / f.file}: no stub `throw not_implemented(\"{name}\", ...)` "
                     f"(run ./course stubs)")
        page.add(f"## {name} {{#{chapter.exercise_label}_{name}}}")
        page.add("")
        page.add(f"Declared in {header} as nn::{name}() (the API reference has its documentation).")
        page.add("")
        page.add(f"What you start from, in `{ex_rel}/{f.file}`:")
        page.add("")
        page.add("~~~{.cpp}")
        page.add(f.stub.code)
        page.add("~~~")
        page.add("")
        if f.solution:
            page.add("\\if instructor")
            page.add(f"The solution, in `solutions/{chapter.name}/{f.file}`:")
            page.add("")
            page.add("~~~{.cpp}")
            page.add(f.solution.code, str(f.solution.path), f.solution.start + 1)
            page.add("~~~")
            page.add("\\endif")
            page.add("")
        hint = chapter.hint(name)
        if hint and hint.text:  # folded: reading it is a choice
            page.add(f"<details><summary>A hint (also <code>./course hint {n}</code>)</summary>")
            page.add("")
            page.add(safe_markdown(hint.text), str(hint.path), hint.line)
            page.add("")
            page.add("</details>")
            page.add("")
        cases = suites.get(name, [])
        if cases:
            page.add(f"**How it is checked.** `./course check {n}` runs the test suite `{name}` "
                     f"(`tests/{chapter.name}/`), one case per behaviour:")
            page.add("")
            for case, provided in cases:
                note = " (course-provided code; passes before you start)" if provided else ""
                page.add(f"- {humanize(case)}{note}")
            page.add("")
            page.add("Each failing case prints what it expected and what your code gave, with shapes.")
        else:
            page.add(f"**How it is checked.** `./course check {n}` runs the chapter's tests.")
        page.add("")
    following = next((c for c in course.chapters if c.number > chapter.number), None)
    onward = f' &nbsp;|&nbsp; Next: \\ref {following.label} "{following.heading} →"' if following else ""
    page.add(f'<div class="chapter-nav">Back to \\ref {chapter.label} "{chapter.heading}"{onward} &nbsp;|&nbsp; '
             f'\\ref index "Contents"</div>')
    return page


def main_page(course):
    template = course.root / "docs" / "mainpage.md"
    page = Page("mainpage.md")
    for number, line in enumerate(template.read_text().splitlines(), 1):
        if line.strip() != "<!-- chapters -->":
            page.add(line, str(template), number)
            continue
        page.add("| chapter | you write | exercise |")
        page.add("|---|---|---|")
        for c in course.chapters:
            functions = ", ".join(f"`{f.name}`" for f in c.functions) or "—"
            exercise = f'\\ref {c.exercise_label} "Exercise {c.number}"' if c.functions else "—"
            page.add(f'| \\ref {c.label} "{c.number}. {c.title}" | {functions} | {exercise} |')
    return page


def plain_page(path):
    """A page of docs/ as it is (the lecture's board, the notation), its lines remembering their source."""
    page = Page(path.name)
    for number, line in enumerate(path.read_text().splitlines(), 1):
        page.add(line, str(path), number)
    return page


def brief(lines):
    """The text after a header's `\\file` line (its first paragraph), or None without one."""
    for i, line in enumerate(lines):
        if re.match(r"^///\s*[\\@]file\b", line):
            following = []
            for rest in lines[i + 1:]:
                if not rest.startswith("///") or not rest[3:].strip():
                    break
                following.append(rest[3:].strip())
            return " ".join(following)
    return None


def api_page(course):
    """The API reference's front page: one line per header of src/ (in the model's reading order: each
    chapter's API and its course code, then the code below every chapter), from its `\\file` comment."""
    page = Page("api.md")
    page.add("# API reference {#api}")
    page.add("")
    page.add('<div class="chapter-nav">\\ref index "Contents"</div>')
    page.add("")
    page.add("Everything the course declares is in the namespace `nn`. The functions you write are declared "
             "in `src/student/`, one header per chapter, and defined in `exercises/`; the course's own code "
             "is in `src/course/NN-name/`, by the chapter it serves, and in `src/base/`, below every chapter. "
             "Each header's page documents its functions and types.")
    page.add("")
    page.add("| header | what it holds |")
    page.add("|---|---|")
    src = course.root / "src"
    rows = {"student": [], "course": []}
    for header in course.headers():
        text = brief(header.read_text().splitlines())
        path = header.relative_to(src)
        name = f"\\ref {path} \"src/{path}\"" if text is not None else f"`src/{path}`"
        rows["student" if path.parts[0] == "student" else "course"].append((f"| {name} | {text or ''} |", str(header)))
    for row, origin in rows["student"]:
        page.add(row, origin, 1)
    # The student edition lists the student's headers; the types and functions they use are linked from them.
    page.add("")
    page.add("\\if instructor")
    page.add("")
    page.add("The course's own code (the student edition links to what the student's headers use):")
    page.add("")
    page.add("| header | what it holds |")
    page.add("|---|---|")
    for row, origin in rows["course"]:
        page.add(row, origin, 1)
    page.add("")
    page.add("\\endif")
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=pathlib.Path, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--exercises", type=pathlib.Path, required=True)
    parser.add_argument("--solutions", type=pathlib.Path, required=True)
    parser.add_argument("--facts", type=pathlib.Path, required=True,
                        help="the chapter programs' figure-data folders (build/docs/figure-data): their facts.txt")
    args = parser.parse_args()
    course = course_model.Course(args.root, args.solutions, args.exercises)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.md"):
        old.unlink()
    chapters = course.chapters
    pages = [main_page(course)] + [plain_page(course.root / "docs" / name) for name in ("lecture.md", "notation.md")]
    for i, c in enumerate(chapters):
        pages.append(chapter_page(c, chapters[i - 1] if i else None, chapters[i + 1] if i + 1 < len(chapters) else None,
                                  args.solutions / "answers" if course.has_solutions else None))
    pages += [exercise_page(course, c) for c in chapters if c.functions]
    pages.append(api_page(course))
    names = facts.load(args.facts, [(c.nn, c.name) for c in chapters])
    sources, checks, problems = {}, 0, []
    for p in pages:
        try:
            filled, held = facts.fill(list(zip(p.lines, p.origin)), names, str(out / p.name))
        except facts.TextError as e:
            problems.append(str(e))
            continue
        p.lines, p.origin = [text for text, _ in filled], [origin for _, origin in filled]
        checks += held
        p.write(out, sources)
    for problem in problems:
        print(f"make_pages: {problem}", file=sys.stderr)
    if problems:
        return 1
    (out / "sources.json").write_text(json.dumps(sources))
    inputs = [str(out / p.name) for p in pages] + [str(h) for h in course.headers()]
    (out / "pages.doxy").write_text("INPUT = " + " \\\n        ".join(f'"{i}"' for i in inputs) + "\n"
                                    f'USE_MDFILE_AS_MAINPAGE = "{out / "mainpage.md"}"\n')
    return 0


if __name__ == "__main__":
    sys.exit(main())
