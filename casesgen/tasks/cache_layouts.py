"""cache_layouts: typed views of pycore_code.h's cache structs, cross-checked against the DSL."""
from __future__ import annotations

from .. import cstructs, layouts, vendor
from .common import config, phase
from .emitting import emit_task

HEADER = "Include/internal/pycore_code.h"


def prepare(model: dict) -> dict:
    cfg = config()
    vendor.verify_inputs(cfg, [HEADER])
    structs = cstructs.extract(cfg.inputs / HEADER, vendor.include_dirs(cfg))
    return {"layouts": layouts.join(model, structs)}


@phase
def task_cache_layouts():
    """Emit specialize/cache_layouts_gen.go from pycore_code.h (pycparser), checked against the DSL's cache cells"""
    cfg = config()
    return emit_task(__name__, ["cache_layouts"], [str(cfg.inputs / HEADER), str(vendor.debian_stamp(cfg))], prepare)
