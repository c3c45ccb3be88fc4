#!/usr/bin/env python3
"""Grade students' submissions chapter by chapter (instructors; run as `./course grade`).

A submission is a folder that mirrors exercises/ (01-sigmoid/sigmoid.cpp, ...), or a copy of the whole
course with such an exercises/ folder, or an archive of either (.zip as `./course submit` writes it, .tar.gz).
Chapter NN is built from the student's NN-name/ files with the solutions of every other chapter into a worker
that runs in a sandbox with limits on CPU time, memory and wall time; the chapter's tests run in the judge,
which calls the worker and runs no student code. A chapter that does not compile, crashes or loops loses its
own points only.

    ./course grade SUBMISSION_DIR [--hidden-tests DIR | --no-hidden] [--seed N] [--json F] [--junit F] [--gradescope F]
    ./course grade --batch DIR [--csv F] ...      every folder (or archive) in DIR is one student's submission
    ./course grade ... --feedback DIR             a Markdown file and an HTML page per student
    ./course grade ... --chapters 1-4             only these chapters (they share the 100 points)

Hidden tests (tests/hidden/ by default) run in the judge too, after the chapter's own, against a fresh worker
in a fresh scratch folder; they draw their inputs from a seed picked per run (--seed N draws the same again).
Points: tests/grading.toml (each chapter's share of 100, each test case's weight). Every run is kept in the
gradebook (SQLite: DIR/gradebook.sqlite with --batch), with its seed; --csv exports each student's newest grades.
"""
import argparse
import concurrent.futures
import fcntl
import hashlib
import os
import pathlib
import re
import secrets
import shutil
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import archive as archive_mod  # noqa: E402
import cache as cache_mod  # noqa: E402
import feedback as feedback_mod  # noqa: E402
import gradebook as gradebook_mod  # noqa: E402
import course_model  # noqa: E402
import grading  # noqa: E402
import reports  # noqa: E402
import sandbox as sandbox_mod  # noqa: E402
import weights as weights_mod  # noqa: E402


# The time limit of one call of a student's function when --time-limit gives none: TIME_FACTOR × the slowest case
# of the chapters' tests against the solutions, as the cache runs them on this machine (a slow machine is slow for
# the solutions too), and never less than TIME_FLOOR (a student's correct code may be slower than the solution, and
# it runs through the judge and the sandbox). An endless loop then costs seconds, not a minute of a core.
TIME_FACTOR = 50
TIME_FLOOR = 10.0


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:40] + "-" + hashlib.sha1(name.encode()).hexdigest()[:6]


def parse_args(argv):
    p = argparse.ArgumentParser(prog="./course grade", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("submission", nargs="?", type=pathlib.Path, help="a student's submission folder or archive")
    p.add_argument("--batch", type=pathlib.Path, metavar="DIR", help="grade every folder and archive in DIR")
    p.add_argument("--hidden-tests", type=pathlib.Path, metavar="DIR", default=ROOT / "tests" / "hidden",
                   help="extra test files, DIR/NN-name/*.cpp, graded like the chapter's own (never released; "
                        "default: tests/hidden/ when it exists)")
    p.add_argument("--no-hidden", action="store_true", help="the chapters' own tests only, without hidden tests")
    p.add_argument("--seed", type=int, metavar="N", help="the seed the hidden tests draw their inputs from (default: a "
                   "new one, recorded in the gradebook and the JSON: --seed N grades again with the same inputs)")
    p.add_argument("--json", type=pathlib.Path, metavar="FILE", help="every result, case by case")
    p.add_argument("--junit", type=pathlib.Path, metavar="FILE", help="JUnit XML for CI systems")
    p.add_argument("--gradescope", type=pathlib.Path, metavar="FILE",
                   help="Gradescope's results.json (with --batch: one per student, keyed by folder name)")
    p.add_argument("--csv", type=pathlib.Path, metavar="FILE",
                   help="each student's newest grades from the gradebook (with --batch: default DIR/gradebook.csv)")
    p.add_argument("--gradebook", type=pathlib.Path, metavar="FILE",
                   help="the SQLite gradebook that keeps every run (default: DIR/gradebook.sqlite with --batch, "
                        "else gradebook.sqlite in the cache)")
    p.add_argument("--feedback", type=pathlib.Path, metavar="DIR",
                   help="write DIR/<student>.md and .html: the table, the failures (a hidden test only by name), "
                        "the compiler's errors, the flagged changes")
    p.add_argument("--chapters", metavar="LIST", help="grade these chapters only, e.g. 1-4 or 2,5 (the 100 points "
                                                    "are shared among them)")
    p.add_argument("--weights", type=pathlib.Path, default=ROOT / "tests" / "grading.toml", metavar="FILE")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="chapters graded at once")
    p.add_argument("--time-limit", type=float, metavar="S",
                   help=f"wall time of one call of a student's function (default: {TIME_FACTOR} × the slowest test "
                        f"case against the solutions on this machine, at least {TIME_FLOOR:g} s); the worker's CPU "
                        f"time gets 5 s more")
    p.add_argument("--memory", type=int, default=2048, metavar="MB", help="memory (address space) of one run (default 2048 MB)")
    p.add_argument("--disk", type=int, default=256, metavar="MB",
                   help="the quota of a run's scratch folder, and of its /tmp (default 256 MB each)")
    p.add_argument("--cache", type=pathlib.Path, default=ROOT / "build-grader", metavar="DIR",
                   help="where the course is built once for grading (default build-grader/)")
    p.add_argument("--sandbox", default="auto", choices=["auto", "bwrap-nobody", "bwrap", "uid", "limits"])
    p.add_argument("--untrusted", action="store_true",
                   help="grade even without bubblewrap or a user id of its own (the 'limits' sandbox), where the student's code could "
                        "reach the judge and its report: every result is then marked untrusted")
    p.add_argument("--keep", action="store_true", help="keep the scratch folders (in the cache's work/)")
    p.add_argument("--quiet", action="store_true", help="the table only, not the first failure of each chapter")
    args = p.parse_args(argv)
    if bool(args.submission) == bool(args.batch):
        p.error("give one SUBMISSION_DIR, or --batch DIR")
    if args.time_limit is not None and not args.time_limit > 0:
        p.error(f"--time-limit {args.time_limit:g}: give a number of seconds above 0")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    color = sys.stdout.isatty() and os.environ.get("NO_COLOR") is None
    say = lambda text: print(text, flush=True)  # noqa: E731
    if args.batch:
        if not args.batch.is_dir():
            sys.exit(f"grade: {args.batch} is not a folder")
        folders = sorted(p for p in args.batch.iterdir() if not p.name.startswith(".") and
                         (p.is_dir() or archive_mod.is_archive(p)))
        if not folders:
            sys.exit(f"grade: no submission folders or archives in {args.batch}")
    else:
        if not (args.submission.is_dir() or archive_mod.is_archive(args.submission)):
            sys.exit(f"grade: {args.submission} is not a folder, nor an archive ({', '.join(archive_mod.SUFFIXES)})")
        folders = [args.submission]
    default_hidden = args.hidden_tests == ROOT / "tests" / "hidden"
    hidden = None if args.no_hidden or (default_hidden and not args.hidden_tests.is_dir()) else args.hidden_tests.resolve()
    if hidden and not hidden.is_dir():
        sys.exit(f"grade: the hidden tests folder {hidden} does not exist")
    if args.seed is not None and not 0 <= args.seed < 1 << 63:
        sys.exit(f"grade: --seed {args.seed}: give a whole number from 0 to 2^63 - 1")
    # The hidden tests' inputs come from this seed, recorded with the grades (none without hidden tests).
    seed = (args.seed if args.seed is not None else secrets.randbelow(1 << 31)) if hidden else None

    # Every chapter with an exercise (an appendix has nothing to grade).
    gradable = course_model.Course(ROOT).exercise_chapters()
    names = [c.name for c in gradable]
    if args.chapters:
        wanted = set()
        for part in args.chapters.split(","):
            low, _, high = part.partition("-")
            try:
                wanted |= set(range(int(low), int(high or low) + 1))
            except ValueError:
                sys.exit(f"grade: --chapters {args.chapters}: give numbers like 1-4,6")
        names = [c.name for c in gradable if c.number in wanted]
        if not names:
            sys.exit(f"grade: --chapters {args.chapters}: no such chapter")
    cache = cache_mod.Cache(ROOT, args.cache, args.jobs, log=say)
    cache.dir.mkdir(parents=True, exist_ok=True)
    with open(cache.dir / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build of the cache at a time
        try:
            cache.build(names)
            chapters = [cache.chapter(name, hidden, seed) for name in names
                        if (cache.dir / "tests" / f"test{name[:2]}_solutions").exists()]
        except cache_mod.CacheError as e:
            sys.exit(f"grade: {e}")
        fcntl.flock(lock, fcntl.LOCK_UN)
    ready = time.monotonic()  # the cache brought up to date (a first run builds the course): not a submission's time
    weights = weights_mod.Weights(args.weights)
    warnings = [f"against the solutions, {ch.name}: {problem}" for ch in chapters for problem in ch.reference_problems]
    warnings += [f"{args.weights.name}: {entry}" for entry in weights.unknown({ch.name: ch.cases for ch in chapters},
                                                                         [c.name for c in gradable])]
    for warning in warnings:
        say(f"grade: warning: {warning}")
    if args.time_limit is not None:
        time_limit, time_limit_from = args.time_limit, "--time-limit"
    else:
        slowest = max((ch.reference_seconds for ch in chapters), default=0.0)
        time_limit = max(TIME_FLOOR, round(TIME_FACTOR * slowest, 1))
        time_limit_from = f"at least {TIME_FLOOR:g} s, {TIME_FACTOR} × the slowest case against the solutions " \
                          f"here ({slowest:.3f} s)"
    total_weight = sum(weights.chapter(ch.name) for ch in chapters if ch.cases) or 1
    max_points = {ch.name: 100 * weights.chapter(ch.name) / total_weight if ch.cases else 0 for ch in chapters}

    # Never shown to a run, even inside a folder it is shown (a link sees the cache, less its students' files).
    hide = [ROOT / "solutions", ROOT / ".git", *ROOT.glob("build*"), *(cache.dir / d for d in cache_mod.PRIVATE),
            *([hidden] if hidden else []), *([args.batch] if args.batch else folders)]
    limits = sandbox_mod.Limits(cpu_seconds=int(time_limit) + 5, memory_mb=args.memory, disk_mb=args.disk)
    try:
        box = sandbox_mod.Sandbox(ROOT, hide=hide, limits=limits, mode=args.sandbox, slots=max(1, args.jobs))
    except sandbox_mod.SandboxError as e:
        sys.exit(f"grade: {e}")
    untrusted = box.mode == "limits"
    if untrusted and not args.untrusted:
        sys.exit("grade: no sandbox on this machine (bubblewrap did not work): a student's code could reach the "
                 "judge and change its own grade. Install bubblewrap (Debian: bubblewrap), or grade with "
                 "--untrusted to have every result marked untrusted")
    grader = grading.ChapterGrader(cache, box, weights, time_limit, seed=seed)
    untested = [n for n in names if n not in {ch.name for ch in chapters}]
    if untested:
        say(f"grade: not graded (no tests/NN-name/*.cpp yet): {', '.join(untested)}")
    say(f"grade: {len(folders)} submission(s), chapters {', '.join(ch.name for ch in chapters)}; "
        f"sandbox: {box.description}")
    say(f"grade: hidden tests: {hidden} (seed {seed}: --seed {seed} draws the same inputs again)" if hidden
        else "grade: no hidden tests")
    say(f"grade: time limit: {time_limit:g} s a call of a student's function ({time_limit_from})")

    scratch = {f: cache.dir / "work" / f"{slug(f.name)}-{os.getpid()}" for f in folders}
    # An archive is unpacked first (into the scratch folder's neighbour); one that breaks a rule is refused whole.
    where, refused = {}, {}
    for f in folders:
        if not archive_mod.is_archive(f):
            where[f] = f.absolute()  # read without following links (submission_files.py)
            continue
        unpacked = scratch[f].with_name(scratch[f].name + "-unpacked")
        shutil.rmtree(unpacked, ignore_errors=True)
        try:
            where[f] = archive_mod.unpack(f, unpacked)
        except (archive_mod.ArchiveError, OSError) as e:
            refused[f] = f"archive refused: {e}"
            say(f"grade: {f.name}: {refused[f]}")
    hashes = {f: gradebook_mod.submission_hash(where[f]) if f in where else gradebook_mod.file_hash(f) for f in folders}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {(f, ch.name): pool.submit(grader.grade, ch, where[f], scratch[f])
                   for f in folders if f not in refused for ch in chapters}
        outcome = {(f, ch.name): grading.refused(ch, reason) for f, reason in refused.items() for ch in chapters}
        left = {f: len(chapters) for f in folders if f not in refused}
        for future in concurrent.futures.as_completed(futures.values()):
            key = next(k for k, v in futures.items() if v is future)
            outcome[key] = future.result()
            left[key[0]] -= 1
            if args.batch and left[key[0]] == 0:
                done = sum(n == 0 for n in left.values())
                say(f"grade: {key[0].name} graded ({done} of {len(folders)}, {time.monotonic() - started:.0f} s)")
    if not args.keep:
        for folder in scratch.values():
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(folder.with_name(folder.name + "-unpacked"), ignore_errors=True)

    results = []
    for f in folders:
        chapter_results = []
        for ch in chapters:
            r = outcome[(f, ch.name)]
            r.max_points = max_points[ch.name]
            total = sum(c.weight for c in r.cases)
            r.points = r.max_points * sum(c.weight for c in r.cases if c.ok) / total if total else 0.0
            chapter_results.append({
                "chapter": r.name, "title": r.title, "tests": len(r.cases), "passed": r.passed,
                "points": round(r.points, 4), "max_points": round(r.max_points, 4), "reason": r.reason,
                "log": r.log, "cases": [{"name": c.name, "status": c.status, "message": c.message,
                                         "weight": c.weight, "hidden": c.hidden,
                                         **({"inputs": c.inputs} if c.inputs else {})} for c in r.cases],
                "changes_outside_gaps": r.changes_outside_gaps, "stubs": r.stubs})
        results.append({"student": archive_mod.student_name(f) if archive_mod.is_archive(f) else f.name,
                        "path": str(f.resolve()), "chapters": chapter_results, "untrusted": untrusted,
                        # the sum of the unrounded points: six chapters of 16.6667 would add up to 100.0002
                        "total": round(sum(outcome[(f, ch.name)].points for ch in chapters), 4),
                        "seconds": reports.seconds([outcome[(f, ch.name)] for ch in chapters])})

    elapsed = time.monotonic() - started
    for sub in results:
        say(reports.table(sub, color))
        if not args.quiet and not args.batch:
            text = reports.details(sub)
            if text:
                say(text)
    meta = {"chapters": [ch.name for ch in chapters], "sandbox": box.mode, "untrusted": untrusted,
            "time_limit": time_limit, "time_limit_from": time_limit_from,
            "hidden_tests": str(hidden) if hidden else None, "seed": seed, "warnings": warnings, "seconds": round(elapsed, 2)}
    if args.json:
        reports.write_json(args.json, results, meta)
    if args.junit:
        reports.write_junit(args.junit, results)
    if args.gradescope:
        reports.write_gradescope(args.gradescope, results)
    book_path = args.gradebook or (args.batch / "gradebook.sqlite" if args.batch else cache.dir / "gradebook.sqlite")
    book = gradebook_mod.Gradebook(book_path)
    book.record(results, {sub["student"]: hashes[f] for sub, f in zip(results, folders)},
                [ch.name for ch in chapters], box.mode, str(hidden) if hidden else None, seed)
    say(f"grade: gradebook (every run kept): {book_path}")
    if args.batch or args.csv:
        csv_path = args.csv or args.batch / "gradebook.csv"
        book.export_csv(csv_path, [c.name for c in gradable])
        say(f"grade: newest grade of every student: {csv_path}")
    book.close()
    if args.feedback:
        feedback_mod.write(args.feedback, results, ROOT)
        say(f"grade: feedback for {len(results)} student(s): {args.feedback}/")
    if args.batch:
        say(reports.times(results, time.monotonic() - ready, args.jobs, ready - started))
    say(f"grade: graded {len(results)} submission(s) in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
