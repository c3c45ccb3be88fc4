#!/usr/bin/env bash
# The Gradescope bundle's packages (setup.sh's first step; tests/grader/test_gradescope_packages.py plays it on a
# pretended Ubuntu 22.04): the course's own list (./course packages), less the header-only libraries when the
# bundle carries them (third_party/VERSIONS), from apt; CMake from Kitware's APT repository
# (https://apt.kitware.com/) on Ubuntu where apt's is older than the 3.25 the course's CMakePresets.json needs
# (Ubuntu 22.04 has 3.22); nothing from PyPI. It stops, saying why, where CMake stays older than 3.25.
#     packages.sh SOURCE
set -euo pipefail
SOURCE=${1:?usage: packages.sh SOURCE}
say() { printf 'setup.sh: %s\n' "$*"; }
mapfile -t packages < <(bash "$SOURCE/course" packages)
if [ -f "$SOURCE/third_party/VERSIONS" ]; then
    kept=()
    for p in "${packages[@]}"; do
        case "$p" in xtensor-dev | libxtensor-dev | libxtensor-blas-dev | xtl-dev | libxsimd-dev) ;; *) kept+=("$p") ;; esac
    done
    packages=("${kept[@]}")
fi
. /etc/os-release
if ! python3 -c 'import tomllib' 2>/dev/null; then
    packages+=(python3-tomli)  # Python 3.10 (Ubuntu 22.04) has no tomllib
fi
apt_install() {  # apt_install PACKAGE...: those not installed yet, from apt
    local missing=() p
    for p in "$@"; do
        [ -n "$p" ] || continue
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    say "installing ${missing[*]} (on ${PRETTY_NAME:-this system})"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
        # One at a time, to name the ones this system does not have (then the build below says what lacks).
        for p in "${missing[@]}"; do
            apt-get install -y -qq --no-install-recommends "$p" || say "warning: no package $p on ${PRETTY_NAME:-this system}"
        done
    fi
}
apt_install "${packages[@]}"
cmake_new_enough() {
    command -v cmake >/dev/null &&
        cmake --version | awk 'NR==1 { split($3, v, "."); exit !(v[1] > 3 || (v[1] == 3 && v[2] >= 25)) }'
}
# The course's CMakePresets.json needs CMake 3.25; Ubuntu 22.04 has 3.22: then CMake from Kitware's APT
# repository (https://apt.kitware.com/: its signing key, then its cmake package for this Ubuntu release).
if ! cmake_new_enough && [ "${ID:-}" = ubuntu ] && [ -n "${VERSION_CODENAME:-}" ]; then
    say "CMake $(cmake --version 2>/dev/null | awk 'NR==1 {print $3}') is older than 3.25: CMake from Kitware's APT repository"
    apt_install ca-certificates gpg wget
    wget -qO- https://apt.kitware.com/keys/kitware-archive-latest.asc | gpg --dearmor >/usr/share/keyrings/kitware-archive-keyring.gpg
    echo "deb [signed-by=/usr/share/keyrings/kitware-archive-keyring.gpg] https://apt.kitware.com/ubuntu/ $VERSION_CODENAME main" \
        >/etc/apt/sources.list.d/kitware.list
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends cmake
    hash -r
fi
if ! cmake_new_enough; then
    say "error: CMake $(cmake --version 2>/dev/null | awk 'NR==1 {print $3}') is older than 3.25, which the course's CMakePresets.json needs (${PRETTY_NAME:-this system})"
    exit 1
fi
say "$(cmake --version | head -1), $(g++ --version | head -1), Python $(python3 -c 'import platform; print(platform.python_version())')"
