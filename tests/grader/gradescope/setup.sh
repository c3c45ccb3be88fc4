#!/usr/bin/env bash
# The Gradescope bundle's setup: Gradescope runs it once, as root, when it builds the autograder's image, with
# the bundle unpacked in /autograder/source (Gradescope's "Autograder Specifications",
# https://gradescope-autograders.readthedocs.io/en/latest/specs/). Gradescope's base images
# (https://gradescope-autograders.readthedocs.io/en/latest/base_images/) are Ubuntu, 22.04 by default and the
# newest offered (24.04 is asked for in https://github.com/gradescope/autograder_samples/issues/136); tested here
# only on Debian 12 (tests/grader/gradescope_test.py). It
#   1. installs the packages the grader builds with (./course packages), less the header-only libraries, which
#      the bundle carries (third_party/: xtensor, xtl, xsimd, xtensor-blas as the instructors' machine has
#      them; Ubuntu 22.04's xtensor is 0.23.10, older than the 0.24.3 the course is tested with), and CMake
#      from Kitware's APT repository (https://apt.kitware.com/) where the system's is older than 3.25, which
#      the course's CMakePresets.json needs (Ubuntu 22.04 has 3.22): no Python packages, no PyPI,
#   2. builds the grader's cache, build-grader/, for any x86-64 processor (the image runs on machines it was not
#      built on) with the bundled headers, or copies a prebuilt one (COURSE_PREBUILT_CACHE=DIR: the course's own
#      test does, from build/), and stops if the build includes other versions of the header-only libraries
#      than those the course is tested with (tests/grader/library_versions.py: library, version, file),
#   3. makes the worker users course-worker1 … course-worker8 (the sandbox "uid": no bubblewrap in Gradescope's
#      containers, so each run of student code has a user id of its own),
#   4. grades the solutions (must score 100) and the stubs (must score 0) once: the image is not built if the
#      grader does not work in it, and the precompiled header and the hidden tests are compiled now (a prebuilt
#      cache that has graded brings them along),
#   5. closes the course to the workers: they may read its headers (src/, third_party/) and the precompiled
#      header, pass through build-grader/ to their scratch folders, and nothing else (not the solutions, the
#      hidden tests, the grader, the build); files are root's.
set -euo pipefail
SOURCE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE="$SOURCE/build-grader"
WORKERS=8
say() { printf 'setup.sh: %s\n' "$*"; }
started=$(date +%s)

# 1. Packages (packages.sh); the header-only libraries are the bundle's.
bash "$SOURCE/tests/grader/gradescope/packages.sh" "$SOURCE"
if [ -f "$SOURCE/third_party/VERSIONS" ]; then
    export CMAKE_PREFIX_PATH="$SOURCE/third_party/usr"  # find_package(xtensor …) finds the bundled ones first
fi

# 2. The grader's cache.
unset CFLAGS CXXFLAGS LDFLAGS  # nothing of this machine's processor in a binary that travels
if [ -n "${COURSE_PREBUILT_CACHE:-}" ]; then
    say "the grader's cache copied from $COURSE_PREBUILT_CACHE (built elsewhere: used as it is)"
    rm -rf "$CACHE" && mkdir -p "$CACHE"
    # What grading reads: the build's commands and compiled tests, objects and libraries (no website, no
    # precompiled headers of CMake's, no programs, no earlier grading runs), and what grading there made and
    # kept, by keys that do not depend on where the cache is: the precompiled header of a student's file,
    # the hidden tests compiled, and the chapters' tests and judges linked with them (tests/grader/cache.py).
    # (tar's exit status 1: a file changed as it was read, as CMake's logs may in a build folder in use.)
    (cd "$COURSE_PREBUILT_CACHE" && kept=() && for f in pch hidden objects/*.hidden.o; do
        [ ! -e "$f" ] || kept+=("$f"); done &&
     { tar -cf - --warning=no-file-changed --exclude='CMakeFiles/*.gch' CMakeCache.txt compile_commands.json \
        build.ninja CMakeFiles tests lib*.a "${kept[@]}" || [ $? -eq 1 ]; }) | tar -C "$CACHE" -xf -
else
    # Configured here with the `portable` preset, as grade.py does; grade.py's first run below builds it.
    say "the grader's cache will be built in build-grader/ (the preset portable: for any x86-64 processor)"
    python3 - "$SOURCE" "$CACHE" <<'PY'
import pathlib, sys
sys.path[:0] = [sys.argv[1] + "/tests/grader", sys.argv[1] + "/tests/tools"]
import cache
cache.Cache(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), 2).configure()
PY
fi
# The header-only libraries the build includes are those the course is tested with (library, version, file).
if [ -f "$SOURCE/third_party/VERSIONS" ]; then
    python3 "$SOURCE/tests/grader/library_versions.py" check "$CACHE" "$SOURCE/third_party/VERSIONS"
fi

# 3. The workers: one user each, no home, no login, a group of its own.
for k in $(seq 1 "$WORKERS"); do
    id -u "course-worker$k" >/dev/null 2>&1 ||
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "course-worker$k"
done

# 4. Grade the solutions and the stubs once (Cache.build builds what the cache still lacks).
hidden=()
[ -d "$SOURCE/tests/hidden" ] && hidden=(--hidden-tests "$SOURCE/tests/hidden")
for impl in solutions exercises; do
    want=$([ "$impl" = solutions ] && echo 100 || echo 0)
    say "grading the $impl once (must score $want)"
    python3 "$SOURCE/tests/grader/grade.py" "$SOURCE/$impl" --cache "$CACHE" --sandbox uid --quiet "${hidden[@]}" \
        --json "$CACHE/setup-$impl.json" --gradebook "$CACHE/setup-gradebook.sqlite"
    python3 - "$CACHE/setup-$impl.json" "$want" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
total, want = data["submissions"][0]["total"], float(sys.argv[2])
if data["sandbox"] != "uid" or abs(total - want) > 1e-6:
    sys.exit(f"setup.sh: error: the {sys.argv[1]} run scored {total} in the sandbox {data['sandbox']!r}, not {want} in 'uid'")
PY
done

if [ -z "${COURSE_PREBUILT_CACHE:-}" ] && grep -q -- "-march=native" "$CACHE/compile_commands.json"; then
    say "error: the cache's compile commands have -march=native: its programs would not run on every x86-64"
    exit 1
fi

# 5. Permissions: root's files; the workers read src/ and the precompiled header, and pass through the cache.
chown -R root:root "$SOURCE"
chmod -R go-rwx "$SOURCE"
chmod go+x "$SOURCE" "$CACHE"
mkdir -p "$CACHE/work" && chmod 0711 "$CACHE/work"
chmod -R go+rX "$SOURCE/src" "$CACHE/pch"
[ ! -d "$SOURCE/third_party" ] || chmod -R go+rX "$SOURCE/third_party"
say "done in $(( $(date +%s) - started )) s; the cache: $(du -sh "$CACHE" | cut -f1)"
