#!/usr/bin/env python3
"""Pack a student's work for upload (run as `./course submit`): one zip of exactly the files of exercises/,
the chapters' folders, and the course's .course-release (the version of the stubs they started from), nothing
else (no build output, no backups, no links).

    ./course submit                 writes submission.zip in the course's folder
    ./course submit -o FILE.zip     writes FILE.zip

The instructor's grader reads this archive as it is: `./course grade submission.zip`.
"""
import argparse
import pathlib
import stat
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import course_model  # noqa: E402


def exercise_files(exercises: pathlib.Path) -> list:
    """Every file of every chapter folder under exercises/, as (path inside the archive, path on disk);
    a link or a special file stops the packing with its name (the grader would refuse it)."""
    files = []
    for chapter in sorted(exercises.glob(course_model.CHAPTER_GLOB)):
        for path in sorted(chapter.rglob("*")):
            mode = path.lstat().st_mode
            if stat.S_ISDIR(mode):
                continue
            name = path.relative_to(exercises).as_posix()
            if not stat.S_ISREG(mode):
                sys.exit(f"submit: exercises/{name} is {'a symbolic link' if stat.S_ISLNK(mode) else 'not a file'}: "
                         f"replace it by an ordinary file and try again")
            files.append((name, path))
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="./course submit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=pathlib.Path, default=ROOT / "submission.zip", metavar="FILE")
    parser.add_argument("--exercises", type=pathlib.Path, default=ROOT / "exercises", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    files = exercise_files(args.exercises)
    if not files:
        sys.exit(f"submit: no chapter folders (NN-name/) in {args.exercises}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(args.output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files:
            archive.write(path, name)
        # The release the stubs came from (./course release writes it): the grader compares with those stubs.
        release = args.exercises.parent / ".course-release"
        if release.is_file() and not release.is_symlink():
            archive.write(release, release.name)
    chapters = sorted({name.split("/", 1)[0] for name, _ in files})
    print(f"submit: {args.output} holds your {len(files)} files of exercises/ ({len(chapters)} chapters: "
          f"{chapters[0]} … {chapters[-1]}); upload this file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
