"""vm/op_bodies_gen.go: one Go function per op body of bytecodes.c, translated from its C.

Generated at run time and never committed (it is CPython's code in Go form). A body the
translator cannot express keeps its signature and returns the runtime's "not translated"
error with the reason; a body the mapping marks hand-written is left to the runtime.
Each translated statement carries a `//line bytecodes.c:N` directive, so a panic or a
compiler error in it points at the DSL.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..gowriter import GoWriter, go_string
from ..signatures import signatures
from ..translate import Result, translate_all, translate_tier2

SOURCES = ["Python/bytecodes.c"]


def used_imports(text: str, ctx) -> list[str]:
    """The [tool.casesgen.go] packages this Go text names (Go refuses an unused import)."""
    names = [pkg for pkg in ctx.go_api.get("imports", {}) if re.search(rf"(?<![\w.]){pkg}\.", text)]
    return ctx.api_imports(*(f"{n}." for n in names))


def functions(sigs: dict, results: list[Result], file: str, receiver: str) -> list[str]:
    """The body functions: each translation, or a stub returning the receiver's NotTranslated."""
    body = GoWriter([], "", "x")
    body.lines = []
    for r in results:
        sig = sigs[r.uop]
        if r.status == "handwritten":
            continue
        if r.status == "same":  # a tier-2 version that is the tier-1 body
            body.emit(f"// {r.uop} ({file}:{r.line}): the tier-1 body (the tier only chose an assert)")
            with body.block(sig.declaration() + " {"):
                body.emit(f"return {replace(sig, tier2=False).name}({', '.join(p.name for p in sig.params)})")
            body.emit()
            continue
        body.emit(f"// {r.uop} ({file}:{r.line})" + ("" if r.status == "translated" else f": not translated: {r.reason}"))
        with body.block(sig.declaration() + " {"):
            if r.status == "translated":
                body.lines.extend(r.go)
            else:
                names = ", ".join([p.name for p in sig.results] +
                                  [f"{receiver}.NotTranslated({go_string(r.uop)}, {go_string(r.reason)})"])
                body.emit(f"return {names}")
        body.emit()
    return body.lines


def helpers(w: GoWriter) -> None:
    """The few Go functions translated C leans on, written once per file of translations."""
    w.comment("boolToInt is C's conversion of a truth value to an int, which Go does not do implicitly.")
    with w.block("func boolToInt(b bool) int {"):
        w.emit("if b {")
        w.emit("\treturn 1")
        w.emit("}")
        w.emit("return 0")
    w.emit()
    w.comment("shift is C's p += n over an array: the slice n items further on. Going back (n < 0)\n"
              "reaches the items before the slice in the same array, the value stack, as C's\n"
              "arguments-- does to pass self_or_null with the arguments.")
    with w.block("func shift[T any](s []T, n int) []T {"):
        w.emit("if n >= 0 {")
        w.emit("\treturn s[n:]")
        w.emit("}")
        w.emit("var zero T")
        w.emit("start := unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), n*int(unsafe.Sizeof(zero)))")
        w.emit("return unsafe.Slice((*T)(start), len(s)-n)")
    w.emit()
    w.comment("indexOf is C's cell - array: the index of the cell p in s, -1 if p is not in s.")
    with w.block("func indexOf[T any](p *T, s []T) int {"):
        w.emit("for i := range s {")
        w.emit("\tif &s[i] == p {")
        w.emit("\t\treturn i")
        w.emit("\t}")
        w.emit("}")
        w.emit("return -1")
    w.emit()
    w.comment("at is C's p + n for a pointer into an array (a trace's micro-ops: this_instr + 2): the\n"
              "item n further on.")
    with w.block("func at[T any](p *T, n int) *T {"):
        w.emit("var zero T")
        w.emit("return (*T)(unsafe.Add(unsafe.Pointer(p), n*int(unsafe.Sizeof(zero))))")
    w.emit()
    w.comment("tail is C's pointer + n over a slice: the items from n on, empty one past the end.")
    with w.block("func tail[T any](s []T, n int) []T {"):
        w.emit("if n > len(s) {")
        w.emit("\treturn s[len(s):]")
        w.emit("}")
        w.emit("return s[n:]")
    w.emit()


def bodies_file(model: dict, ctx, name: str, sources: list[str], doc: str, lines: list[str]) -> str:
    """A file of translated body functions: header, imports, the helpers, the functions."""
    w = GoWriter(sources, model["cpython_version"], ctx.package(name), doc=doc)
    w.imports("unsafe", *used_imports("\n".join(lines), ctx))
    helpers(w)
    w.lines.extend(lines)
    return w.text()


def render(model: dict, ctx, results: list[Result]) -> str:
    """The file of the translated bodies `results`, and the tier-2 versions of the ones that read
    the tier (translate_tier2), which the executor calls."""
    translated = sum(r.status == "translated" for r in results)
    sigs = signatures(model, ctx.go_api)
    lines = functions(sigs, results, "bytecodes.c", "e")
    tier2 = translate_tier2(model, ctx.go_api, ctx.mapping, results, ctx.qualifier("opcode_ids", "op_bodies"))
    if tier2:
        lines += ["// The tier-2 executor's versions of the bodies that read #if TIER_ONE / #if TIER_TWO", ""]
        lines += functions({r.uop: replace(sigs[r.uop], tier2=True) for r in tier2}, tier2, "bytecodes.c", "e")
    return bodies_file(model, ctx, "op_bodies", SOURCES,
                       f"Op bodies translated from bytecodes.c: {translated} of {len(results)} translated.", lines)


def emit(model: dict, ctx) -> str:
    return render(model, ctx, translate_all(model, ctx.go_api, ctx.mapping, ctx.qualifier("opcode_ids", "op_bodies")))
