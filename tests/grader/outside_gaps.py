"""Changes a submission made outside the gaps: each submitted file is compared with the stub the student was
handed, token by token (cpp_tokens.py: formatting and comments do not count), and every line it changed
outside the gaps is reported, so that a deleted input check or an edited #include is seen, not silently
graded. (Like nbgrader's checksummed read-only cells; a report for the instructor, not a penalty.)

The stubs carry no markers: a gap is where a stub's `// TODO` and `throw not_implemented(...)` stand (the
chapter model finds them). The stubs are those of the release the student was handed: a students' copy made
by `./course release` holds `.course-release`, naming the course's commit; a submission that is such a copy
is compared with exercises/ at that commit, any other with exercises/ as it is now.

    stubs = Stubs(ROOT)
    changes, what = stubs.compare("01-sigmoid", {"sigmoid.cpp": b"..."}, version=None)
    # [{"file": "sigmoid.cpp", "line": 3, "change": "added", "text": "#include <cmath>"}, ...], "exercises/"
"""
import difflib
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import course_model  # noqa: E402
import cpp_tokens  # noqa: E402

RELEASE_FILE = ".course-release"  # in a students' copy: `commit <hash>`
SUFFIXES = (".cpp", ".hpp", ".h")


class _Gap:
    """Where a stub's gap stood, in the token stream: matches nothing but is where the student writes."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<gap {self.name}>"


def _with_gaps(stub: str, path: str) -> list:
    """The stub's tokens, each gap's tokens (its throw) replaced by one _Gap; and each token's line."""
    gap_lines = {}
    for function in course_model.functions_in(pathlib.Path(path), stub):
        for index in function.gap:
            gap_lines[index + 1] = function.name
    out, lines, last = [], [], None
    for token in cpp_tokens.tokens(stub):
        name = gap_lines.get(token.line)
        if name is None:
            out.append(token.text)
            lines.append(token.line)
        elif name != last or not isinstance(out[-1], _Gap):
            out.append(_Gap(name))
            lines.append(token.line)
        last = name
    return out, lines


def _matches(pattern: list, tokens: list) -> bool:
    """Whether the tokens are the pattern with any tokens in place of each gap (a glob match: leftmost is enough)."""
    segments, current = [], []
    for item in pattern:
        if isinstance(item, _Gap):
            segments.append(current)
            current = []
        else:
            current.append(item)
    segments.append(current)
    if len(segments) == 1:
        return segments[0] == tokens
    first, last = segments[0], segments[-1]
    if tokens[:len(first)] != first or len(tokens) < len(first) + len(last) or \
            (last and tokens[len(tokens) - len(last):] != last):
        return False
    pos, end = len(first), len(tokens) - len(last)
    for segment in segments[1:-1]:
        n = len(segment)
        while pos + n <= end and tokens[pos:pos + n] != segment:
            pos += 1
        if pos + n > end:
            return False
        pos += n
    return True


# A run of at least this many equal tokens anchors the comparison; shorter ones (a `( c ) ;` of the
# student's code that happens to equal one of the stub's) are left to the alignment with gaps.
ANCHOR = 6
MOST_CELLS = 4_000_000  # a region larger than this is reported whole instead of aligned token by token


def _align(stub: list, theirs: list):
    """The cheapest alignment of a stretch of the stub (with gaps, which take any tokens of theirs for free)
    with a stretch of the submission: (indexes of stub tokens removed, indexes of their tokens added)."""
    n, m = len(stub), len(theirs)
    if n * m > MOST_CELLS:
        gap = any(isinstance(t, _Gap) for t in stub)
        return {i for i in range(n) if not isinstance(stub[i], _Gap)}, set() if gap else set(range(m))
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        row, up, item = cost[i], cost[i - 1], stub[i - 1]
        if isinstance(item, _Gap):
            row[0] = up[0]
            for j in range(1, m + 1):
                row[j] = min(up[j], row[j - 1])
        else:
            row[0] = up[0] + 1
            for j in range(1, m + 1):
                best = min(up[j], row[j - 1]) + 1
                if item == theirs[j - 1] and up[j - 1] < best:
                    best = up[j - 1]
                row[j] = best
    removed, added = set(), set()
    i, j = n, m
    while i > 0 or j > 0:
        item = stub[i - 1] if i > 0 else None
        if i > 0 and isinstance(item, _Gap):
            if j > 0 and cost[i][j] == cost[i][j - 1]:
                j -= 1  # theirs, in the gap
            else:
                i -= 1
        elif i > 0 and j > 0 and item == theirs[j - 1] and cost[i][j] == cost[i - 1][j - 1]:
            i, j = i - 1, j - 1
        elif i > 0 and cost[i][j] == cost[i - 1][j] + 1:
            removed.add(i - 1)
            i -= 1
        else:
            added.add(j - 1)
            j -= 1
    return removed, added


def file_changes(name: str, stub: str, submitted: str) -> list:
    """The lines of one file changed outside the gaps: added (or changed) lines of the submission, and lines
    of the stub that are gone (their line number is the stub's)."""
    pattern, stub_lines = _with_gaps(stub, name)
    theirs = cpp_tokens.tokens(submitted)
    words = [t.text for t in theirs]
    if _matches(pattern, words):
        return []
    added, removed = set(), set()
    blocks = [b for b in difflib.SequenceMatcher(None, pattern, words, autojunk=False).get_matching_blocks()
              if b.size >= ANCHOR or b.size == 0]
    i = j = 0
    for block in blocks:
        if block.a > i or block.b > j:
            gone, new = _align(pattern[i:block.a], words[j:block.b])
            removed |= {stub_lines[i + k] for k in gone}
            added |= {theirs[j + k].line for k in new}
        i, j = block.a + block.size, block.b + block.size
    stub_text, their_text = stub.splitlines(), submitted.splitlines()
    out = [{"file": name, "line": n, "change": "added", "text": their_text[n - 1].strip()} for n in sorted(added)]
    out += [{"file": name, "line": n, "change": "removed", "text": stub_text[n - 1].strip()} for n in sorted(removed)]
    return sorted(out, key=lambda c: (c["line"], c["change"]))


class Stubs:
    """The stubs students were handed: exercises/ as it is, or at the commit a release names."""

    def __init__(self, root: pathlib.Path):
        self.root = pathlib.Path(root)
        self._at = {}

    def files(self, chapter: str, version: str = None) -> tuple:
        """({name: text} of the chapter's stubs, and what they are: "exercises/" or "exercises/ at <commit>")."""
        if version:
            if version not in self._at:
                self._at[version] = self._git_files(version)
            files = self._at[version]
            if files is not None:
                found = {pathlib.PurePosixPath(p).name: text for p, text in files.items()
                         if pathlib.PurePosixPath(p).parent.name == chapter}
                return found, f"exercises/ at {version[:12]}"
        folder = self.root / "exercises" / chapter
        found = {p.name: p.read_text() for p in sorted(folder.iterdir()) if p.suffix in SUFFIXES} \
            if folder.is_dir() else {}
        return found, "exercises/" + (f" (the release {version[:12]} is not in this repository)" if version else "")

    def _git_files(self, version: str):
        """Every stub at a commit, {exercises/NN-name/file: text}; None if git does not know the commit."""
        if not re.fullmatch(r"[0-9a-f]{7,40}", version):
            return None
        git = ["git", "-C", str(self.root)]
        listing = subprocess.run([*git, "ls-tree", "-r", "--name-only", version, "--", "exercises/"],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if listing.returncode != 0:
            return None
        out = {}
        for path in listing.stdout.split("\n"):
            if path.endswith(SUFFIXES):
                show = subprocess.run([*git, "show", f"{version}:{path}"], stdout=subprocess.PIPE, check=True)
                out[path] = show.stdout.decode(errors="replace")
        return out

    def compare(self, chapter: str, files: dict, version: str = None) -> tuple:
        """Every line changed outside the gaps in a chapter's submitted files ({name: bytes}), and what they
        were compared with."""
        stubs, reference = self.files(chapter, version)
        out = []
        for name in sorted(set(stubs) | set(files)):
            if name not in files:
                out.append({"file": name, "line": 0, "change": "missing", "text": "the stub's file is not submitted"})
            elif name not in stubs:
                out.append({"file": name, "line": 0, "change": "added file", "text": "a file the stubs do not have"})
            else:
                out += file_changes(name, stubs[name], files[name].decode(errors="replace"))
        return out, reference


def describe(change: dict) -> str:
    """One change as the reports show it: `file:line: + text`, `file: - text  (line N of the stub)`."""
    if change.get("change") == "added":
        return f"{change['file']}:{change['line']}: + {change['text']}"
    if change.get("change") == "removed":
        return f"{change['file']}: - {change['text']}  (line {change['line']} of the stub)"
    return f"{change.get('file', '?')}: {change.get('text', '')}"


def release_version(text: str):
    """The commit a `.course-release` file names, or None."""
    m = re.search(r"^commit ([0-9a-f]{7,40})\s*$", text, re.M)
    return m[1] if m else None
