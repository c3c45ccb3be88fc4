"""Run one chapter's Boost.Test executable and read its JUnit report into plain results.

Shared by stubs_fail.py (./course test), check.py (./course check) and the grader.
"""
import dataclasses
import os
import pathlib
import re
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ET


@dataclasses.dataclass
class Case:
    suite: str  # the function under test: a case's suite is named after it
    name: str
    status: str  # "passed", "failed" (a check failed), "error" (an exception or a crash), "skipped"
    message: str = ""  # the first problem, in the words of the test's own message
    seconds: float = 0.0  # how long the case took (the report's time)

    @property
    def ok(self):
        return self.status == "passed"


@dataclasses.dataclass
class Run:
    cases: list
    returncode: int
    problem: str = ""  # the run as a whole went wrong: crash, time limit, no report
    output: str = ""
    running: str = ""  # with progress=True: the case (suite/case) that had started and not finished


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
        try:
            seconds = float(tc.get("time") or 0)
        except ValueError:
            seconds = 0.0
        cases.append(Case(suite=suite.split(".")[-1].split("/")[-1], name=tc.get("name", ""),
                          status=status, message=message, seconds=seconds))
    return cases


def _running_case(output: str) -> str:
    """From Boost's progress log ('Entering test case "x"' ...): the case that never left, as suite/case."""
    stack, case = [], ""
    for line in output.splitlines():
        m = re.search(r'(Entering|Leaving) test (suite|case) "([^"]*)"', line)
        if not m:
            continue
        entering, kind, name = m[1] == "Entering", m[2], m[3]
        if kind == "suite":
            if entering:
                stack.append(name)
            elif stack:
                stack.pop()
        else:
            case = "/".join([*stack, name]) if entering else ""
    return case


def _read_output(out, most=8 << 20) -> str:
    """What a run printed; of a flood, the beginning and the end."""
    size = out.seek(0, os.SEEK_END)
    out.seek(0)
    if size <= most:
        data = out.read()
    else:
        head = out.read(1 << 20)
        out.seek(size - (most - (1 << 20)))
        data = head + f"\n[... {size - most} bytes of output left out ...]\n".encode() + out.read()
    return data.decode(errors="replace")


def run(executable, report: pathlib.Path, extra_args=(), timeout=120, env=None, prefix=(), cwd=None,
        progress=False) -> Run:
    """Run a test executable with a JUnit report; a crash or a time-out is reported, not raised.

    prefix: a command the executable runs under (the grader's sandbox); progress: also log each case as it
    starts, so that Run.running names the case that was running when the time limit struck.
    """
    report.parent.mkdir(parents=True, exist_ok=True)
    if report.exists():
        report.write_bytes(b"")  # emptied, not removed: a sandbox may have been told to let the run write it
    logger = f"--logger=JUNIT,error,{report}" + (":HRF,test_suite,stdout" if progress else "")
    args = [*map(str, prefix), str(executable), logger, "--report_level=no", "--color_output=no", *extra_args]
    problem = ""
    # A session of its own, so that a time-out ends the tests and everything they started; the output goes
    # to a file, so that a flood of it costs no memory here (and meets the sandbox's file size limit).
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            returncode = -signal.SIGKILL
            problem = f"time limit: the tests did not finish within {timeout:g} s (an endless loop?)"
        except KeyboardInterrupt:  # Ctrl-C reaches only this process: the tests have a session of their own
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            raise
        output = _read_output(out)
    if prefix and 128 < returncode <= 128 + 64:
        returncode = 128 - returncode  # a shell's or bubblewrap's way to say "killed by signal N"
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
    running = _running_case(output) if progress else ""
    return Run(cases=cases, returncode=returncode, problem=problem, output=output, running=running)


@dataclasses.dataclass
class Listed:
    """A test case as the executable lists it (--list_content=DOT): where it is declared and its labels."""
    suite: str
    name: str
    file: str
    line: int
    labels: tuple

    @property
    def provided(self):
        """A case of course-provided code: it may pass against a stub, and it is not the student's."""
        return "provided" in self.labels


def list_cases(executable, timeout=60) -> dict:
    """(suite, case) -> Listed, in the order the executable runs them; {} if it cannot list them."""
    try:
        proc = subprocess.run([str(executable), "--list_content=DOT"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    nodes, parent = {}, {}
    for line in proc.stdout.splitlines():
        node = re.match(r'(tu\d+)\[.*label="([^"]*)"\]', line)
        edge = re.match(r"(tu\d+) -> (tu\d+);", line)
        if node:
            nodes[node[1]] = node[2].split("|")
        elif edge:
            parent[edge[2]] = edge[1]
    cases = {}
    for unit, fields in nodes.items():
        if unit not in parent or any(p == unit for p in parent.values()):
            continue  # the master suite, or a suite
        place = re.match(r"(.*)\((\d+)\)$", fields[1]) if len(fields) > 1 else None
        labels = next((f for f in fields[2:] if f.startswith("labels:")), "labels:")
        suite = nodes.get(parent[unit], ["", ""])[0]
        cases[(suite, fields[0])] = Listed(suite, fields[0], place[1] if place else "",
                                           int(place[2]) if place else 0,
                                           tuple(word.lstrip("@") for word in labels.split()[1:]))
    return cases
