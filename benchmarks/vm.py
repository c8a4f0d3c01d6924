"""Speed of the Go VM, as ratios. Run by hand, from the project root, after `doit`:

    .venv/bin/python benchmarks/vm.py [--repeat N] [--instructions]

On the programs of benchmarks/programs/ (ours: one loop each) and the real programs of
tests/corpus/real/ (others' programs: pyperformance's richards, nbody, ..., each with its origin),
module code whose answer is the global `result`, compiled into their real code objects by
casesgen/corpus_compile.py under the vendored CPython 3.14.10, it measures:
  generated  the Go VM with the generated tier-1 loop (runFrame, vm/eval_dispatch_gen.go)
  hand       the same VM with the hand-written reference loop (runFrameHand, vm/handswitch.go):
             the same body functions, the same programs, dispatched by a hand-written switch
  CPython    the vendored CPython 3.14.10 running the same code object
Both sides run one code object again and again, in fresh globals each run: CPython execs the
compiled code object, cmd/vmbench loads the code objects once per loop; the untimed first run
quickens and specializes the code on both sides, and the timed runs find it so (until the
sixth session each Go run loaded the code afresh, so that every Go run specialized again, and its
instruction count included decoding the code objects: richards 9% of its count). CPython and the Go VM run in turns, a round of every
program each; every figure is the median of N rounds, each timed run after an untimed one (the
summary adds the ratio of the fastest runs). The ratios: generated/hand (goal <= 1.10) and Go VM/CPython, per program and as geometric
means, over each set and over both. A program that needs what the test runtime lacks (an import)
is listed with what, and left out of the means.

--instructions counts instead of timing: the machine instructions one run of each program takes
(valgrind's callgrind), for CPython and the generated loop, as the difference between two runs
and one so that start-up and compilation drop out. Go runs with its collector off (GOGC=off:
under callgrind its share moved a program's count by a quarter from one run to the next; timed, it
runs mostly on another core), GOMAXPROCS=1 and no asynchronous preemption. The counts repeat to a
fraction of a percent where the times of a shared 2-core machine move by a third, so they are what
to compare a change by; they do not see what costs time without costing instructions (a store read
back at once, a cache miss) nor the collector's work (CPython's frees are in its count).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casesgen.config import load  # noqa: E402
from casesgen.gotree import go_env, go_tool  # noqa: E402
from casesgen.sources.debian import interpreter  # noqa: E402

PROGRAMS = REPO / "benchmarks/programs"
REAL = REPO / "tests/corpus/real"
COMPILER = REPO / "casesgen/corpus_compile.py"
GOAL = 1.10

# Runs under the vendored CPython: times exec of each program's code object in fresh globals.
CPYTHON_TIMER = r"""
import json, sys, time
corpus, runs = sys.argv[1], int(sys.argv[2])
for p in json.load(open(corpus))["programs"]:
    co = compile(p["source"], p["name"], "exec")
    times = []
    for i in range(runs + 1):
        ns = {"__name__": "__main__"}
        start = time.perf_counter_ns()
        exec(co, ns)
        elapsed = time.perf_counter_ns() - start
        if i:
            times.append(elapsed)
    print(json.dumps({"name": p["name"], "ns": times, "result": repr(ns.get("result"))}), flush=True)
"""


def lines(cmd, **kw):
    """The JSON lines a command prints, one by one, as it prints them."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    for line in proc.stdout:
        yield json.loads(line)
    err = proc.stderr.read()
    if proc.wait() != 0:
        raise SystemExit(f"bench: {' '.join(map(str, cmd[:4]))} ... failed (exit {proc.returncode}):\n{err[-2000:]}")


def instructions(cmd, env=None) -> int:
    """The instructions callgrind counts for cmd, every thread's."""
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *map(str, cmd)],
                       env=env, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", r.stderr)
    if r.returncode != 0 or not found:
        raise SystemExit(f"bench: callgrind of {' '.join(map(str, cmd[:4]))} ... failed:\n{r.stderr[-2000:]}")
    return int(found.group(1))


def count_instructions(corpus: Path, python, exe: Path, work: Path, unsupported: dict[str, str]) -> None:
    """Per program, the instructions of one run under CPython and under the generated loop."""
    if shutil.which("valgrind") is None:
        raise SystemExit("bench: --instructions needs valgrind (apt install valgrind)")
    argv, env = python
    # Go's preemption signals can crash valgrind: the collector's goroutines yield by themselves
    go = {**go_env(), "GOGC": "off", "GOMAXPROCS": "1", "GODEBUG": "asyncpreemptoff=1"}
    data = json.loads(corpus.read_text())
    ratios = {}
    print(f"  {'program':18s} {'CPython':>14s} {'Go VM':>14s} {'GoVM/CPy':>9s}   (instructions per run; Go's collector off)")
    for p in data["programs"]:
        if p["name"] in unsupported:
            print(f"  {p['name']:18s} {'n/a':>14s} {'n/a':>14s} {'n/a':>9s}   (unsupported: {unsupported[p['name']]})")
            continue
        one = work / f"{p['name']}.json"
        one.write_text(json.dumps({**data, "programs": [p]}))
        # both sides run once untimed before the runs asked for: two runs less one is one run
        cpy = instructions([*argv, "-c", CPYTHON_TIMER, one, 2], env) - instructions([*argv, "-c", CPYTHON_TIMER, one, 1], env)
        gov = (instructions([exe, "-n", 2, "-loop", "generated", one], go)
               - instructions([exe, "-n", 1, "-loop", "generated", one], go))
        ratios[p["name"]] = gov / cpy
        print(f"  {p['name']:18s} {cpy:14,d} {gov:14,d} {gov / cpy:9.2f}", flush=True)
    for label, names in sets(ratios):
        print(f"  {'geometric mean':18s} {'':14s} {'':14s} {geomean(ratios[n] for n in names):9.2f}   ({label})")
    print()
    print(f"instructions Go VM/CPython = {geomean(ratios.values()):.2f}  (worst {max(ratios.values()):.2f}, "
          f"{max(ratios, key=ratios.get)}; {len(ratios)} programs)")


def sets(measured) -> list[tuple[str, list[str]]]:
    """The programs measured, as the sets the summary gives a mean of: ours, others', both."""
    ours = [n for n in measured if (PROGRAMS / n).is_file()]
    real = [n for n in measured if n not in ours]
    return [(f"benchmarks/programs, {len(ours)}", ours), (f"tests/corpus/real, {len(real)}", real),
            (f"all {len(measured)}", list(measured))]


def geomean(xs) -> float:
    return math.exp(statistics.fmean(math.log(x) for x in xs))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--instructions", action="store_true",
                    help="count each program's instructions under callgrind instead of timing it")
    args = ap.parse_args()
    cfg = load(REPO)
    python = interpreter(cfg.cache / "debian" / "root")
    tree = cfg.go_tree
    for rel in ("vm/op_bodies_gen.go", "vm/eval_dispatch_gen.go", "vm/handswitch.go", "cmd/vmbench/main.go"):
        if not (tree / rel).is_file():
            raise SystemExit(f"bench: {tree / rel} is missing; run `doit` once first")
    programs = sorted(PROGRAMS.glob("*.py")) + sorted(REAL.glob("*.py"))
    work = Path(tempfile.mkdtemp())
    corpus = work / "programs.json"

    print(f"bench: compiling {len(programs)} programs under CPython 3.14 ({', '.join(p.stem for p in programs)})")
    argv, env = python
    r = subprocess.run([*argv, str(COMPILER), str(corpus), *map(str, programs)], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"bench: corpus_compile.py failed:\n{r.stderr[-2000:]}")
    expected = {p["name"]: p["result"] for p in json.loads(corpus.read_text())["programs"]}
    version = json.loads(corpus.read_text())["python"]

    print("bench: building cmd/vmbench")
    exe = work / "vmbench"
    r = subprocess.run([str(go_tool("go")), "build", "-tags", "vmbench", "-o", str(exe), "./cmd/vmbench"], cwd=tree, env=go_env(),
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"bench: go build ./cmd/vmbench failed:\n{r.stderr[-2000:]}")

    # One run of each program first: its answer must be CPython's, and what the runtime lacks is
    # known before anything is timed or counted.
    unsupported = {}
    for t in lines([str(exe), "-n", "1", "-loop", "generated", str(corpus)]):
        if t.get("unsupported"):
            unsupported[t["name"]] = t["unsupported"]
        elif t.get("error") or t["result"] != expected[t["name"]]:
            raise SystemExit(f"bench: {t['name']}: the Go VM says {t.get('error') or t['result']}, "
                             f"CPython {expected[t['name']]}")
    if unsupported:
        print("bench: left out, unsupported by the test runtime: "
              + ", ".join(f"{n} ({why})" for n, why in sorted(unsupported.items())))

    if args.instructions:
        print("bench: counting instructions under callgrind, CPython and the generated loop")
        count_instructions(corpus, python, exe, work, unsupported)
        shutil.rmtree(work, ignore_errors=True)
        return

    # CPython and the Go VM take turns, one round of every program each, so that a change in the
    # machine's load during the benchmark moves both sides alike (this 2-core machine's load moves
    # CPython's own times by a third from one minute to the next).
    print(f"bench: CPython {version} and the Go VM (generated and hand-written loops alternating) in turns, "
          f"{args.repeat} rounds")
    cpy_runs: dict[str, list[float]] = {}
    gen_runs: dict[str, list[float]] = {}
    hand_runs: dict[str, list[float]] = {}
    hand_missing: dict[str, str] = {}
    for round_ in range(args.repeat):
        for t in lines([*argv, "-c", CPYTHON_TIMER, str(corpus), "1"], env=env):
            cpy_runs.setdefault(t["name"], []).extend(x / 1e6 for x in t["ns"])
        for t in lines([str(exe), "-n", "1", str(corpus)]):
            if t.get("unsupported"):
                continue
            if t.get("error"):
                raise SystemExit(f"bench: {t['name']}: {t['error']}")
            if t["result"] != expected[t["name"]]:
                raise SystemExit(f"bench: {t['name']}: the Go VM says {t['result']}, CPython {expected[t['name']]}")
            gen_runs.setdefault(t["name"], []).append(t["generated_ns"] / 1e6)
            if t.get("hand_missing"):
                hand_missing[t["name"]] = t["hand_missing"]
            else:
                hand_runs.setdefault(t["name"], []).append(t["hand_ns"] / 1e6)
        print(f"  round {round_ + 1}: " + ", ".join(f"{n} {gen_runs[n][-1]:.1f}/{cpy_runs[n][-1]:.1f} ms"
                                                   for n in sorted(gen_runs)), flush=True)
    cpython = {n: statistics.median(v) for n, v in cpy_runs.items() if n not in unsupported}
    go = {n: (statistics.median(gen_runs[n]), statistics.median(hand_runs[n]) if n in hand_runs else None)
          for n in gen_runs}
    for n in sorted(go):
        hand = (f"hand runs: {', '.join(f'{x:.1f}' for x in hand_runs[n])}" if n in hand_runs
                else f"hand loop: n/a, {hand_missing[n]}")
        print(f"  {n:18s} CPython runs: {', '.join(f'{x:.1f}' for x in cpy_runs[n])}; generated runs: "
              f"{', '.join(f'{x:.1f}' for x in gen_runs[n])}; {hand}")

    groups = sets(go)
    names = [n for _, ns in groups[:2] for n in sorted(ns)]
    # The reference loop covers the loop programs; the class programs are timed against CPython only.
    gh = {n: go[n][0] / go[n][1] for n in names if go[n][1] is not None}
    gc = {n: go[n][0] / cpython[n] for n in names}
    print()
    print(f"  {'program':18s} {'generated':>10s} {'hand':>10s} {'gen/hand':>9s} {'CPython':>10s} {'GoVM/CPy':>9s}")
    for n in names:
        hand = f"{go[n][1]:7.1f} ms {gh[n]:9.3f}" if n in gh else f"{'n/a':>10s} {'n/a':>9s}"
        print(f"  {n:18s} {go[n][0]:7.1f} ms {hand} {cpython[n]:7.2f} ms {gc[n]:9.1f}")
    for label, ns in groups:
        print(f"  {'geometric mean':18s} {'':10s} {'':10s} {'':9s} {'':10s} {geomean(gc[n] for n in ns):9.1f}   ({label})")
    print()
    if gh:
        print(f"ratio generated/hand  = {geomean(gh.values()):.3f}  (goal <= {GOAL:.2f}; worst {max(gh.values()):.3f}, "
              f"{max(gh, key=gh.get)}; over the {len(gh)} programs the hand-written loop runs)")
    else:
        print("ratio generated/hand  = n/a  (the hand-written loop ran none of the programs: see why above)")
    # The fastest runs too: this machine's load slows whole runs, the Go VM's more than CPython's
    # (its collector works on the other core), and a slowed run only ever takes longer.
    fastest = geomean(min(gen_runs[n]) / min(cpy_runs[n]) for n in names)
    worst = max(gc, key=gc.get)
    per_set = ", ".join(f"{label.split(',')[0]} {geomean(gc[n] for n in ns):.1f}" for label, ns in groups[:2])
    print(f"ratio Go VM/CPython   = {geomean(gc.values()):.1f}  (the generated loop against CPython {version}, "
          f"{len(gc)} programs: {per_set}; worst {gc[worst]:.1f}, {worst}; fastest runs: {fastest:.1f})")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
