"""Speed of tier 2 in the Go VM, as ratios. Run by hand, from the project root, after `doit`:

    .venv/bin/python benchmarks/tier2.py [--repeat N] [--program NAME] [--profile DIR]

On the programs of benchmarks/programs/ (module code whose answer is the global `result`),
compiled into their real code objects by casesgen/corpus_compile.py under the vendored
CPython 3.14.10, cmd/tracebench measures each program whose loops project into traces
(vm.ProjectLoop: no CALL in the loop body):
  tier1       the generated tier-1 loop only (runFrame, vm/eval_dispatch_gen.go)
  tier2       every loop that projects runs as a trace in the generated executor
              (runTrace, vm/eval_uops_gen.go), which calls the same body functions as tier 1
  opt         the same traces after the generated optimizer (optimizer/optimizer_cases_gen.go)
  tier2_hand  the tier2 traces run by the hand-written executor (runTraceHand, vm/handtrace.go):
              the same body functions, dispatched by a hand-written switch
  opt_hand    the opt traces run by the hand-written executor
Each run loads the code objects afresh, runs the module once in tier 1 (untimed: it specializes
the code), installs the mode's executors, then times a second run in fresh globals; every figure
is the median of N runs (wall-clock; the summary adds the fastest runs and the CPU time of the
running thread, which other processes on a busy machine disturb less), the modes alternating,
after one untimed round. The ratios, per program
and as geometric means: tier2/tier1, opt/tier1, and generated/hand executor (the seed's gate for
tier 2: <= 1.02), on the plain and on the optimized traces. Programs with no loop that projects
are listed, not timed.
"""
from __future__ import annotations

import argparse
import json
import math
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
COMPILER = REPO / "casesgen/corpus_compile.py"
GATE = 1.02
MODES = ("tier1", "tier2", "opt", "tier2_hand", "opt_hand")


def geomean(xs) -> float:
    xs = list(xs)
    return math.exp(statistics.fmean(math.log(x) for x in xs))


def tracebench(exe: Path, corpus: Path, name: str, repeat: int, profile: Path | None) -> dict:
    cmd = [str(exe), "-n", str(repeat), "-only", name]
    if profile:
        cmd += ["-cpuprofile", str(profile)]
    r = subprocess.run([*cmd, str(corpus)], capture_output=True, text=True)
    out = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    if r.returncode != 0 or len(out) != 1:
        detail = out[0].get("error") if out else r.stderr[-2000:]
        raise SystemExit(f"tier2: tracebench {name} failed (exit {r.returncode}): {detail}")
    return out[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7, help="timed runs of each mode per program (default 7)")
    ap.add_argument("--program", action="append", help="only these programs of benchmarks/programs (file names)")
    ap.add_argument("--profile", type=Path, help="write a CPU profile of each program's runs into this folder")
    args = ap.parse_args()
    cfg = load(REPO)
    argv, env = interpreter(cfg.cache / "debian" / "root")
    tree = cfg.go_tree
    for rel in ("vm/op_bodies_gen.go", "vm/eval_uops_gen.go", "optimizer/optimizer_bodies_gen.go", "vm/handtrace.go",
                "cmd/tracebench/main.go"):
        if not (tree / rel).is_file():
            raise SystemExit(f"tier2: {tree / rel} is missing; run `doit` once first")
    programs = sorted(PROGRAMS.glob("*.py"))
    if args.program:
        missing = set(args.program) - {p.name for p in programs}
        if missing:
            raise SystemExit(f"tier2: no such program in {PROGRAMS}: {', '.join(sorted(missing))}")
        programs = [p for p in programs if p.name in args.program]
    work = Path(tempfile.mkdtemp())
    corpus = work / "programs.json"

    print(f"tier2: compiling {len(programs)} programs under CPython 3.14 ({', '.join(p.name for p in programs)})",
          flush=True)
    r = subprocess.run([*argv, str(COMPILER), str(corpus), *map(str, programs)], env=env, capture_output=True,
                       text=True)
    if r.returncode != 0:
        raise SystemExit(f"tier2: corpus_compile.py failed:\n{r.stderr[-2000:]}")
    data = json.loads(corpus.read_text())
    expected = {p["name"]: p["result"] for p in data["programs"]}

    print("tier2: building cmd/tracebench", flush=True)
    exe = work / "tracebench"
    r = subprocess.run([str(go_tool("go")), "build", "-tags", "vmbench", "-o", str(exe), "./cmd/tracebench"], cwd=tree,
                       env=go_env(), capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"tier2: go build ./cmd/tracebench failed:\n{r.stderr[-2000:]}")
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)

    print(f"tier2: {', '.join(MODES)} alternating, {args.repeat} timed runs each per program (medians)", flush=True)
    timed, untraced = {}, {}
    for p in data["programs"]:
        name = p["name"]
        print(f"  {name}: running ...", flush=True)
        profile = args.profile / f"{Path(name).stem}.pprof" if args.profile else None
        t = tracebench(exe, corpus, name, args.repeat, profile)
        if t["result"] != expected[name]:
            raise SystemExit(f"tier2: {name}: the Go VM says {t['result']}, CPython {expected[name]}")
        if not t["loops"]:
            untraced[name] = t.get("refused") or ["no loop"]
            print(f"  {name}: no loop projects, not timed ({'; '.join(untraced[name])})", flush=True)
            continue
        timed[name] = t
        ms = {m: t["modes"][m]["ns"] / 1e6 for m in MODES if m in t["modes"]}
        print(f"  {name}: {t['loops']} loop(s), {t['uops']} micro-ops, {t['removed']} removed by the optimizer "
              f"{t.get('replaced') or {}}; {t['modes']['tier2']['iterations']} iterations in tier 2; same result "
              f"{t['result']} in every mode and in CPython", flush=True)
        for m in MODES:
            if m not in ms:
                print(f"    {m:10s}      n/a   ({t['hand_missing']}: the hand-written executor has no case for it)")
                continue
            runs = ", ".join(f"{x / 1e6:.1f}" for x in t["modes"][m]["all_ns"])
            print(f"    {m:10s} {ms[m]:8.1f} ms   (runs: {runs})", flush=True)
    if not timed:
        raise SystemExit("tier2: no program has a loop that projects")

    names = sorted(timed)
    # The hand-written executor covers the micro-ops of some programs' traces only: the gen/hand
    # ratios are over those programs.
    handed = [n for n in names if "tier2_hand" in timed[n]["modes"]]
    ms = {n: {m: timed[n]["modes"][m]["ns"] / 1e6 for m in MODES if m in timed[n]["modes"]} for n in names}
    fastest = {n: {m: timed[n]["modes"][m]["min_ns"] / 1e6 for m in ms[n]} for n in names}
    ratio = {
        "tier2/tier1": {n: ms[n]["tier2"] / ms[n]["tier1"] for n in names},
        "opt/tier1": {n: ms[n]["opt"] / ms[n]["tier1"] for n in names},
        "gen/hand": {n: ms[n]["tier2"] / ms[n]["tier2_hand"] for n in handed},
        "gen/hand opt": {n: ms[n]["opt"] / ms[n]["opt_hand"] for n in handed},
    }
    print()
    print(f"  {'program':18s} {'tier1':>9s} {'tier2':>9s} {'opt':>9s} {'hand':>9s} {'opt hand':>9s} "
          f"{'t2/t1':>6s} {'opt/t1':>6s} {'gen/hand':>8s} {'opt g/h':>8s} {'removed':>8s}")
    for n in names:
        print(f"  {n:18s} " + " ".join(f"{ms[n][m]:6.1f} ms" if m in ms[n] else f"{'n/a':>9s}" for m in MODES) + " "
              + " ".join(f"{ratio[k][n]:{w}.3f}" if n in ratio[k] else f"{'n/a':>{w}s}"
                         for k, w in (("tier2/tier1", 6), ("opt/tier1", 6), ("gen/hand", 8), ("gen/hand opt", 8)))
              + f" {timed[n]['removed']:3d} of {timed[n]['uops']:2d}")
    for n, why in untraced.items():
        print(f"  {n:18s} not timed: {'; '.join(why)}")
    print()
    removed, uops = sum(timed[n]["removed"] for n in names), sum(timed[n]["uops"] for n in names)
    print(f"ratio tier2/tier1             = {geomean(ratio['tier2/tier1'].values()):.3f}  "
          f"(generated executor, plain traces; worst {max(ratio['tier2/tier1'].values()):.3f})")
    print(f"ratio optimized/tier1         = {geomean(ratio['opt/tier1'].values()):.3f}  "
          f"(generated executor, optimized traces; {removed} of {uops} micro-ops removed; worst "
          f"{max(ratio['opt/tier1'].values()):.3f})")
    if not handed:
        print("gate: no program's traces are covered by the hand-written executor")
    else:
        gh = geomean(ratio["gen/hand"].values())
        gho = geomean(ratio["gen/hand opt"].values())
        gh_fast = geomean(fastest[n]["tier2"] / fastest[n]["tier2_hand"] for n in handed)
        gho_fast = geomean(fastest[n]["opt"] / fastest[n]["opt_hand"] for n in handed)
        cpu = {n: {m: timed[n]["modes"][m]["cpu_ns"] for m in MODES} for n in handed}
        gh_cpu = geomean(cpu[n]["tier2"] / cpu[n]["tier2_hand"] for n in handed)
        gho_cpu = geomean(cpu[n]["opt"] / cpu[n]["opt_hand"] for n in handed)
        print(f"ratio generated/hand executor = {gh:.3f} plain, {gho:.3f} optimized over {len(handed)} programs "
              f"(gate <= {GATE:.2f}; fastest runs: {gh_fast:.3f}, {gho_fast:.3f}; thread CPU time: {gh_cpu:.3f}, "
              f"{gho_cpu:.3f})")
        worst = max(ratio["gen/hand"], key=ratio["gen/hand"].get)
        verdict = "within" if max(gh, gho) <= GATE else "ABOVE"
        print(f"gate: generated executor {verdict} {GATE:.2f}x of the hand-written one (worst program {worst}, "
              f"{ratio['gen/hand'][worst]:.3f})")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
