"""The gradebook: every grading run kept (SQLite, from Python's standard library), never overwritten.

    runs      one row per `./course grade` run: when, the chapters, the sandbox, the hidden tests' folder and
              the seed they drew their inputs from (`./course grade --seed N` draws the same again)
    grades    one row per student and chapter of a run: points, max_points, tests passed, the reason,
              and the hash of the submission's files (the same files give the same hash)

`latest()` is the newest grade of each student; `./course grade --batch DIR` exports it to DIR/gradebook.csv.
"""
import csv
import datetime
import fnmatch
import hashlib
import os
import pathlib
import sqlite3
import stat
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
import course_model  # noqa: E402

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,           -- UTC, ISO 8601
    chapters TEXT NOT NULL,       -- the chapters graded, comma-separated
    sandbox TEXT NOT NULL,
    hidden_tests TEXT,            -- the hidden tests' folder, or NULL
    seed INTEGER                  -- COURSE_SEED, the seed of the hidden tests' random inputs
);
CREATE TABLE IF NOT EXISTS grades (
    run INTEGER NOT NULL REFERENCES runs(id),
    student TEXT NOT NULL,
    submission_hash TEXT NOT NULL,
    chapter TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    passed INTEGER NOT NULL,
    tests INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (run, student, chapter)
);
"""


def submission_hash(folder: pathlib.Path) -> str:
    """SHA-256 of a submission's files (its chapter folders NN-name/, or those of its exercises/): each file's
    path and bytes, in order; links are not followed (their target's name is hashed instead)."""
    folder = pathlib.Path(folder)
    if not any(folder.glob(course_model.CHAPTER_GLOB)) and (folder / "exercises").is_dir():
        folder = folder / "exercises"
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        if pathlib.Path(root) == folder:
            dirs[:] = [d for d in dirs if fnmatch.fnmatch(d, course_model.CHAPTER_GLOB)]
            files = []
        dirs.sort()
        for name in sorted(files):
            path = pathlib.Path(root) / name
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            mode = path.lstat().st_mode
            if stat.S_ISREG(mode):
                digest.update(path.read_bytes())
            elif stat.S_ISLNK(mode):
                digest.update(b"link:" + os.readlink(path).encode())
            digest.update(b"\0")
    return digest.hexdigest()


def file_hash(path: pathlib.Path) -> str:
    """SHA-256 of one file's bytes (an archive that was refused)."""
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


class Gradebook:
    def __init__(self, path: pathlib.Path):
        self.path = pathlib.Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(SCHEMA)
        # A gradebook from before the seed was recorded: the column is added (NULL for its old runs).
        if "seed" not in [row[1] for row in self.db.execute("PRAGMA table_info(runs)")]:
            self.db.execute("ALTER TABLE runs ADD COLUMN seed INTEGER")

    def record(self, results: list, hashes: dict, chapters: list, sandbox: str, hidden_tests=None, seed=None) -> int:
        """Add one run with every student's grades; returns the run's id."""
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        with self.db:
            run = self.db.execute("INSERT INTO runs (time, chapters, sandbox, hidden_tests, seed) VALUES (?, ?, ?, ?, ?)",
                                  (now, ",".join(chapters), sandbox, hidden_tests, seed)).lastrowid
            self.db.executemany(
                "INSERT INTO grades VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(run, sub["student"], hashes[sub["student"]], ch["chapter"], ch["points"], ch["max_points"],
                  ch["passed"], ch["tests"], ch["reason"]) for sub in results for ch in sub["chapters"]])
        return run

    def runs(self, student: str) -> list:
        """(run, time, total, submission_hash, seed) of every run that graded the student, oldest first."""
        return self.db.execute(
            "SELECT run, time, SUM(points), submission_hash, seed FROM grades JOIN runs ON runs.id = grades.run "
            "WHERE student = ? GROUP BY run ORDER BY run", (student,)).fetchall()

    def latest(self) -> dict:
        """{student: {chapter: points}} from each student's newest run."""
        rows = self.db.execute(
            "SELECT student, chapter, points FROM grades g WHERE run = "
            "(SELECT MAX(run) FROM grades WHERE student = g.student) ORDER BY student, chapter").fetchall()
        book = {}
        for student, chapter, points in rows:
            book.setdefault(student, {})[chapter] = points
        return book

    def export_csv(self, path: pathlib.Path, chapters: list):
        """The newest grade of every student the gradebook holds: student, points per chapter, total."""
        with open(path, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["student", *chapters, "total"])
            for student, points in self.latest().items():
                writer.writerow([student, *(f"{points[c]:.2f}" if c in points else "" for c in chapters),
                                 f"{sum(points.values()):.2f}"])

    def close(self):
        self.db.close()
