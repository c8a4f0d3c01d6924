"""sync: out/ into the configured Go tree (the default task)."""
from __future__ import annotations

from .. import gotree
from .common import action, config, phase, portable

EMIT_TASKS = ["ids", "metadata", "uops", "families", "cache_layouts", "tier1", "tier2", "bodies", "optimizer"]


def expected() -> list[str]:
    """The Go files casesgen writes, relative to the Go tree."""
    return sorted(config().layout.values())


def committed() -> list[str]:
    """The ones checked in (and so compared by `check`): all but the translated bodies."""
    from ..config import UNCOMMITTED
    cfg = config()
    return sorted(path for name, path in cfg.layout.items() if name not in UNCOMMITTED)


@action
def run_sync():
    cfg = config()
    n = gotree.sync(cfg.out, cfg.go_tree, expected())
    print(f"sync: {n} file(s) changed in {portable(cfg.go_tree)}")


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
