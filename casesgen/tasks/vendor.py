"""vendor: CPython's inputs into inputs/, checked against casesgen.lock."""
from __future__ import annotations

import sys

from ..sources import cpython
from .. import vendor as vendor_mod
from .common import action, config, phase, sources_of


@action
def run_vendor():
    vendor_mod.vendor(config())


@phase
def task_vendor():
    """Copy CPython's DSL, generator, headers and test suite into inputs/ (checked against casesgen.lock)"""
    cfg = config()
    deps = [str(p) for p in cpython.dependency_files(cfg.cpython)]
    if cfg.lock_path.exists():
        deps.append(str(cfg.lock_path))
    return {
        "actions": [run_vendor],
        "file_dep": [str(cfg.root / "pyproject.toml"), *deps, *sources_of(sys.modules[__name__])],
        "targets": [str(p) for p in vendor_mod.pinned_inputs(cfg)]
                   + [str(vendor_mod.debian_stamp(cfg)), str(vendor_mod.source_manifest(cfg)), str(vendor_mod.version_file(cfg))],
    }
