"""The fields Gradescope documents for an autograder's results.json, as a check: `problems(data)` lists what
breaks them, [] when nothing does.

Source: Gradescope's "Autograder Specifications", section "Output format",
https://gradescope-autograders.readthedocs.io/en/latest/specs/ — top level: score (required unless every
test has one), execution_time, output, output_format, test_output_format, test_name_format, visibility,
stdout_visibility, extra_data, tests, leaderboard; a test: score, max_score, status, name, name_format,
number, output, output_format, tags, visibility, extra_data. Visibility is one of hidden, after_due_date,
after_published, visible; a format one of text, html, simple_format, md, ansi; a test's status passed or
failed.
"""
import numbers

TOP = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
       "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
TEST = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
        "visibility", "extra_data"}
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}


def _number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def problems(data) -> list:
    out = []
    if not isinstance(data, dict):
        return ["results.json is not a JSON object"]
    out += [f"unknown top-level field {k!r}" for k in data if k not in TOP]
    tests = data.get("tests", [])
    if not isinstance(tests, list):
        return out + ["'tests' is not a list"]
    if "score" not in data and not all(isinstance(t, dict) and "score" in t for t in tests):
        out.append("no 'score', and not every test has one")
    if "score" in data and not _number(data["score"]):
        out.append(f"'score' is not a number: {data['score']!r}")
    if "execution_time" in data and not _number(data["execution_time"]):
        out.append("'execution_time' is not a number")
    for key in ("visibility", "stdout_visibility"):
        if key in data and data[key] not in VISIBILITY:
            out.append(f"{key} {data[key]!r} is not one of {sorted(VISIBILITY)}")
    for key in ("output_format", "test_output_format", "test_name_format"):
        if key in data and data[key] not in FORMATS:
            out.append(f"{key} {data[key]!r} is not one of {sorted(FORMATS)}")
    for i, t in enumerate(tests):
        where = f"tests[{i}]"
        if not isinstance(t, dict):
            out.append(f"{where} is not an object")
            continue
        out += [f"{where}: unknown field {k!r}" for k in t if k not in TEST]
        for key in ("score", "max_score"):
            if key in t and not _number(t[key]):
                out.append(f"{where}: {key} is not a number")
        if "status" in t and t["status"] not in ("passed", "failed"):
            out.append(f"{where}: status {t['status']!r} is not passed or failed")
        if "visibility" in t and t["visibility"] not in VISIBILITY:
            out.append(f"{where}: visibility {t['visibility']!r}")
        for key in ("name", "output", "number"):
            if key in t and not isinstance(t[key], str):
                out.append(f"{where}: {key} is not a string")
        if "tags" in t and not (isinstance(t["tags"], list) and all(isinstance(x, str) for x in t["tags"])):
            out.append(f"{where}: tags is not a list of strings")
        if _number(t.get("score")) and _number(t.get("max_score")) and t["score"] > t["max_score"] + 1e-9:
            out.append(f"{where}: score {t['score']} above max_score {t['max_score']}")
    return out
