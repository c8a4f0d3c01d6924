"""cache_layouts: typed views of pycore_code.h's cache structs (parsed and cross-checked by analysis)."""
from __future__ import annotations

from .common import phase
from .emitting import emit_task


@phase
def task_cache_layouts():
    """Emit specialize/cache_layouts_gen.go: typed views of pycore_code.h's cache structs (pycparser)"""
    return emit_task(__name__, ["cache_layouts"])
