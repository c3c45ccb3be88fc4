#!/usr/bin/env python3
"""The grader's cache travels (into a Gradescope image, onto another machine): it must be built for any x86-64
processor. This configures a cache the way the grader does (cache.Cache.configure, no build) and checks every
compile command: -march=x86-64, never -march=native, and no xsimd for a particular processor.

    test_cache_portable.py WORKDIR
"""
import json
import pathlib
import shlex
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cache as cache_mod  # noqa: E402


def main() -> int:
    folder = pathlib.Path(sys.argv[1]).resolve()
    shutil.rmtree(folder, ignore_errors=True)
    cache = cache_mod.Cache(HERE.parents[1], folder, jobs=1, log=lambda *a: None)
    cache.configure()
    entries = json.loads((folder / "compile_commands.json").read_text())
    problems = []
    for e in entries:
        args = e["arguments"] if "arguments" in e else shlex.split(e["command"])
        march = [a for a in args if a.startswith("-march=")]
        if march[-1:] != ["-march=x86-64"] or "-DXTENSOR_USE_XSIMD" in args:
            problems.append(f"{e['file']}: {' '.join(march) or 'no -march'}"
                            f"{' -DXTENSOR_USE_XSIMD' if '-DXTENSOR_USE_XSIMD' in args else ''}")
    shutil.rmtree(folder, ignore_errors=True)
    for p in problems:
        print("not portable:", p)
    if not entries:
        print("the cache has no compile commands")
        return 1
    print(f"test_cache_portable: {len(entries) - len(problems)} of {len(entries)} compile commands of the grader's"
          " cache are for any x86-64 processor (-march=x86-64)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
