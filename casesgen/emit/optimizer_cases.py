"""optimizer/optimizer_cases_gen.go: the abstract interpreter of traces, one case per micro-op.

What CPython's optimizer_generator.py writes into optimizer_cases.c.h, in Go: for every micro-op a
trace can hold, the symbolic effect on the optimizer's stack of symbols. Where
optimizer_bytecodes.c overrides the micro-op, the case calls the override's body function (its
translation, in optimizer_bodies_gen.go); otherwise the default: the inputs are popped and every
output is a new symbol that is not NULL (a `null` output, NULL). An override may rewrite the
micro-op in the trace (REPLACE_OP): that is how a guard goes away or a value becomes a constant.
"""
from __future__ import annotations

from ..errors import CasesgenError
from ..gostack import Depth, Stack, call_op
from ..gowriter import GoWriter
from ..signatures import signature
from .eval_dispatch import exit_type

SOURCES = ["Python/bytecodes.c", "Python/optimizer_bytecodes.c"]
HARNESS_NAMES = ("ctx", "this_instr", "st", "sp", "oparg", "exit")
OPERAND_TYPES = {1: "uint16", 2: "uint32", 4: "uint64"}
# After an override that switched abstract frames: the stack pointer is the new frame's.
RELOAD = ("sp = ctx.SP",)


def optimizer_uops(model: dict) -> list[dict]:
    """The micro-ops optimizer_cases.c.h has a case for: tier 2's, less the replicated copies."""
    return [u for u in model["uops"] if u["tier2"] and not u["is_super"] and not u["replicates"]]


def overrides(model: dict) -> dict[str, dict]:
    """The overrides by name. Each must override a micro-op of the base, as CPython's
    optimizer_generator.py asserts: one that overrides nothing is refused in one line."""
    base = {u["name"] for u in model["uops"]}
    for o in model.get("optimizer_overrides", []):
        if o["name"] not in base:
            where = o["where"] or {}
            raise CasesgenError(f"All abstract uops should override base uops, but {o['name']} is not: "
                                "the base has no micro-op of that name",
                                "inputs/" + where.get("file", "Python/optimizer_bytecodes.c"), where.get("line"))
    return {o["name"]: o for o in model.get("optimizer_overrides", [])}


def default_effect(uop: dict) -> list[str]:
    """Inputs popped; each output a new symbol, NULL for a `null`, not NULL otherwise."""
    pos = Depth()
    for item in uop["inputs"]:
        pos = pos - Depth.of_size(item["size"])
    out = []
    for item in uop["outputs"]:
        size = Depth.of_size(item["size"])
        if not item["peek"] and item["name"] != "unused":
            if item["size"]:
                out += [f"for i := {pos.go()}; i < {(pos + size).go()}; i++ {{", "\tst[i] = ctx.NewNotNull()", "}"]
            else:
                out.append(f"st[{pos.go()}] = " + ("ctx.NewNull()" if item["name"] == "null" else "ctx.NewNotNull()"))
        pos = pos + size
    if pos != Depth():
        out.append(f"sp = {pos.go()}")
    return out


def case(uop: dict, override: dict | None, api: dict, untranslated: str | None = None) -> list[str]:
    if override is None:
        return [f"// {uop['name']}: the default effect"] + default_effect(uop)
    if untranslated:  # knowing nothing new is always sound: the optimizer only removes what it proved
        return [f"// {uop['name']}: optimizer_bytecodes.c:{override['where']['line']} is not translated "
                f"({untranslated}): the default effect"] + default_effect(uop)
    out = [f"// {uop['name']}: optimizer_bytecodes.c:{override['where']['line']}"]
    sig = signature(override, api, optimizer=True)
    named = [c for c in uop["caches"] if c["name"] != "unused"]
    caches = {p.name: ("ctx.OperandObject(this_instr.Operand0)" if c["size"] == 4
                       else f"{OPERAND_TYPES[c['size']]}(this_instr.Operand0)")
              for p, c in zip((p for p in sig.params if p.kind == "cache"), named)}
    stack = Stack(names=set(HARNESS_NAMES), runtime="ctx")
    # An override that moves between abstract frames (_PUSH_FRAME, _RETURN_VALUE) reads and sets the
    # stack pointer (ctx.SP) as C's SYNC_SP/SAVE_STACK leave it; the case goes on from where it left it.
    call_op(stack, override, sig, caches, "oparg", out, reload=RELOAD, saved_sp="ctx.SP")
    stack.flush(out.append)
    if stack.top != Depth():
        out.append(f"sp = {stack.top.go()}")
    return out


def emit(model: dict, ctx) -> str:
    from ..translate import translate_optimizer
    return render(model, ctx, translate_optimizer(model, ctx.go_api, ctx.mapping, ctx.qualifier("uop_ids", "optimizer_cases")))


def render(model: dict, ctx, results) -> str:
    """The cases, given the translation of the overrides (an untranslated one gets the default effect)."""
    api = ctx.go_api
    c = ctx.qualifier("uop_ids", "optimizer_cases")
    uops = optimizer_uops(model)
    over = overrides(model)
    stubs = {r.uop: r.reason for r in results if r.status == "stub"}
    cases = {u["name"]: case(u, over.get(u["name"]), api, stubs.get(u["name"])) for u in uops}
    from .op_bodies import used_imports
    declared = "\n".join(line for lines in cases.values() for line in lines if line.startswith("var "))
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("optimizer_cases"),
                 doc="The optimizer's abstract interpreter: one case per micro-op a trace can hold.")
    api_text = " ".join(t for _, t, _ in symbol_api(ctx))
    w.imports(*sorted({ctx.import_path("uop_ids"), *used_imports(declared + " " + api["uop_instruction"] + " " + api_text, ctx)}))
    exit_type(w, "Exit tells the abstract interpreter how an override ended.")
    overridden = sum(1 for u in uops if u["name"] in over)
    w.comment(f"OPTIMIZER_CASES is the number of micro-ops with a case ({len(uops)}): every case of CPython's\n"
              f"optimizer_cases.c.h; {overridden} of them are overridden in optimizer_bytecodes.c.")
    w.emit(f"const OPTIMIZER_CASES = {len(uops)}")
    w.emit()
    w.comment("optimizeUop applies this_instr's effect to ctx's stack of symbols (ctx.Stack, ctx.SP),\n"
              "and may rewrite this_instr in its trace.")
    with w.block(f"func (ctx {api['optimizer_context']}) optimizeUop(this_instr *{api['uop_instruction']}) Exit {{"):
        w.emit("st, sp := ctx.Stack, ctx.SP")
        w.emit("oparg := uint32(this_instr.Oparg)")
        w.emit("var exit Exit")
        with w.block("switch this_instr.Opcode {"):
            for u in uops:
                w.case(f"{c}UOP{u['name']}", [*cases[u["name"]], "ctx.SP = sp", "return ExitNext"])
            w.emit("default:")
            w.emit("\texit = ctx.UnknownUop(int(this_instr.Opcode))")
        w.emit("_, _ = st, oparg")
        w.emit("ctx.SP = sp")
        w.emit("return exit")
    w.emit()
    rows = symbol_api(ctx)
    w.comment(f"The symbol API the overrides call: mapping.toml's [optimizer.calls] ({len(rows)}), and what this\n"
              "harness calls, each asserted with its Go signature: a context that lacks one does not build.")
    with w.block("var (", ")"):
        for name, t, v in rows:
            w.emit(f"_ {t} = {v} // {name}")
    return w.text()


def symbol_api(ctx) -> list[tuple[str, str, str]]:
    """(C name, Go func type, Go value) of the optimizer context's surface."""
    from .runtime_api import assertion, method_value
    api, base, opt = ctx.go_api, ctx.mapping, ctx.mapping.optimizer
    oc = api["optimizer_context"]
    rows = [("(harness)", f"func({oc}, int) Exit", method_value(oc, "UnknownUop")),
            ("(harness)", f"func({oc}, string, string) Exit", method_value(oc, "NotTranslated")),
            ("(harness)", f"func({oc}, uint64) {api['object']}", method_value(oc, "OperandObject")),
            ("(harness)", f"func({oc}, {api['abstract_frame']}) {api['symbol']}", method_value(oc, "WrapFrame")),
            ("(harness)", f"func({oc}, {api['symbol']}) {api['abstract_frame']}", method_value(oc, "UnwrapFrame"))]
    for name in sorted(opt.calls if opt else {}):
        if base.calls.get(name) == opt.calls[name]:
            continue
        a = assertion(opt.calls[name], api)
        if a:
            rows.append((name, *a))
    return rows
