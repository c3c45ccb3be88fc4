#!/usr/bin/env python3
"""The header-only libraries the course builds with (xtensor, xtl, xsimd, xtensor-blas): their versions as the
compiler finds them, and a check that a build includes the versions the course was tested with.

The Gradescope bundle carries these libraries' headers as the instructors' machine has them (third_party/, and
third_party/VERSIONS: what `record` says of them), because another system's packages may differ: Ubuntu 22.04,
Gradescope's base image, has xtensor 0.23.10, and Debian 12's 0.24.3 already computes a wrong result silently
in one case (a lazy reducer with keep_dims broadcast inside a larger expression). setup.sh builds with the bundled headers and then runs `check`: a build
whose compiler finds any other version stops the image with the library, the version found, the file and the
version wanted.

    library_versions.py record [INCLUDE_DIR]      the versions the compiler finds (first in INCLUDE_DIR)
    library_versions.py check BUILD_DIR VERSIONS  those a build's compile commands find, against VERSIONS
"""
import json
import pathlib
import re
import shlex
import subprocess
import sys

# library: (the header that holds its version, the prefix of its version macros)
LIBRARIES = {
    "xtensor": ("xtensor/xtensor_config.hpp", "XTENSOR_VERSION"),
    "xtl": ("xtl/xtl_config.hpp", "XTL_VERSION"),
    "xsimd": ("xsimd/config/xsimd_config.hpp", "XSIMD_VERSION"),
    "xtensor-blas": ("xtensor-blas/xblas_config.hpp", "XTENSOR_BLAS_VERSION"),
}
# The Debian packages that hold them (what the bundle copies from the instructors' machine).
PACKAGES = ["libxtensor-dev", "xtl-dev", "libxsimd-dev", "libxtensor-blas-dev"]


def found(compiler: str, flags: list) -> dict:
    """{library: (version, header file)} as the compiler finds them with these flags; (None, None) if missing."""
    result = {}
    for name, (header, macro) in LIBRARIES.items():
        source = f"#include <{header}>\n"
        run = lambda extra: subprocess.run([compiler, "-x", "c++", *flags, *extra, "-"], input=source,  # noqa: E731
                                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        macros, deps = run(["-E", "-dM"]), run(["-M"])
        if macros.returncode != 0:
            result[name] = (None, None)
            continue
        parts = [re.search(rf"#define {macro}_{part} (\d+)", macros.stdout) for part in ("MAJOR", "MINOR", "PATCH")]
        version = ".".join(p[1] for p in parts) if all(parts) else "unknown"
        path = next((w for w in deps.stdout.replace("\\\n", " ").split() if w.endswith(header)), "?")
        result[name] = (version, path)
    return result


def build_flags(build: pathlib.Path):
    """The compiler and its include and define flags, from a build's compile_commands.json (a test's entry)."""
    entries = json.loads((build / "compile_commands.json").read_text())
    entry = next((e for e in entries if "/tests/" in e["file"]), entries[0])
    args = entry.get("arguments") or shlex.split(entry["command"])
    flags, k = [], 1
    while k < len(args):
        arg = args[k]
        if arg in ("-I", "-isystem", "-D", "-iquote"):
            flags += args[k:k + 2]
            k += 2
            continue
        if arg.startswith(("-I", "-D", "-isystem", "-std=")):
            flags.append(arg)
        k += 1
    return args[0], flags


def read_versions(path: pathlib.Path) -> dict:
    return {line.split()[0]: line.split()[1] for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("#")}


def main(argv) -> int:
    if argv[:1] == ["record"] and len(argv) <= 2:
        flags = ["-isystem", argv[1]] if len(argv) == 2 else []
        for name, (version, _) in found("g++", flags).items():
            if not version:
                sys.exit(f"library_versions: {name} is not installed ({LIBRARIES[name][0]} not found)")
            print(f"{name} {version}")
        return 0
    if argv[:1] == ["check"] and len(argv) == 3:
        compiler, flags = build_flags(pathlib.Path(argv[1]))
        wanted = read_versions(pathlib.Path(argv[2]))
        problems = []
        for name, (version, path) in found(compiler, flags).items():
            if version != wanted.get(name):
                problems.append(f"{name} {version or 'missing'} ({path or LIBRARIES[name][0] + ' not found'}), "
                                f"not {wanted.get(name, '(not in ' + argv[2] + ')')}")
            else:
                print(f"library_versions: {name} {version} ({path})")
        if problems:
            print(f"library_versions: error: the build {argv[1]} includes\n  " + "\n  ".join(problems) +
                  f"\nThe course is tested with the versions of {argv[2]}; another version may not compile it or may "
                  f"compute wrong results silently.", file=sys.stderr)
            return 1
        return 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
