"""Running a student's code: limits on CPU time, memory, file size and processes, a wall-time limit, and
files confined to a scratch folder per submission.

The best of these that works on the machine is used, found by trying it once:
  1. bubblewrap (Debian's `bwrap`) under a user id of its own (when the grader runs as root; one id per
     chapter graded at once, so that one fork bomb cannot starve the others): a read-only view of the
     system and of the course (less its solutions, history, builds and the grader's cache), a writable
     scratch folder, no network, its own process tree; the process limit then holds;
  2. bubblewrap as the current user (the same, except that the process limit cannot hold for root);
  3. limits only (no bubblewrap): prlimit, the scratch folder as working folder, HOME and TMPDIR.
The wall-time limit is enforced by the caller (boost_junit.run, run_limited), which ends the whole
session of processes.
"""
import contextlib
import dataclasses
import os
import queue
import threading
import time
import pathlib
import shutil
import signal
import subprocess

# Mode 1 runs each slot under a user id no one has, unique to this grader process and slot (other graders
# may run at the same time: each ends the leftovers of its own ids only): FIRST_UID + 256 * pid + slot.
FIRST_UID = 2_000_000_000
SLOTS_PER_PROCESS = 256


@dataclasses.dataclass
class Limits:
    cpu_seconds: int = 60  # CPU time of one run (a compile, a link, a chapter's tests)
    memory_mb: int = 4096  # address space
    file_mb: int = 256  # largest file written
    processes: int = 256  # threads and processes of one sandbox's user id (mode 1 only)


@dataclasses.dataclass
class Result:
    returncode: int
    output: str
    timed_out: bool


class Sandbox:
    def __init__(self, root: pathlib.Path, hide=(), limits: Limits = Limits(), mode: str = "auto", slots: int = 2):
        """root: the course, shown read-only; hide: folders inside it the code must not see; slots: how many
        sandboxes run at once (each gets a user id of its own in mode 1)."""
        self._uids = queue.Queue()
        self._first_uid = FIRST_UID + SLOTS_PER_PROCESS * (os.getpid() % (1 << 22))
        for k in range(min(slots, SLOTS_PER_PROCESS - 1)):
            self._uids.put(self._first_uid + k)
        self._local = threading.local()
        self.root = pathlib.Path(root).resolve()
        self.hide = [pathlib.Path(h).resolve() for h in hide]
        self.limits = limits
        self.mode = self._choose(mode)

    @contextlib.contextmanager
    def slot(self):
        """Hold a user id for the runs of this thread (a chapter of a submission)."""
        uid = self._uids.get()
        self._local.uid = uid
        try:
            yield uid
        finally:
            self.settle()
            self._local.uid = None
            self._uids.put(uid)

    def settle(self, wait: float = 10.0):
        """Mode 1: end every process still running under this slot's user id (what a fork bomb leaves while
        the kernel tears its sandbox down), and wait until they are gone, so that the next run can start.
        Zombies (ended, not yet reaped by the system) are left alone."""
        if self.mode != "bwrap-nobody":
            return
        deadline = time.monotonic() + wait
        while True:
            left = [pid for pid in self._pids() if self._owned(pid)]
            if not left or time.monotonic() > deadline:
                return
            for pid in left:
                try:
                    fd = os.pidfd_open(pid)  # the process itself, not whoever gets its number next
                except OSError:
                    continue
                try:
                    if self._owned(pid):
                        signal.pidfd_send_signal(fd, signal.SIGKILL)
                except OSError:
                    pass
                finally:
                    os.close(fd)
            time.sleep(0.05)

    @staticmethod
    def _pids():
        return [int(p.name) for p in pathlib.Path("/proc").iterdir() if p.name.isdigit()]

    def _owned(self, pid: int) -> bool:
        """A live (not zombie) process whose real user id is this slot's."""
        try:
            fields = dict(line.split(":", 1) for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines()
                          if ":" in line)
        except OSError:
            return False
        return int(fields["Uid"].split()[0]) == self.uid and not fields["State"].strip().startswith(("Z", "X"))

    @property
    def uid(self) -> int:
        return getattr(self._local, "uid", None) or self._first_uid + SLOTS_PER_PROCESS - 1

    @property
    def description(self) -> str:
        return {
            "bwrap-nobody": "bubblewrap under a user id of its own (read-only system and course, scratch folder, "
                            "no network, CPU/memory/process limits)",
            "bwrap": "bubblewrap (read-only system and course, scratch folder, no network, CPU/memory limits)",
            "limits": "no bubblewrap: CPU/memory limits, own working folder, HOME and TMPDIR only",
        }[self.mode]

    def _choose(self, mode: str) -> str:
        modes = ["bwrap-nobody", "bwrap", "limits"] if mode == "auto" else [mode]
        if os.geteuid() != 0 and "bwrap-nobody" in modes and mode == "auto":
            modes.remove("bwrap-nobody")
        probe = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"course-grader-probe-{os.getpid()}"
        for candidate in modes:
            if candidate != "limits" and not shutil.which("bwrap"):
                continue
            probe.mkdir(parents=True, exist_ok=True)
            try:
                self.mode = candidate
                self.prepare(probe)
                result = self.run(["/bin/sh", "-c", "echo ok > probe && cat probe"], probe, timeout=20)
                if result.returncode == 0 and result.output.strip() == "ok":
                    return candidate
            finally:
                shutil.rmtree(probe, ignore_errors=True)
        return "limits"

    def prepare(self, scratch: pathlib.Path):
        """Make a scratch folder the code can write (owned by the slot's user id in mode 1)."""
        (scratch / "tmp").mkdir(parents=True, exist_ok=True)
        if self.mode == "bwrap-nobody":
            for path in [scratch, *scratch.rglob("*")]:
                os.lchown(path, self.uid, self.uid)

    def env(self, scratch: pathlib.Path) -> dict:
        return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(scratch), "TMPDIR": str(scratch / "tmp"),
                "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}

    def prefix(self, scratch: pathlib.Path, cwd: pathlib.Path = None, see=()) -> list:
        """The command that runs a program in the sandbox, with scratch writable and cwd as its folder.

        see: more folders to show read-only (e.g. the grader's cache while linking)."""
        scratch = pathlib.Path(scratch).resolve()
        cwd = pathlib.Path(cwd or scratch).resolve()
        lim = self.limits
        limits = ["prlimit", f"--cpu={lim.cpu_seconds}", f"--as={lim.memory_mb * 2**20}",
                  f"--fsize={lim.file_mb * 2**20}", "--core=0"]
        if self.mode == "limits":
            return limits + ["--"]
        cmd = []
        if self.mode == "bwrap-nobody":
            cmd = ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups", "--"]
            limits.insert(1, f"--nproc={lim.processes}")
        cmd += limits + ["--", "bwrap", "--die-with-parent", "--new-session", "--unshare-all"]
        for system in ("/usr", "/etc"):
            cmd += ["--ro-bind", system, system]
        for system in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
            cmd += ["--ro-bind-try", system, system]
        cmd += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--ro-bind", str(self.root), str(self.root)]
        for hidden in self.hide:
            if hidden.is_dir() and hidden.is_relative_to(self.root):
                cmd += ["--tmpfs", str(hidden)]
        for folder in see:
            cmd += ["--ro-bind", str(folder), str(folder)]
        cmd += ["--bind", str(scratch), str(scratch), "--chdir", str(cwd), "--"]
        return cmd

    def run(self, command, scratch: pathlib.Path, cwd=None, see=(), timeout=60) -> Result:
        """Run a command (a compile, a link) in the sandbox; its output, and whether time ran out."""
        proc = subprocess.Popen([*self.prefix(scratch, cwd, see), *map(str, command)], cwd=cwd or scratch,
                                env=self.env(scratch), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, errors="replace", start_new_session=True)
        try:
            output, _ = proc.communicate(timeout=timeout)
            return Result(proc.returncode, output, False)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            output, _ = proc.communicate()
            return Result(-signal.SIGKILL, output, True)
