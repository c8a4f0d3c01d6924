"""compile/uop_metadata_gen.go: uop flags, replication, names and pops (CPython's pycore_uop_metadata.h)."""
from __future__ import annotations

from ..cexpr import to_go
from ..gowriter import GoWriter, go_name
from .opcode_metadata import flags_expr

SOURCES = ["Python/bytecodes.c"]


def emit(model: dict, ctx) -> str:
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("uop_metadata"))
    tier2 = [u for u in model["uops"] if u["tier2"]]
    w.decl("UopFlags holds the HAS_*_FLAG bits of every uop tier 2 can run.", "var UopFlags = [MAX_UOP_ID + 1]uint16{",
           [f"{go_name(u['name'])}: {flags_expr(u['flags'])}," for u in tier2])
    w.decl("UopReplication is how many oparg-specialized copies (NAME_0..NAME_n-1) a uop has.",
           "var UopReplication = [MAX_UOP_ID + 1]uint8{",
           [f"{go_name(u['name'])}: {u['replicated']}," for u in model["uops"] if u["replicated"]])
    w.decl("UopName is CPython's name of every uop tier 2 can run.", "var UopName = [MAX_UOP_ID + 1]string{",
           [f'{go_name(u["name"])}: "{u["name"]}",' for u in sorted(tier2, key=lambda u: u["name"])])
    cases = [line for u in tier2 for line in (f"case {go_name(u['name'])}:", f"\treturn {to_go(u['popped'])}")]
    w.decl("UopNumPopped is how many stack items uop pops for oparg; -1 for a uop tier 2 cannot run.",
           "func UopNumPopped(uop Uop, oparg int) int {", ["switch uop {", *cases, "}", "return -1"])
    return w.text()
