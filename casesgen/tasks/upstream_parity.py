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
    """Run CPython's nine generators on inputs/ (cache/upstream/) and diff against the references that belong to the source"""
    cfg = config()
    gen = vendor.pinned(cfg, "Tools/cases_generator/")
    refs = vendor.pinned(cfg, "reference/")
    last = upstream.last_status(cfg)
    return {
        "doc": f"{task_upstream_parity.__doc__} [last run: {last}]" if last else task_upstream_parity.__doc__,
        "actions": [run_parity],
        "file_dep": [*gen, *refs, str(vendor.source_manifest(cfg)), str(cfg.inputs / upstream.BYTECODES), str(cfg.inputs / upstream.OPTIMIZER_BYTECODES),
                     *sources_of(sys.modules[__name__])],
        "targets": [str(cfg.cache / "upstream" / out) for out in upstream.OUTPUTS]
                   + [str(upstream.report_path(cfg))],
        "task_dep": ["vendor", "analysis", "optimizer"],  # DSL errors are reported by our tasks, with file:line
    }
