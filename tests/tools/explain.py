#!/usr/bin/env python3
"""Compiler errors and failed runs in a student's words: the first error located in the student's own file,
with its line, and under it a plain-language note for the common mistakes of mistakes.toml.

    explain.py LOG --chapter N FILE...    explain a build log, the student's files being FILE...
"""
import argparse
import dataclasses
import pathlib
import re
import sys
import tomllib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import course_model  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
MISTAKES = HERE / "mistakes.toml"
# gcc's "file:line:col: error: message" (or "fatal error"); the linker's "undefined reference".
ERROR = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)? (?:fatal )?error: (?P<message>.*)$")
REQUIRED = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?:\d+:)?\s+required from here")
LINK_ERROR = re.compile(r"^(?:(?P<file>[^\s:][^:]*):)?.*?(?P<message>undefined reference to .*)$")


@dataclasses.dataclass
class Mistake:
    name: str
    when: str
    pattern: re.Pattern
    note: str
    source: re.Pattern = None
    later: bool = False


def headers(path=MISTAKES) -> dict:
    """xtensor name -> the header that declares it (mistakes.toml's [headers])."""
    return tomllib.loads(pathlib.Path(path).read_text()).get("headers", {})


def mistakes(path=MISTAKES) -> list:
    table = tomllib.loads(pathlib.Path(path).read_text())["mistake"]
    return [Mistake(m["name"], m["when"], re.compile(m["pattern"]), m["note"].strip("\n"),
                    re.compile(m["source"]) if "source" in m else None, m.get("later", False)) for m in table]


def shown(path) -> str:
    """A path relative to the course when it lies inside."""
    path = pathlib.Path(path).resolve()
    return str(path.relative_to(course_model.ROOT)) if path.is_relative_to(course_model.ROOT) else str(path)


def plain_quotes(text: str) -> str:
    return text.replace("‘", "'").replace("’", "'")


def short_types(message: str, most=200) -> str:
    """A message without the depths of xtensor's template types: `xfunction<…>` instead of a page of them."""
    out, depth = [], 0
    for ch in message:
        if ch == "<":
            depth += 1
            if depth == 1:
                out.append("<…")
            continue
        if ch == ">" and depth:
            depth -= 1
            if depth == 0:
                out.append(">")
            continue
        if depth == 0:
            out.append(ch)
    text = "".join(out)
    return text if len(text) <= most else text[:most - 1] + "…"


@dataclasses.dataclass
class Found:
    path: pathlib.Path  # None for a link error without a file
    line: int
    message: str


def first_error(log: str, student_files) -> Found:
    """The first error in one of the student's files; else the first error at all (a link error, an error in
    a header); None if the log has none."""
    mine = {pathlib.Path(f).resolve() for f in student_files}
    first, required = None, None
    for text in plain_quotes(log).splitlines():
        # An error inside a library's template names the student's line that led there as "required from here".
        need = REQUIRED.match(text)
        if need and pathlib.Path(need["file"]).is_file() and pathlib.Path(need["file"]).resolve() in mine:
            required = (pathlib.Path(need["file"]), int(need["line"]))
            continue
        error = ERROR.match(text)
        if error:
            path = pathlib.Path(error["file"])
            found = Found(path, int(error["line"]), error["message"])
            if path.is_file() and path.resolve() in mine:
                return found
            if required:
                return Found(required[0], required[1], f"{error['message']} (in {path.name}, from this line)")
            first = first or found
            continue
        link = LINK_ERROR.match(text)
        if link and "undefined reference" in text:
            first = first or Found(None, 0, link["message"])
    return first


class Explainer:
    """Notes for one chapter: which mistakes match, with the chapter model at hand for "a later chapter"."""

    def __init__(self, course, chapter, table=None):
        self.course, self.chapter = course, chapter
        self.table = table if table is not None else mistakes()
        self.headers = headers()

    def chapter_of(self, function: str):
        for c in self.course.exercise_chapters():
            if any(f.name == function for f in c.functions) or c.declares(function):
                return c
        return None

    def notes(self, when: str, text: str, student_files=()) -> list:
        out = []
        text = plain_quotes(text)
        for m in self.table:
            if m.when != when:
                continue
            match = m.pattern.search(text)
            if not match:
                continue
            values = {k: v for k, v in match.groupdict().items() if v}
            values["chapter"] = self.chapter.number
            if "name" in values:
                values["header"] = self.headers.get(values["name"], "xtensor/xmath.hpp")
            if "function2" in values:
                values.setdefault("function", values["function2"])
            if m.later:
                owner = self.chapter_of(values.get("function", ""))
                if owner is None or owner.number <= self.chapter.number:
                    continue
                values["chapter_of"] = owner.number
                values["header_of"] = str(owner.api_header.relative_to(self.course.root))
            if m.source:
                place = self._source_line(m.source, student_files)
                if not place:
                    continue
                values["source_line"], values["source_text"] = place[1:]
                values["source_place"] = f"{shown(place[0])}:{place[1]}"
            out.append(m.note.format(**values))
        return out

    @staticmethod
    def _source_line(pattern, files):
        for path in files:
            path = pathlib.Path(path)
            if not path.is_file():
                continue
            for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                if pattern.search(line) and not line.lstrip().startswith("//"):
                    return path, number, line.strip()
        return None

    def build_report(self, log: str, student_files, shown=str) -> list:
        """The lines a student sees for a failed build: the first error, the line of code, the note."""
        found = first_error(log, student_files)
        if found is None:
            tail = [line for line in log.splitlines() if line.strip()][-15:]
            return ["The build failed without a compiler error (the end of its log):", *("    " + t for t in tail)]
        lines = []
        if found.path is not None:
            lines.append(f"{shown(found.path)}:{found.line}: error: {short_types(found.message)}")
            if found.path.is_file():
                source = found.path.read_text(errors="replace").splitlines()
                if 0 < found.line <= len(source):
                    lines.append(f"    {found.line} | {source[found.line - 1].rstrip()}")
        else:
            lines.append(f"link error: {short_types(found.message)}")
        for note in self.notes("build", found.message if found.path else log, student_files):
            lines.append("")
            lines += ["  " + line for line in note.splitlines()]
        return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("log", type=pathlib.Path)
    parser.add_argument("--chapter", type=int, required=True)
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    course = course_model.Course()
    explainer = Explainer(course, course.chapter(args.chapter))
    print("\n".join(explainer.build_report(args.log.read_text(errors="replace"), args.files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
