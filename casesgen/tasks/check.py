"""check: regenerate into out/ and diff against the Go tree, never writing it (the CI gate)."""
from __future__ import annotations

import re
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
        from .. import model, origins
        known = origins.definitions(model.load(cfg.cache / "analysis.json"))
        for d in diffs:
            d = d if d.endswith("\n") else d + "\n"
            new = re.search(r"^\+\+\+ out/(\S+)$", d, re.M)
            if new:  # name the DSL definition behind each hunk
                d = origins.annotate(d, (cfg.out / new.group(1)).read_text().splitlines(), known)
            sys.stdout.write(d)
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
