"""GitHub Classroom's autograding workflow for the students' copy (`./course release` writes it to
.github/workflows/classroom.yml).

On each push, in a `debian:12` container, one step per chapter runs `./course check N` through GitHub
Classroom's command grader (classroom-resources/autograding-command-grader: the step passes when the command
exits 0 and then earns its max-score), and the grading reporter adds the steps up for Classroom: each
chapter's share of the 100 points is its share in tests/grading.toml, all or nothing. The reporter reads
each step's result from an environment variable named after the step's id in capitals plus `_RESULTS`, and
the ids from `runners` (github-education-resources/autograding-grading-reporter, README, "Usage").
The finer score, test case by test case, stays with the instructor's `./course grade`.
"""
import json

COMMAND_GRADER = "classroom-resources/autograding-command-grader@v1"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"
# What `./course check` needs before it can install the rest itself (it installs the course's packages).
SETUP = "apt-get update -qq && apt-get install -y -qq --no-install-recommends git python3 ca-certificates"


def step_id(chapter) -> str:
    return f"chapter-{chapter.number}"


def workflow(chapters, weights, timeout_minutes: int = 20) -> dict:
    """The workflow as data: chapters are the course model's chapters with an exercise, weights the
    grading.toml manifest."""
    total = sum(weights.chapter(c.name) for c in chapters) or 1
    points = {c.name: round(100 * weights.chapter(c.name) / total, 2) for c in chapters}
    points[chapters[-1].name] = round(100 - sum(points[c.name] for c in chapters[:-1]), 2)  # adds up to 100
    steps = [{"name": "Tools ./course needs before it installs the rest", "run": SETUP},
             {"name": "Check out the student's code", "uses": "actions/checkout@v4"}]
    for c in chapters:
        steps.append({"name": f"Chapter {c.number}: {c.title}", "id": step_id(c), "uses": COMMAND_GRADER,
                      "with": {"test-name": f"Chapter {c.number}: {c.title}",
                               "command": f"./course check {c.number}",
                               "timeout": timeout_minutes, "max-score": points[c.name]}})
    steps.append({"name": "Autograding reporter", "uses": REPORTER,
                  "env": {f"{step_id(c).upper()}_RESULTS": f"${{{{steps.{step_id(c)}.outputs.result}}}}"
                          for c in chapters},
                  "with": {"runners": ",".join(step_id(c) for c in chapters)}})
    return {"name": "Autograding",
            "on": ["push", "workflow_dispatch"],
            "permissions": {"checks": "write", "actions": "read", "contents": "read"},
            "jobs": {"autograding": {"runs-on": "ubuntu-latest",
                                     "if": "github.actor != 'github-classroom[bot]'",
                                     "container": "debian:12",
                                     "steps": steps}}}


def to_yaml(data, indent: int = 0) -> str:
    """The small YAML this workflow needs: mappings, lists, and scalars written as JSON strings and numbers
    (JSON's strings are YAML's double-quoted strings)."""
    pad = "  " * indent
    lines = []
    if isinstance(data, dict):
        for key, value in data.items():
            key = json.dumps(key) if key == "on" else key  # a bare `on` is a boolean to YAML 1.1 readers
            if isinstance(value, (dict, list)) and value:
                lines.append(f"{pad}{key}:")
                lines.append(to_yaml(value, indent + 1))
            else:
                lines.append(f"{pad}{key}: {json.dumps(value, ensure_ascii=False)}")
    else:
        for item in data:
            if isinstance(item, dict):
                first, *rest = to_yaml(item, indent + 1).splitlines()
                lines.append(f"{pad}- {first.strip()}")
                lines += rest
            else:
                lines.append(f"{pad}- {json.dumps(item, ensure_ascii=False)}")
    return "\n".join(lines)


def text(chapters, weights) -> str:
    return ("# GitHub Classroom autograding, written by ./course release (tests/grader/classroom.py).\n"
            "# Each chapter passes when `./course check N` passes, and earns its share of the 100 points.\n"
            + to_yaml(workflow(chapters, weights)) + "\n")
