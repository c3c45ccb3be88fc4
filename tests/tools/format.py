#!/usr/bin/env python3
"""The course's C++ in one style: .clang-format (Debian's clang-format) over src/, solutions/, exercises/,
chapters/ and tests/, with no folder left out and no `clang-format off` region.

    format.py            rewrite every file in place (./course format), then remake the stubs from the
                         solutions so that they stay exactly what make_stubs.py writes
    format.py --check    list each file that differs and fail (./course test: style.clang_format)
"""
import argparse
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
FOLDERS = ("src", "solutions", "exercises", "chapters", "tests")


def sources() -> list:
    return sorted(p for folder in FOLDERS if (ROOT / folder).is_dir()
                  for p in (ROOT / folder).rglob("*") if p.suffix in (".cpp", ".hpp") and p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report instead of rewriting")
    args = parser.parse_args()
    tool = shutil.which("clang-format")
    if not tool:
        sys.exit("format.py: clang-format is not installed (Debian's package clang-format)")
    files = sources()
    off = [f"{p.relative_to(ROOT)}:{n}" for p in files
           for n, line in enumerate(p.read_text().splitlines(), 1) if "clang-format off" in line]
    if off:
        print("\n".join(f"{where}: a `clang-format off` region: the style holds everywhere" for where in off))
    if not args.check:
        subprocess.run([tool, "-i", "--style=file", *map(str, files)], check=True, cwd=ROOT)
        if (ROOT / "solutions").is_dir():
            subprocess.run([sys.executable, str(ROOT / "tests" / "tools" / "make_stubs.py")], check=True)
        print(f"format.py: {len(files)} files in the style of .clang-format")
        return 1 if off else 0
    proc = subprocess.run([tool, "--dry-run", "--style=file", *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True)
    wrong = sorted({line.split(":", 1)[0] for line in proc.stderr.splitlines() if ": warning:" in line})
    for path in wrong:
        print(f"{pathlib.Path(path).resolve().relative_to(ROOT)}: not in the style of .clang-format")
    if wrong or off:
        print(f"format.py: {len(wrong)} of {len(files)} files differ; ./course format rewrites them")
        return 1
    print(f"format.py: {len(files)} files in the style of .clang-format")
    return 0


if __name__ == "__main__":
    sys.exit(main())
