#!/usr/bin/env python3
"""Run Doxygen for one edition of the website; every warning fails the build.

The warnings are printed with the file and line they come from: a warning in a generated page
(build/docs/pages/, see make_pages.py) names the chapter's text, hint or source file instead.

run_doxygen.py DOXYGEN DOXYFILE HTML_DIR WARNINGS_LOG SOURCES_JSON
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys


def main():
    doxygen, doxyfile, html, log, sources = sys.argv[1:6]
    html, log = pathlib.Path(html), pathlib.Path(log)
    shutil.rmtree(html, ignore_errors=True)
    html.mkdir(parents=True)
    log.unlink(missing_ok=True)
    run = subprocess.run([doxygen, doxyfile], capture_output=True, text=True)
    origin = json.loads(pathlib.Path(sources).read_text())

    def where(m):
        lines = origin.get(m[1])
        if lines is None:
            return m[0]
        number = int(m[2])
        if 0 < number <= len(lines) and lines[number - 1]:
            return f"{lines[number - 1][0]}:{lines[number - 1][1]}:"
        return f"{m[1]}:{m[2]}: (a generated line)"

    text = (log.read_text() if log.exists() else "") + run.stderr
    warnings = [re.sub(r"^(/[^:]+):(\d+):", where, line) for line in text.splitlines() if line.strip()]
    for line in warnings:
        print(f"doxygen error: {line}", file=sys.stderr)
    if run.returncode != 0 or warnings:
        print(f"doxygen: {len(warnings)} warning(s) in {doxyfile}: the website is not built "
              f"(warnings are errors)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
