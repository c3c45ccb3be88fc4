#!/usr/bin/env python3
"""The course's layout, known in one place. Every Python tool asks this module for the chapters, their
titles and hints, the functions the student writes and the markers of their gaps; nothing else parses them.

    chapters/NN-name/README.md     the chapter's text; its first line is `# Chapter N: Title {#chNN}`
    chapters/NN-name/hint.md       its hint: `## function` starts the hint of one function (up to the next
                                   `## `); a hint.md without such sections is one hint for every function
    chapters/NN-name/built.md      one sentence of what the student built, said when the chapter is done
    solutions/NN-name/*.cpp        the student's functions, complete; the last lines of each body are a gap:
                                       // BEGIN SOLUTION function
                                       ...
                                       // END SOLUTION function
    exercises/NN-name/*.cpp        the same files, each gap replaced by a stub (make_stubs.py):
                                       // TODO: write function here, then run: ./course check N
                                       throw not_implemented("function", N);
    tests/NN-name/*.cpp            the chapter's tests, a suite per function
    src/student/<short name>.hpp   the declarations of the chapter's functions ("training.hpp" for 07-training)
    src/course/NN-name/            course code that serves the chapter
    src/base/                      course code below every chapter

A chapter with neither solutions/NN-name/ nor exercises/NN-name/ is an appendix, with no exercise. A student
function spans the `//` comment lines right above its signature through its `}` at column 0: that is what
the website's \\snippet shows (make_snippets.py adds the `//! [function]` markers in a copy).

    course_model.py chapters    one line per chapter: its folder, title and functions
    course_model.py hint N      chapter N's hint (./course hint N)
    course_model.py check       every problem of the layout, as file:line: message
"""
import dataclasses
import functools
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHAPTER_GLOB = "[0-9][0-9]-*"
TITLE = re.compile(r"^# Chapter (\d+): (.+?) \{#(\w+)\}$")
BEGIN = re.compile(r"^(?P<indent>[ \t]*)// BEGIN SOLUTION\b(?P<name>.*)$")
END = re.compile(r"^[ \t]*// END SOLUTION\b(?P<name>.*)$")
STUB = re.compile(r'^(?P<indent>[ \t]*)throw not_implemented\("(?P<name>\w+)", (?P<chapter>\d+)\);$')
SNIPPET_MARKER = re.compile(r"^[ \t]*//! \[(\w+)\]")
HINT_SECTION = re.compile(r"^## +`?(\w+)`? *$")
# The linker's words for a call of a course function that none of the libraries linked holds.
UNDEFINED = re.compile(r"undefined reference to [`'‘]nn::(\w+)\(")


class LayoutError(SystemExit):
    """Something in the course breaks its layout: the message names the file and line. A SystemExit, so a
    tool that meets one stops with the message alone, while a test can still catch it."""


def stub_lines(name: str, chapter: int) -> list:
    """What stands in a stub where the gap was (without indentation)."""
    return [f"// TODO: write {name} here, then run: ./course check {chapter}",
            f'throw not_implemented("{name}", {chapter});']


@dataclasses.dataclass
class Function:
    """One student function as it stands in one file: a solution, a stub, or a student's own code."""
    name: str
    path: pathlib.Path
    lines: list  # the whole file, each line with its newline
    start: int  # index of its first line (the comment above the signature)
    signature: int  # index of the signature's first line
    end: int  # index of its closing `}`
    gap: range = None  # the lines of the gap, markers (or TODO and throw) included; None when found by name

    @property
    def code(self) -> str:
        """The function with its comment, as the website shows it."""
        return "".join(self.lines[self.start:self.end + 1]).rstrip("\n")

    @property
    def body(self) -> list:
        """A solution's own code, between the gap's markers: its lines without newline and without the
        markers' indentation."""
        inside = [line.rstrip("\n") for line in self.lines[self.gap.start + 1:self.gap.stop - 1]]
        return [line[len(self.indent):] if line.startswith(self.indent) else line.strip() for line in inside]

    @property
    def indent(self) -> str:
        return re.match(r"[ \t]*", self.lines[self.gap.start])[0]


def _read(path: pathlib.Path) -> list:
    return path.read_text().splitlines(keepends=True)


def _error(path, index, message):
    return LayoutError(f"{path}:{index + 1}: {message}")


def _extent(lines, brace, path, name):
    """(first line, signature, closing line) of the function whose body opens at lines[brace]."""
    signature = brace
    # The signature may take several lines; the line before it ends a statement, a block or a comment.
    while signature > 0 and lines[signature - 1].strip() and not lines[signature - 1].startswith("//") \
            and not lines[signature - 1].rstrip().endswith((";", "{", "}")):
        signature -= 1
    start = signature
    while start > 0 and lines[start - 1].startswith("//") and not SNIPPET_MARKER.match(lines[start - 1]):
        start -= 1
    end = brace + 1
    while end < len(lines) and lines[end].rstrip() != "}":
        end += 1
    if end == len(lines):
        raise _error(path, brace, f"the body of {name} opened here has no `}}` at column 0")
    return start, signature, end


def _around_gap(lines, gap, path, name) -> Function:
    """The function whose body ends with the gap: nothing but blank lines may follow the gap (code there
    would come after the stub's throw)."""
    brace = gap.start - 1
    while brace >= 0 and lines[brace].rstrip() not in ("{", "}"):
        brace -= 1
    if brace < 0 or lines[brace].rstrip() != "{":
        raise _error(path, gap.start, f"the gap of {name} is not inside a function "
                                      f"(no `{{` at column 0 above it)")
    start, signature, end = _extent(lines, brace, path, name)
    for i in range(gap.stop, end):
        if lines[i].strip():
            raise _error(path, i, f"code after the gap of {name}: it would follow the stub's throw; end the "
                                  f"gap at the last line of the function's body")
    return Function(name, path, lines, start, signature, end, gap)


def _check_name(match, wanted, path, index, what):
    name = match["name"].strip()
    if not re.fullmatch(r"\w+", name):
        raise _error(path, index, f"{what} must name its function: `// {what} {wanted or 'function'}`")
    if wanted and name != wanted:
        raise _error(path, index, f"{what} {name} closes the gap of {wanted}")
    return name


def functions_in(path: pathlib.Path, text: str = None) -> list:
    """The student functions of one .cpp file, in file order: each gap of a solution, each stub of an
    exercise (a file may hold both, e.g. a student's half-done exercise). text: the file's text, if it is
    not (or no longer) on disk (a stub of an earlier release)."""
    lines = _read(path) if text is None else text.splitlines(keepends=True)
    found, opened = [], None
    for i, line in enumerate(lines):
        text = line.rstrip("\n")
        begin, end, stub = BEGIN.match(text), END.match(text), STUB.match(text.rstrip())
        if begin:
            if opened:
                raise _error(path, i, f"BEGIN SOLUTION inside the gap of {opened[0]} "
                                      f"(opened at line {opened[1] + 1})")
            opened = (_check_name(begin, None, path, i, "BEGIN SOLUTION"), i)
        elif end:
            if not opened:
                raise _error(path, i, "END SOLUTION without a BEGIN SOLUTION")
            name = _check_name(end, opened[0], path, i, "END SOLUTION")
            found.append(_around_gap(lines, range(opened[1], i + 1), path, name))
            opened = None
        elif stub and not opened:
            name, first = stub["name"], i
            if i > 0 and lines[i - 1].strip() == stub_lines(name, int(stub["chapter"]))[0]:
                first = i - 1
            found.append(_around_gap(lines, range(first, i + 1), path, name))
    if opened:
        raise _error(path, opened[1], f"BEGIN SOLUTION {opened[0]} is never closed")
    names = {f.name for f in found}
    for i, line in enumerate(lines):
        marker = SNIPPET_MARKER.match(line)
        if marker and marker[1] in names:
            raise _error(path, i, f"`//! [{marker[1]}]`: the website's build marks the student's functions for "
                                  f"\\snippet itself (make_snippets.py); remove this line")
    return found


def function_named(path: pathlib.Path, name: str):
    """The function `name` in a .cpp file found by its signature, or None: a student's own code has no gap
    left to find it by."""
    lines = _read(path)
    signature = re.compile(rf"^[^\s/].*(?<!::)\b{re.escape(name)}\s*\(")
    for i, line in enumerate(lines):
        if signature.match(line) and not line.rstrip().endswith(";"):
            brace = i
            while brace < len(lines) and lines[brace].rstrip() != "{":
                brace += 1
            if brace == len(lines):
                return None
            start, first, end = _extent(lines, brace, path, name)
            return Function(name, path, lines, start, first, end)
    return None


def definition(folder: pathlib.Path, name: str):
    """(file, line number) of the signature of function `name` among a folder's .cpp files, or (None, None)."""
    for path in sorted(folder.glob("*.cpp")):
        function = function_named(path, name)
        if function:
            return path, function.signature + 1
    return None, None


def replace_gaps(path: pathlib.Path, code_for) -> str:
    """The text of a file with each gap, markers included, replaced by the lines code_for(function) returns
    (indented as the gap's markers were)."""
    lines = _read(path)
    for function in reversed(functions_in(path)):
        code = [function.indent + line + "\n" if line else "\n" for line in code_for(function)]
        lines[function.gap.start:function.gap.stop] = code
    return "".join(lines)


def with_snippet_markers(path: pathlib.Path, names=()) -> str:
    """The text of a file with `//! [function]` lines around each student function, for Doxygen's \\snippet:
    the functions with a gap, and those named in `names` that no longer have one (a student's own code)."""
    functions = functions_in(path)
    for name in sorted(set(names) - {f.name for f in functions}):
        function = function_named(path, name)
        if function:
            functions.append(function)
    lines = _read(path)
    for function in sorted(functions, key=lambda f: -f.start):
        marker = f"//! [{function.name}]\n"
        lines[function.end + 1:function.end + 1] = [marker]
        lines[function.start:function.start] = [marker]
    return "".join(lines)


@dataclasses.dataclass
class StudentFunction:
    """A function the student writes: its name, its file, and where it stands in the solution and the stub."""
    name: str
    file: str  # "theta.cpp", in solutions/NN-name/ and exercises/NN-name/
    solution: Function  # None in a student's copy of the course
    stub: Function  # None when exercises/ lacks it (then ./course stubs is due)


@dataclasses.dataclass
class Hint:
    text: str
    path: pathlib.Path
    line: int  # the line number of the text's first line


class Chapter:
    def __init__(self, course, folder: pathlib.Path):
        self.course, self.dir, self.name = course, folder, folder.name
        self.nn = self.name[:2]
        self.number = int(self.nn)
        self.short_name = self.name[3:]  # "training" for 07-training
        self.label, self.exercise_label = f"ch{self.nn}", f"ex{self.nn}"
        self.readme, self.hint_path = folder / "README.md", folder / "hint.md"
        self.solution_dir, self.exercise_dir = course.solutions / self.name, course.exercises / self.name
        self.tests_dir = course.root / "tests" / self.name
        self.api_header = course.root / "src" / "student" / (self.short_name.replace("-", "_") + ".hpp")
        self.course_dir = course.root / "src" / "course" / self.name
        self.title = self._title()  # "Training"; the heading is "Chapter 7: Training"
        self.heading = f"Chapter {self.number}: {self.title}"

    def __repr__(self):
        return f"Chapter({self.name})"

    def _title(self) -> str:
        if not self.readme.is_file():
            raise LayoutError(f"{self.readme}: missing (every chapter has its text in README.md)")
        lines = self.readme.read_text().splitlines() or [""]
        title = TITLE.match(lines[0].strip())
        if not title or int(title[1]) != self.number or title[3] != self.label:
            raise LayoutError(f"{self.readme}:1: the first line must be `# Chapter {self.number}: Title "
                              f"{{#{self.label}}}`, not `{lines[0]}`")
        return title[2]

    @property
    def has_exercise(self) -> bool:
        return self.solution_dir.is_dir() or self.exercise_dir.is_dir()

    @functools.cached_property
    def functions(self) -> list:
        """The student's functions, in file order: from the solutions, or in a student's copy (no solutions/)
        from the stubs left in exercises/."""
        from_solutions = self.course.has_solutions and self.solution_dir.is_dir()
        source_dir = self.solution_dir if from_solutions else self.exercise_dir
        out = []
        for path in sorted(source_dir.glob("*.cpp")):
            stub_path = self.exercise_dir / path.name
            stubs = {f.name: f for f in functions_in(stub_path)} if stub_path.is_file() else {}
            for found in functions_in(path):
                out.append(StudentFunction(found.name, path.name, found if from_solutions else None,
                                           stubs.get(found.name)))
        return out

    @property
    def files(self) -> list:
        """The student's files of the chapter ("theta.cpp", ...), in order."""
        return sorted({f.file for f in self.functions})

    @functools.cached_property
    def hints(self) -> dict:
        """The `## function` sections of hint.md: function name -> Hint."""
        sections, name, start, body = {}, None, 0, []
        if not self.hint_path.is_file():
            return sections
        for number, line in enumerate(self.hint_path.read_text().splitlines() + ["## end"], 1):
            section = HINT_SECTION.match(line)
            if section or line.startswith("## "):
                if name:
                    sections[name] = Hint("\n".join(body).strip("\n"), self.hint_path, start)
                if not section:
                    raise LayoutError(f"{self.hint_path}:{number}: a section of the hint is `## function_name`")
                name, start, body = section[1], number + 1, []
            else:
                body.append(line)
        return sections

    @property
    def built(self) -> str:
        """The sentence of built.md (what the student has built once the chapter is done), or ""."""
        path = self.dir / "built.md"
        return " ".join(path.read_text().split()) if path.is_file() else ""

    def hint(self, function: str):
        """The hint for one function, the same in the terminal and on the website: its `## function` section,
        or the whole hint.md when it has no sections; None otherwise."""
        if function in self.hints:
            return self.hints[function]
        if self.hint_path.is_file() and not self.hints:
            return Hint(self.hint_path.read_text().strip("\n"), self.hint_path, 1)
        return None

    def declares(self, function: str) -> bool:
        """Whether the chapter's API header declares the function."""
        declaration = re.compile(rf"^\s*[\w:<>, ]*[\w>&*]\s+[&*]?{re.escape(function)}\s*\(")
        return self.api_header.is_file() and any(declaration.match(line) for line in _read(self.api_header))


class Course:
    """The course in `root`; `solutions` and `exercises` may point elsewhere (the docs build is given them).
    Without a solutions folder of its own (a student's copy) the student's functions come from the stubs."""

    def __init__(self, root=ROOT, solutions=None, exercises=None):
        self.root = pathlib.Path(root).resolve()
        self.solutions = pathlib.Path(solutions or self.root / "solutions").resolve()
        self.exercises = pathlib.Path(exercises or self.root / "exercises").resolve()
        self.has_solutions = self.solutions.is_dir() and self.solutions != self.exercises
        self.student_dir = self.root / "src" / "student"
        self.base_dir = self.root / "src" / "base"
        folders = sorted((self.root / "chapters").glob(CHAPTER_GLOB))
        self.chapters = [Chapter(self, folder) for folder in folders if folder.is_dir()]

    def chapter(self, number: int) -> Chapter:
        for c in self.chapters:
            if c.number == number:
                return c
        names = " ".join(c.name for c in self.chapters)
        raise LayoutError(f"there is no chapter {number}; the chapters are: {names}")

    def exercise_chapters(self) -> list:
        return [c for c in self.chapters if c.has_exercise]

    def chapter_of(self, function: str):
        """The chapter whose student writes `function` (or whose API header declares it), or None."""
        for c in self.exercise_chapters():
            if any(f.name == function for f in c.functions) or c.declares(function):
                return c
        return None

    def later_chapter_uses(self, number: int, linker_output: str) -> list:
        """Chapter `number` is linked with chapters 1 … number alone, so a call of a later chapter's function is an
        undefined reference: for each, in the words a student reads, "log_sigmoid is chapter 5's: chapter 1
        cannot use it" (./course check and ./course grade both say it)."""
        out = []
        for name in dict.fromkeys(UNDEFINED.findall(linker_output)):
            owner = self.chapter_of(name)
            if owner is not None and owner.number > number:
                out.append(f"{name} is chapter {owner.number}'s: chapter {number} cannot use it")
        return out

    def headers(self) -> list:
        """Every header of src/ in reading order: each chapter's API header and then its course code, then the
        code below every chapter, then any other header."""
        ordered = []
        for c in self.chapters:
            ordered += [c.api_header] if c.api_header.is_file() else []
            ordered += sorted(c.course_dir.glob("*.hpp"))
        ordered += sorted(self.base_dir.glob("*.hpp"))
        return ordered + sorted(set((self.root / "src").rglob("*.hpp")) - set(ordered))

    def problems(self) -> list:
        """What breaks the layout beyond what reading it already refuses, as `file:line: message`."""
        out = []
        for c in self.exercise_chapters():
            names = [f.name for f in c.functions]
            if not names:
                out.append(f"{c.solution_dir}: no gap (no // BEGIN SOLUTION marker) in chapter {c.number}")
            for f in c.functions:
                if f.stub is None:
                    out.append(f"{c.exercise_dir / f.file}: no stub of {f.name} (run ./course stubs)")
                if c.hint(f.name) is None:
                    out.append(f"{c.hint_path}: no `## {f.name}` section")
                # Before the student's headers have a folder of their own there is nothing to check.
                if self.student_dir.is_dir() and not c.declares(f.name):
                    out.append(f"{c.api_header}: does not declare {f.name}, a function of chapter {c.number}")
            for name, hint in c.hints.items():
                # (In a student's copy a function already written has no stub left to find it by.)
                if name not in names and self.has_solutions:
                    out.append(f"{hint.path}:{hint.line - 1}: `## {name}` names no function of chapter "
                               f"{c.number} ({', '.join(names)})")
        return out


def main(argv) -> int:
    command = argv[1] if len(argv) > 1 else ""
    course = Course()
    if command == "chapters" and len(argv) == 2:
        for c in course.chapters:
            functions = " ".join(f.name for f in c.functions) if c.has_exercise else "(an appendix)"
            print(f"{c.name}\t{c.heading}\t{functions}")
        return 0
    if command == "hint" and len(argv) == 3 and argv[2].isdigit():
        chapter = course.chapter(int(argv[2]))
        if not chapter.has_exercise:
            print(f"chapter {argv[2]} ({chapter.name}) has no exercise, so no hint.")
        elif not chapter.hint_path.is_file():
            print(f"chapter {argv[2]} ({chapter.name}) has no hint yet.")
        else:
            print(chapter.hint_path.read_text(), end="")
        return 0
    if command == "check" and len(argv) == 2:
        problems = course.problems()
        print("\n".join(problems) or f"the course's layout holds ({len(course.chapters)} chapters)")
        return 1 if problems else 0
    print("usage: course_model.py chapters | hint N | check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
