"""specialize/family_gen.go: specialization families, their deopt parents and cache sizes."""
from __future__ import annotations

from ..gowriter import GoWriter

SOURCES = ["Python/bytecodes.c"]


def emit(model: dict, ctx) -> str:
    c = ctx.qualifier("opcode_ids", "family")
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("family"))
    if c:
        w.imports(ctx.import_path("opcode_ids"))
    insts = {i["name"]: i for i in model["instructions"]}
    w.decl("Family is a generic instruction (Head) and the specialized instructions\n"
           "the specializer may rewrite it into, in the DSL's order.", "type Family struct {",
           [f"Head {c}Opcode", f"Members []{c}Opcode",
            "// CacheSize is the number of inline cache code units every member carries.", "CacheSize int"])
    w.decl("Families lists every family in bytecodes.c order.", "var Families = []Family{",
           [f"{{{c}{f['name']}, []{c}Opcode{{{', '.join(c + m for m in f['members'])}}}, "
            f"{insts[f['name']]['cache_entries']}}}," for f in model["families"]])
    # an array, not a map: a guard failure reads it on the interpreter's hot path
    w.decl("FamilyHead maps every specialized opcode to the head it deoptimizes to (0 for the others).",
           f"var FamilyHead = [256]{c}Opcode{{",
           [f"{c}{m}: {c}{f['name']}," for f in model["families"] for m in f["members"]])
    w.decl("FamilyOf returns the family headed by head, or nil when head heads none.",
           f"func FamilyOf(head {c}Opcode) *Family {{",
           ["for i := range Families {", "\tif Families[i].Head == head {", "\t\treturn &Families[i]", "\t}", "}",
            "return nil"])
    return w.text()
