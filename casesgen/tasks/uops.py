"""uops: compile/uop_ids_gen.go and compile/uop_metadata_gen.go."""
from __future__ import annotations

from .common import phase
from .emitting import emit_task


@phase
def task_uops():
    """Emit compile/uop_ids_gen.go and compile/uop_metadata_gen.go: uop ids, flags, replication, pops"""
    return emit_task(__name__, ["uop_ids", "uop_metadata"])
