#!/usr/bin/env python3
"""Each common mistake of mistakes.toml, tried: a small wrong file in tests/tools/mistakes/ is compiled with
the flags of its chapter's exercises (build/compile_commands.json), and the words the student sees
(explain.py) must name the file and line of the first error and hold the note. A mistake that shows only when
the tests run is given the message the tests print (recorded from a real run) instead.

The first comment of each wrong file says what to expect:
    // mistake: NAME[ (when the tests run: MESSAGE)]. The student sees: WORDS
NAME `none` is a file that must compile. A file's folder names its chapter: mistakes/NN-name/.

    test_mistakes.py BUILD_DIR
"""
import concurrent.futures
import json
import pathlib
import re
import shlex
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import course_model  # noqa: E402
import explain  # noqa: E402

HEADER = re.compile(r"^// mistake: (?P<name>\w+)(?: \(when the tests run: (?P<message>.*?)\))?\. "
                    r"The student sees: (?P<words>.*)$")


def header_of(path: pathlib.Path):
    """The first comment of a wrong file (its lines joined: clang-format may wrap it), matched."""
    lines = []
    for line in path.read_text().splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    return HEADER.match("// " + " ".join(lines))


def compile_command(build: pathlib.Path, chapter) -> list:
    """The compiler and flags of the chapter's exercises, without source and output."""
    for entry in json.loads((build / "compile_commands.json").read_text()):
        if pathlib.Path(entry["file"]).resolve().parent == chapter.exercise_dir.resolve():
            words = shlex.split(entry["command"]) if "command" in entry else entry["arguments"]
            out, skip = [], False
            for word in words:
                if skip:
                    skip = False
                elif word == "-o":
                    skip = True
                elif word not in ("-c", entry["file"]):
                    out.append(word)
            return out
    raise SystemExit(f"no compile command for {chapter.exercise_dir} in {build}/compile_commands.json")


def try_one(path: pathlib.Path, build: pathlib.Path, course) -> list:
    """The problems with one wrong file: [] when the student sees what they must."""
    header = header_of(path)
    if not header:
        return [f"{path.name}: its first line must be `// mistake: NAME. The student sees: WORDS`"]
    chapter = course.chapter(int(path.parent.name[:2]))
    explainer = explain.Explainer(course, chapter)
    words = header["words"]
    if header["message"]:
        shown = "\n".join(explainer.notes("run", header["message"], [path]))
        return [] if words in shown else [f"{path.name}: after the message {header['message']!r} the student "
                                          f"sees\n{shown or '(no note)'}\ninstead of words with {words!r}"]
    proc = subprocess.run([*compile_command(build, chapter), "-fsyntax-only", str(path)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if header["name"] == "none":
        return [] if proc.returncode == 0 else [f"{path.name} must compile, but:\n{proc.stdout[:2000]}"]
    if proc.returncode == 0:
        return [f"{path.name} compiled: it shows no mistake"]
    shown = "\n".join(explainer.build_report(proc.stdout, [path]))
    problems = []
    found = explain.first_error(proc.stdout, [path])
    if not found or found.path is None or found.path.resolve() != path.resolve():
        problems.append(f"{path.name}: the first error shown is not in the wrong file itself:\n{shown}")
    if words not in shown:
        problems.append(f"{path.name}: the student sees\n{shown}\ninstead of words with {words!r}")
    return problems


def main() -> int:
    build = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else course_model.ROOT / "build"
    course = course_model.Course()
    files = sorted((HERE / "mistakes").glob(course_model.CHAPTER_GLOB + "/*.cpp"))
    table = {m.name for m in explain.mistakes()}
    headers = [header_of(p) for p in files]
    tried = {h["name"] for h in headers if h}
    problems = [f"mistakes.toml: `{name}` has no wrong file in tests/tools/mistakes/" for name in sorted(table - tried)]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for path, found in zip(files, pool.map(lambda p: try_one(p, build, course), files)):
            print(("ok    " if not found else "FAIL  ") + str(path.relative_to(HERE)))
            problems += found
    print("\n".join(problems))
    print(f"mistakes: {len(files)} wrong files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
