"""ids: compile/opcode_ids_gen.go: the Opcode type and every opcode number."""
from __future__ import annotations

from .emitting import emit_task


def task_ids():
    """Emit compile/opcode_ids_gen.go: the Opcode type and every opcode number"""
    return emit_task(__name__, ["opcode_ids"])
