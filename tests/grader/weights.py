"""The weights manifest (tests/grading.toml): a chapter's share of the 100 points and each case's weight."""
import fnmatch
import pathlib
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10 (Ubuntu 22.04, Gradescope's base): python3-tomli
    import tomli as tomllib


class Weights:
    def __init__(self, path: pathlib.Path):
        self.path = pathlib.Path(path)
        data = tomllib.loads(self.path.read_text()) if self.path.exists() else {}
        default = data.get("default", {})
        self.default_chapter = float(default.get("chapter", 1))
        self.default_case = float(default.get("case", 1))
        self.chapters = {k: float(v) for k, v in data.get("chapters", {}).items()}
        self.cases = {ch: {k: float(v) for k, v in table.items()} for ch, table in data.get("cases", {}).items()}

    def chapter(self, name: str) -> float:
        return self.chapters.get(name, self.default_chapter)

    def case(self, chapter: str, case: str) -> float:
        table = self.cases.get(chapter, {})
        if case in table:
            return table[case]
        for pattern, weight in table.items():
            if any(c in pattern for c in "*?[") and fnmatch.fnmatchcase(case, pattern):
                return weight
        return self.default_case

    def unknown(self, known: dict, others=()) -> list:
        """Entries that name no chapter or case (known: chapter -> its case names; others: chapters of the
        course not graded this time): typos, or hidden tests that were not given this time."""
        out = [f"[chapters] {name}: no such chapter" for name in self.chapters if name not in known and name not in others]
        for chapter, table in self.cases.items():
            if chapter in others and chapter not in known:
                continue
            if chapter not in known:
                out.append(f'[cases."{chapter}"]: no such chapter')
                continue
            for key in table:
                if not any(fnmatch.fnmatchcase(c, key) for c in known[chapter]):
                    out.append(f'[cases."{chapter}"] "{key}": no such test case')
        return out
