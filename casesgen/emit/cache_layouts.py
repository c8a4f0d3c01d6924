"""specialize/cache_layouts_gen.go: one typed view per _Py*Cache struct of pycore_code.h.

A view wraps the code units after an instruction. 32- and 64-bit fields span
2 and 4 cells, low half first: CPython copies them with memcpy (read_u32,
read_u64), so on the little-endian hosts gopy targets the first cell holds
the low 16 bits.
"""
from __future__ import annotations

from ..gowriter import GoWriter, camel

SOURCES = ["Python/bytecodes.c", "Include/internal/pycore_code.h"]
GO_TYPES = {1: "uint16", 2: "uint32", 4: "uint64"}


def view_name(struct: str) -> str:
    return struct[len("_Py"):] if struct.startswith("_Py") else camel(struct)


def getter(f: dict) -> tuple[str, str]:
    """Go expressions that read and write field f (v is the value) over c.cells."""
    t, o, n = GO_TYPES[f["size"]], f["offset"], f["size"]
    if n == 1:
        return f"c.cells[{o}]", f"c.cells[{o}] = v"
    read = " | ".join(f"{t}(c.cells[{o + i}])" + (f"<<{16 * i}" if i else "") for i in range(n))
    write = "; ".join(f"c.cells[{o + i}] = uint16(v" + (f" >> {16 * i}" if i else "") + ")" for i in range(n))
    return read, write


def emit(model: dict, ctx) -> str:
    layouts = model["cache_layouts"]
    c = ctx.qualifier("opcode_ids", "cache_layouts")
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("cache_layouts"))
    if c:
        w.imports(ctx.import_path("opcode_ids"))
    w.comment("CacheField is one field of a cache struct, in code units from the first cache cell.")
    with w.block("type CacheField struct {"):
        w.emit("Name   string")
        w.emit("Offset int")
        w.emit("Size   int")
    w.emit()
    w.comment("CacheLayout describes one _Py*Cache struct of pycore_code.h.")
    with w.block("type CacheLayout struct {"):
        w.emit("Struct string")
        w.emit("Size   int")
        w.emit("Fields []CacheField")
    w.emit()
    w.comment("CacheLayouts lists every cache struct in pycore_code.h order.")
    with w.block("var CacheLayouts = []CacheLayout{"):
        for lay in layouts:
            fields = ", ".join(f'{{"{f["name"]}", {f["offset"]}, {f["size"]}}}' for f in lay["fields"])
            w.emit(f'{{"{lay["struct"]}", {lay["cells"]}, []CacheField{{{fields}}}}},')
    w.emit()
    w.comment("FamilyCacheStruct names the cache struct of each family head that has one.")
    with w.block(f"var FamilyCacheStruct = map[{c}Opcode]string{{"):
        for lay in layouts:
            for fam in lay["families"]:
                w.emit(f'{c}{fam}: "{lay["struct"]}",')
    for lay in layouts:
        name = view_name(lay["struct"])
        size = f"{name}Size"
        w.emit()
        users = ", ".join(lay["families"]) or "no family"
        w.comment(f"{name} is a view of CPython's {lay['struct']} (pycore_code.h:{lay['line']}),\n"
                  f"the inline cache of {users}.")
        w.emit(f"type {name} struct{{ cells []uint16 }}")
        w.emit()
        w.comment(f"{size} is the number of code units in {lay['struct']}.")
        w.emit(f"const {size} = {lay['cells']}")
        w.emit()
        w.comment(f"New{name} views the cache of the instruction at code[instr].")
        with w.block(f"func New{name}(code []uint16, instr int) {name} {{"):
            w.emit(f"return {name}{{cells: code[instr+1 : instr+1+{size} : instr+1+{size}]}}")
        for f in lay["fields"]:
            method = camel(f["name"])
            t = GO_TYPES[f["size"]]
            read, write = getter(f)
            dsl = f" DSL: {', '.join(f['dsl_names'])}." if f["dsl_names"] else ""
            span = f"cell {f['offset']}" if f["size"] == 1 else f"cells {f['offset']}..{f['offset'] + f['size'] - 1}"
            w.emit()
            w.comment(f"{method} reads {f['name']} ({span}).{dsl}")
            with w.block(f"func (c {name}) {method}() {t} {{"):
                w.emit(f"return {read}")
            w.emit()
            w.comment(f"Set{method} writes {f['name']} ({span}).")
            with w.block(f"func (c {name}) Set{method}(v {t}) {{"):
                for stmt in write.split("; "):
                    w.emit(stmt)
    return w.text()
