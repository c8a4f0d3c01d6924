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
    by_op = {i["opcode"]: i for i in model["instructions"]}
    max_targets = max(len(p["targets"]) for p in pseudos)

    w.decl("Instruction property flags (OpcodeMetadata.Flags), one bit each, in CPython's bit order.",
           "const (", [f"{flag_const(f)} uint16 = {1 << i}" for i, f in enumerate(model["flags"])], ")")
    w.decl("How a uop in a macro expansion takes its operand (UopExpansion.Size).\n"
           "1, 2 and 4 mean a cache entry of that many code units.",
           "const (", [f"{name} = {value}" for name, value in model["oparg_kinds"].items()], ")")
    w.comment("InstrFormat is an instruction's layout: I opcode, B oparg / X none, C cache, 0 more cache.")
    w.emit("type InstrFormat uint8")
    w.emit()
    w.decl("", "const (", [
        *(f"{fmt} InstrFormat = {i}" for i, fmt in enumerate(model["formats"], 1)),
        "// INSTR_FMT_PSEUDO is the format of pseudo instructions (-1 in CPython's uint8_t).",
        f"INSTR_FMT_PSEUDO InstrFormat = {PSEUDO_FORMAT}"], ")")
    w.decl("OpcodeMetadata is one row of CPython's _PyOpcode_opcode_metadata.", "type OpcodeMetadata struct {",
           ["ValidEntry  bool", "InstrFormat InstrFormat", "Flags       uint16"])
    w.decl("OpcodeMetadataTable is indexed by opcode, pseudo opcodes included.",
           "var OpcodeMetadataTable = [MAX_PSEUDO_OPCODE + 1]OpcodeMetadata{",
           [f"{i['name']}: {{true, {i['format']}, {flags_expr(i['flags'])}}}," for i in insts] +
           [f"{p['name']}: {{true, INSTR_FMT_PSEUDO, {flags_expr(p['flags'])}}},"
            for p in sorted(pseudos, key=lambda p: p["name"])])
    w.decl("IsValidOpcode reports whether op is a defined opcode (CPython's IS_VALID_OPCODE).",
           "func IsValidOpcode(op int) bool {",
           ["return op >= 0 && op < len(OpcodeMetadataTable) && OpcodeMetadataTable[op].ValidEntry"])
    for flag in model["flags"]:
        w.decl(f"OpcodeHas{camel(flag)} reports {flag_const(flag)} (CPython's OPCODE_HAS_{flag}).",
               f"func OpcodeHas{camel(flag)}(op Opcode) bool {{",
               [f"return int(op) < len(OpcodeMetadataTable) && OpcodeMetadataTable[op].Flags&{flag_const(flag)} != 0"])

    rows = [(i["name"], i["popped"]) for i in insts] + [(p["name"], p["popped"]) for p in pseudos]
    emit_stack_function(w, "NumPopped", "NumPopped is how many stack items op pops for oparg; -1 for an unknown op.", rows)
    rows = [(i["name"], i["pushed"]) for i in insts] + [(p["name"], p["pushed"]) for p in pseudos]
    emit_stack_function(w, "NumPushed", "NumPushed is how many stack items op pushes for oparg; -1 for an unknown op.", rows)

    w.decl("Caches is the number of inline cache code units after each family head or plain\n"
           "instruction (0 for specialized and instrumented opcodes, as in CPython).",
           "var Caches = [256]uint8{",
           [f"{i['name']}: {i['cache_entries']}," for i in model["instructions"]
            if i["cache_entries"] and not (i["family"] and i["family"] != i["name"])
            and not i["name"].startswith("INSTRUMENTED")])
    w.decl("Deopt maps a specialized opcode to its family head; every other opcode maps to itself.",
           "var Deopt = [256]Opcode{",
           [f"{by_op[op]['name']}: {by_op[op]['family'] or by_op[op]['name']}," if op in by_op else f"{op}: {op},"
            for op in range(256)])

    w.emit(f"const MAX_UOP_PER_EXPANSION = {model['max_uop_per_expansion']}")
    w.emit()
    w.decl("UopExpansion is one uop of a macro expansion: its operand kind (OPARG_* or a\n"
           "cache size) and the offset of its cache entry within the instruction's cache.",
           "type UopExpansion struct {", ["Uop    Uop", "Size   int8", "Offset int8"])
    w.decl("MacroExpansion is the tier-2 translation of one instruction.", "type MacroExpansion struct {",
           ["NUops int", "Uops  [MAX_UOP_PER_EXPANSION]UopExpansion"])
    w.decl("MacroExpansionTable holds the expansion of every instruction tier 2 can run.",
           "var MacroExpansionTable = [256]MacroExpansion{",
           [f"{i['name']}: {{{len(i['expansion'])}, [MAX_UOP_PER_EXPANSION]UopExpansion{{"
            + ", ".join(f"{{{go_name(e['uop'])}, {e['size']}, {e['offset']}}}" for e in i["expansion"]) + "}},"
            for i in insts if i["expansion"] is not None])

    w.decl("PseudoTargets lists the real instructions a pseudo instruction may become.", "type PseudoTargets struct {",
           ["AsSequence bool", f"Targets    [{max_targets + 1}]Opcode"])
    w.decl("PseudoTargetsTable is indexed by pseudo opcode - MIN_PSEUDO_OPCODE; a zero target ends the list.",
           f"var PseudoTargetsTable = [{len(pseudos)}]PseudoTargets{{",
           [f"{p['name']} - MIN_PSEUDO_OPCODE: {{{'true' if p['as_sequence'] else 'false'}, "
            f"[{max_targets + 1}]Opcode{{{', '.join(p['targets'])}}}}}," for p in pseudos])
    w.decl("IsPseudo reports whether op is a pseudo instruction (CPython's IS_PSEUDO_INSTR).",
           "func IsPseudo(op Opcode) bool {", ["return op >= MIN_PSEUDO_OPCODE && op <= MAX_PSEUDO_OPCODE"])
    w.decl("IsPseudoTarget reports whether target is one of pseudo's real instructions.",
           "func IsPseudoTarget(pseudo, target Opcode) bool {", [
               "if !IsPseudo(pseudo) {", "\treturn false", "}",
               "for _, t := range PseudoTargetsTable[pseudo-MIN_PSEUDO_OPCODE].Targets {",
               "\tif t == 0 {", "\t\tbreak", "\t}", "\tif t == target {", "\t\treturn true", "\t}", "}",
               "return false"])
    return w.text()
