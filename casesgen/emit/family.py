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
    w.comment("Family is a generic instruction (Head) and the specialized instructions\n"
              "the specializer may rewrite it into, in the DSL's order.")
    with w.block("type Family struct {"):
        w.emit(f"Head {c}Opcode")
        w.emit(f"Members []{c}Opcode")
        w.comment("CacheSize is the number of inline cache code units every member carries.")
        w.emit("CacheSize int")
    w.emit()
    w.comment("Families lists every family in bytecodes.c order.")
    with w.block("var Families = []Family{"):
        for f in model["families"]:
            members = ", ".join(f"{c}{m}" for m in f["members"])
            w.emit(f"{{{c}{f['name']}, []{c}Opcode{{{members}}}, {insts[f['name']]['cache_entries']}}},")
    w.emit()
    w.comment("FamilyHead maps every specialized opcode to the head it deoptimizes to.")
    with w.block(f"var FamilyHead = map[{c}Opcode]{c}Opcode{{"):
        for f in model["families"]:
            for m in f["members"]:
                w.emit(f"{c}{m}: {c}{f['name']},")
    w.emit()
    w.comment("FamilyOf returns the family headed by head, or nil when head heads none.")
    with w.block(f"func FamilyOf(head {c}Opcode) *Family {{"):
        with w.block("for i := range Families {"):
            with w.block("if Families[i].Head == head {"):
                w.emit("return &Families[i]")
        w.emit("return nil")
    return w.text()
