#!/usr/bin/env python3
"""The chapter programs' facts in the text: no sentence of the site can contradict the output beside it.

A chapter program run with `--figure-data DIR` writes DIR/facts.txt, one `key = value` a line
(nn::write_fact, src/base/facts.hpp): the numbers its chapter's text quotes. The pages' Markdown then uses

    {{ch07.gd1_rises}}                   the value (an integer as an integer, else with 4 significant digits)
    {{ch08.wide_us / ch08.lecture_us|.0f}}   any expression of facts, with a Python format after `|`
    <!-- check: ch07.momentum_rises == 0 -->
                                         a claim of the sentence above, on a line of its own: the build
                                         fails (README.md:line, with the values) when it is false
    <!-- if: ch09.numpy_ran -->  …  <!-- else -->  …  <!-- endif -->
                                         text for what the output says (lines of their own)

An unknown key, a placeholder or check that does not parse, and a false check all stop the build with the
file and line. In a student's copy a chapter whose program stopped on a stub (DIR/UNFINISHED) has no facts:
its placeholders show "…", its checks are skipped, and an `if` on them takes the `else` branch.

facts.py DIR [KEY...]: the facts of every chapter under DIR (build/docs/figure-data), or the values of KEYs.
"""
import math
import pathlib
import re
import sys

PLACEHOLDER = re.compile(r"\{\{([^{}]*?\bch\d\d\.[^{}]*?)\}\}")  # (C++ braces have no chNN.)
DIRECTIVE = re.compile(r"^\s*<!--\s*(check|if|else|endif)\b:?\s*(.*?)\s*-->\s*$")
FACT_LINE = re.compile(r"^([A-Za-z0-9_]+)\s*=\s*(\S+)\s*$")
SAFE = {"abs": abs, "min": min, "max": max, "round": round, "inf": math.inf, "log10": math.log10,
        "isnan": math.isnan, "isinf": math.isinf}


class TextError(Exception):
    """A placeholder, check or condition that fails: its message names the file and line."""


class Unfinished(Exception):
    """A fact of a chapter whose program stopped on a stub (a student's copy)."""


class Chapter:
    """chNN in an expression: its facts as attributes; an unknown one is an error that lists the known."""

    def __init__(self, label, values, unfinished):
        self._label, self._values, self._unfinished = label, values, unfinished

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        if self._unfinished:
            raise Unfinished(self._label)
        if key not in self._values:
            known = ", ".join(sorted(self._values)) or "none: does its program write DIR/facts.txt?"
            raise TextError(f"{self._label} has no fact '{key}' (its facts: {known})")
        return self._values[key]


def read_facts(path):
    """{key: float} from a facts.txt."""
    values = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        m = FACT_LINE.match(line)
        if not m:
            raise TextError(f"{path}:{number}: not a `key = value` line: {line!r}")
        values[m[1]] = float(m[2])
    return values


def load(figure_data, chapters):
    """The namespace of expressions: chNN -> Chapter, for each (NN, name) of chapters."""
    names = {}
    for nn, name in chapters:
        folder = pathlib.Path(figure_data) / name
        unfinished = (folder / "UNFINISHED").exists()
        facts = folder / "facts.txt"
        values = read_facts(facts) if facts.exists() and not unfinished else {}
        names[f"ch{nn}"] = Chapter(f"ch{nn}", values, unfinished)
    return names


def evaluate(expression, names, where):
    try:
        return eval(compile(expression, "<text>", "eval"), {"__builtins__": {}, **SAFE}, dict(names))
    except Unfinished:
        raise
    except TextError as e:
        raise TextError(f"{where}: {e}") from None
    except Exception as e:  # a typo in the text: name it with its place
        raise TextError(f"{where}: cannot evaluate `{expression}`: {type(e).__name__}: {e}") from None


def show(value, spec):
    if spec:
        return format(value, spec)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def values_in(expression, names):
    """`ch07.gd1_rises = 877, …`: the facts an expression reads, for the message of a false check."""
    shown = []
    for label, key in dict.fromkeys(re.findall(r"\b(ch\d\d)\.([A-Za-z0-9_]+)", expression)):
        try:
            shown.append(f"{label}.{key} = {show(getattr(names[label], key), '')}")
        except (KeyError, TextError, Unfinished):
            pass
    return ", ".join(shown)


def fill(lines, names, where):
    """The lines with their directives applied and their placeholders filled.

    lines: [(text, (file, line))]. Returns [(text, (file, line))] and the number of checks that held.
    Raises TextError naming file:line."""
    out, checks, stack = [], 0, []  # stack: for each open `if`, [shown now?, shown before the else?]

    def showing():
        return all(shown for shown, _ in stack)

    for text, origin in lines:
        place = f"{origin[0]}:{origin[1]}" if origin else where
        m = DIRECTIVE.match(text)
        if not m and re.search(r"<!--\s*(check|if|else|endif)\b", re.sub(r"`[^`]*`", "", text)):
            raise TextError(f"{place}: a <!-- check/if/else/endif --> must be a line of its own")
        if m:
            kind, expression = m[1], m[2]
            if kind == "if":
                value = False
                if showing():
                    try:
                        value = bool(evaluate(expression, names, place))
                    except Unfinished:
                        value = False
                stack.append([value, value])
            elif kind == "else":
                if not stack:
                    raise TextError(f"{place}: <!-- else --> without <!-- if: … -->")
                stack[-1][0] = not stack[-1][1]
            elif kind == "endif":
                if not stack:
                    raise TextError(f"{place}: <!-- endif --> without <!-- if: … -->")
                stack.pop()
            elif showing():  # check
                try:
                    holds = evaluate(expression, names, place)
                except Unfinished:
                    continue
                if not holds:
                    raise TextError(f"{place}: the text claims `{expression}`, and the program's output says "
                                    f"otherwise ({values_in(expression, names)}): change the text, or the code")
                checks += 1
            continue
        if not showing():
            continue

        def substitute(match):
            body = match[1]
            expression, _, spec = body.partition("|")
            try:
                return show(evaluate(expression.strip(), names, place), spec.strip())
            except Unfinished as e:
                return f'<span class="pending" title="computed once the exercise of {e} is done">…</span>'
            except (ValueError, TypeError) as e:
                raise TextError(f"{place}: {{{{{body}}}}}: {e}") from None

        out.append((PLACEHOLDER.sub(substitute, text), origin))
    if stack:
        raise TextError(f"{where}: an <!-- if: … --> without its <!-- endif -->")
    return out, checks


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    chapters = [(d.name[:2], d.name) for d in sorted(root.iterdir()) if d.is_dir() and re.match(r"\d\d-", d.name)]
    names = load(root, chapters)
    if len(sys.argv) > 2:
        for expression in sys.argv[2:]:
            print(f"{expression} = {show(evaluate(expression, names, 'argument'), '')}")
        return 0
    for label, chapter in names.items():
        for key, value in sorted(chapter._values.items()):
            print(f"{label}.{key} = {show(value, '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
