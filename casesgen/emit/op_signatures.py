"""vm/op_signatures_gen.go: the Exit type and, for every op, its body function's signature.

Each signature is a compile-time assertion, `var _ func(...) (...) = opNAME`, under a
`//line bytecodes.c:N` directive: a missing body function, or one whose parameters drifted from
the DSL's stack effect and cache entries, fails `go build` with an error that names the op and
points at its definition in bytecodes.c.
"""
from __future__ import annotations

from ..gowriter import GoWriter
from ..signatures import signatures
from .eval_dispatch import exit_type

SOURCES = ["Python/bytecodes.c"]


def emit(model: dict, ctx) -> str:
    sigs = signatures(model, ctx.go_api)
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("op_signatures"))
    types = [p.type for s in sigs.values() for p in (*s.params, *s.results)]
    w.imports(*ctx.api_imports(*types))
    exit_type(w, "Exit tells the harness how a body function ended.")
    w.comment(f"BODY_FUNCTIONS is the number of ops with a body function ({len(sigs)}): every uop of the analysis.")
    w.emit(f"const BODY_FUNCTIONS = {len(sigs)}")
    w.emit()
    where = {u["name"]: u["where"] for u in model["uops"]}
    w.comment("One assertion per op: its body function must exist with exactly this signature.\n"
              "The //line directives make a failing assertion report the op's line in bytecodes.c.")
    for name, sig in sigs.items():
        loc = where[name] or {"file": "Python/bytecodes.c", "line": 1}
        w.emit(f"//line {loc['file'].split('/')[-1]}:{loc['line']}")
        w.emit(f"var _ {sig.func_type()} = {sig.name}")
    return w.text()
