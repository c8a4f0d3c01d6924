"""upgrade_report: the pinned inputs against `[tool.casesgen] next` (only when it names a source)."""
from __future__ import annotations

import sys

from .. import upgrade, vendor
from ..fsutil import write_atomic
from ..sources import cpython
from .common import action, config, phase, sources_of


def report_paths(cfg) -> tuple:
    return cfg.cache / "reports" / "upgrade.md", cfg.cache / "reports" / "upgrade.json"


@action
def run_upgrade_report():
    cfg = config()
    result = upgrade.run(cfg, upgrade.LOCKED, cfg.next)
    markdown, js = report_paths(cfg)
    write_atomic(js, upgrade.format_json(result))
    write_atomic(markdown, upgrade.format_markdown(result))
    print(f"upgrade_report: {cfg.next}: {upgrade.counts(result)} -> {markdown.relative_to(cfg.root)}")


@phase
def task_upgrade_report():
    """Report what moving from the pinned inputs to [tool.casesgen] next changes (cache/reports/upgrade.md)"""
    cfg = config()
    nxt = cfg.next if cfg.next == upgrade.LOCKED else cpython.choose([cfg.next])
    return {
        "actions": [run_upgrade_report],
        "file_dep": [*vendor.pinned(cfg, "Tools/cases_generator/"), *(str(p) for p in vendor.pinned_inputs(cfg)
                                                                      if "reference/" not in str(p)),
                     *(str(p) for p in ([] if nxt == upgrade.LOCKED else cpython.dependency_files(nxt))),
                     str(cfg.root / "pyproject.toml"), *([str(cfg.mapping)] if cfg.mapping.is_file() else []),
                     *sources_of(sys.modules[__name__])],
        "targets": [str(p) for p in report_paths(cfg)],
        "task_dep": ["vendor"],
    }
