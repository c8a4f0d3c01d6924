"""families: specialize/family_gen.go (families, deopt parents, cache sizes) and
specialize/skeletons_gen.go (each family's legal targets and its rewrite through its cache view)."""
from __future__ import annotations

from .common import phase
from .emitting import emit_task


@phase
def task_families():
    """Emit specialize/family_gen.go and skeletons_gen.go: families, deopt parents, cache sizes, legal targets"""
    return emit_task(__name__, ["family", "skeletons"])
