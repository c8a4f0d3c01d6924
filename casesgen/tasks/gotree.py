"""sync and check: out/ into the Go tree, or out/ against the Go tree."""
from __future__ import annotations

import sys

from doit.exceptions import TaskFailed

from .. import gotree
from ..errors import report, CasesgenError
from .common import action, config, phase, rel

EMIT_TASKS = ["ids", "metadata", "uops", "families", "cache_layouts"]


def expected() -> list[str]:
    return sorted(config().layout.values())


@action
def run_sync():
    cfg = config()
    n = gotree.sync(cfg.out, cfg.go_tree, expected())
    print(f"sync: {n} file(s) changed in {rel(cfg.go_tree)}")


@action
def run_check():
    cfg = config()
    diffs = gotree.drift(cfg.out, cfg.go_tree, expected(), rel(cfg.go_tree))
    if diffs:
        for d in diffs:
            sys.stdout.write(d if d.endswith("\n") else d + "\n")
        sys.stdout.flush()
        return TaskFailed(report(CasesgenError(
            f"{len(diffs)} generated file(s) drifted from CPython's DSL; run `doit` to regenerate", rel(cfg.go_tree))))
    print(f"check: {len(expected())} generated files in {rel(cfg.go_tree)} match CPython's DSL")


@phase
def task_sync():
    """Write out/ into the configured Go tree (default task)"""
    cfg = config()
    return {
        "actions": [run_sync],
        "task_dep": [*EMIT_TASKS, "upstream_parity"],  # the analysis reports DSL errors first
        "file_dep": [str(cfg.out / p) for p in expected()],
        "uptodate": [False],  # cheap, and the Go tree may have been edited by hand
        "verbosity": 2,
    }


@phase
def task_check():
    """Regenerate into out/ and diff against the Go tree without writing it; exit 1 on drift"""
    return {
        "actions": [run_check],
        "task_dep": EMIT_TASKS,
        "uptodate": [False],
        "verbosity": 2,
    }
