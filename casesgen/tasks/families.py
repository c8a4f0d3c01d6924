"""families: specialize/family_gen.go: families, deopt parents, cache sizes."""
from __future__ import annotations

from .emitting import emit_task


def task_families():
    """Emit specialize/family_gen.go: families, deopt parents, cache sizes"""
    return emit_task(__name__, ["family"])
