#!/usr/bin/env python3
"""The Gradescope bundle (run as `./course autograder gradescope OUT.zip`; instructors only).

Gradescope's "Autograder Specifications" (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
the zip holds `setup.sh` and `run_autograder` at its root, and Gradescope unpacks all of it into
/autograder/source. So the zip's root is the course as the instructor has it (every file git tracks, as it is
on disk, with the solutions, the grader and the hidden tests of tests/hidden/ even if git does not track
them), never a build folder, .git or __pycache__, plus tests/grader/gradescope/{setup.sh,run_autograder}, and
third_party/: the header-only libraries (xtensor, xtl, xsimd, xtensor-blas) as this machine's Debian packages
install them (headers and CMake files, under third_party/usr/), with third_party/VERSIONS, so that the image
builds with the versions the course is tested with, whatever its system has (library_versions.py).
"""
import pathlib
import subprocess
import sys
import zipfile

import library_versions

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCRIPTS = ("setup.sh", "run_autograder")


def left_out(name: str) -> bool:
    parts = pathlib.PurePosixPath(name).parts
    return (parts[0].startswith(("build", ".git")) or "__pycache__" in parts or name.startswith("exercises/.backup/")
            or name in ("submission.zip", *SCRIPTS))


def course_files(root: pathlib.Path = ROOT) -> list:
    """The course's files, relative to root: what git tracks (or every file, outside a git checkout), and
    every file of tests/hidden/."""
    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], check=True, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout
        names = {f for f in out.decode().split("\0") if f}
    except (OSError, subprocess.CalledProcessError):
        names = {p.relative_to(root).as_posix() for p in root.rglob("*")}
    names |= {p.relative_to(root).as_posix() for p in (root / "tests" / "hidden").rglob("*")}
    return sorted(n for n in names if not left_out(n) and (root / n).is_file() and not (root / n).is_symlink())


def third_party() -> tuple:
    """The header-only libraries' files as this machine's packages install them ([(path on disk, name in the
    zip)]) and the text of third_party/VERSIONS."""
    files, versions = [], []
    for package in library_versions.PACKAGES:
        listed = subprocess.run(["dpkg-query", "-L", package], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True).stdout
        if listed.returncode != 0:
            sys.exit(f"autograder: the package {package} is not installed: the bundle carries the headers of "
                     f"{', '.join(library_versions.PACKAGES)} as this machine has them (./course packages)")
        versions.append(f"# {package} {version}")
        for line in listed.stdout.splitlines():
            path = pathlib.Path(line)
            if (line.startswith("/usr/include/") or "/cmake/" in line) and path.is_file() and not path.is_symlink():
                files.append((path, "third_party" + line))
    recorded = subprocess.run([sys.executable, str(HERE / "library_versions.py"), "record"], stdout=subprocess.PIPE,
                              text=True, check=True).stdout
    text = "# The header-only libraries of third_party/usr/, as the machine that made the bundle has them (Debian's\n" \
           "# packages below): setup.sh builds with them and checks the build (library_versions.py check).\n"
    return files, text + "\n".join(versions) + "\n" + recorded


def bundle(out: pathlib.Path, root: pathlib.Path = ROOT) -> list:
    """Write the zip; returns the names in it."""
    names = course_files(root)
    missing = [d for d in ("solutions", "tests/grader", "exercises") if not any(n.startswith(d + "/") for n in names)]
    if missing:
        sys.exit(f"autograder: the course has no {', '.join(missing)}: the bundle is made from the instructors' copy")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for script in SCRIPTS:  # at the zip's root, executable
            zf.write(HERE / "gradescope" / script, script)
        for name in names:
            zf.write(root / name, name)
        libraries, versions = third_party()
        for path, name in libraries:
            zf.write(path, name)
        zf.writestr("third_party/VERSIONS", versions)
    tmp.replace(out)
    return [*SCRIPTS, *names, *(name for _, name in libraries), "third_party/VERSIONS"]


def main(argv) -> int:
    if len(argv) != 1 or not argv[0].endswith(".zip"):
        sys.exit("usage: ./course autograder gradescope OUT.zip")
    out = pathlib.Path(argv[0]).absolute()
    if out.is_relative_to(ROOT) and not left_out(out.relative_to(ROOT).as_posix()):
        print(f"autograder: note: {out.relative_to(ROOT)} is inside the course (a later bundle would not hold it: "
              f"only what git tracks)")
    names = bundle(out)
    hidden = sum(n.startswith("tests/hidden/") for n in names)
    print(f"autograder: {out} ({out.stat().st_size / 2**20:.1f} MB, {len(names)} files; hidden tests: "
          f"{hidden or 'none (tests/hidden/ is empty or missing)'} )")
    print("Upload it as the autograder of a Gradescope programming assignment (README: Grading and releasing).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
