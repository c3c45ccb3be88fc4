"""What the grader writes: the terminal table, JSON, JUnit XML, Gradescope's results.json (history: gradebook.py)."""
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from outside_gaps import describe  # noqa: E402

FLAG = "⚑"  # in the table: the chapter's files changed outside the gaps


def _round(x: float) -> float:
    return round(x + 0.0, 6)


def flagged(ch) -> str:
    """A chapter's changes outside the gaps, in a line: how many, compared with what."""
    n = len(ch.get("changes_outside_gaps") or ())
    return f"{FLAG} {n} line{'s' if n != 1 else ''} changed outside the gaps (compared with {ch.get('stubs')})"


def table(sub, color=False) -> str:
    """One line per chapter: chapter, tests passed, points, the reason for any lost points."""
    def paint(text, code):
        return f"\033[{code}m{text}\033[0m" if color else text

    rows = [("chapter", "tests passed", "points", "reason")]
    for ch in sub["chapters"]:
        rows.append((ch["chapter"] + (" " + FLAG if ch.get("changes_outside_gaps") else ""),
                     f"{ch['passed']}/{ch['tests']}", f"{ch['points']:.1f}/{ch['max_points']:.1f}",
                     ch["reason"] or "all tests pass"))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    untrusted = " (untrusted: graded without a sandbox)" if sub.get("untrusted") else ""
    lines = [paint(f"{sub['student']}: {sub['total']:.1f} / 100{untrusted}", "1")]
    for i, r in enumerate(rows):
        text = "  ".join(r[k].ljust(widths[k]) for k in range(3)) + "  " + r[3]
        if i == 0:
            text = paint(text, "1")
        elif sub["chapters"][i - 1]["reason"]:
            text = paint(text, "31" if sub["chapters"][i - 1]["points"] == 0 else "33")
        lines.append("  " + text)
    if any(ch.get("changes_outside_gaps") for ch in sub["chapters"]):
        lines.append(f"  {FLAG} changed outside the gaps (the lines: below, or in --json)")
    return "\n".join(lines)


def details(sub, most_lines=12) -> str:
    """The compiler's message and the first failure of each chapter that lost points."""
    out = []
    for ch in sub["chapters"]:
        changes = ch.get("changes_outside_gaps") or []
        if changes:
            out.append(f"-- {ch['chapter']}: {flagged(ch)}")
            out += ["   " + describe(c) for c in changes[:most_lines]]
            if len(changes) > most_lines:
                out.append(f"   … ({len(changes) - most_lines} more lines in --json)")
        if not ch["reason"]:
            continue
        out.append(f"-- {ch['chapter']}: {ch['reason']}")
        text = ch["log"] if ch["log"] and ch["reason"].startswith(("compile", "link")) else ""
        if not text:
            failing = [c for c in ch["cases"] if c["status"] != "passed"]
            if failing:
                text = f"{failing[0]['name']}: {failing[0]['message']}"
        lines = text.strip().splitlines()
        out += ["   " + line for line in lines[:most_lines]]
        if len(lines) > most_lines:
            out.append(f"   … ({len(lines) - most_lines} more lines in --json)")
    return "\n".join(out)


STEPS = ("compile", "link", "run")


def seconds(chapters) -> dict:
    """A submission's times: `wall` from its first chapter's start to its last one's verdict, and each step
    (compile, link, run: the judge and its worker) summed over its chapters."""
    spans = [ch.span for ch in chapters if ch.span[1]]
    out = {"wall": round(max(e for _, e in spans) - min(s for s, _ in spans), 2) if spans else 0.0}
    for step in STEPS:
        out[step] = round(sum(ch.seconds.get(step, 0.0) for ch in chapters), 2)
    return out


def times(results, elapsed: float, jobs: int, cache_seconds: float = 0.0) -> str:
    """The end of a batch: each submission's times, then the total and the mean per submission. elapsed: the
    grading's wall time, from the moment the grader's cache was up to date (cache_seconds after the start)."""
    width = max(len(sub["student"]) for sub in results)
    lines = [f"grade: times in seconds ({jobs} chapter{'s' if jobs != 1 else ''} at once; the steps summed over "
             f"the submission's chapters)", f"  {'submission'.ljust(width)}   wall  compile   link    run"]
    for sub in results:
        s = sub.get("seconds") or {}
        lines.append(f"  {sub['student'].ljust(width)} " + "".join(f"{s.get(k, 0.0):7.1f}" for k in ("wall", *STEPS)))
    total = {step: sum((sub.get("seconds") or {}).get(step, 0.0) for sub in results) for step in STEPS}
    n = len(results)
    lines.append(f"grade: time: {n} submission{'s' if n != 1 else ''} in {elapsed:.1f} s, {elapsed / n:.2f} s per "
                 f"submission; " + ", ".join(f"{step} {total[step]:.1f} s" for step in STEPS)
                 + " (summed over the chapters graded at once)")
    if cache_seconds >= 0.05:
        lines.append(f"grade: before the first submission, {cache_seconds:.1f} s to bring the grader's cache up to date")
    return "\n".join(lines)


def write_json(path, results, meta):
    pathlib.Path(path).write_text(json.dumps({**meta, "submissions": results}, indent=2, ensure_ascii=False) + "\n")


def write_junit(path, results):
    """One <testsuite> per student and chapter, one <testcase> per graded test case."""
    suites = ET.Element("testsuites", name="course grade")
    for sub in results:
        for ch in sub["chapters"]:
            failures = sum(c["status"] in ("failed", "not implemented") for c in ch["cases"])
            errors = sum(c["status"] not in ("passed", "failed", "not implemented") for c in ch["cases"])
            suite = ET.SubElement(suites, "testsuite", name=f"{sub['student']}.{ch['chapter']}",
                                  tests=str(len(ch["cases"])), failures=str(failures), errors=str(errors))
            ET.SubElement(suite, "properties")
            for key, value in (("points", ch["points"]), ("max_points", ch["max_points"])):
                ET.SubElement(suite[0], "property", name=key, value=f"{value:.2f}")
            changes = ch.get("changes_outside_gaps") or []
            ET.SubElement(suite[0], "property", name="changed_outside_gaps", value=str(len(changes)))
            for c in ch["cases"]:
                suite_name, _, case_name = c["name"].partition("/")
                tc = ET.SubElement(suite, "testcase", classname=f"{sub['student']}.{ch['chapter']}.{suite_name}",
                                   name=case_name)
                if c["status"] == "passed":
                    continue
                kind = "failure" if c["status"] in ("failed", "not implemented") else "error"
                node = ET.SubElement(tc, kind, message=c["status"], type=c["status"])
                node.text = c["message"] + ("\n\n" + ch["log"] if c["status"] == "compile error" else "")
            if changes:
                ET.SubElement(suite, "system-out").text = "\n".join([flagged(ch), *map(describe, changes)])
    tree = ET.ElementTree(suites)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def gradescope(sub) -> dict:
    """Gradescope's autograder results.json: one test per graded case, its share of the 100 points."""
    tests = []
    for number, ch in enumerate(sub["chapters"], 1):
        total = sum(c["weight"] for c in ch["cases"]) or 1
        for k, c in enumerate(ch["cases"], 1):
            max_score = ch["max_points"] * c["weight"] / total
            # Students read this page: a hidden test is named, its message (inputs, expected values) is not.
            output = "passed" if c["status"] == "passed" else \
                "hidden test failed" if c["hidden"] else f"{c['status']}: {c['message']}"
            if c["status"] == "compile error" and ch["log"]:
                output += "\n\n" + ch["log"][:4000]
            tests.append({"name": f"{ch['chapter']}: {c['name']}", "number": f"{number}.{k}",
                          "score": _round(max_score if c["status"] == "passed" else 0.0),
                          "max_score": _round(max_score), "output": output,
                          "status": "passed" if c["status"] == "passed" else "failed",
                          "visibility": "after_published" if c["hidden"] else "visible"})
    summary = "\n".join(_summary(ch) for ch in sub["chapters"])
    return {"score": _round(sub["total"]), "output": summary, "tests": tests}


def _summary(ch) -> str:
    """A chapter in Gradescope's overall output: its points and reason, and any lines changed outside the gaps."""
    changes = ch.get("changes_outside_gaps") or []
    lines = [f"{ch['chapter']}: {ch['points']:.1f}/{ch['max_points']:.1f} {ch['reason'] or 'all tests pass'}"]
    return "\n  ".join(lines + ([flagged(ch)] + [describe(c) for c in changes] if changes else []))


def write_gradescope(path, results):
    data = gradescope(results[0]) if len(results) == 1 else {r["student"]: gradescope(r) for r in results}
    pathlib.Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
