"""analysis: one run of CPython's analyzer -> cache/analysis.json."""
from __future__ import annotations

import sys

from .. import model, vendor
from ..fsutil import sha256_file, write_atomic
from .common import action, config, phase, sources_of

DSL = ["Python/bytecodes.c"]


def analysis_path():
    return config().cache / "analysis.json"


@action
def run_analysis():
    cfg = config()
    vendor.verify_inputs(cfg)
    sources = {f: sha256_file(cfg.inputs / f) for f in DSL}
    m = model.analyze(cfg.inputs, DSL, cfg.cpython_version, sources)
    write_atomic(analysis_path(), model.dumps(m))
    print(f"analysis: {len(m['instructions'])} instructions, {len(m['uops'])} uops, {len(m['families'])} families, "
          f"{len(m['pseudos'])} pseudos, {len(m['labels'])} labels -> cache/analysis.json")


@phase
def task_analysis():
    """Analyze bytecodes.c once with CPython's analyzer into cache/analysis.json"""
    cfg = config()
    gen = vendor.pinned(cfg, "Tools/cases_generator/")
    return {
        "actions": [run_analysis],
        "file_dep": [*gen, *(str(cfg.inputs / f) for f in DSL), *sources_of(sys.modules[__name__])],
        "targets": [str(analysis_path())],
        "task_dep": ["vendor"],
    }
