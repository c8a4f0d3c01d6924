"""analysis: one run of CPython's analyzer -> cache/analysis.json."""
from __future__ import annotations

import sys

from .. import source_model, vendor
from .common import action, config, phase, sources_of


def analysis_path():
    return config().cache / "analysis.json"


@action
def run_analysis():
    from .. import model
    from ..fsutil import write_atomic
    cfg = config()
    verified = vendor.verify_inputs(cfg)
    version = vendor.version_file(cfg).read_text().strip()  # the source's, as vendor found it
    m = source_model.build(cfg.inputs, cfg.inputs, version, verified, vendor.include_dirs(cfg))
    write_atomic(analysis_path(), model.dumps(m))
    print(f"analysis: {len(m['instructions'])} instructions, {len(m['uops'])} uops, {len(m['families'])} families, "
          f"{len(m['pseudos'])} pseudos, {len(m['labels'])} labels -> cache/analysis.json")


@phase
def task_analysis():
    """Analyze bytecodes.c once with CPython's analyzer (+ pycore_code.h's cache structs) into cache/analysis.json"""
    cfg = config()
    gen = vendor.pinned(cfg, "Tools/cases_generator/")
    return {
        "actions": [run_analysis],
        "file_dep": [*gen, *(str(cfg.inputs / f) for f in [*source_model.DSL, source_model.HEADER]),
                     str(vendor.debian_stamp(cfg)), str(vendor.version_file(cfg)), *sources_of(sys.modules[__name__])],
        "targets": [str(analysis_path())],
        "task_dep": ["vendor"],
    }
