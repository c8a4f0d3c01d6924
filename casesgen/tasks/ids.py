"""ids: compile/opcode_ids_gen.go: the Opcode type and every opcode number."""
from __future__ import annotations

from .common import phase
from .emitting import emit_task


@phase
def task_ids():
    """Emit compile/opcode_ids_gen.go: the Opcode type and every opcode number"""
    return emit_task(__name__, ["opcode_ids"])
