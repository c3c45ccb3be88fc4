"""Feedback for every student (`./course grade ... --feedback DIR`): DIR/<student>.md and DIR/<student>.html,
a small page that needs nothing else. It holds the table, each failing test with its message, the compiler's
errors with the student's own file names, and the changes outside the gaps the grader flagged.

A hidden test is named, never shown: its message holds its inputs and expected values, so the student reads
only "hidden test failed"."""
import html
import pathlib
import re

from outside_gaps import describe
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from outside_gaps import describe  # noqa: E402

HIDDEN = "hidden test failed"
MOST_LOG_LINES = 40
HIDDEN_HTML = f'<span class="hidden">{HIDDEN}</span>'


def student_paths(log: str, chapter: str, root: pathlib.Path) -> str:
    """The compiler's message with the student's files named as in their copy (the grader's log names them
    by file name alone: sigmoid.cpp:12:5 is exercises/01-sigmoid/sigmoid.cpp:12:5) and the course's own
    files relative to the course."""
    log = log.replace(str(root).rstrip("/") + "/", "")
    return re.sub(r"(?m)(^|[\s'\"(])([\w.-]+\.[ch]pp)(?=:\d)", rf"\1exercises/{chapter}/\2", log)


def case_message(case: dict) -> str:
    return HIDDEN if case["hidden"] else case["message"]


def chapter_sections(sub: dict, root: pathlib.Path) -> list:
    """(chapter, reason, [(test, status, message)], compiler log or "", [flagged changes]) per chapter that
    lost points or was flagged."""
    sections = []
    for ch in sub["chapters"]:
        flagged = ch.get("changes_outside_gaps") or []
        if not ch["reason"] and not flagged:
            continue
        failing = [(c["name"], c["status"], case_message(c)) for c in ch["cases"] if c["status"] != "passed"]
        log = ""
        if ch["log"] and ch["reason"].startswith(("compile", "link")):
            lines = student_paths(ch["log"], ch["chapter"], root).strip().splitlines()
            log = "\n".join(lines[:MOST_LOG_LINES] + ([f"… ({len(lines) - MOST_LOG_LINES} more lines)"]
                                                       if len(lines) > MOST_LOG_LINES else []))
        sections.append((ch, failing, log, flagged))
    return sections


def _flag_line(change) -> str:
    """One flagged change as every report shows it (outside_gaps.describe)."""
    return describe(change) if isinstance(change, dict) else str(change)


def markdown(sub: dict, root: pathlib.Path) -> str:
    out = [f"# {sub['student']}: {sub['total']:.1f} / 100", "",
           "| chapter | tests passed | points | |", "|---|---|---|---|"]
    for ch in sub["chapters"]:
        out.append(f"| {ch['chapter']} | {ch['passed']}/{ch['tests']} | {ch['points']:.1f}/{ch['max_points']:.1f} "
                   f"| {(ch['reason'] or 'all tests pass').replace('|', '/')} |")
    for ch, failing, log, flagged in chapter_sections(sub, root):
        out += ["", f"## {ch['chapter']}: {ch['reason'] or 'all tests pass'}"]
        if log:
            out += ["", "The compiler's first errors:", "", "```", log, "```"]
        elif failing:
            out += [""] + [f"- `{name}` ({status}): " + message.replace("\n", "\n  ") for name, status, message in failing]
        if flagged:
            out += ["", "Changed outside the parts you were to write (the grader flags these for your instructor):",
                    ""] + [f"- {_flag_line(c)}" for c in flagged]
    return "\n".join(out) + "\n"


STYLE = ("body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
         "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .6rem;text-align:left}"
         "tr.lost td{background:#fdecea}pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap}"
         ".hidden{color:#666;font-style:italic}")


def page(sub: dict, root: pathlib.Path) -> str:
    e = html.escape
    lost = ' class="lost"'
    rows = "".join(
        f"<tr{lost if ch['reason'] else ''}><td>{e(ch['chapter'])}</td><td>{ch['passed']}/{ch['tests']}"
        f"</td><td>{ch['points']:.1f}/{ch['max_points']:.1f}</td><td>{e(ch['reason'] or 'all tests pass')}</td></tr>"
        for ch in sub["chapters"])
    body = [f"<h1>{e(sub['student'])}: {sub['total']:.1f} / 100</h1>",
            f"<table><tr><th>chapter</th><th>tests passed</th><th>points</th><th></th></tr>{rows}</table>"]
    for ch, failing, log, flagged in chapter_sections(sub, root):
        body.append(f"<h2>{e(ch['chapter'])}: {e(ch['reason'] or 'all tests pass')}</h2>")
        if log:
            body.append(f"<p>The compiler's first errors:</p><pre>{e(log)}</pre>")
        elif failing:
            body.append("<ul>" + "".join(
                f"<li><code>{e(name)}</code> ({e(status)}): "
                + (HIDDEN_HTML if message == HIDDEN else f"<pre>{e(message)}</pre>")
                + "</li>" for name, status, message in failing) + "</ul>")
        if flagged:
            body.append("<p>Changed outside the parts you were to write (flagged for your instructor):</p><ul>"
                        + "".join(f"<li><code>{e(_flag_line(c))}</code></li>" for c in flagged) + "</ul>")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{e(sub['student'])}: "
            f"{sub['total']:.1f} / 100</title><style>{STYLE}</style></head><body>\n" + "\n".join(body)
            + "\n</body></html>\n")


def write(folder: pathlib.Path, results: list, root: pathlib.Path) -> list:
    """One Markdown file and one HTML page per student; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sub in results:
        stem = re.sub(r"[^A-Za-z0-9_.@-]", "_", sub["student"])
        (folder / f"{stem}.md").write_text(markdown(sub, root))
        (folder / f"{stem}.html").write_text(page(sub, root))
        written += [folder / f"{stem}.md", folder / f"{stem}.html"]
    return written
