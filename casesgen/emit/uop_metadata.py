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
    w.decl("UOpInstruction is one micro-op of a trace (CPython's _PyUOpInstruction, pycore_optimizer.h):\n"
           "what the tier-2 executor runs and the optimizer rewrites.",
           "type UOpInstruction struct {",
           ["Opcode Uop",
            "// Oparg is the oparg of the tier-1 instruction the micro-op came from.",
            "Oparg uint16",
            "// Target is that instruction's index in the code: where tier 1 resumes when the micro-op exits.",
            "Target uint32",
            "// Operand0 and Operand1 hold the micro-op's cache entries, in the order the DSL names them.",
            "Operand0 uint64", "Operand1 uint64"])
    return w.text()
