"""One module per phase; each defines the doit task dict of that phase and nothing else.

Phases: vendor -> upstream_parity, analysis -> ids, metadata, uops, families,
cache_layouts, tier1, tier2, bodies, optimizer -> sync (writes the Go tree) / check (compares with it);
upgrade_report when [tool.casesgen] next names a second source; specialization (on demand) runs the
corpus for the specializer's gauge.
"""
import os as _os

from .analysis import task_analysis
from .cache_layouts import task_cache_layouts
from .check import task_check
from .common import FileChecker, Reporter
from .common import preflight as _preflight
from .families import task_families
from .ids import task_ids
from .tier1 import task_tier1
from .tier2 import task_tier2
from .optimizer import task_optimizer
from .bodies import task_bodies
from .metadata import task_metadata
from .specialization import task_specialization
from .sync import task_sync
from .uops import task_uops
from .upstream_parity import task_upstream_parity
from .vendor import task_vendor
from .common import config as _config

_preflight()  # a bad [tool.casesgen] or lock stops here with one line, before doit builds any task
_os.makedirs("cache", exist_ok=True)  # doit's dependency database lives there

# `doit` alone: regenerate the Go tree, and report on the next source when one is configured.
DEFAULT_TASKS = ["sync"]
if _config().next:
    from .upgrade_report import task_upgrade_report  # noqa: F401
    DEFAULT_TASKS.append("upgrade_report")

__all__ = ["task_vendor", "task_upstream_parity", "task_analysis", "task_ids", "task_metadata", "task_uops",
           "task_families", "task_cache_layouts", "task_tier1", "task_tier2", "task_bodies", "task_optimizer", "task_sync", "task_check",
           "task_specialization", "FileChecker", "Reporter", "DEFAULT_TASKS"]
if "upgrade_report" in DEFAULT_TASKS:
    __all__.append("task_upgrade_report")
