"""check: regenerate into out/ and diff against the Go tree, never writing it (the CI gate)."""
from __future__ import annotations

import sys

from doit.exceptions import TaskFailed

from .. import gotree
from ..errors import CasesgenError, report
from .common import action, config, phase, portable
from .sync import EMIT_TASKS, committed, expected


@action
def run_check():
    cfg = config()
    diffs = gotree.drift(cfg.out, cfg.go_tree, committed(), portable(cfg.go_tree), also_generated=expected())
    if diffs:
        for d in diffs:
            sys.stdout.write(d if d.endswith("\n") else d + "\n")
        sys.stdout.flush()
        return TaskFailed(report(CasesgenError(
            f"{len(diffs)} generated file(s) drifted from CPython's DSL; run `doit` to regenerate", portable(cfg.go_tree))))
    print(f"check: {len(committed())} generated files in {portable(cfg.go_tree)} match CPython's DSL")


@phase
def task_check():
    """Regenerate into out/ and diff against the Go tree without writing it; exit 1 on drift"""
    return {
        "actions": [run_check],
        "task_dep": EMIT_TASKS,
        "uptodate": [False],
        "verbosity": 2,
    }
