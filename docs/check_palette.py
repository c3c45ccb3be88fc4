#!/usr/bin/env python3
"""One palette for the whole site: no figure script (chapters/*/figures/*.gp, docs/figures/*.gp) names a
colour of its own; every colour comes from docs/palette.gp, which docs/plot.cmake loads before each script
(class_colour(k) for the spiral's classes, the Okabe–Ito line colours, …). So the classes cannot change
colour from one chapter to the next. A colour is a hex literal (#0072B2, 0x0072B2) or a quoted colour
after rgb ('red'); the white background of `set terminal … background rgb 'white'` is allowed.

check_palette.py ROOT     (it first makes sure that it catches a colour planted in a script)
"""
import pathlib
import re
import sys

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\b|\b0x[0-9A-Fa-f]{6}\b|\brgb\s+['\"](?!white['\"])[^'\"]+['\"]")


def colours(text):
    """[(line number, the colour)] for each colour named in a gnuplot script (comments included)."""
    return [(number, m[0]) for number, line in enumerate(text.splitlines(), 1) for m in COLOUR.finditer(line)]


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
    planted = "plot x lc rgb '#1f77b4' title 'class 0', x lc rgb 'dark-green'\n"
    if len(colours(planted)) != 2 or colours("set terminal svg background rgb 'white'\n"):
        print("check_palette: the check itself is broken: it misses planted colours or flags the background")
        return 1
    scripts = sorted(root.glob("chapters/*/figures/*.gp")) + sorted(root.glob("docs/figures/*.gp"))
    problems = [f"{script}:{number}: the colour {colour}: take it from docs/palette.gp instead"
                for script in scripts for number, colour in colours(script.read_text())]
    palette = (root / "docs" / "palette.gp").read_text()
    if "class_colour(k)" not in palette:
        problems.append("docs/palette.gp does not define class_colour(k)")
    for problem in problems:
        print(problem)
    print(f"check_palette: {len(scripts)} figure scripts, {len(problems)} with a colour of their own")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
