#!/usr/bin/env python3
"""Fail if the course's C++ uses a lazy xt::keep_dims reducer inside a larger expression, the pattern
that gives silently wrong values in xtensor 0.24.3 (tests/toolchain/test_xtensor_reducer.cpp shows it).

Allowed on a line that uses keep_dims: evaluation_strategy::immediate, xt::eval(...), or the reducer as
the whole right-hand side of a named variable (`const Matrix s = xt::sum(Z, {1}, xt::keep_dims);`).
A line can opt out with the comment `the broken pattern, on purpose` (the regression test does).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
NAMED = re.compile(r"^\s*(const\s+)?[\w:<>, ]+\s+\w+\s*=\s*xt::\w+\([^;]*keep_dims[^;]*\)\s*;")


def main() -> int:
    bad = []
    files = [p for d in ("src", "solutions", "exercises", "chapters", "tests") for p in (ROOT / d).rglob("*.[ch]pp")]
    for path in sorted(files):
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if "xt::keep_dims" not in line or line.lstrip().startswith("//"):
                continue
            if "immediate" in line or "xt::eval(" in line or NAMED.match(line) or "on purpose" in line:
                continue
            bad.append(f"{path.relative_to(ROOT)}:{number}: lazy keep_dims reducer: {line.strip()}")
    for line in bad:
        print(line)
    print(f"{len(files)} files scanned, {len(bad)} lazy keep_dims reducers (evaluate them first: a named "
          "temporary, xt::eval or evaluation_strategy::immediate)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
