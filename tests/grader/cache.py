"""The grader's cache: the course built once (solutions, course code, compiled tests) in a folder of its own,
and the recipes to build one chapter of a submission against it.

The cache is an ordinary CMake build of the course, with the `portable` preset (Ninja; documentation off; code
for any x86-64 processor, not only this one's, since the cache may travel into a Gradescope image). Per
chapter NN it builds `testNN_solutions` (the tests against the solutions: the list of cases), `judgeNN` (the
same tests with proxies in place of the student's functions: no student code in it, so one judge serves
every submission) and the workers `workerNN_solutions` and `workerNN_exercises` (tests/grader/rpc/). A
submission's chapter is then compiled with the command CMake uses for `exercises/NN-name/*.cpp` (from
compile_commands.json; at STUDENT_OPTIMIZATION (-Og), and with a precompiled header) and its worker linked with
the exact command CMake uses for `workerNN_exercises` (from build.ninja; link.txt with Makefiles), with the
student's archive in place of `libchNN_exercises.a`:
the same isolation as `./course check`, where chapter NN is the student's and every other chapter the
solution.

A cache built elsewhere (its CMakeCache.txt names another source or build folder: the Gradescope bundle's
test copies the course's own build/ into the simulated /autograder/source/build-grader) is used as it is,
never configured or built again, its commands' paths moved to where the course and the cache are now.
What the cache makes (the precompiled header, the hidden tests' objects and programs, students' objects) is
kept by keys that do not depend on where the cache and the course are (Cache.key), so such a copy uses what
the cache had made before it was copied. The course's own hidden tests are taken from CMake's build of them
(chNN_hidden) when CMake compiled them with the same command.
"""
import dataclasses
import hashlib
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))
import boost_junit  # noqa: E402
import course_model  # noqa: E402


# A student's file is compiled at -Og, not at CMake's -O3: the grader compiles every file of every submission, and
# -Og compiles fastest (faster than -O3 and -O1; -O0 is slower: it emits every inline function of xtensor it uses).
# The results are the same bits (-ffp-contract=off and no -ffast-math at any level: no reordered or fused
# arithmetic); the tests run hardly slower, since the course code and the other chapters' solutions they call keep
# their -O3.
STUDENT_OPTIMIZATION = "-Og"
# The cache's folders of students' work (scratch folders, compiled objects) and of results: a link sees the
# cache without them.
PRIVATE = ("work", "objects", "reference", "hidden")


class CacheError(Exception):
    pass


@dataclasses.dataclass
class Chapter:
    name: str  # "01-sigmoid"
    nn: str  # "01"
    title: str
    cases: list  # gradable cases as "suite/case", in the order they run (provided cases left out)
    hidden: set  # those of them that come from the hidden tests
    compile_args: list  # the compile command of a student's file, with {src} and {obj} to fill in
    link_args: list  # the worker's link command, with {archive} and {exe}
    judge: pathlib.Path  # the chapter's tests with proxies of its student functions (hidden tests too)
    functions: int  # how many functions the student writes in the chapter
    reference_problems: list  # what went wrong when the tests ran against the solutions (should be empty)
    reference_seconds: float = 0.0  # the slowest case against the solutions, on this machine (hidden ones too)
    # The workers the cache already built, by the library they link as the student's chapter: the link
    # command with that library makes the same program.
    prebuilt: dict = dataclasses.field(default_factory=dict)
    # The chapter's course code compiled (src/course/NN-name/): the student's archive holds it too.
    course_objects: list = dataclasses.field(default_factory=list)
    function_names: list = dataclasses.field(default_factory=list)  # the functions the student writes

    @property
    def include_dirs(self) -> list:
        """The folders a compile of the student's file reads headers from (-I, -isystem, -iquote): the
        sandbox shows these, and nothing else of the course."""
        return include_dirs(self.compile_args)


def include_dirs(args: list) -> list:
    """The folders a compile command reads headers from (-I, -isystem, -iquote)."""
    dirs = []
    for i, a in enumerate(args):
        for flag in ("-isystem", "-iquote", "-I"):
            if a == flag and i + 1 < len(args):
                dirs.append(args[i + 1])
                break
            if a.startswith(flag) and a != flag:
                dirs.append(a[len(flag):])
                break
    return [d for d in dirs if not d.startswith(("-", "{"))]


def _command(entry) -> list:
    return entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])


def _template(args: list, src: str, obj: str) -> list:
    """A compile command with its source and object replaced by placeholders."""
    out, skip = [], False
    for i, a in enumerate(args):
        if skip:
            skip = False
            continue
        if a == "-o":
            out += ["-o", obj]
            skip = True
        elif a == "-c":
            out += ["-c", src]
            skip = True
        else:
            out.append(a)
    if obj not in out or src not in out:
        raise CacheError(f"cannot read CMake's compile command: {' '.join(args)}")
    return out


def _without_depfile(args: list) -> list:
    """A compile command without the options that only write a dependency file (-MD, -MMD, -MT X, -MF X, -MQ X)."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("-MT", "-MF", "-MQ"):
            skip = True
        elif a not in ("-MD", "-MMD"):
            out.append(a)
    return out


class Cache:
    def __init__(self, root: pathlib.Path, folder: pathlib.Path, jobs: int, log=print):
        self.root = pathlib.Path(root).resolve()
        self.course = course_model.Course(self.root)
        self.dir = pathlib.Path(folder).resolve()
        self.jobs = jobs
        self.log = log
        self.objects = self.dir / "objects"  # students' object files, by the hash of source and command
        self.pch_dirs = set()  # the precompiled headers, which a student's compile must see
        self.pch_headers = set()  # the headers they hold, as written between < and > (with them)
        self.moved = []  # a cache built elsewhere: (folder there, folder here), the build folder first
        self._headers = {}  # the digest of the course's headers a compile command reads, by its include folders
        self.used = set()  # what this run used of what the cache keeps: precompiled headers, hidden tests' files

    def _configured(self):
        """The source and build folders the cache was configured for (CMakeCache.txt), or None."""
        try:
            text = (self.dir / "CMakeCache.txt").read_text()
        except OSError:
            return None
        found = dict(re.findall(r"^(CMAKE_HOME_DIRECTORY|CMAKE_CACHEFILE_DIR):INTERNAL=(.*)$", text, re.M))
        if len(found) < 2:
            return None
        return pathlib.Path(found["CMAKE_HOME_DIRECTORY"]), pathlib.Path(found["CMAKE_CACHEFILE_DIR"])

    def here(self, text: str) -> str:
        """A path or a command's argument of a cache built elsewhere, as it is here."""
        for there, here in self.moved:
            text = text.replace(there, here)
        return text

    def portable(self, text: str) -> str:
        """A command's argument as a key hashes it: the cache folder and the course's folder as fixed tokens.
        So a key does not depend on where they are, and a cache copied elsewhere (into a Gradescope image)
        finds the precompiled header, the objects and the programs it already holds."""
        return text.replace(str(self.dir), "{cache}").replace(str(self.root), "{course}")

    def course_headers(self, template: list) -> bytes:
        """The digest of the course's own headers that a compile command may read (every file of its include
        folders in the course or the cache, by name and content): a changed header makes new keys."""
        dirs = tuple(sorted({d for d in include_dirs(template) if pathlib.Path(d).is_absolute() and
                             (d + "/").startswith((str(self.root) + "/", str(self.dir) + "/")) and
                             not (str(self.dir) + "/").startswith(d + "/")}))
        if dirs not in self._headers:
            digest = hashlib.sha256()
            for folder in dirs:
                for path in sorted(p for p in pathlib.Path(folder).rglob("*")
                                   if p.suffix in (".h", ".hpp", ".hxx", ".ipp", ".tpp") and p.is_file()):
                    digest.update(self.portable(str(path)).encode() + b"\0" + path.read_bytes() + b"\0")
            self._headers[dirs] = digest.digest()
        return self._headers[dirs]

    def key(self, template: list, *parts: bytes, course_headers=True) -> str:
        """The key of what a command makes from parts (a source, a header's text): their bytes, the course's
        headers the command may read (unless it reads none of them) and the command itself, wherever the cache
        and the course are."""
        digest = hashlib.sha256()
        headers = self.course_headers(template) if course_headers else b""
        for part in (*parts, headers, "\0".join(map(self.portable, template)).encode()):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()

    def build(self, names=None):
        """Configure (once) and bring the cache up to date for the chapters named (all by default): quick
        when nothing changed."""
        # By default every chapter with an exercise (an appendix, like 09-making-it-fast, has nothing to grade).
        names = names or [c.name for c in self.course.exercise_chapters()]
        # The tests against the solutions (which bring the course code and every solution library), the judge,
        # and the workers of the solutions and the stubs: a chapter submitted as it was handed out, or as the
        # solution, is neither compiled nor linked again (grading.py runs these programs).
        with_tests = [name for name in names if list((self.root / "tests" / name).glob("*.cpp"))]
        targets = [f"{program}{name[:2]}{suffix}" for name in with_tests
                   for program, suffix in (("test", "_solutions"), ("judge", ""), ("worker", "_solutions"),
                                           ("worker", "_exercises"))]
        targets += [f"ch{name[:2]}_exercises" for name in names if name not in with_tests]
        # The course's hidden tests compiled (chNN_hidden, for CTest's chNN.hidden_*): compile_hidden takes them.
        with_hidden = [f"ch{name[:2]}_hidden" for name in with_tests
                       if list((self.root / "tests" / "hidden" / name).glob("*.cpp"))]
        configured = self._configured()
        if configured and configured != (self.root, self.dir):
            source, build = configured
            self.moved = [(str(build), str(self.dir)), (str(source), str(self.root))]
            missing = [t for t in targets if not (self.dir / "tests" / t).exists() and
                       not (self.dir / f"lib{t}.a").exists()]
            if missing:
                raise CacheError(f"the cache {self.dir} was built for {source} and is used as it is, but it lacks "
                                 f"{', '.join(missing)}")
            self.compile_db = {pathlib.Path(self.here(e["file"])).resolve(): e
                               for e in json.loads((self.dir / "compile_commands.json").read_text())}
            return
        log = self.configure()
        build = ["cmake", "--build", str(self.dir), "-j", str(self.jobs), "--target", *targets, *with_hidden]
        try:
            self._cmake(build, log)
        except CacheError as e:
            # A target CMake does not know yet: a chapter that landed since in a way the build does not watch
            # (its CMakeLists.txt and the folders it lists it watches itself), so configure again, once.
            if "unknown target" not in str(e):
                raise
            self._cmake(["cmake", str(self.dir)], log)
            self._cmake(build, log)
        self.compile_db = {pathlib.Path(e["file"]).resolve(): e
                           for e in json.loads((self.dir / "compile_commands.json").read_text())}

    def configure(self) -> pathlib.Path:
        """Configure the cache folder (the first time with the `portable` preset: code for any x86-64 processor,
        since the cache may travel, into a Gradescope image; no documentation); returns the build log."""
        self.dir.mkdir(parents=True, exist_ok=True)
        log = self.dir / "build.log"
        if not (self.dir / "CMakeCache.txt").exists():
            self.log(f"grade: building the course once into the grader's cache {self.dir}")
            self._cmake(["cmake", "--preset", "portable", "-S", str(self.root), "-B", str(self.dir),
                         f"-DCOURSE_EXERCISES_DIR={self.root / 'exercises'}"], log)
        elif not (self.dir / "build.ninja").exists() and not (self.dir / "Makefile").exists():
            self._cmake(["cmake", str(self.dir)], log)  # a configure that stopped halfway
        # Otherwise not again each time (half a CPU-second a grading): `cmake --build` configures again itself
        # when a CMakeLists.txt changed or a folder CMake lists (CONFIGURE_DEPENDS) has new files, such as a
        # chapter that landed since; build() configures again if a target is still unknown.
        return log

    def _cmake(self, args, log):
        with open(log, "a") as out:
            out.write("$ " + " ".join(args) + "\n")
            out.flush()
            if subprocess.run(args, stdout=out, stderr=subprocess.STDOUT).returncode != 0:
                tail = "\n".join(log.read_text().splitlines()[-40:])
                raise CacheError(f"building the grader's cache failed ({log}):\n{tail}")

    def compile_template(self, folder: pathlib.Path, name: str, what: str) -> list:
        """The compile command CMake uses for the .cpp files in folder (exercises/NN or tests/NN)."""
        for path, entry in self.compile_db.items():
            if path.parent == (folder / name).resolve():
                args = [self.here(a) for a in _command(entry)]
                return _template(args, "{src}", "{obj}")
        raise CacheError(f"no compile command for {what} of chapter {name} in {self.dir}/compile_commands.json")

    def link_template(self, target: str) -> list:
        """CMake's link command of a program (testNN_solutions, judgeNN, workerNN_exercises), run from the cache
        folder; {exe} is the output file."""
        args = self._link_command(target)
        try:
            args[args.index("-o") + 1] = "{exe}"
        except (ValueError, IndexError):
            raise CacheError(f"cannot read CMake's link command of {target}: {' '.join(args)}")
        return args

    def _link_command(self, target: str) -> list:
        """The link command CMake wrote for a target: Unix Makefiles keep it in link.txt, Ninja in build.ninja
        (the last of `ninja -t commands`, wrapped as `: && ... && :`)."""
        link = self.dir / "CMakeFiles" / f"{target}.dir" / "link.txt"
        if link.exists():
            return [self.here(a) for a in shlex.split(link.read_text().strip())]
        if (self.dir / "build.ninja").exists():
            proc = subprocess.run(["ninja", "-C", str(self.dir), "-t", "commands", f"tests/{target}"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            lines = proc.stdout.strip().splitlines()
            if proc.returncode == 0 and lines:
                args = shlex.split(lines[-1])
                while args[:2] == [":", "&&"]:
                    args = args[2:]
                while args[-2:] == ["&&", ":"]:
                    args = args[:-2]
                return [self.here(a) for a in args]
            raise CacheError(f"ninja does not know how to link tests/{target} in {self.dir}:\n{proc.stdout}")
        raise CacheError(f"no link command for {target} in {self.dir} (neither link.txt nor build.ninja)")

    def with_pch(self, template: list) -> list:
        """The compile command with the libraries' headers (xtensor, xtensor-blas, the standard library:
        every <...> that the course includes) precompiled once: a student's file compiles about a third
        faster. Without it (it failed to build), the same command as CMake's."""
        headers = set()
        for pattern in ("src/**/*.hpp", "src/**/*.cpp", "solutions/*/*.cpp", "exercises/*/*.cpp"):
            for path in self.root.glob(pattern):
                headers |= set(re.findall(r"^#include <[^>]+>", path.read_text(), re.M))
        text = "// The grader's precompiled header: the libraries the course includes.\n" + "\n".join(sorted(headers)) + "\n"
        folder = self.pch_folder(text, template)
        header = folder / "course_pch.hpp"
        if not (folder / "ok").exists():
            folder.mkdir(parents=True, exist_ok=True)
            header.write_text(text)
            args = [a.replace("{src}", str(header)).replace("{obj}", str(header) + ".gch") for a in template]
            args.insert(args.index("-c"), "-xc++-header")
            proc = subprocess.run(args, cwd=self.dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if proc.returncode != 0:
                self.log(f"grade: no precompiled header (it did not build):\n{proc.stdout[-2000:]}")
                return template
            (folder / "ok").write_text("")
        self.pch_dirs.add(folder)
        self.used.add(folder)
        self.pch_headers |= {line.split(None, 1)[1] for line in headers}
        return [template[0], "-include", str(header), *template[1:]]

    def pch_folder(self, text: str, template: list) -> pathlib.Path:
        """Where the precompiled header of text, compiled with template, is (text includes only <...> headers,
        the libraries': the course's own do not change it)."""
        return self.dir / "pch" / self.key(template, text.encode(), course_headers=False)[:16]

    def compile_hidden(self, hidden_dir: pathlib.Path, name: str, template: list) -> list:
        """The instructor's hidden test files of a chapter, compiled once (cached by content: theirs and that of the
        headers beside them in the hidden tests' folder, e.g. random_network.hpp, which they may include), or
        taken from CMake's build of them when that is the same compile."""
        headers = b"".join(path.read_bytes() for path in sorted(hidden_dir.rglob("*.hpp")))
        objs = []
        for src in sorted((hidden_dir / name).glob("*.cpp")):
            obj = self.object_path(src.read_bytes() + b"\0" + headers, template, suffix=".hidden.o")
            if not obj.exists():
                tmp = obj.with_name(f"{obj.name}.{os.getpid()}.tmp")
                built = self._cmake_object(src, template)
                if built:
                    shutil.copyfile(built, tmp)
                else:
                    args = [a.replace("{src}", str(src)).replace("{obj}", str(tmp)) for a in template]
                    proc = subprocess.run(args, cwd=self.dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                          text=True)
                    if proc.returncode != 0:
                        raise CacheError(f"the hidden tests {src} do not compile:\n{proc.stdout[-4000:]}")
                os.replace(tmp, obj)
            objs.append(str(obj))
            self.used.add(obj)
        return objs

    def _cmake_object(self, src: pathlib.Path, template: list):
        """CMake's object of one of the course's hidden test files (chNN_hidden, which build() brought up to date)
        when CMake compiled it with template's command: the object compile_hidden would make. None in a cache
        built elsewhere (used as it is, never built) or for hidden tests from another folder."""
        if self.moved or src.resolve().parent.parent != (self.root / "tests" / "hidden").resolve():
            return None
        entry = self.compile_db.get(src.resolve())
        if entry is None:
            return None
        args = _command(entry)
        try:
            same = _without_depfile(_template(args, "{src}", "{obj}")) == _without_depfile(template)
            built = pathlib.Path(entry.get("directory", self.dir)) / args[args.index("-o") + 1]
        except (CacheError, ValueError, IndexError):
            return None
        return built if same and built.is_file() else None

    def object_path(self, source: bytes, template: list, suffix=".o") -> pathlib.Path:
        """Where the object compiled from source with template is kept (by key: wherever the cache is)."""
        self.objects.mkdir(parents=True, exist_ok=True)
        return self.objects / (self.key(template, source)[:32] + suffix)

    def chapter(self, name: str, hidden_dir: pathlib.Path = None, seed: int = None) -> Chapter:
        """Everything needed to grade one chapter; runs its tests once against the solutions (the hidden tests
        with the grading's seed: they draw their inputs from it)."""
        nn = name[:2]
        compile_args = self.with_pch([STUDENT_OPTIMIZATION if re.fullmatch(r"-O[0-3sgz]?|-Ofast", a) else a
                                      for a in self.compile_template(self.root / "exercises", name, "the exercise")])
        link_args = self.link_template(f"worker{nn}_exercises")
        archive = f"libch{nn}_exercises.a"
        if archive not in link_args:
            raise CacheError(f"cannot find {archive} in the link command of worker{nn}_exercises")
        link_args = ["{archive}" if a == archive else a for a in link_args]
        hidden_objs = []
        if hidden_dir and (hidden_dir / name).is_dir():
            test_template = self.compile_template(self.root / "tests", name, "the tests")
            hidden_objs = self.compile_hidden(hidden_dir, name, test_template)
        visible, problems, slowest = self._reference_run(self.dir / "tests" / f"test{nn}_solutions", name, "visible")
        cases = visible
        judge = self.dir / "tests" / f"judge{nn}"
        if hidden_objs:
            cases, problems, slowest_hidden = self._reference_run(
                self._link_with_hidden(f"test{nn}_solutions", nn, hidden_objs), name, "hidden", seed)
            slowest = max(slowest, slowest_hidden)
            judge = self._link_with_hidden(f"judge{nn}", nn, hidden_objs)
        prebuilt = {}
        for impl in ("exercises", "solutions"):
            exe = self.dir / "tests" / f"worker{nn}_{impl}"
            if exe.exists():
                prebuilt[str(self.dir / f"libch{nn}_{impl}.a")] = exe
        # The chapter's course code (src/course/NN-name/), which its library holds beside the student's files.
        course_objects = sorted(str(o) for o in (self.dir / "CMakeFiles" / f"ch{nn}_course.dir").rglob("*.o"))
        chapter = self.course.chapter(int(nn))
        return Chapter(name=name, nn=nn, title=chapter.heading, cases=cases,
                       hidden={c for c in cases if c not in set(visible)}, compile_args=compile_args,
                       link_args=link_args, judge=judge, functions=len(chapter.functions),
                       reference_problems=problems, reference_seconds=slowest, prebuilt=prebuilt,
                       course_objects=course_objects, function_names=[f.name for f in chapter.functions])

    def _with_objects(self, link_args: list, nn: str, objs: list) -> list:
        """The link command with more test objects after the chapter's own."""
        for i, a in enumerate(link_args):
            if f"ch{nn}_tests.dir/" in a:
                return link_args[:i + 1] + objs + link_args[i + 1:]
        raise CacheError(f"cannot find chapter {nn}'s test objects in its link command")

    def _link_with_hidden(self, target: str, nn: str, hidden_objs: list) -> pathlib.Path:
        """testNN_solutions or judgeNN with the hidden tests too, linked once per link command (its objects and
        libraries by their names in the cache: the same key wherever the cache is), and again when one of
        them is newer than the program (CMake built the chapter's tests or libraries again)."""
        template = self._with_objects(self.link_template(target), nn, hidden_objs)
        exe = self.hidden_link_path(target, template)
        if not exe.exists() or exe.stat().st_mtime < self._newest(template):
            exe.parent.mkdir(parents=True, exist_ok=True)
            tmp = exe.with_name(f"{target}.{os.getpid()}.tmp")
            args = [a.replace("{exe}", str(tmp)) for a in template]
            proc = subprocess.run(args, cwd=self.dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if proc.returncode != 0:
                raise CacheError(f"the hidden tests of chapter {nn} do not link with the solutions:\n{proc.stdout}")
            os.replace(tmp, exe)
        self.used.add(exe)
        return exe

    def prune(self) -> int:
        """Remove what the cache keeps that this run did not use (precompiled headers, hidden tests' objects and
        programs made before a source, a header or an option changed): the folder, and a copy of it, stay the
        size of one set. Returns how many were removed."""
        stale = [p for p in (self.dir / "pch").glob("*") if p not in self.used]
        stale += [p for p in self.objects.glob("*.hidden.o") if p not in self.used]
        stale += [p for p in (self.dir / "hidden").glob("*") if not self.used & set(p.iterdir())]
        for path in stale:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        return len(stale)

    def hidden_link_path(self, target: str, template: list) -> pathlib.Path:
        """Where the program that template links ({exe} its output) is kept."""
        return self.dir / "hidden" / self.key(template)[:16] / target

    def _newest(self, args: list) -> float:
        """The time of the newest file a command names (run in the cache folder)."""
        newest = 0.0
        for a in args:
            if not a.startswith("-"):
                try:
                    newest = max(newest, (self.dir / a).stat().st_mtime)
                except OSError:
                    pass
        return newest

    def _reference_run(self, exe: pathlib.Path, name: str, tag: str, seed: int = None):
        """The gradable cases, in order, from a run against the solutions; any problem of that run; and the time
        of its slowest case in seconds."""
        report = self.dir / "reference" / f"{name}-{tag}.xml"
        env = None if seed is None else dict(os.environ, COURSE_SEED=str(seed))
        run = boost_junit.run(exe, report, ["--run_test=!@provided"], timeout=600, env=env)
        cases = [f"{c.suite}/{c.name}" for c in run.cases]
        problems = [f"{c.suite}/{c.name}: {c.message}" for c in run.cases if not c.ok]
        if run.problem:
            problems.append(run.problem)
        return cases, problems, max((c.seconds for c in run.cases), default=0.0)
