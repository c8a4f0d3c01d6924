"""compile/uop_ids_gen.go: every tier-2 uop id (CPython's pycore_uop_ids.h).

Go does not export names that start with '_', so _LOAD_FAST is UOP_LOAD_FAST.
A uop CPython creates implicitly from an ``inst`` shares its instruction's
number, as in CPython (``#define _NOP NOP``).
"""
from __future__ import annotations

from ..gowriter import GoWriter, go_name

SOURCES = ["Python/bytecodes.c"]


def emit(model: dict, ctx) -> str:
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("uop_ids"))
    opcode = {name: op for name, op in model["opmap"].items()}
    w.comment("Uop is a tier-2 micro-operation id as CPython numbers it.")
    w.emit("type Uop uint16")
    w.emit()
    with w.block("const (", ")"):
        for u in sorted((u for u in model["uops"] if u["id"] is not None), key=lambda u: (u["id"], u["name"])):
            if u["name"][1:] in opcode and opcode[u["name"][1:]] == u["id"] and u["implicitly_created"]:
                w.emit(f"{go_name(u['name'])} = Uop({u['name'][1:]})")
            else:
                w.emit(f"{go_name(u['name'])} Uop = {u['id']}")
        w.emit(f"MAX_UOP_ID Uop = {model['max_uop_id']}")
    return w.text()
