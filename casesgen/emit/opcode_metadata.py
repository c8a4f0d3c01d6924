"""compile/opcode_metadata_gen.go: every table of CPython's pycore_opcode_metadata.h, in Go."""
from __future__ import annotations

from itertools import groupby

from ..cexpr import to_go
from ..gowriter import GoWriter, camel, go_name

SOURCES = ["Python/bytecodes.c"]
# A pseudo instruction has no format: CPython stores -1 in a uint8_t field.
PSEUDO_FORMAT = 255


def flag_const(flag: str) -> str:
    return f"HAS_{flag}_FLAG"


def flags_expr(flags: list[str]) -> str:
    return " | ".join(flag_const(f) for f in flags) or "0"


def case_list(names: list[str], width: int = 96) -> str:
    """`case A, B, C:` wrapped to readable lines (gofmt indents the continuation)."""
    lines, line = [], "case "
    for i, name in enumerate(names):
        piece = name + ("," if i < len(names) - 1 else ":")
        if len(line) + len(piece) > width and line.strip() != "case":
            lines.append(line.rstrip())
            line = "\t"
        line += piece + " "
    lines.append(line.rstrip())
    return "\n".join(lines)


def emit_stack_function(w: GoWriter, name: str, doc: str, rows: list[tuple[str, str]]) -> None:
    """A switch over opcodes: one case per distinct expression, opcodes sorted by name."""
    w.comment(doc)
    with w.block(f"func {name}(op Opcode, oparg int) int {{"):
        w.emit("switch op {")
        by_expr = sorted(rows, key=lambda r: (to_go(r[1]), r[0]))
        for expr, group in groupby(by_expr, key=lambda r: to_go(r[1])):
            w.emit(case_list([n for n, _ in group]))
            w.emit(f"\treturn {expr}")
        w.emit("}")
        w.emit("return -1")
    w.emit()


def emit(model: dict, ctx) -> str:
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("opcode_metadata"))
    insts = sorted(model["instructions"], key=lambda i: i["name"])
    pseudos = model["pseudos"]

    w.comment("Instruction property flags (OpcodeMetadata.Flags), one bit each, in CPython's bit order.")
    with w.block("const (", ")"):
        for i, flag in enumerate(model["flags"]):
            w.emit(f"{flag_const(flag)} uint16 = {1 << i}")
    w.emit()
    w.comment("How a uop in a macro expansion takes its operand (UopExpansion.Size).\n"
              "1, 2 and 4 mean a cache entry of that many code units.")
    with w.block("const (", ")"):
        for name, value in model["oparg_kinds"].items():
            w.emit(f"{name} = {value}")
    w.emit()
    w.comment("InstrFormat is an instruction's layout: I opcode, B oparg / X none, C cache, 0 more cache.")
    w.emit("type InstrFormat uint8")
    w.emit()
    with w.block("const (", ")"):
        for i, fmt in enumerate(model["formats"], 1):
            w.emit(f"{fmt} InstrFormat = {i}")
        w.comment("INSTR_FMT_PSEUDO is the format of pseudo instructions (-1 in CPython's uint8_t).")
        w.emit(f"INSTR_FMT_PSEUDO InstrFormat = {PSEUDO_FORMAT}")
    w.emit()
    w.comment("OpcodeMetadata is one row of CPython's _PyOpcode_opcode_metadata.")
    with w.block("type OpcodeMetadata struct {"):
        w.emit("ValidEntry  bool")
        w.emit("InstrFormat InstrFormat")
        w.emit("Flags       uint16")
    w.emit()
    w.comment("OpcodeMetadataTable is indexed by opcode, pseudo opcodes included.")
    with w.block("var OpcodeMetadataTable = [MAX_PSEUDO_OPCODE + 1]OpcodeMetadata{"):
        for i in insts:
            w.emit(f"{i['name']}: {{true, {i['format']}, {flags_expr(i['flags'])}}},")
        for p in sorted(pseudos, key=lambda p: p["name"]):
            w.emit(f"{p['name']}: {{true, INSTR_FMT_PSEUDO, {flags_expr(p['flags'])}}},")
    w.emit()
    w.comment("IsValidOpcode reports whether op is a defined opcode (CPython's IS_VALID_OPCODE).")
    with w.block("func IsValidOpcode(op int) bool {"):
        w.emit("return op >= 0 && op < len(OpcodeMetadataTable) && OpcodeMetadataTable[op].ValidEntry")
    w.emit()
    for flag in model["flags"]:
        w.comment(f"OpcodeHas{camel(flag)} reports {flag_const(flag)} (CPython's OPCODE_HAS_{flag}).")
        with w.block(f"func OpcodeHas{camel(flag)}(op Opcode) bool {{"):
            w.emit(f"return int(op) < len(OpcodeMetadataTable) && OpcodeMetadataTable[op].Flags&{flag_const(flag)} != 0")
        w.emit()

    rows = [(i["name"], i["popped"]) for i in insts] + [(p["name"], p["popped"]) for p in pseudos]
    emit_stack_function(w, "NumPopped", "NumPopped is how many stack items op pops for oparg; -1 for an unknown op.", rows)
    rows = [(i["name"], i["pushed"]) for i in insts] + [(p["name"], p["pushed"]) for p in pseudos]
    emit_stack_function(w, "NumPushed", "NumPushed is how many stack items op pushes for oparg; -1 for an unknown op.", rows)

    w.comment("Caches is the number of inline cache code units after each family head or plain\n"
              "instruction (0 for specialized and instrumented opcodes, as in CPython).")
    with w.block("var Caches = [256]uint8{"):
        for i in model["instructions"]:
            if (i["family"] and i["family"] != i["name"]) or i["name"].startswith("INSTRUMENTED"):
                continue
            if i["cache_entries"]:
                w.emit(f"{i['name']}: {i['cache_entries']},")
    w.emit()
    w.comment("Deopt maps a specialized opcode to its family head; every other opcode maps to itself.")
    with w.block("var Deopt = [256]Opcode{"):
        by_op = {i["opcode"]: i for i in model["instructions"]}
        for op in range(256):
            if op in by_op:
                i = by_op[op]
                w.emit(f"{i['name']}: {i['family'] or i['name']},")
            else:
                w.emit(f"{op}: {op},")
    w.emit()

    w.emit(f"const MAX_UOP_PER_EXPANSION = {model['max_uop_per_expansion']}")
    w.emit()
    w.comment("UopExpansion is one uop of a macro expansion: its operand kind (OPARG_* or a\n"
              "cache size) and the offset of its cache entry within the instruction's cache.")
    with w.block("type UopExpansion struct {"):
        w.emit("Uop    Uop")
        w.emit("Size   int8")
        w.emit("Offset int8")
    w.emit()
    w.comment("MacroExpansion is the tier-2 translation of one instruction.")
    with w.block("type MacroExpansion struct {"):
        w.emit("NUops int")
        w.emit("Uops  [MAX_UOP_PER_EXPANSION]UopExpansion")
    w.emit()
    w.comment("MacroExpansionTable holds the expansion of every instruction tier 2 can run.")
    with w.block("var MacroExpansionTable = [256]MacroExpansion{"):
        for i in insts:
            ex = i["expansion"]
            if ex is None:
                continue
            uops = ", ".join(f"{{{go_name(e['uop'])}, {e['size']}, {e['offset']}}}" for e in ex)
            w.emit(f"{i['name']}: {{{len(ex)}, [MAX_UOP_PER_EXPANSION]UopExpansion{{{uops}}}}},")
    w.emit()

    max_targets = max(len(p["targets"]) for p in pseudos)
    w.comment("PseudoTargets lists the real instructions a pseudo instruction may become.")
    with w.block("type PseudoTargets struct {"):
        w.emit("AsSequence bool")
        w.emit(f"Targets    [{max_targets + 1}]Opcode")
    w.emit()
    w.comment("PseudoTargetsTable is indexed by pseudo opcode - MIN_PSEUDO_OPCODE; a zero target ends the list.")
    with w.block(f"var PseudoTargetsTable = [{len(pseudos)}]PseudoTargets{{"):
        for p in pseudos:
            targets = ", ".join(p["targets"])
            w.emit(f"{p['name']} - MIN_PSEUDO_OPCODE: {{{'true' if p['as_sequence'] else 'false'}, "
                   f"[{max_targets + 1}]Opcode{{{targets}}}}},")
    w.emit()
    w.comment("IsPseudo reports whether op is a pseudo instruction (CPython's IS_PSEUDO_INSTR).")
    with w.block("func IsPseudo(op Opcode) bool {"):
        w.emit("return op >= MIN_PSEUDO_OPCODE && op <= MAX_PSEUDO_OPCODE")
    w.emit()
    w.comment("IsPseudoTarget reports whether target is one of pseudo's real instructions.")
    with w.block("func IsPseudoTarget(pseudo, target Opcode) bool {"):
        with w.block("if !IsPseudo(pseudo) {"):
            w.emit("return false")
        with w.block("for _, t := range PseudoTargetsTable[pseudo-MIN_PSEUDO_OPCODE].Targets {"):
            with w.block("if t == 0 {"):
                w.emit("break")
            with w.block("if t == target {"):
                w.emit("return true")
        w.emit("return false")
    return w.text()
