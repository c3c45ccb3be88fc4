"""Run one chapter's Boost.Test executable and read its JUnit report into plain results.

Shared by stubs_fail.py (./course test), check.py (./course check) and the grader.
"""
import dataclasses
import os
import pathlib
import re
import signal
import subprocess
import xml.etree.ElementTree as ET


@dataclasses.dataclass
class Case:
    suite: str  # the function under test: a case's suite is named after it
    name: str
    status: str  # "passed", "failed" (a check failed), "error" (an exception or a crash), "skipped"
    message: str = ""  # the first problem, in the words of the test's own message

    @property
    def ok(self):
        return self.status == "passed"


@dataclasses.dataclass
class Run:
    cases: list
    returncode: int
    problem: str = ""  # the run as a whole went wrong: crash, time limit, no report
    output: str = ""


def _message(text: str) -> str:
    """The useful lines of Boost's failure text: the '- message:' part, or the exception."""
    if "EXCEPTION STACK TRACE" in text:
        lines = text.split("EXCEPTION STACK TRACE:", 1)[1].splitlines()[1:]
        out = []
        for line in lines:
            if line.startswith("------"):
                break
            out.append(line)
        return "\n".join(out).strip()
    messages = re.findall(r"^- message: (.*?)(?=\n- \w+\s*:|\n\n|\Z)", text, re.S | re.M)
    if messages:
        return messages[0].strip()
    return text.strip()


def parse(path: pathlib.Path) -> list:
    root = ET.parse(path).getroot()
    cases = []
    for tc in root.iter("testcase"):
        out = tc.find("system-out")
        if tc.find("skipped") is not None and out is not None and "disabled test unit" in (out.text or ""):
            continue  # left out by --run_test (e.g. the 'provided' cases in stubs_fail.py): not run at all
        status, message = "passed", ""
        for kind in ("error", "failure"):
            node = tc.find(kind)
            if node is not None:
                status = "error" if kind == "error" else "failed"
                message = _message(node.text or node.get("message", ""))
                break
        if tc.find("skipped") is not None and status == "passed":
            status = "skipped"
            message = "skipped (an earlier failure or a crash stopped the run)"
        suite = tc.get("classname", "")
        cases.append(Case(suite=suite.split(".")[-1].split("/")[-1], name=tc.get("name", ""),
                          status=status, message=message))
    return cases


def run(executable, report: pathlib.Path, extra_args=(), timeout=120, env=None) -> Run:
    """Run a test executable with a JUnit report; a crash or a time-out is reported, not raised."""
    report.parent.mkdir(parents=True, exist_ok=True)
    if report.exists():
        report.unlink()
    args = [str(executable), f"--logger=JUNIT,error,{report}", "--report_level=no", "--color_output=no",
            *extra_args]
    problem = ""
    try:
        proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              errors="replace", timeout=timeout, env=env)
        returncode, output = proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as e:
        returncode = -signal.SIGKILL
        output = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        problem = f"time limit: the tests did not finish within {timeout} s (an endless loop?)"
    if returncode < 0 and not problem:
        problem = f"crashed with signal {signal.Signals(-returncode).name}"
    cases = []
    if report.exists() and report.stat().st_size > 0:
        try:
            cases = parse(report)
        except ET.ParseError as e:
            problem = problem or f"the test report is unreadable ({e})"
    elif not problem:
        problem = f"the tests wrote no report (exit code {returncode})"
    for line in output.splitlines():
        if "fatal error" in line and ("signal" in line or "memory access violation" in line):
            problem = problem or "crashed: " + line.split("fatal error:", 1)[-1].strip()
    return Run(cases=cases, returncode=returncode, problem=problem, output=output)
