"""metadata: compile/opcode_metadata_gen.go: flags, formats, stack effects, caches, deopt, expansions, pseudo targets."""
from __future__ import annotations

from .common import phase
from .emitting import emit_task


@phase
def task_metadata():
    """Emit compile/opcode_metadata_gen.go: flags, formats, stack effects, caches, deopt, expansions, pseudo targets"""
    return emit_task(__name__, ["opcode_metadata"])
