"""upstream_parity: CPython's own generators on inputs/ must reproduce CPython's shipped outputs."""
from __future__ import annotations

import sys

from .. import upstream, vendor
from .common import action, config, phase, sources_of


@action
def run_parity():
    cfg = config()
    vendor.verify_inputs(cfg)
    upstream.upstream_parity(cfg)


@phase
def task_upstream_parity():
    """Run CPython's nine generators on inputs/ and diff against the shipped headers (cache/upstream/)"""
    cfg = config()
    gen = vendor.pinned(cfg, "Tools/cases_generator/")
    refs = vendor.pinned(cfg, "reference/")
    return {
        "actions": [run_parity],
        "file_dep": [*gen, *refs, str(vendor.references_manifest(cfg)), str(cfg.inputs / upstream.BYTECODES), str(cfg.inputs / upstream.OPTIMIZER_BYTECODES),
                     *sources_of(sys.modules[__name__])],
        "targets": [str(cfg.cache / "upstream" / out) for out in upstream.OUTPUTS]
                   + [str(cfg.cache / "reports" / "upstream_parity.json")],
        "task_dep": ["vendor", "analysis", "optimizer"],  # DSL errors are reported by our tasks, with file:line
    }
