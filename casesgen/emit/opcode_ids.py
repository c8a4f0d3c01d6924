"""compile/opcode_ids_gen.go: the Opcode type and every opcode number (CPython's opcode_ids.h)."""
from __future__ import annotations

from ..gowriter import GoWriter

SOURCES = ["Python/bytecodes.c"]


def sections(model: dict) -> list[tuple[str, list[tuple[str, int]]]]:
    """Opcodes in numeric order, grouped the way CPython's numbering groups them."""
    ops = sorted(((op, name) for name, op in model["opmap"].items()))
    have_arg = model["have_argument"]
    min_spec = model["min_specialized_opcode"]
    min_instr = model["min_instrumented_opcode"]
    groups = [
        ("Instructions without an argument (below HAVE_ARGUMENT).", lambda op: op < have_arg),
        ("Instructions with an argument.", lambda op: have_arg <= op < min_spec),
        ("Specialized instructions (from MIN_SPECIALIZED_OPCODE).", lambda op: min_spec <= op < min_instr),
        ("Instrumented instructions (from MIN_INSTRUMENTED_OPCODE).", lambda op: min_instr <= op < 256),
        ("Pseudo instructions: compiler-only, never in co_code.", lambda op: op >= 256),
    ]
    return [(title, [(name, op) for op, name in ops if test(op)]) for title, test in groups]


def emit(model: dict, ctx) -> str:
    pseudo_ops = [p["opcode"] for p in model["pseudos"]]
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("opcode_ids"))
    w.imports("strconv")
    w.comment("Opcode is a bytecode instruction number as CPython assigns it.")
    w.emit("type Opcode uint16")
    w.emit()
    for title, ops in sections(model):
        w.comment(title)
        with w.block("const (", ")"):
            for name, op in ops:
                w.emit(f"{name} Opcode = {op}")
        w.emit()
    with w.block("const (", ")"):
        w.comment("Opcodes below HAVE_ARGUMENT ignore their oparg.")
        w.emit(f"HAVE_ARGUMENT Opcode = {model['have_argument']}")
        w.emit(f"MIN_SPECIALIZED_OPCODE Opcode = {model['min_specialized_opcode']}")
        w.emit(f"MIN_INSTRUMENTED_OPCODE Opcode = {model['min_instrumented_opcode']}")
        w.comment("Pseudo opcodes occupy MIN_PSEUDO_OPCODE..MAX_PSEUDO_OPCODE.")
        w.emit(f"MIN_PSEUDO_OPCODE Opcode = {min(pseudo_ops)}")
        w.emit(f"MAX_PSEUDO_OPCODE Opcode = {max(pseudo_ops)}")
    w.emit()
    w.decl("opcodeNames holds the name of every defined opcode; the empty string marks a gap.",
           "var opcodeNames = [MAX_PSEUDO_OPCODE + 1]string{",
           [f'{name}: "{name}",' for name, op in sorted(model["opmap"].items(), key=lambda kv: kv[1])])
    w.decl("String returns CPython's name for op, or Opcode(N) for an undefined number.",
           "func (op Opcode) String() string {",
           ['if int(op) < len(opcodeNames) && opcodeNames[op] != "" {', "\treturn opcodeNames[op]", "}",
            'return "Opcode(" + strconv.Itoa(int(op)) + ")"'])
    w.decl("IsDefined reports whether CPython 3.14 defines op (real or pseudo).", "func (op Opcode) IsDefined() bool {",
           ['return int(op) < len(opcodeNames) && opcodeNames[op] != ""'])
    return w.text()
