"""The specialization gauge: of the specialized instructions of CPython's families (84 in 3.14),
which the programs of the corpus make the Go VM's specializer produce, which it executes, and which
it deoptimizes (the ones with a guard), from one `vm-diff` run over the corpus, the real programs and
the member programs. `doit specialization` writes cache/reports/specialization.json and prints one
line; the report is a pure function of the analysis and the runs."""
from __future__ import annotations

import json
from pathlib import Path

from .config import Config

# Where the programs are: the corpus, the real programs by others, one program per member.
PROGRAM_DIRS = ("tests/corpus", "tests/corpus/real", "tests/members")
SKIP = {"cpython_choice.py"}  # the members' helper, which runs under CPython only


def programs(root: Path) -> list[Path]:
    return [p for d in PROGRAM_DIRS for p in sorted((root / d).glob("*.py")) if p.name not in SKIP]


def gauge(model: dict, runs: list[dict]) -> dict:
    """The report: per specialized instruction its family, whether it has a guard, and how often the
    runs produced, executed and deoptimized it, with the programs that did; then the totals."""
    insts = {i["name"]: i for i in model["instructions"]}
    members = sorted((m, f["name"]) for f in model["families"] for m in f["members"])
    report = {}
    for name, family in members:
        flags = insts[name]["flags"]
        row = {"family": family, "guarded": "DEOPT" in flags or "EXIT" in flags}
        for key in ("produced", "specialized", "deopts"):
            per = {r["path"]: (r.get(key) or {}).get(name, 0) for r in runs}
            row[{"specialized": "executed", "deopts": "deoptimized"}.get(key, key)] = sum(per.values())
            row[f"{key}_by"] = sorted(p for p, n in per.items() if n)[:3]
        report[name] = row
    guarded = [n for n, r in report.items() if r["guarded"]]
    totals = {
        "specialized_instructions": len(report),
        "produced": sum(r["produced"] > 0 for r in report.values()),
        "executed": sum(r["executed"] > 0 for r in report.values()),
        "guarded": len(guarded),
        "deoptimized": sum(report[n]["deoptimized"] > 0 for n in guarded),
        "never_produced": sorted(n for n, r in report.items() if not r["produced"]),
        "never_executed": sorted(n for n, r in report.items() if not r["executed"]),
        "never_deoptimized": sorted(n for n in guarded if not report[n]["deoptimized"]),
        "programs": sum(not r["path"].endswith(" (tier 2)") for r in runs),
        "tier2_runs": sum(r["path"].endswith(" (tier 2)") for r in runs),
    }
    return {"instructions": report, "totals": totals}


def line(report: dict) -> str:
    t = report["totals"]
    return (f"specialization: {t['produced']}/{t['specialized_instructions']} produced, "
            f"{t['executed']}/{t['specialized_instructions']} executed, "
            f"{t['deoptimized']}/{t['guarded']} guarded ones deoptimized, over {t['programs']} programs"
            + (f" ({t['tier2_runs']} of them again with tier 2 on)" if t.get("tier2_runs") else ""))


def measure(cfg: Config, root: Path) -> dict:
    """Run the programs through vm-diff, then the corpus and real programs again with tier 2 on (as
    CPython chooses JUMP_BACKWARD_JIT only then), and build the gauge over both runs."""
    from . import vmdiff
    paths = [str(p.relative_to(root)) for p in programs(root)]
    report = vmdiff.vm_diff(cfg, paths)
    tier2 = vmdiff.vm_diff(cfg, [p for p in paths if not p.startswith("tests/members/")], tier2=True)
    runs = [{"path": o.path + suffix, "produced": o.produced, "specialized": o.specialized, "deopts": o.deopts}
            for outcomes, suffix in ((report.outcomes, ""), (tier2.outcomes, " (tier 2)")) for o in outcomes]
    model = json.loads((cfg.cache / "analysis.json").read_text())
    return gauge(model, runs)
