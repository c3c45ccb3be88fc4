"""Grading one chapter of one submission: compile the student's files, link them into the chapter's worker
with the other chapters' solutions, run the chapter's tests in the judge (which runs no student code: each
student function is a proxy that calls the worker, and the worker runs in the sandbox), and turn what
happened into points.

The hidden tests run after the chapter's own, in a judge of their own against a fresh worker in a fresh scratch
folder (made before the chapter's own tests run): a worker never sees a hidden test's inputs before a visible
test's output is written, so it cannot carry them into what a student reads. Only the judge gets COURSE_SEED,
the seed they draw their inputs from (tests/support/seed.hpp); the worker's environment is the sandbox's."""
import dataclasses
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))
import boost_junit  # noqa: E402
import outside_gaps  # noqa: E402
import submission_files  # noqa: E402
import unity  # noqa: E402

STUDENT_FILES = ("*.cpp", "*.hpp", "*.h")
# What a test that draws random inputs logs (tests/support/seed.hpp): the digest of its inputs.
INPUTS = re.compile(r'inputs of "([^"]+)" \(COURSE_SEED=\d+\): ([0-9a-f]+)')
# Boost.Test's words for the signals it catches.
SIGNALS = {"memory access violation": "SIGSEGV", "integer divide by zero": "SIGFPE",
           "floating point": "SIGFPE", "illegal": "SIGILL", "bus error": "SIGBUS"}


@dataclasses.dataclass
class CaseResult:
    name: str  # suite/case
    status: str  # passed, failed, exception, not implemented, crash, time limit, compile error, not run, refused
    message: str = ""
    weight: float = 1.0
    hidden: bool = False
    inputs: str = ""  # the digest of the random inputs a hidden test drew from the seed (tests/support/seed.hpp)

    @property
    def suite(self):
        return self.name.split("/")[0]

    @property
    def ok(self):
        return self.status == "passed"


@dataclasses.dataclass
class ChapterResult:
    name: str
    title: str
    cases: list
    reason: str = ""  # why points were lost, in a line
    log: str = ""  # the compiler's or linker's message, or the test's output after a crash
    max_points: float = 0.0
    points: float = 0.0
    changes_outside_gaps: list = dataclasses.field(default_factory=list)  # outside_gaps.py's, line by line
    stubs: str = ""  # what the files were compared with ("exercises/", "exercises/ at <commit>")
    # Where the time went, in seconds: "compile", "link", "run" (the judge with its worker); `span` is
    # (start, end) on time.monotonic()'s clock, from the slot's start to the verdict.
    seconds: dict = dataclasses.field(default_factory=dict)
    span: tuple = (0.0, 0.0)

    @property
    def passed(self):
        return sum(c.ok for c in self.cases)


def crash_signal(message: str) -> str:
    m = re.search(r"\bcrash \((exit code \d+)\)", message) or re.search(r"\b(SIG[A-Z]+)\b", message)
    if m:
        return m[1]
    for words, name in SIGNALS.items():
        if words in message:
            return name
    return "signal"


def classify(case: boost_junit.Case) -> tuple:
    if case.ok:
        return "passed", ""
    message = case.message.strip()
    # The judge's words for a worker that ran out of time or ended (rpc/judge.cpp).
    if case.status == "error" and re.match(r"(std::runtime_error: )?time limit: ", message):
        return "time limit", message
    if case.status == "error" and re.match(r"(std::runtime_error: )?crash \(", message):
        return "crash", message
    if "not implemented yet" in message:
        return "not implemented", message
    if case.status == "error" and ("memory access violation" in message or "signal:" in message
                                   or "fatal error" in message or crash_signal(message) != "signal"):
        return "crash", message
    if case.status == "error":
        return "exception", message
    return "failed", message


def summarize(chapter: ChapterResult, time_limit: float, memory_mb: int = 0, disk_mb: int = 0) -> str:
    """The reason for lost points, in one line: what went wrong, in which functions."""
    by_kind = {}
    for c in chapter.cases:
        if not c.ok:
            by_kind.setdefault(c.status, []).append(c)
    parts = []
    for kind, cases in by_kind.items():
        suites = ", ".join(dict.fromkeys(c.suite for c in cases))
        if kind == "not implemented":
            parts.append(f"not implemented yet: {suites}")
        elif kind == "crash":
            parts.append(f"crash ({crash_signal(cases[0].message)}) in {suites}")
        elif kind == "time limit":
            parts.append(f"time limit ({time_limit:g} s) in {suites}")
        elif kind == "exception":
            # The reason is shown to the student: a hidden test's message (its inputs) is not.
            shown = [c for c in cases if not c.hidden]
            first = shown[0].message.splitlines()[0] if shown and shown[0].message else \
                "(in a hidden test)" if not shown else ""
            if "bad_alloc" in first:
                first += f" (out of memory: the limit is {memory_mb} MB)"
            if "No space left on device" in first and disk_mb:
                first += f" (the sandbox's disk quota: {disk_mb} MB for the scratch folder, as much for /tmp)"
            parts.append(f"exception in {suites}: {first}")
        elif kind == "failed":
            parts.append(f"wrong results in {suites} ({len(cases)} test{'s' if len(cases) > 1 else ''})")
        else:
            parts.append(f"{kind}: {suites}")
    return "; ".join(parts)


def first_error(log: str) -> str:
    for line in log.splitlines():
        if re.search(r"\berror\b|undefined reference", line):
            return line.strip()
    lines = [line for line in log.splitlines() if line.strip()]
    return lines[0].strip() if lines else ""


def refused(chapter, reason: str) -> ChapterResult:
    """A chapter not graded at all (its submission was refused): every case "not run", with the reason."""
    return ChapterResult(name=chapter.name, title=chapter.title, reason=reason,
                         cases=[CaseResult(c, "not run", reason, 1.0, c in chapter.hidden) for c in chapter.cases])


class ChapterGrader:
    def __init__(self, cache, sandbox, weights, time_limit: float, compile_limit: float = 300, seed: int = None):
        self.cache = cache
        self.seed = seed  # COURSE_SEED of the hidden tests' judge: they draw their inputs from it
        self.sandbox = sandbox
        self.weights = weights
        self.time_limit = time_limit
        self.compile_limit = compile_limit
        self.stubs = outside_gaps.Stubs(cache.root)

    def grade(self, chapter, submission: pathlib.Path, scratch: pathlib.Path) -> ChapterResult:
        with self.sandbox.slot():
            start = time.monotonic()
            result = self._grade(chapter, submission, scratch)
        result.span = (start, time.monotonic())
        return result

    def _grade(self, chapter, submission: pathlib.Path, scratch: pathlib.Path) -> ChapterResult:
        result = ChapterResult(name=chapter.name, title=chapter.title, cases=[])
        weight = {c: self.weights.case(chapter.name, c) for c in chapter.cases}

        def all_cases(status, message):
            return [CaseResult(c, status, message, weight[c], c in chapter.hidden) for c in chapter.cases]

        try:
            # {name: content}, read once, without following links: the grader never opens them again.
            files = submission_files.chapter_files(submission, chapter.name)
        except submission_files.Refused as e:
            result.cases = all_cases("refused", str(e))
            result.reason = f"refused: {e}"
            return result
        if not any(name.endswith(".cpp") for name in files):
            result.cases = all_cases("not run", f"no {chapter.name}/*.cpp in the submission")
            result.reason = f"missing: no {chapter.name}/*.cpp in the submission"
            return result
        version = outside_gaps.release_version(submission_files.top_file(submission, outside_gaps.RELEASE_FILE) or "")
        result.changes_outside_gaps, result.stubs = self.stubs.compare(chapter.name, files, version)
        work = scratch / chapter.name
        shutil.rmtree(work, ignore_errors=True)
        (work / "src").mkdir(parents=True)
        for name, content in files.items():
            (work / "src" / name).write_bytes(content)
        self.sandbox.prepare(work)

        archive = self._same_as_course(chapter, files)
        if not archive:
            step = time.monotonic()
            objects, log = self._compile(chapter, files, work)
            result.seconds["compile"] = time.monotonic() - step
            if objects is None:
                result.cases = all_cases("compile error", first_error(log))
                result.reason = "compile error: " + first_error(log)
                result.log = log
                return result
            archive = work / f"libch{chapter.nn}_student.a"
            subprocess.run(["ar", "qc", str(archive), *map(str, objects), *chapter.course_objects], check=True)
        exe = work / f"worker{chapter.nn}"
        if str(archive) in chapter.prebuilt:
            # The stubs or the solution, byte for byte: the cache's own worker is the one the link makes.
            shutil.copy2(chapter.prebuilt[str(archive)], exe)
            link = None
        else:
            step = time.monotonic()
            args = [a.replace("{archive}", str(archive)).replace("{exe}", str(exe)) for a in chapter.link_args]
            # The cache, less its students' files; the hidden tests' objects, if any, are in its objects/.
            see = [self.cache.dir, *(a for a in args if a.startswith(str(self.cache.objects) + "/"))]
            # In the sandbox "uid" the judge's side links (as root: the worker may not read the cache).
            link = self.sandbox.run(args, work, cwd=self.cache.dir, see=see, timeout=self.compile_limit,
                                    writable=[exe], judge=True, cpu_seconds=int(self.compile_limit))
            result.seconds["link"] = time.monotonic() - step
        if link and (link.returncode != 0 or not exe.stat().st_size):
            log = self._clean(link.output, work) or f"the linker stopped with exit code {link.returncode}"
            # A call of a later chapter's function, in words: "log_sigmoid is chapter 5's: chapter 1 cannot use it".
            later = self.cache.course.later_chapter_uses(int(chapter.nn), log)
            words = "; ".join(later) or first_error(log)
            log = "\n".join([*later, log])
            result.cases = all_cases("compile error", words)
            result.reason = "link error: " + words
            result.log = log
            return result

        self.sandbox.hand_over(exe)
        step = time.monotonic()
        outcome, result.log, inputs = self._run(chapter, exe, work)
        result.seconds["run"] = time.monotonic() - step
        result.cases = [CaseResult(c, *outcome[c], weight[c], c in chapter.hidden, inputs.get(c, ""))
                        for c in chapter.cases]
        result.reason = summarize(result, self.time_limit, self.sandbox.limits.memory_mb, self.sandbox.limits.disk_mb)
        return result

    def _same_as_course(self, chapter, files):
        """The cache's library of the chapter when the student's files are the stubs or the solution, byte
        for byte (CMake built it with the same command): nothing to compile."""
        for impl in ("exercises", "solutions"):
            folder = self.cache.root / impl / chapter.name
            theirs = sorted(p for pattern in STUDENT_FILES for p in folder.glob(pattern) if p.is_file())
            library = self.cache.dir / f"libch{chapter.nn}_{impl}.a"
            if [p.name for p in theirs] == sorted(files) and library.exists() and \
                    all(p.read_bytes() == files[p.name] for p in theirs):
                return library
        return None

    def _clean(self, text: str, work: pathlib.Path) -> str:
        """Compiler messages with the scratch paths replaced by the submission's own."""
        return text.replace(str(work / "src") + "/", "").replace(str(work) + "/", "")

    def _compile(self, chapter, files, work):
        """The student's object files (cached by content), or None and the compiler's message. The files in one
        translation unit where that means the same as one by one (unity.py), else (or if it does not compile:
        then the messages are each file's own) file by file."""
        everything = b"".join(name.encode() + b"\0" + files[name] for name in sorted(files))
        together = unity.order(files, chapter.function_names, chapter.include_dirs, self.cache.pch_headers)
        if together:
            objects, log = self._compile_one(chapter, work, everything + b"\0unity", "unity.cpp",
                                             unity.source([work / "src" / name for name in together]))
            if objects:
                return objects, ""
            if log.startswith(f"{chapter.name}/unity.cpp: error: the compiler did not finish"):
                return None, log.replace("unity.cpp", "{" + ",".join(together) + "}", 1)
        objects = []
        for name in sorted(files):
            if not name.endswith(".cpp"):
                continue
            obj, log = self._compile_one(chapter, work, everything + b"\0" + name.encode(), name)
            if obj is None:
                return None, log
            objects += obj
        return objects, ""

    def _compile_one(self, chapter, work, key: bytes, name: str, text: str = None):
        """[the object file] of the student's file `name` (or of `text`, a file of the grader's written beside
        them), from the cache of objects by key if it is there; or None and the compiler's message."""
        obj = self.cache.object_path(key, chapter.compile_args)
        if obj.exists():
            return [obj], ""
        src = work / "src" / name
        if text is not None:
            src = work / name
            src.write_text(text)
        out = work / "obj" / (name + ".o")
        out.parent.mkdir(exist_ok=True)
        self.sandbox.prepare(work)
        args = [a.replace("{src}", str(src)).replace("{obj}", str(out)) for a in chapter.compile_args]
        run = self.sandbox.run(args, work, cwd=work, see=[*self.cache.pch_dirs, *chapter.include_dirs],
                               timeout=self.compile_limit, writable=[out], cpu_seconds=int(self.compile_limit))
        if run.timed_out:
            return None, f"{chapter.name}/{name}: error: the compiler did not finish within {self.compile_limit:g} s"
        if run.returncode != 0 or not out.stat().st_size:
            return None, self._clean(run.output, work)
        tmp = obj.with_suffix(f".{os.getpid()}.{id(work)}.tmp")
        shutil.copyfile(out, tmp)
        os.replace(tmp, obj)
        return [obj], ""

    def _judge_env(self, chapter, worker, work, tag="judge") -> tuple:
        """The judge's folder (out of the worker's reach: its reports, the worker's command and output) and
        environment: the worker it starts runs in the sandbox, with the scratch folder as its own."""
        folder = work.parent / f"{chapter.name}.{tag}"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "tmp").mkdir(parents=True)
        command = folder / "worker.args"
        sandboxed = ["env", "-i", *(f"{k}={v}" for k, v in self.sandbox.env(work).items()),
                     *self.sandbox.prefix(work), str(worker)]
        command.write_text("".join(f"{arg}\n" for arg in sandboxed))
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(folder), "TMPDIR": str(folder / "tmp"),
               "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
               "COURSE_WORKER": str(command), "COURSE_WORKER_TIME_LIMIT": f"{self.time_limit:g}",
               "COURSE_WORKER_LOG": str(folder / "worker.log")}
        return folder, env

    def _run(self, chapter, exe, work):
        """The chapter's own tests, then its hidden tests, each in a judge of its own against a worker of its
        own. Returns {case: (status, message)}, log, {hidden case: digest of its inputs}."""
        visible = [c for c in chapter.cases if c not in chapter.hidden]
        hidden = [c for c in chapter.cases if c in chapter.hidden]
        fresh = None
        if hidden:
            # Made now, before the chapter's own tests run: nothing of that worker's is in it.
            fresh = work.parent / f"{chapter.name}.hidden"
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir(parents=True)
            shutil.copy2(exe, fresh / exe.name)
            self.sandbox.prepare(fresh)
            self.sandbox.hand_over(fresh / exe.name)
        outcome, log, _ = self._run_cases(chapter, visible, exe, work, "judge")
        # A function that hit the time limit in the chapter's own tests would loop again on the hidden ones:
        # they lose without the wait (a core-minute of a class's grading for each looping function).
        looped = {name.split("/")[0] for name, (status, _) in outcome.items() if status == "time limit"}
        for name in hidden:
            if name.split("/")[0] in looped:
                outcome[name] = ("time limit", f"not run: {name.split('/')[0]} hit the time limit in the "
                                               "chapter's own tests")
        hidden = [c for c in hidden if c not in outcome]
        inputs = {}
        if hidden:
            more, hidden_log, inputs = self._run_cases(chapter, hidden, fresh / exe.name, fresh, "hidden.judge",
                                                       {"COURSE_SEED": str(self.seed)} if self.seed is not None
                                                       else {})
            outcome.update(more)
            log = "\n".join(part for part in (log, hidden_log and "the hidden tests:\n" + hidden_log) if part)
        return outcome, log, inputs

    def _run_cases(self, chapter, cases, exe, work, tag, extra_env=None):
        """Run these cases of the chapter in the judge against the worker exe (whose scratch folder is work);
        after a crash or a time-out of the judge itself, run the cases that did not run yet again, so that one
        broken function costs its own tests only (the judge already fails only the calls a crashed or looping
        worker was making). Returns {case: (status, message)}, log, {case: digest of its random inputs}."""
        outcome, logs, inputs = {}, [], {}
        todo = list(cases)
        if not todo:
            return outcome, "", inputs
        folder, env = self._judge_env(chapter, exe, work, tag)
        env.update(extra_env or {})
        # Each call may take the time limit; a function that used it up is not called again.
        time_limit = self.time_limit * (chapter.functions + 2)
        for attempt in range(len(cases) + 1):
            if not todo:
                break
            report = folder / f"report-{attempt}.xml"
            run = boost_junit.run(chapter.judge, report, ["--run_test=" + ":".join(todo)], timeout=time_limit,
                                  env=env, cwd=folder, progress=True)
            for case in run.cases:
                name = f"{case.suite}/{case.name}"
                if case.status != "skipped" and name in todo:
                    outcome[name] = classify(case)
            inputs.update(INPUTS.findall(run.output))
            if not run.problem:
                break
            self.sandbox.settle()
            logs.append(run.problem)
            crashed = re.search(r'fatal error: in "([^"]+)"', run.output)
            culprit = crashed[1] if crashed else run.running
            if culprit and culprit.split("/", 1)[0] == "course":
                culprit = culprit.split("/", 1)[1]
            timed_out = run.problem.startswith("time limit")
            if culprit not in todo:
                for name in todo:
                    if name not in outcome:
                        outcome[name] = ("time limit" if timed_out else "crash", run.problem)
                break
            if timed_out:
                # Every case of the function that looped would loop too: they all lose, without the wait.
                message = f"time limit: {culprit} did not finish within {time_limit:g} s (an endless loop?)"
                outcome[culprit] = ("time limit", message)
                for name in todo:
                    if name not in outcome and name.split("/")[0] == culprit.split("/")[0]:
                        outcome[name] = ("time limit", f"not run: {culprit} of the same function hit the time limit")
            elif culprit not in outcome or outcome[culprit][0] != "crash":
                tail = "\n".join(run.output.strip().splitlines()[-5:])
                outcome[culprit] = ("crash", run.problem + ("\n" + tail if tail else ""))
            todo = [c for c in todo if c not in outcome]
        for name in cases:
            outcome.setdefault(name, ("not run", "the tests stopped before this case"))
        printed = folder / "worker.log"
        if printed.exists() and printed.stat().st_size:
            with open(printed, "rb") as f:
                f.seek(max(0, printed.stat().st_size - 4000))
                logs.append("what the student's code printed (the end):\n" + f.read().decode(errors="replace"))
        return outcome, "\n".join(logs), inputs
