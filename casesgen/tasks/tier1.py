"""tier1: vm/eval_dispatch_gen.go (the interpreter loop) and vm/op_signatures_gen.go (body signatures)."""
from __future__ import annotations

from .common import phase
from .emitting import emit_task


@phase
def task_tier1():
    """Emit vm/eval_dispatch_gen.go and vm/op_signatures_gen.go: one arm per instruction, one signature per op"""
    return emit_task(__name__, ["op_signatures", "eval_dispatch"], translates=True)
