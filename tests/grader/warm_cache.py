#!/usr/bin/env python3
"""Warm the grader's cache once, before the grader's tests that grade with it (CTest grader.cache, their
fixture): the course brought up to date and, for every chapter, what `./course grade` makes the first time
and keeps (the precompiled header of a student's file, the hidden tests compiled, the chapter's tests and its
judge linked with them) and the run of its tests against the solutions. The tests after it then only grade,
and the Gradescope test's copy of the cache holds all of it.

    warm_cache.py --cache BUILD [--hidden-tests DIR ...] [--prune]
"""
import argparse
import fcntl
import pathlib
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import cache as cache_mod  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cache", type=pathlib.Path, required=True, help="the grader's cache (the build folder)")
    p.add_argument("--hidden-tests", type=pathlib.Path, action="append", metavar="DIR",
                   help="hidden tests to compile and link, DIR/NN-name/*.cpp (again for more folders; default: "
                        "tests/hidden/ and the grader's example, tests/grader/fixtures/hidden/)")
    p.add_argument("--prune", action="store_true", help="then remove what the cache keeps that the warm-up did "
                                                        "not use (made before a source, a header or an option changed)")
    args = p.parse_args()
    started = time.monotonic()
    cache = cache_mod.Cache(ROOT, args.cache, jobs=2)
    folders = [f.resolve() for f in args.hidden_tests or [ROOT / "tests" / "hidden", HERE / "fixtures" / "hidden"]
               if f.is_dir()]
    cache.dir.mkdir(parents=True, exist_ok=True)
    with open(cache.dir / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # grade.py's lock: one build of the cache at a time
        try:
            cache.build()
            names = [c.name for c in cache.course.exercise_chapters()
                     if (cache.dir / "tests" / f"test{c.name[:2]}_solutions").exists()]
            problems = []
            for i, hidden in enumerate(folders or [None]):
                # (Every chapter once: its precompiled header and its run against the solutions.)
                for name in names:
                    if i == 0 or (hidden / name).is_dir():
                        chapter = cache.chapter(name, hidden, seed=1)
                        problems += [f"{name}: {problem}" for problem in chapter.reference_problems]
            pruned = cache.prune() if args.prune else 0
        except cache_mod.CacheError as e:
            sys.exit(f"warm_cache: {e}")
    for problem in problems:
        print(f"warm_cache: against the solutions, {problem}")
    print(f"warm_cache: the grader's cache {cache.dir} is warm for chapters {', '.join(names)} (hidden tests: "
          f"{', '.join(map(str, folders)) or 'none'}) in {time.monotonic() - started:.1f} s"
          + (f"; {pruned} older files or folders removed" if args.prune else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
