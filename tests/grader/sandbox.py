"""Running a student's code: limits on CPU time, memory, file size, processes and disk, a wall-time limit,
and a view of the machine that shows only what the run needs.

The best of these that works on the machine is used, found by trying it once:
  1. bubblewrap (Debian's `bwrap`) under a user id of its own (when the grader runs as root; one id per
     chapter graded at once, so that one fork bomb cannot starve the others); the process limit then holds;
  2. bubblewrap as the current user (the same, except that the process limit cannot hold for root);
  3. a worker user of its own, no bubblewrap ("uid": where bubblewrap is not allowed, as in Gradescope's
     root containers; when the grader runs as root and the users course-worker1, course-worker2, … exist,
     which the Gradescope bundle's setup.sh makes): setpriv to the slot's user, no new privileges, and the
     limits. Nothing is hidden by mounts and there is no disk quota: what the worker must not read
     (solutions, hidden tests, the course's build) is closed to it by file permissions, which setup.sh sets
     and autograder_run.py checks. The compile runs as the worker (an #include of a solution fails); the
     link, which reads every chapter's solution library, runs as the grader's own user (`judge=True`: it
     runs no student code);
  4. limits only (no bubblewrap): prlimit, the scratch folder as working folder, HOME and TMPDIR; nothing
     is hidden and there is no disk quota.
Under bubblewrap a run sees the system read-only (/usr, /etc, /bin, /lib*), its own /proc, a read-only
/dev, no network, the folders it is given (`see`: a compile's include folders, a link's libraries) read-only
less anything in `hide` within them, and its scratch folder. Nothing else: not the course, its solutions,
the hidden tests, the grader's cache or other submissions. The scratch folder, /tmp and /dev/shm are each a
fresh tmpfs of at most `Limits.disk_mb` (bubblewrap's --size), so a flood of files fails with "No space
left on device"; the real scratch folder's files are shown in it read-only, and only the files the grader
reads back (an object file, the test program, the test report) are writable, each up to `Limits.file_mb`.
The root of the view and /dev are read-only. The wall-time limit is enforced by the caller
(boost_junit.run, Sandbox.run), which ends the whole session of processes.
"""
import contextlib
import dataclasses
import os
import pwd
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
# Mode "uid": the users course-worker1, course-worker2, … (one per slot), made by the Gradescope bundle's setup.sh.
WORKER_USER = "course-worker"


def worker_users() -> list:
    """(uid, gid) of course-worker1, course-worker2, … as far as they exist."""
    users = []
    for k in range(1, SLOTS_PER_PROCESS):
        try:
            entry = pwd.getpwnam(f"{WORKER_USER}{k}")
        except KeyError:
            break
        users.append((entry.pw_uid, entry.pw_gid))
    return users


class SandboxError(Exception):
    pass


@dataclasses.dataclass
class Limits:
    cpu_seconds: int = 60  # CPU time of one run (a compile, a link, a chapter's tests)
    memory_mb: int = 4096  # address space
    file_mb: int = 256  # largest file written
    processes: int = 256  # threads and processes of one sandbox's user id (mode 1 only)
    disk_mb: int = 256  # each of the scratch folder, /tmp and /dev/shm (bubblewrap modes)


@dataclasses.dataclass
class Result:
    returncode: int
    output: str
    timed_out: bool


class Sandbox:
    def __init__(self, root: pathlib.Path, hide=(), limits: Limits = Limits(), mode: str = "auto", slots: int = 2):
        """root: the course (never shown as a whole: a run sees only the folders it is given); hide: files and
        folders a run must not see even inside a folder it is given; slots: how many sandboxes run at once
        (each gets a user id of its own in mode 1)."""
        self._uids = queue.Queue()
        self._first_uid = FIRST_UID + SLOTS_PER_PROCESS * (os.getpid() % (1 << 22))
        self._workers = dict(worker_users())  # mode "uid": uid -> gid
        self._local = threading.local()
        self.root = pathlib.Path(root).resolve()
        self.hide = [pathlib.Path(h).resolve() for h in hide]
        self.limits = limits
        self.mode = self._choose(mode)
        uids = list(self._workers) if self.mode == "uid" else \
            [self._first_uid + k for k in range(SLOTS_PER_PROCESS - 1)]
        for uid in uids[:max(1, slots)]:
            self._uids.put(uid)

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
        if self.mode not in ("bwrap-nobody", "uid"):
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
        spare = next(iter(self._workers), 0) if self.mode == "uid" else self._first_uid + SLOTS_PER_PROCESS - 1
        return getattr(self._local, "uid", None) or spare

    @property
    def gid(self) -> int:
        return self._workers.get(self.uid, self.uid)

    @property
    def description(self) -> str:
        quota = f"scratch folder and /tmp of {self.limits.disk_mb} MB each"
        return {
            "bwrap-nobody": f"bubblewrap under a user id of its own (read-only system, nothing of the course but what "
                            f"a run needs, {quota}, no network, CPU/memory/process limits)",
            "bwrap": f"bubblewrap (read-only system, nothing of the course but what a run needs, {quota}, no network, "
                     f"CPU/memory limits)",
            "uid": f"no bubblewrap: a worker user of its own ({WORKER_USER}N; the course's solutions, hidden tests "
                   f"and build closed to it by file permissions), CPU/memory/process limits",
            "limits": "no bubblewrap: CPU/memory limits, own working folder, HOME and TMPDIR only",
        }[self.mode]

    def _choose(self, mode: str) -> str:
        modes = ["bwrap-nobody", "bwrap", "uid", "limits"] if mode == "auto" else [mode]
        if os.geteuid() != 0 and mode == "auto":
            modes = [m for m in modes if m not in ("bwrap-nobody", "uid")]
        if mode == "uid" and (os.geteuid() != 0 or not self._workers):
            raise SandboxError(f"the sandbox 'uid' needs root and the users {WORKER_USER}1, {WORKER_USER}2, … "
                               f"(the Gradescope bundle's setup.sh makes them)")
        probe = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"course-grader-probe-{os.getpid()}"
        for candidate in modes:
            if candidate.startswith("bwrap") and not shutil.which("bwrap"):
                continue
            if candidate == "uid" and not self._workers:
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
        """Make a scratch folder the code can write (in mode 1 and "uid" owned by the slot's user id, and closed
        to the others: a sandbox of another slot could not read it even if it were shown). In "uid" the
        folders above it are made passable, never readable, for the others (the bundle's umask is 077)."""
        (scratch / "tmp").mkdir(parents=True, exist_ok=True)
        if self.mode in ("bwrap-nobody", "uid"):
            for path in [scratch, *scratch.rglob("*")]:
                os.lchown(path, self.uid, self.gid)
            scratch.chmod(0o700)
        if self.mode == "uid":
            for folder in pathlib.Path(scratch).resolve().parents:
                mode = folder.stat().st_mode
                if not mode & 0o001:
                    folder.chmod((mode & 0o7777) | 0o001)

    def hand_over(self, program: pathlib.Path):
        """In "uid": a test program the grader linked or copied (its own, 0700 under the bundle's umask) made
        runnable, not writable, by the worker."""
        if self.mode == "uid":
            os.chmod(program, 0o711)

    def env(self, scratch: pathlib.Path) -> dict:
        return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(scratch), "TMPDIR": str(scratch / "tmp"),
                "LANG": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}

    def prefix(self, scratch: pathlib.Path, cwd: pathlib.Path = None, see=(), writable=(), judge=False,
               cpu_seconds: int = None) -> list:
        """The command that runs a program in the sandbox, in cwd (default: the scratch folder).

        see: files and folders to show read-only (a compile's include folders, the grader's cache while
        linking), less what `hide` names within them; writable: files in the scratch folder that the run
        writes and the grader reads back (made here if missing); judge: a step that reads what the worker
        must not and runs no student code (the link): in "uid" it runs as the grader's own user; cpu_seconds: the
        CPU time of this run, if not Limits.cpu_seconds (a compile's, which does not depend on the tests' time limit)."""
        scratch = pathlib.Path(scratch).resolve()
        cwd = pathlib.Path(cwd or scratch).resolve()
        lim = self.limits
        limits = ["prlimit", f"--cpu={cpu_seconds or lim.cpu_seconds}", f"--as={lim.memory_mb * 2**20}",
                  f"--fsize={lim.file_mb * 2**20}", "--core=0"]
        if self.mode == "limits" or (self.mode == "uid" and judge):
            return limits + ["--"]
        if self.mode == "uid":
            for path in writable:  # made by the grader, written by the worker
                path = pathlib.Path(path)
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.touch()
                os.lchown(path, self.uid, self.gid)
            return ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", "--no-new-privs",
                    "--pdeathsig=KILL", "--", *limits[:1], f"--nproc={lim.processes}", *limits[1:], "--"]
        cmd = []
        if self.mode == "bwrap-nobody":
            cmd = ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups", "--"]
            limits.insert(1, f"--nproc={lim.processes}")
        quota = ["--size", str(lim.disk_mb * 2**20), "--tmpfs"]
        cmd += limits + ["--", "bwrap", "--die-with-parent", "--new-session", "--unshare-all"]
        for system in ("/usr", "/etc"):
            cmd += ["--ro-bind", system, system]
        for system in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
            cmd += ["--ro-bind-try", system, system]
        cmd += ["--proc", "/proc", "--dev", "/dev", *quota, "/dev/shm", "--remount-ro", "/dev", *quota, "/tmp"]
        cmd += self._shown(see, scratch)
        # The scratch folder: a tmpfs with a quota, the real one's files in it read-only, its outputs writable.
        cmd += [*quota, str(scratch), "--dir", str(scratch / "tmp")]
        for entry in sorted(scratch.iterdir()) if scratch.is_dir() else ():
            if entry.name != "tmp":
                cmd += ["--ro-bind", str(entry), str(entry)]
        for path in writable:
            path = pathlib.Path(path).resolve()
            if not path.is_relative_to(scratch):
                raise ValueError(f"{path}: a run writes only in its scratch folder {scratch}")
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch()
            if self.mode == "bwrap-nobody":
                os.lchown(path, self.uid, self.uid)
            cmd += ["--bind", str(path), str(path)]
        cmd += ["--remount-ro", "/", "--chdir", str(cwd), "--"]
        return cmd

    def _shown(self, see, scratch) -> list:
        """bubblewrap's arguments that show the `see` paths read-only, each followed by an empty folder (or
        file) over every hidden path within it: a path given explicitly shows even inside a hidden one (the
        grader's cache inside a hidden build folder), but what is hidden within it stays hidden."""
        cmd, masked = [], []
        for path in sorted({pathlib.Path(p).resolve() for p in see}, key=lambda p: len(p.parts)):
            if not path.exists() or path == scratch:
                continue
            cmd += ["--ro-bind", str(path), str(path)]
            for hidden in sorted(self.hide, key=lambda p: len(p.parts)):
                if hidden == path or not hidden.is_relative_to(path) or not hidden.exists() or \
                        any(hidden.is_relative_to(m) for m in masked if m != path and m.is_relative_to(path)):
                    continue
                cmd += ["--tmpfs", str(hidden)] if hidden.is_dir() else ["--ro-bind", "/dev/null", str(hidden)]
                masked.append(hidden)
        return cmd

    def run(self, command, scratch: pathlib.Path, cwd=None, see=(), timeout=60, writable=(), judge=False,
            cpu_seconds: int = None) -> Result:
        """Run a command (a compile, a link) in the sandbox; its output, and whether time ran out."""
        proc = subprocess.Popen([*self.prefix(scratch, cwd, see, writable, judge, cpu_seconds), *map(str, command)],
                                cwd=cwd or scratch,
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
