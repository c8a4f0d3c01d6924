"""Speed of casesgen against CPython's own generators, as ratios. Run by hand:

    .venv/bin/python benchmarks/bench.py [--repeat N]

Measures, on a temp copy of this (vendored) project:
  upstream   CPython's generators regenerating their nine outputs from inputs/, one after another
             (what CPython's `make regen-cases` runs)
  cold       casesgen's full Go regeneration: analysis + every emitter, nothing cached
  no-op      `doit` when nothing changed
  one-edit   `doit` after editing one emitter
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casesgen.upstream import GENERATORS  # noqa: E402

EMIT = ["analysis", "ids", "metadata", "uops", "families", "cache_layouts", "tier1", "tier2", "bodies", "optimizer"]


def timed(cmd, cwd, env=None) -> float:
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    return elapsed


def doit(project, *args) -> float:
    return timed([sys.executable, "-m", "doit", *args], project)


def upstream(project: Path) -> float:
    out = Path(tempfile.mkdtemp())
    total = 0.0
    for script, (output, ins) in GENERATORS.items():
        total += timed([sys.executable, f"Tools/cases_generator/{script}", "-o", out / Path(output).name, *ins],
                       project / "inputs")
    shutil.rmtree(out)
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    # Both sides run as Python does by default, caching bytecode: an environment that sets
    # PYTHONDONTWRITEBYTECODE (this machine's does) compiles every module imported from the work
    # copy again on each run (for casesgen 20 ms of a no-op `doit`; for CPython's generators
    # their analyzer, lexer and parser).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if not (REPO / "inputs/Python/bytecodes.c").exists():
        raise SystemExit("bench: run `doit` once first (inputs/ is empty)")
    work = Path(tempfile.mkdtemp()) / "casesgen"
    shutil.copytree(REPO, work, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info"),
                    symlinks=True)
    print(f"bench: working copy {work}; {args.repeat} repeats, median wall seconds")
    results: dict[str, list[float]] = {k: [] for k in ("upstream", "cold", "no-op", "one-edit")}
    emitter = work / "casesgen/emit/family.py"
    original = emitter.read_text()
    for i in range(args.repeat):
        results["upstream"].append(upstream(work))
        doit(work, "forget", *EMIT)
        (work / "cache/analysis.json").unlink(missing_ok=True)
        results["cold"].append(doit(work, *EMIT))
        doit(work)
        results["no-op"].append(doit(work))
        emitter.write_text(original + f"\n# bench edit {i}\n")
        results["one-edit"].append(doit(work))
    emitter.write_text(original)
    med = {k: statistics.median(v) for k, v in results.items()}
    for k, v in med.items():
        print(f"  {k:9s} {v:6.2f} s   (runs: {', '.join(f'{x:.2f}' for x in results[k])})")
    print(f"ratio cold/upstream   = {med['cold'] / med['upstream']:.2f}  (goal <= 0.25)")
    print(f"no-op doit            = {med['no-op']:.2f} s  (goal <= 0.15 s)")
    print(f"ratio one-edit/cold   = {med['one-edit'] / med['cold']:.2f}")
    shutil.rmtree(work.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
