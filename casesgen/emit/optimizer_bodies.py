"""optimizer/optimizer_bodies_gen.go: the overrides of optimizer_bytecodes.c, translated from their C.

Generated at run time and never committed, like vm/op_bodies_gen.go: CPython's code in Go form.
Each override runs on symbols with the optimizer context (`ctx`) and the trace instruction it
may rewrite (`this_instr`); the translator reads them with mapping.toml's [optimizer] tables laid
over the base mapping. A body that calls the runtime (constant folding: `_PyLong_Add`) reaches it
through `e := ctx.Runtime()`.
"""
from __future__ import annotations

from ..signatures import signature
from ..translate import Result, translate_optimizer
from .op_bodies import bodies_file, functions

SOURCES = ["Python/optimizer_bytecodes.c"]


def with_runtime(results: list[Result]) -> list[Result]:
    """A translation that calls the runtime (`e.`) gets `e := ctx.Runtime()` first."""
    out = []
    for r in results:
        if r.status == "translated" and any("e." in line.split("//")[0] for line in r.go):
            r = Result(r.uop, r.line, r.status, ("\te := ctx.Runtime()", "\t_ = e", *r.go), r.reason, r.reason_line)
        out.append(r)
    return out


def render(model: dict, ctx, results: list[Result]) -> str:
    api = ctx.go_api
    sigs = {o["name"]: signature(o, api, optimizer=True) for o in model.get("optimizer_overrides", [])}
    translated = sum(r.status == "translated" for r in results)
    return bodies_file(model, ctx, "optimizer_bodies", SOURCES,
                       f"Optimizer overrides translated from optimizer_bytecodes.c: {translated} of {len(results)} translated.",
                       functions(sigs, with_runtime(results), "optimizer_bytecodes.c", "ctx"))


def emit(model: dict, ctx) -> str:
    return render(model, ctx, translate_optimizer(model, ctx.go_api, ctx.mapping, ctx.qualifier("uop_ids", "optimizer_bodies")))
