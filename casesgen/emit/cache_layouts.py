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


def getter(f: dict) -> tuple[str, list[str]]:
    """The Go expression that reads field f over c.cells, and the statements that write v into it."""
    t, o, n = GO_TYPES[f["size"]], f["offset"], f["size"]
    if n == 1:
        return f"c.cells[{o}]", [f"c.cells[{o}] = v"]
    read = " | ".join(f"{t}(c.cells[{o + i}])" + (f"<<{16 * i}" if i else "") for i in range(n))
    write = [f"c.cells[{o + i}] = uint16(v" + (f" >> {16 * i}" if i else "") + ")" for i in range(n)]
    return read, write


def emit(model: dict, ctx) -> str:
    layouts = model["cache_layouts"]
    c = ctx.qualifier("opcode_ids", "cache_layouts")
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("cache_layouts"))
    if c:
        w.imports(ctx.import_path("opcode_ids"))
    w.decl("CacheField is one field of a cache struct, in code units from the first cache cell.",
           "type CacheField struct {", ["Name   string", "Offset int", "Size   int"])
    w.decl("CacheLayout describes one _Py*Cache struct of pycore_code.h.", "type CacheLayout struct {",
           ["Struct string", "Size   int", "Fields []CacheField"])
    w.decl("CacheLayouts lists every cache struct in pycore_code.h order.", "var CacheLayouts = []CacheLayout{",
           [f'{{"{lay["struct"]}", {lay["cells"]}, []CacheField{{'
            + ", ".join(f'{{"{f["name"]}", {f["offset"]}, {f["size"]}}}' for f in lay["fields"]) + "}},"
            for lay in layouts])
    w.decl("FamilyCacheStruct names the cache struct of each family head that has one.",
           f"var FamilyCacheStruct = map[{c}Opcode]string{{",
           [f'{c}{fam}: "{lay["struct"]}",' for lay in layouts for fam in lay["families"]])
    for lay in layouts:
        name = view_name(lay["struct"])
        size = f"{name}Size"
        users = ", ".join(lay["families"]) or "no family"
        w.comment(f"{name} is a view of CPython's {lay['struct']} (pycore_code.h:{lay['line']}),\n"
                  f"the inline cache of {users}.")
        w.emit(f"type {name} struct{{ cells []uint16 }}")
        w.emit()
        w.comment(f"{size} is the number of code units in {lay['struct']}.")
        w.emit(f"const {size} = {lay['cells']}")
        w.emit()
        w.decl(f"New{name} views the cache of the instruction at code[instr].",
               f"func New{name}(code []uint16, instr int) {name} {{",
               [f"return {name}{{cells: code[instr+1 : instr+1+{size} : instr+1+{size}]}}"])
        for f in lay["fields"]:
            method, t = camel(f["name"]), GO_TYPES[f["size"]]
            read, write = getter(f)
            dsl = f" DSL: {', '.join(f['dsl_names'])}." if f["dsl_names"] else ""
            span = f"cell {f['offset']}" if f["size"] == 1 else f"cells {f['offset']}..{f['offset'] + f['size'] - 1}"
            w.decl(f"{method} reads {f['name']} ({span}).{dsl}", f"func (c {name}) {method}() {t} {{",
                   [f"return {read}"])
            w.decl(f"Set{method} writes {f['name']} ({span}).", f"func (c {name}) Set{method}(v {t}) {{", write)
    return w.text()
