#!/usr/bin/env python3
"""The two ends of a chapter's student functions on the judge's pipe (tests/grader/rpc/), made from the
chapter's API header src/student/<short name>.hpp and the chapter model's list of its functions:

    chNN_proxies.cpp   linked into the judge (the test program) in place of the student's code: each function
                       with its own signature, whose body sends the arguments to the worker and reads back the
                       arguments it changed (non-const references) and its result
    chNN_serve.cpp     linked into the worker with the student's code: serve() reads the arguments, calls the
                       student's function, and writes what it changed and returned

A function's number on the pipe is its place in the header. A std::vector<MatrixView> result (unpack_theta)
is sent as views that say where they point into the function's non-const Vector& argument.

    make_proxies.py --chapter N --out DIR
"""
import argparse
import dataclasses
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))
import course_model  # noqa: E402


@dataclasses.dataclass
class Param:
    type: str  # as written, without the name and the default: "const Matrix&", "Vector&", "double"
    name: str

    @property
    def value_type(self) -> str:
        """The type of the value on the pipe: "Matrix" for "const Matrix&"."""
        t = re.sub(r"^const\s+", "", self.type.strip())
        return t.rstrip("&").strip()

    @property
    def changed(self) -> bool:
        """A non-const reference: the worker sends it back."""
        return self.type.endswith("&") and not self.type.startswith("const ")


@dataclasses.dataclass
class Declaration:
    result: str
    name: str
    params: list

    @property
    def signature(self) -> str:
        return f"{self.result} {self.name}({', '.join(p.type + ' ' + p.name for p in self.params)})"


def _split_top(text: str, sep: str) -> list:
    """Split at `sep` outside <>, () and {}."""
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "<({":
            depth += 1
        elif ch in ">)}":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current)
    return parts


def _param(text: str) -> Param:
    declaration = _split_top(text, "=")[0].strip()  # without its default
    m = re.fullmatch(r"(.+?[\s&*])(\w+)", declaration, re.S)
    if not m:
        raise SystemExit(f"make_proxies: cannot read the parameter `{text.strip()}`")
    return Param(" ".join(m[1].split()).replace(" &", "&"), m[2])


def declarations(header: pathlib.Path, names: list) -> list:
    """The declarations of the functions `names` in a header, in the header's order."""
    text = re.sub(r"//[^\n]*", "", header.read_text())
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    # Statements at namespace level: the bodies of structs and classes left out.
    flat, depth = "", 0
    for ch in text:
        if ch == "{":
            depth += 1
            if depth > 1:
                continue
        elif ch == "}":
            depth -= 1
            if depth >= 1:
                continue
        if depth <= 1:
            flat += ch
    found = {}
    for statement in flat.split(";"):
        statement = " ".join(statement.split())
        m = re.search(r"(?:^|[{}] ?)(?P<result>[\w:<>, ]*[\w>&*]) (?P<name>\w+) ?\((?P<params>.*)\)$", statement)
        if m and m["name"] in names and not m["result"].startswith(("using", "return")):
            params = [_param(p) for p in _split_top(m["params"], ",")]
            found[m["name"]] = Declaration(m["result"].strip(), m["name"], params)
    missing = [n for n in names if n not in found]
    if missing:
        raise SystemExit(f"make_proxies: {header} does not declare {', '.join(missing)}")
    return sorted(found.values(), key=lambda d: flat.index(f" {d.name}("))


VIEWS = "std::vector<MatrixView>"


def _view_target(d: Declaration) -> Param:
    targets = [p for p in d.params if p.changed and p.value_type == "Vector"]
    if len(targets) != 1:
        raise SystemExit(f"make_proxies: {d.name} returns views: it needs exactly one Vector& to point into")
    return targets[0]


def _signature_text(chapter, decls) -> str:
    return f"{chapter.name}: " + "; ".join(d.signature for d in decls)


def proxies(chapter, decls) -> str:
    out = [f"// Made by tests/grader/make_proxies.py from {chapter.api_header.relative_to(chapter.course.root)}: "
           f"the judge's stand-ins for chapter {chapter.number}'s student functions.",
           f'#include "student/{chapter.api_header.name}"', "", '#include "course_types.hpp"',
           '#include "judge.hpp"', "", "namespace nn {", "",
           f'const char* const rpc::served_signature = "{_signature_text(chapter, decls)}";', ""]
    for number, d in enumerate(decls):
        out += [d.signature, "{", f'    rpc::Call call({number}, "{d.name}");']
        out += [f"    rpc::put(call.args, {p.name});" for p in d.params]
        changed = [p for p in d.params if p.changed]
        if changed:
            out.append("    call.live = [&](rpc::Reader& now) {")
            out += [f"        rpc::update({p.name}, rpc::read<{p.value_type}>(now));" for p in changed]
            out.append("    };")
        if changed or d.result != "void":
            out.append("    rpc::Reader& reply = call.send();")
        else:
            out.append("    call.send();")
        out += [f"    rpc::update({p.name}, rpc::read<{p.value_type}>(reply));" for p in changed]
        if d.result == VIEWS:
            out.append(f"    return rpc::read_views(reply, {_view_target(d).name});")
        elif d.result != "void":
            out.append(f"    return rpc::read<{d.result}>(reply);")
        out += ["}", ""]
    out.append("}  // namespace nn")
    return "\n".join(out) + "\n"


def serve(chapter, decls) -> str:
    out = [f"// Made by tests/grader/make_proxies.py from {chapter.api_header.relative_to(chapter.course.root)}: "
           f"the worker's calls of chapter {chapter.number}'s student functions.",
           f'#include "student/{chapter.api_header.name}"', "", '#include "course_types.hpp"',
           '#include "worker.hpp"', "", "namespace nn {", "",
           f'const char* const rpc::served_signature = "{_signature_text(chapter, decls)}";', "",
           "void rpc::serve(std::uint32_t function, Reader& in, Bytes& out)", "{", "    switch (function) {"]
    for number, d in enumerate(decls):
        out += [f"        case {number}: {{  // {d.signature}"]
        out += [f"            auto {p.name} = read<{p.value_type}>(in);" for p in d.params]
        changed = [p for p in d.params if p.changed]
        out.append(f"            Live live([&](Bytes&{' now' if changed else ''}) {{"
                   + "".join(f" put(now, {p.name});" for p in changed) + " });")
        call = f"nn::{d.name}({', '.join(p.name for p in d.params)})"
        out.append(f"            {'const auto result = ' if d.result != 'void' else ''}{call};")
        out += [f"            put(out, {p.name});" for p in d.params if p.changed]
        if d.result == VIEWS:
            out.append(f"            put_views(out, result, {_view_target(d).name});")
        elif d.result != "void":
            out.append("            put(out, result);")
        out += ["            return;", "        }"]
    out += ["    }", '    throw protocol_error("no function number " + std::to_string(function));', "}", "",
            "}  // namespace nn"]
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chapter", type=int, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--root", type=pathlib.Path, default=course_model.ROOT)
    args = parser.parse_args(argv)
    chapter = course_model.Course(args.root).chapter(args.chapter)
    decls = declarations(chapter.api_header, [f.name for f in chapter.functions])
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in ((f"ch{chapter.nn}_proxies.cpp", proxies(chapter, decls)),
                       (f"ch{chapter.nn}_serve.cpp", serve(chapter, decls))):
        path = args.out / name
        if not path.exists() or path.read_text() != text:  # unchanged: nothing to recompile
            path.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
