"""specialize/skeletons_gen.go: what a specializer may write, per family.

The seed's bug class: a specializer wrote one cell and the VM read another, and both agreed. Here
each family gets a Go type of its legal targets (its head and its members, and nothing else: the
type has an unexported field, so no other opcode converts into it) and a function that rewrites an
instruction to one of them and sets its adaptive counter through the family's typed cache view.
The runtime's decision functions (CPython's Python/specialize.c) fill these skeletons; one that
writes another family's opcode or a raw cache cell does not compile.
"""
from __future__ import annotations

from ..gowriter import GoWriter, camel
from .cache_layouts import view_name

SOURCES = ["Python/bytecodes.c", "Include/internal/pycore_code.h"]


def view_of(model: dict, family: str) -> str | None:
    """The cache view type of a family's struct (CallCache for _PyCallCache), if it has one."""
    for lay in model.get("cache_layouts", []):
        if family in lay["families"]:
            return view_name(lay["struct"])
    return None


def counter_offset(inst: dict) -> int | None:
    """The code unit after the instruction word where its adaptive counter is (the first cache cell)."""
    cells = [p for p in inst["parts"] if p["kind"] in ("unused", "cache")] + \
            [c for p in inst["parts"] if p["kind"] == "uop" for c in p.get("caches", [])]
    offsets = [c["offset"] for c in cells if "offset" in c]
    return min(offsets) if offsets and inst["cache_entries"] else None


def emit(model: dict, ctx) -> str:
    c = ctx.qualifier("opcode_ids", "skeletons")
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("skeletons"),
                 doc="What a specializer may write: per family, its legal targets and the rewrite that takes only those.")
    if c:
        w.imports(ctx.import_path("opcode_ids"))
    insts = {i["name"]: i for i in model["instructions"]}
    for f in model["families"]:
        head = f["name"]
        name = camel(head.lower())
        target = f"{name}Target"
        inst = insts[head]
        w.comment(f"{target} is an instruction the {head} family may be rewritten to: {head} itself\n"
                  f"(unspecialized) or one of its {len(f['members'])} members: only the Target values below exist.")
        w.emit(f"type {target} struct{{ op {c}Opcode }}")
        w.emit()
        w.emit(f"// Opcode is the instruction a {target} stands for.")
        w.emit(f"func (t {target}) Opcode() {c}Opcode {{ return t.op }}")
        w.emit()
        with w.block("var (", ")"):
            for op in [head, *f["members"]]:
                w.emit(f"Target{camel(op.lower())} = {target}{{{c}{op}}}")
        w.emit()
        fn = f"Specialize{name}"
        get, set_ = counter_access(model, head, inst)
        if get is None:
            w.comment(f"{fn} rewrites the {head} instruction at instr to target (the family has no cache).")
            with w.block(f"func {fn}(code []uint16, instr int, target {target}) {{"):
                w.emit("code[instr] = code[instr]&0xff00 | uint16(target.op)")
            w.emit()
            continue
        w.comment(f"{fn} rewrites the {head} instruction at instr to target and sets its adaptive counter\n"
                  f"({how(model, head, inst)}): CPython's specialize() and unspecialize().")
        with w.block(f"func {fn}(code []uint16, instr int, target {target}, counter uint16) {{"):
            w.emit("code[instr] = code[instr]&0xff00 | uint16(target.op)")
            w.emit(set_.format(v="counter"))
        w.emit()
        w.comment(f"Counter{name} is the adaptive counter of the {head} instruction at instr.")
        with w.block(f"func Counter{name}(code []uint16, instr int) uint16 {{"):
            w.emit(f"return {get}")
        w.emit()
    w.comment("SetAdaptiveCounter sets the adaptive counter of the instruction at instr (of any family),\n"
              "as CPython's _PyCode_Quicken arms it; false for an instruction without one.")
    with w.block("func SetAdaptiveCounter(code []uint16, instr int, counter uint16) bool {"):
        with w.block(f"switch {c}Deopt[{c}Opcode(code[instr]&0xff)] {{"):
            for f in model["families"]:
                get, set_ = counter_access(model, f["name"], insts[f["name"]])
                if get is not None:
                    w.emit(f"case {c}{f['name']}:")
                    w.emit("\t" + set_.format(v="counter"))
                    w.emit("\treturn true")
        w.emit("return false")
    return w.text()


def counter_access(model: dict, head: str, inst: dict) -> tuple[str | None, str | None]:
    """Go to read and (with {v}) write a family's counter: through its view, or its DSL cell."""
    view = view_of(model, head)
    if view is not None:
        return f"New{view}(code, instr).Counter()", f"New{view}(code, instr).SetCounter({{v}})"
    offset = counter_offset(inst)
    if offset is None:
        return None, None
    return f"code[instr+{1 + offset}]", f"code[instr+{1 + offset}] = {{v}}"


def how(model: dict, head: str, inst: dict) -> str:
    view = view_of(model, head)
    if view is not None:
        return f"through the family's cache view, {view}"
    return f"the cache cell at {counter_offset(inst)} after it: the family has no cache struct in pycore_code.h"
