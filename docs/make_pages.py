#!/usr/bin/env python3
"""Generate the website's pages from the chapters present, so that nothing can drift from the code.

For the chapters chapters/NN-name/ (in lecture order) it writes into OUT:
  mainpage.md    docs/mainpage.md with its `<!-- chapters -->` line replaced by the list of chapters
  NN-name.md     the chapter's README.md with previous/next links at the top and the bottom, and its
                 exercise as a subpage
  exNN.md        the exercise page: every gap `// BEGIN SOLUTION name` of solutions/NN-name/*.cpp (or,
                 in a student's copy, every `throw not_implemented("name", N)` of exercises/NN-name/*.cpp)
                 with the comment and code around it (the stub; the instructor edition adds the
                 solution), the `## name` section of the chapter's hint.md and the test cases of the
                 suite `name` in tests/NN-name/*.cpp
  pages.doxy     `INPUT = ...`, included by the Doxyfile (the pages in reading order, then src/)
  sources.json   for each generated line, the source file and line it came from (run_doxygen.py maps
                 Doxygen's warnings back with it)

make_pages.py --root REPO --out DIR --exercises DIR --solutions DIR
"""
import argparse
import json
import pathlib
import re
import sys

BEGIN = re.compile(r"^\s*// BEGIN SOLUTION (\w+)\s*$")
END = re.compile(r"^\s*// END SOLUTION\s*$")
STUB = re.compile(r'^\s*throw not_implemented\("(\w+)",\s*\d+\);\s*$')
TITLE = re.compile(r"^#\s+(Chapter\s+(\d+):\s*(.*?))\s*\{#(\w+)\}\s*$")
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


class Chapter:
    def __init__(self, root, dir_):
        self.dir, self.name, self.nn = dir_, dir_.name, dir_.name[:2]
        self.number = int(self.nn)
        self.readme = dir_ / "README.md"
        if not self.readme.exists():
            sys.exit(f"{self.readme}: missing (every chapter has its text in README.md)")
        first = self.readme.read_text().splitlines()[0]
        title = TITLE.match(first)
        if not title:
            sys.exit(f"{self.readme}:1: the first line must be `# Chapter N: Title {{#chNN}}`, not `{first}`")
        self.title, self.short_title, self.label = title[1], title[3], title[4]
        if int(title[2]) != self.number or self.label != f"ch{self.nn}":
            sys.exit(f"{self.readme}:1: expected `# Chapter {self.number}: ... {{#ch{self.nn}}}` for {self.name}")
        self.exercise_label = f"ex{self.nn}"
        self.gaps = []  # filled by find_gaps


def function_around(lines, at, path):
    """The function whose body holds line `at`: (first line of the comment above it, index of `{`, last line)."""
    brace = at
    while brace >= 0 and lines[brace].strip() != "{":
        brace -= 1
    if brace < 0:
        sys.exit(f"{path}:{at + 1}: no `{{` line opens the function around this gap")
    indent = len(lines[brace]) - len(lines[brace].lstrip())
    start = brace - 1
    # The signature (possibly over several lines), then the plain // comment above it.
    while start >= 0 and lines[start].strip() and not lines[start].lstrip().startswith("//"):
        start -= 1
    while start >= 0 and lines[start].lstrip().startswith("//") and not lines[start].lstrip().startswith("//!"):
        start -= 1
    start += 1
    end = at
    while end < len(lines) and not (lines[end].strip() == "}" and len(lines[end]) - len(lines[end].lstrip()) == indent):
        end += 1
    if end == len(lines):
        sys.exit(f"{path}:{brace + 1}: the function opened here is never closed")
    return start, brace, end


def find_gaps(chapter, solutions, exercises):
    """The student functions of a chapter, in file order: name, files, stub and solution code."""
    sol_dir, ex_dir = solutions / chapter.name, exercises / chapter.name
    have_solutions = sol_dir.is_dir() and sol_dir.resolve() != ex_dir.resolve()
    source_dir = sol_dir if have_solutions else ex_dir
    for path in sorted(source_dir.glob("*.cpp")):
        lines = path.read_text().splitlines()
        ex_path = ex_dir / path.name
        ex_lines = ex_path.read_text().splitlines() if ex_path.exists() else []
        marker = BEGIN if have_solutions else STUB
        for i, line in enumerate(lines):
            m = marker.match(line)
            if not m:
                continue
            name = m[1]
            gap = {"name": name, "file": path.name, "solution": None, "stub": None}
            if have_solutions:
                start, _, end = function_around(lines, i, path)
                gap["solution"] = "\n".join(lines[start:end + 1])
                gap["solution_at"] = [str(path), start + 1]
            for j, ex_line in enumerate(ex_lines):
                s = STUB.match(ex_line)
                if s and s[1] == name:
                    start, _, end = function_around(ex_lines, j, ex_path)
                    gap["stub"] = "\n".join(ex_lines[start:end + 1])
                    break
            if gap["stub"] is None:
                sys.exit(f"{ex_path}: no stub `throw not_implemented(\"{name}\", ...)` (run ./course stubs)")
            chapter.gaps.append(gap)


def hint_sections(chapter):
    """The `## function_name` sections of the chapter's hint.md: name -> (text, first line number)."""
    path = chapter.dir / "hint.md"
    sections, name, start, body = {}, None, 0, []
    if not path.exists():
        return sections
    for number, line in enumerate(path.read_text().splitlines() + ["## "], 1):
        if line.startswith("## "):
            if name:
                sections[name] = ("\n".join(body).strip("\n"), start)
            name, start, body = line[3:].strip(), number + 1, []
        else:
            body.append(line)
    return sections


def test_cases(root, chapter):
    """Suite name -> [(case name, provided?)], from tests/NN-name/*.cpp."""
    suites = {}
    for path in sorted((root / "tests" / chapter.name).glob("*.cpp")):
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


def declared_in(root, name):
    """The src/ header that declares function `name`, or None."""
    # A declaration: a return type, then the name and its parameters (comments don't count).
    pattern = re.compile(rf"^\s*[\w:<>, ]*[\w>&*]\s+[&*]?{re.escape(name)}\s*\(")
    for header in sorted((root / "src").glob("*.hpp")):
        if any(pattern.match(line) for line in header.read_text().splitlines()):
            return header.name
    return None


def safe_markdown(text):
    """hint.md is written for the terminal: keep its Markdown, but make Doxygen read \\, @ and < literally."""
    out = []
    for i, piece in enumerate(re.split(r"(`[^`]*`)", text)):
        if i % 2 == 0:
            piece = piece.replace("\\", "\\\\").replace("@", "\\@").replace("<", "&lt;").replace("#", "\\#")
        out.append(piece)
    return "".join(out)


def humanize(case):
    return case.replace("_", " ")


def chapter_page(chapter, previous, following):
    page = Page(f"{chapter.name}.md")
    src = str(chapter.readme)
    lines = chapter.readme.read_text().splitlines()

    def nav():
        parts = []
        if previous:
            parts.append(f'\\ref {previous.label} "← {previous.title}"')
        if chapter.gaps:
            parts.append(f'\\ref {chapter.exercise_label} "Exercise {chapter.number}"')
        if following:
            parts.append(f'\\ref {following.label} "{following.title} →"')
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
        page.add(line, src, 2 + i)
    page.add("")
    if chapter.gaps:
        page.add(f'<div class="chapter-nav">Your exercise: \\subpage {chapter.exercise_label} '
                 f'"Exercise {chapter.number}: {chapter.short_title}"</div>')
        page.add("")
    page.add(f'<div class="chapter-nav">{nav()}</div>')
    return page


def exercise_page(root, chapter, exercises):
    page = Page(f"{chapter.exercise_label}.md")
    n = chapter.number
    names = [g["name"] for g in chapter.gaps]
    files = sorted({g["file"] for g in chapter.gaps})
    ex_rel = f"exercises/{chapter.name}"
    hints = hint_sections(chapter)
    suites = test_cases(root, chapter)
    page.add(f"# Exercise {n}: {chapter.short_title} {{#{chapter.exercise_label}}}")
    page.add("")
    page.add(f'<div class="chapter-nav">Part of \\ref {chapter.label} "{chapter.title}" &nbsp;|&nbsp; '
             f'\\ref index "Contents"</div>')
    page.add("")
    page.add("[TOC]")
    page.add("")
    count = "one function" if len(names) == 1 else f"{len(names)} functions"
    where = ", ".join(f"`{ex_rel}/{f}`" for f in files)
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
    for g in chapter.gaps:
        header = declared_in(root, g["name"]) or "—"
        cases = [c for c in suites.get(g["name"], []) if not c[1]]
        page.add(f"| `nn::{g['name']}()` → \\ref {chapter.exercise_label}_{g['name']} \"details\" | {header} "
                 f"| `{ex_rel}/{g['file']}` | {len(cases)} |")
    page.add("")
    for g in chapter.gaps:
        name = g["name"]
        page.add(f"## {name} {{#{chapter.exercise_label}_{name}}}")
        page.add("")
        header = declared_in(root, name)
        if header:
            page.add(f"Declared in {header} as nn::{name}() (the API reference has its documentation).")
            page.add("")
        page.add(f"What you start from, in `{ex_rel}/{g['file']}`:")
        page.add("")
        page.add("~~~{.cpp}")
        page.add(g["stub"])
        page.add("~~~")
        page.add("")
        if g["solution"]:
            page.add("\\if instructor")
            page.add(f"The solution, in `solutions/{chapter.name}/{g['file']}`:")
            page.add("")
            page.add("~~~{.cpp}")
            page.add(g["solution"], *g["solution_at"])
            page.add("~~~")
            page.add("\\endif")
            page.add("")
        if name in hints and hints[name][0]:
            text, line = hints[name]
            page.add(f"**Hint** (also `./course hint {n}`):")
            page.add("")
            page.add(safe_markdown(text), str(chapter.dir / "hint.md"), line)
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
    page.add(f'<div class="chapter-nav">Back to \\ref {chapter.label} "{chapter.title}" &nbsp;|&nbsp; '
             f'\\ref index "Contents"</div>')
    return page


def main_page(root, chapters):
    template = root / "docs" / "mainpage.md"
    page = Page("mainpage.md")
    for number, line in enumerate(template.read_text().splitlines(), 1):
        if line.strip() != "<!-- chapters -->":
            page.add(line, str(template), number)
            continue
        page.add("| chapter | you write | exercise |")
        page.add("|---|---|---|")
        for c in chapters:
            functions = ", ".join(f"`{g['name']}`" for g in c.gaps) or "—"
            exercise = f'\\ref {c.exercise_label} "Exercise {c.number}"' if c.gaps else "—"
            page.add(f'| \\ref {c.label} "{c.number}. {c.short_title}" | {functions} | {exercise} |')
    return page


def api_page(root):
    """The API reference's front page: one line per header of src/, from its `\\file` comment."""
    page = Page("api.md")
    page.add("# API reference {#api}")
    page.add("")
    page.add('<div class="chapter-nav">\\ref index "Contents"</div>')
    page.add("")
    page.add("Everything the course declares is in the namespace `nn`, one header of `src/` per step. "
             "The functions you write are declared there and defined in `exercises/`; the course-provided "
             "ones are defined in `src/*.cpp`. Each header's page documents its functions and types.")
    page.add("")
    page.add("| header | what it holds |")
    page.add("|---|---|")
    rows = []
    for header in sorted((root / "src").glob("*.hpp")):
        lines = header.read_text().splitlines()
        documented = any(re.match(rf"^///\s*[\\@]file\b", line) for line in lines)
        brief = ""
        for i, line in enumerate(lines):
            if re.match(r"^///\s*[\\@]file\b", line):
                following = []
                for l in lines[i + 1:]:
                    if not l.startswith("///") or not l[3:].strip():
                        break
                    following.append(l[3:].strip())
                brief = " ".join(following)
                break
        name = f"\\ref {header.name} \"src/{header.name}\"" if documented else f"`src/{header.name}`"
        chapter = re.match(r"Chapter (\d+)", brief)
        rows.append((int(chapter[1]) if chapter else 99, header.name, f"| {name} | {brief} |", str(header)))
    # The chapters' headers in lecture order, then the course's own.
    for _, _, row, source in sorted(rows):
        page.add(row, source, 1)
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=pathlib.Path, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--exercises", type=pathlib.Path, required=True)
    parser.add_argument("--solutions", type=pathlib.Path, required=True)
    args = parser.parse_args()
    root, out = args.root.resolve(), args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.md"):
        old.unlink()
    chapters = [Chapter(root, d) for d in sorted((root / "chapters").glob("[0-9][0-9]-*")) if d.is_dir()]
    for c in chapters:
        find_gaps(c, args.solutions, args.exercises)
    pages = [main_page(root, chapters)]
    for i, c in enumerate(chapters):
        pages.append(chapter_page(c, chapters[i - 1] if i else None, chapters[i + 1] if i + 1 < len(chapters) else None))
    pages += [exercise_page(root, c, args.exercises) for c in chapters if c.gaps]
    pages.append(api_page(root))
    sources = {}
    for p in pages:
        p.write(out, sources)
    (out / "sources.json").write_text(json.dumps(sources))
    inputs = [str(out / p.name) for p in pages] + [str(root / "src")]
    (out / "pages.doxy").write_text("INPUT = " + " \\\n        ".join(f'"{i}"' for i in inputs) + "\n"
                                    f'USE_MDFILE_AS_MAINPAGE = "{out / "mainpage.md"}"\n')
    return 0


if __name__ == "__main__":
    sys.exit(main())
