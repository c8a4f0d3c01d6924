"""tier2: vm/eval_uops_gen.go, the micro-op executor of traces."""
from __future__ import annotations

from .common import phase
from .emitting import emit_task


@phase
def task_tier2():
    """Emit vm/eval_uops_gen.go: one case per tier-2 micro-op, calling the same body functions as tier 1"""
    return emit_task(__name__, ["eval_uops"], translates=True)
