#!/usr/bin/env python3
"""The Gradescope bundle's packages step (tests/grader/gradescope/packages.sh) on a pretended Ubuntu 22.04
(CTest grader.gradescope_packages).

Gradescope's image cannot be run here, so its package step is played in bubblewrap with this machine's system,
an /etc/os-release of Ubuntu 22.04 and stand-ins, first on PATH, for the tools it calls: dpkg-query (nothing
installed), apt-get (logs its arguments; once Kitware's repository is listed, `apt-get install cmake` brings
CMake 3.28), cmake (3.22.1 before that, as Ubuntu 22.04's), wget, gpg, g++, and python3 without tomllib (as
Python 3.10). What is checked is what the script asks for, not what Ubuntu would give:

  ubuntu       with the bundle's third_party/: apt installs the course's packages but the header-only
               libraries, and python3-tomli; Kitware's repository for jammy, signed by its key; then cmake
  no_kitware   the same, where Kitware's cmake does not come: it stops, saying CMake is older than 3.25
  debian_old   a system that is not Ubuntu, with CMake 3.22: no other repository; it stops, saying why
  no_bundled   without third_party/: the header-only libraries come from apt
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import checks  # noqa: E402

UBUNTU = 'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nID_LIKE=debian\n' \
         'VERSION_CODENAME=jammy\n'
DEBIAN_OLD = 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nID=debian\nVERSION_ID="11"\nVERSION_CODENAME=bullseye\n'
HEADER_ONLY = {"xtensor-dev", "libxtensor-dev", "libxtensor-blas-dev", "xtl-dev", "libxsimd-dev"}

FAKES = {
    "dpkg-query": 'echo "unknown ok not-installed"\n',
    "apt-get": 'echo "apt-get $*" >>"$FAKE/log"\n'
               'if [[ " $* " == *" install "* && " $* " == *" cmake "* && -f /etc/apt/sources.list.d/kitware.list'
               ' && -z "${FAKE_NO_KITWARE:-}" ]]; then touch "$FAKE/cmake-new"; fi\n',
    "cmake": '[ -f "$FAKE/cmake-new" ] && echo "cmake version 3.28.1" || echo "cmake version 3.22.1"\n',
    "wget": 'echo "wget $*" >>"$FAKE/log"; echo "-----BEGIN PGP PUBLIC KEY BLOCK-----"\n',
    "gpg": 'echo "gpg $*" >>"$FAKE/log"; cat >/dev/null; echo "dearmored key"\n',
    "g++": 'echo "g++ (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0"\n',
    "python3": 'case "$*" in *tomllib*) exit 1;; esac\nexec /usr/bin/python3 "$@"\n',
}


def play(work: pathlib.Path, os_release: str, bundled: bool, env=()) -> tuple:
    """Run packages.sh as it would run there; (exit code, output, apt-get's and wget's log, kitware.list)."""
    shutil.rmtree(work, ignore_errors=True)
    fake, source = work / "fake", work / "source"
    for folder in (fake / "bin", fake / "keyrings", fake / "sources", source / "tests" / "grader" / "gradescope"):
        folder.mkdir(parents=True)
    for name, body in FAKES.items():
        (fake / "bin" / name).write_text("#!/bin/bash\n" + body)
        (fake / "bin" / name).chmod(0o755)
    (fake / "os-release").write_text(os_release)
    (fake / "log").touch()
    shutil.copy2(ROOT / "course", source / "course")
    shutil.copy2(HERE / "gradescope" / "packages.sh", source / "tests" / "grader" / "gradescope" / "packages.sh")
    if bundled:
        (source / "third_party").mkdir()
        (source / "third_party" / "VERSIONS").write_text("xtensor 0.24.3\n")
    os_release_path = pathlib.Path("/etc") / os.readlink("/etc/os-release") if pathlib.Path(
        "/etc/os-release").is_symlink() else pathlib.Path("/etc/os-release")
    cmd = ["bwrap", "--die-with-parent", "--dev-bind", "/", "/", "--ro-bind", str(fake / "os-release"),
           str(os_release_path.resolve()), "--bind", str(fake / "keyrings"), "/usr/share/keyrings",
           "--bind", str(fake / "sources"), "/etc/apt/sources.list.d", "--setenv", "FAKE", str(fake),
           "--setenv", "PATH", f"{fake / 'bin'}:/usr/bin:/bin:/usr/sbin:/sbin"]
    for key, value in env:
        cmd += ["--setenv", key, value]
    proc = subprocess.run(cmd + ["bash", str(source / "tests" / "grader" / "gradescope" / "packages.sh"), str(source)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    listed = fake / "sources" / "kitware.list"
    return proc.returncode, proc.stdout, (fake / "log").read_text(), listed.read_text() if listed.exists() else None


def installs(log: str) -> list:
    """The packages of each `apt-get install`, in order."""
    return [[w for w in line.split()[2:] if not w.startswith("-")] for line in log.splitlines()
            if line.startswith("apt-get install")]


def main() -> int:
    if os.geteuid() != 0 or not shutil.which("bwrap"):
        print("test_gradescope_packages: needs root and bubblewrap: skipped")
        return 77
    check = checks.Checks()
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        rc, out, log, listed = play(work / "ubuntu", UBUNTU, bundled=True)
        print(out, log, sep="\n")
        first = installs(log)[0] if installs(log) else []
        check(rc == 0, f"ubuntu: packages.sh ends well ({rc})")
        check({"cmake", "ninja-build", "g++", "libopenblas-dev", "libboost-test-dev", "python3-tomli"} <= set(first)
              and not HEADER_ONLY & set(first),
              f"ubuntu: apt installs the course's packages and python3-tomli, not the header-only libraries: {first}")
        check(listed is not None and "https://apt.kitware.com/ubuntu/ jammy main" in listed
              and "signed-by=/usr/share/keyrings/kitware-archive-keyring.gpg" in listed,
              f"ubuntu: Kitware's repository for jammy, signed by its key: {listed!r}")
        check("wget -qO- https://apt.kitware.com/keys/kitware-archive-latest.asc" in log and "gpg --dearmor" in log,
              "ubuntu: Kitware's key fetched and dearmored")
        check(installs(log)[-1:] == [["cmake"]] and "cmake version 3.28.1" in out,
              f"ubuntu: then cmake from it, and the script names the CMake it has ({out.splitlines()[-1:]})")
        check("pip" not in log + out, "ubuntu: nothing from PyPI")

        rc, out, log, _ = play(work / "no_kitware", UBUNTU, bundled=True, env=[("FAKE_NO_KITWARE", "1")])
        check(rc == 1 and "error: CMake 3.22.1 is older than 3.25" in out,
              f"no_kitware: stops, saying why ({out.strip().splitlines()[-1:]})")

        rc, out, log, listed = play(work / "debian_old", DEBIAN_OLD, bundled=True)
        check(rc == 1 and listed is None and "error: CMake 3.22.1 is older than 3.25" in out and "bullseye" in out,
              f"debian_old: no other repository; stops, saying why ({out.strip().splitlines()[-1:]})")

        rc, out, log, _ = play(work / "no_bundled", UBUNTU, bundled=False)
        first = installs(log)[0] if installs(log) else []
        check({"xtensor-dev", "libxtensor-blas-dev", "xtl-dev", "libxsimd-dev"} <= set(first),
              f"no_bundled: the header-only libraries come from apt: {first}")
    return check.summary("grader.gradescope_packages")


if __name__ == "__main__":
    sys.exit(main())
