"""The forgeries of chapter 1 (fixtures/forgeries/01-sigmoid/), for the grader's self-tests (selftest.py,
gradescope_test.py): one honest but imperfect chapter 1 (honest.cpp) and, per forgery, the lines that try to
earn more than it (NAME.cpp). A forgery's sigmoid.cpp is the honest file with those lines, each part between
`// BEGIN FORGERY` and `// END FORGERY`: the lines before any `// AT THE START OF f` line above `namespace nn {`,
and the lines after such a line at the start of f's body. Without those parts it is honest.cpp again, byte for
byte: the honest twin every forgery is compared with.
"""
import pathlib
import re

FOLDER = pathlib.Path(__file__).resolve().parent / "fixtures" / "forgeries" / "01-sigmoid"
HONEST = FOLDER / "honest.cpp"
FILE = pathlib.Path("01-sigmoid") / "sigmoid.cpp"  # where a submission holds it
# A part above `namespace nn {` (with the blank line after it), or one in a function's body.
BLOCKS = (re.compile(r"^// BEGIN FORGERY\n.*?^// END FORGERY\n\n", re.S | re.M),
          re.compile(r"^[ \t]+// BEGIN FORGERY\n.*?^[ \t]+// END FORGERY\n", re.S | re.M))


def names() -> list:
    """Every forgery, by name (its file's stem)."""
    return sorted(p.stem for p in FOLDER.glob("*.cpp") if p != HONEST)


def marked(lines: str, indent: str = "") -> str:
    """Lines between the markers, indented (blank lines left blank)."""
    text = f"// BEGIN FORGERY\n{lines}// END FORGERY\n"
    return "".join(indent + line if line.strip() else line for line in text.splitlines(True))


def parts(name: str) -> tuple:
    """(the lines above `namespace nn {`, {function: the lines at the start of its body})."""
    pieces = re.split(r"(?m)^// AT THE START OF (\w+)\n", read(name))
    return pieces[0], dict(zip(pieces[1::2], pieces[2::2]))


def read(name: str) -> str:
    """NAME.cpp, with each `// WITH PART` line replaced by the lines of PART, which several forgeries share
    (fake_report.part: the report's path and a report where every test passed)."""
    return re.sub(r"(?m)^// WITH (\S+)\n", lambda m: (FOLDER / m[1]).read_text(), (FOLDER / f"{name}.cpp").read_text())


def block(name: str) -> str:
    """The forgery's lines above `namespace nn {`, between the markers."""
    return marked(parts(name)[0])


def forged(name: str) -> str:
    """The forgery's sigmoid.cpp: honest.cpp with the forgery's lines in their places."""
    top, starts = parts(name)
    text = HONEST.read_text()
    if "\nnamespace nn {\n" not in text:
        raise ValueError(f"{HONEST}: no `namespace nn {{` to put {name}'s lines above")
    text = text.replace("\nnamespace nn {\n", "\n" + marked(top) + "\nnamespace nn {\n", 1)
    for function, lines in starts.items():
        head = re.search(rf"(?m)^\w.*\b{function}\(.*\)\n{{\n", text)
        if not head:
            raise ValueError(f"{name}.cpp: no function {function} in {HONEST.name}")
        text = text[:head.end()] + marked(lines, "    ") + text[head.end():]
    return text


def honest_of(text: str) -> str:
    """A file without its forgery's parts."""
    for block in BLOCKS:
        text = block.sub("", text)
    return text


def write(folder: pathlib.Path, name: str = None) -> pathlib.Path:
    """A submission's chapter 1 in folder: the forgery, or the honest file without a name."""
    path = folder / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(forged(name) if name else HONEST.read_text())
    return path
