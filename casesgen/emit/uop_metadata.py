"""compile/uop_metadata_gen.go: uop flags, replication, names and pops (CPython's pycore_uop_metadata.h)."""
from __future__ import annotations

from ..cexpr import to_go
from ..gowriter import GoWriter, go_name
from .opcode_metadata import flags_expr

SOURCES = ["Python/bytecodes.c"]


def emit(model: dict, ctx) -> str:
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("uop_metadata"))
    tier2 = [u for u in model["uops"] if u["tier2"]]
    w.comment("UopFlags holds the HAS_*_FLAG bits of every uop tier 2 can run.")
    with w.block("var UopFlags = [MAX_UOP_ID + 1]uint16{"):
        for u in tier2:
            w.emit(f"{go_name(u['name'])}: {flags_expr(u['flags'])},")
    w.emit()
    w.comment("UopReplication is how many oparg-specialized copies (NAME_0..NAME_n-1) a uop has.")
    with w.block("var UopReplication = [MAX_UOP_ID + 1]uint8{"):
        for u in model["uops"]:
            if u["replicated"]:
                w.emit(f"{go_name(u['name'])}: {u['replicated']},")
    w.emit()
    w.comment("UopName is CPython's name of every uop tier 2 can run.")
    with w.block("var UopName = [MAX_UOP_ID + 1]string{"):
        for u in sorted(tier2, key=lambda u: u["name"]):
            w.emit(f'{go_name(u["name"])}: "{u["name"]}",')
    w.emit()
    w.comment("UopNumPopped is how many stack items uop pops for oparg; -1 for a uop tier 2 cannot run.")
    with w.block("func UopNumPopped(uop Uop, oparg int) int {"):
        w.emit("switch uop {")
        for u in tier2:
            w.emit(f"case {go_name(u['name'])}:")
            w.emit(f"\treturn {to_go(u['popped'])}")
        w.emit("}")
        w.emit("return -1")
    return w.text()
