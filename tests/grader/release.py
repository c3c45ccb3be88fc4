#!/usr/bin/env python3
"""Write the repository that students receive (run as `./course release OUT_DIR`).

It holds every file of the course that git tracks, as it is on disk, except what only instructors see:
solutions/, hidden tests (tests/hidden/), the grader and its weights (tests/grader/, tests/grading.toml).
The website is built in its student edition (the docs build's `docs_student` target, in build/) and copied
to OUT_DIR/website/. Then the copy is checked: no line of a solution's gap appears anywhere in it, the
website's code included. OUT_DIR becomes a git repository with one commit (unless --no-git).
"""
import argparse
import html
import os
import pathlib
import re
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "tools"))
import classroom  # noqa: E402
import course_model  # noqa: E402
import weights  # noqa: E402

sys.path.insert(0, str(HERE))
from outside_gaps import RELEASE_FILE  # noqa: E402

EXCLUDED = ("solutions/", "tests/hidden/", "tests/grader/", "tests/grading.toml")


def tracked_files() -> list:
    """The course's files as git knows them (so no build output), or every file outside build*/ and .git."""
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], check=True, stdout=subprocess.PIPE).stdout
        files = [f for f in out.decode().split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()
                 and not p.relative_to(ROOT).parts[0].startswith(("build", ".git"))]
    return [f for f in files if not f.startswith(EXCLUDED) and (ROOT / f).is_file()]


def build_website() -> pathlib.Path:
    build = ROOT / "build"
    if not (build / "CMakeCache.txt").exists():
        subprocess.run(["cmake", "--preset", "default", "-S", str(ROOT)], check=True, stdout=subprocess.DEVNULL)
    print("release: building the student edition of the website (target docs_student in build/)", flush=True)
    proc = subprocess.run(["cmake", "--build", str(build), "-j", str(os.cpu_count() or 2), "--target",
                           "docs_student"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        sys.exit("release: the website did not build:\n" + "\n".join(proc.stdout.splitlines()[-40:]))
    html_dir = build / "docs" / "student" / "html"
    if not (html_dir / "index.html").exists():
        sys.exit(f"release: no {html_dir}/index.html after building docs_student")
    return html_dir


def solution_lines(released: pathlib.Path) -> dict:
    """Lines that only the solutions hold: every line of every gap, long enough to be telling, that no
    released file (the exercise, a test, a chapter's program) holds already."""
    public = set()
    for path in released.rglob("*"):
        if path.is_file() and path.relative_to(released).parts[0] not in ("website", ".git"):
            try:
                public |= {re.sub(r"\s+", " ", line).strip() for line in path.read_text().splitlines()}
            except (UnicodeDecodeError, OSError):
                pass
    lines = {}
    for chapter in course_model.Course(ROOT).exercise_chapters():
        for function in chapter.functions:
            for line in function.solution.body if function.solution else ():
                code = re.sub(r"\s+", " ", line).strip()
                if len(code) >= 16 and not code.startswith("//") and code not in public:
                    lines.setdefault(code, str(function.solution.path.relative_to(ROOT)))
    return lines


def leaks(out: pathlib.Path) -> list:
    """Solution lines in the website: its code listings and snippets must come from the exercises."""
    secret = solution_lines(out)
    found = []
    for path in (out / "website").rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".js", ".md", ".txt"):
            continue
        text = path.read_text(errors="replace")
        # Doxygen's code listings: tags around each token, entities for < > &.
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        flat = {re.sub(r"\s+", " ", line).strip() for line in text.splitlines()}
        for line, origin in secret.items():
            if line in flat:
                found.append(f"{path.relative_to(out)}: a line of {origin}: {line}")
    return found


def record_version(out: pathlib.Path):
    """OUT_DIR/.course-release names the course's commit: `./course grade` compares a submission that holds it
    (`./course submit` packs it) with the stubs of that commit, for changes outside the gaps. None without git."""
    git = ["git", "-C", str(ROOT)]
    try:
        commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True).stdout.strip()
        changed = subprocess.run([*git, "status", "--porcelain", "--", "exercises/"], check=True,
                                 stdout=subprocess.PIPE, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        print("release: no git: the copy records no version (the grader compares with exercises/ as it is then)")
        return None
    if changed:
        print(f"release: warning: exercises/ has changes not committed; {RELEASE_FILE} names the last commit:\n{changed}")
    (out / RELEASE_FILE).write_text("# The version of the course this copy was made from. `./course grade` compares a\n"
                                    "# submission that holds this file with the stubs of this version.\n"
                                    f"commit {commit}\n")
    return commit


def main() -> int:
    parser = argparse.ArgumentParser(prog="./course release", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=pathlib.Path, metavar="OUT_DIR")
    parser.add_argument("--force", action="store_true", help="replace OUT_DIR if it exists")
    parser.add_argument("--no-git", action="store_true", help="do not make OUT_DIR a git repository")
    parser.add_argument("--no-website", action="store_true", help="leave the website out (quicker, for tests)")
    args = parser.parse_args()
    out = args.out.resolve()
    if out == ROOT or ROOT.is_relative_to(out) or out.is_relative_to(ROOT / "solutions"):
        sys.exit(f"release: {out} is not a place for the students' copy")
    if out.exists() and any(out.iterdir()):
        if not args.force:
            sys.exit(f"release: {out} exists and is not empty (--force replaces it)")
        shutil.rmtree(out)
    files = tracked_files()
    website = None if args.no_website else build_website()
    out.mkdir(parents=True, exist_ok=True)
    for f in files:
        (out / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, out / f)
    version = record_version(out)
    if website:
        shutil.copytree(website, out / "website")
    readme = out / "README.md"
    if (HERE / "README.student.md").is_file():
        # The students' README: their commands, where the website is, how to hand in.
        readme.write_text((HERE / "README.student.md").read_text())
    elif readme.exists():
        # The instructors' part of the README describes tools the students' copy does not have.
        readme.write_text(re.sub(r"^### Grading and releasing\n.*?(?=^#{1,3} |\Z)", "", readme.read_text(),
                                 flags=re.S | re.M))
    # GitHub Classroom: each push runs ./course check chapter by chapter and reports the points.
    workflow = out / ".github" / "workflows" / "classroom.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(classroom.text(course_model.Course(ROOT).exercise_chapters(),
                                       weights.Weights(ROOT / "tests" / "grading.toml")))
    # The exercises as handed out, for `./course reset N` (a student's copy cannot make them from solutions/).
    shutil.copytree(out / "exercises", out / ".course" / "handed-out")
    found = leaks(out)
    if found:
        print("\n".join(found[:20]))
        shutil.rmtree(out)
        sys.exit(f"release: {len(found)} solution lines would be in the students' copy: nothing written")
    if not args.no_git and shutil.which("git"):
        git = ["git", "-C", str(out), "-c", "user.name=course", "-c", "user.email=course@localhost"]
        subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "The course, students' copy"], check=True)
    print(f"release: {len(files)} files in {out}" + (f", the website in {out / 'website'}/index.html" if website else "")
          + (f"; its version {version[:12]} in {RELEASE_FILE}" if version else ""))
    print("release: left out: " + ", ".join(EXCLUDED) + "; no solution line found in the copy")
    print(f"release: a student starts with: cd {out} && ./course watch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
