"""families: specialize/family_gen.go: families, deopt parents, cache sizes."""
from __future__ import annotations

from .common import phase
from .emitting import emit_task


@phase
def task_families():
    """Emit specialize/family_gen.go: families, deopt parents, cache sizes"""
    return emit_task(__name__, ["family"])
