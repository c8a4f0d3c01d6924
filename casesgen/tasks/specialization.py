"""specialization: the gauge of the specializer over the corpus (cache/reports/specialization.json),
in tier 1 and again with tier 2 on.

Not in the default run: it compiles and runs every program of the corpus under CPython 3.14 and in
the Go VM, a minute or two; `doit specialization` runs it, and again only when a program, the Go
tree or the gauge's code changed."""
from __future__ import annotations

import json
from pathlib import Path

from .. import specialization
from ..fsutil import write_atomic
from .common import action, config, phase, sources_of


def report_path(cfg) -> Path:
    return cfg.cache / "reports" / "specialization.json"


@action
def run_gauge():
    cfg = config()
    report = specialization.measure(cfg, Path.cwd())
    write_atomic(report_path(cfg), json.dumps(report, indent=1, sort_keys=True) + "\n")
    print(specialization.line(report))


@phase
def task_specialization():
    """Which of CPython's specialized instructions the corpus makes the Go VM produce, execute and deoptimize"""
    cfg = config()
    go_files = sorted(str(p) for p in cfg.go_tree.rglob("*.go") if not p.name.endswith("_test.go"))
    return {
        "actions": [run_gauge],
        "file_dep": [*map(str, specialization.programs(Path.cwd())), *go_files,
                     *sources_of(__name__, "casesgen.vmdiff")],
        "targets": [str(report_path(cfg))],
        "task_dep": ["sync"],
        "verbosity": 2,
    }
