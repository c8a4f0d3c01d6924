"""vm/eval_uops_gen.go: the tier-2 executor, one case per micro-op of a trace.

What CPython's tier2_generator.py writes into executor_cases.c.h, in Go: every uop that is viable
for tier 2 gets a case that calls the SAME body function as the tier-1 part of the same name, its
oparg from the trace instruction (or the constant of a replicated uop, `_LOAD_FAST_3`), its cache
entries from operand0/operand1 in order. Each case pops and pushes on the real stack (a trace has
no macro around its uops). An exit leaves the trace: the runtime resumes tier 1 at the exiting
micro-op's target instruction (DEOPT_IF/EXIT_IF) or unwinds from there (ERROR_IF).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..gostack import Depth, Stack, call_op, enters_tier2, switches_frame
from ..gowriter import GoWriter
from ..inline import Inline, label, translated_bodies
from ..signatures import reads_tier, signature

SOURCES = ["Python/bytecodes.c"]
# The executor's own locals, which a DSL value's Go local must not shadow.
HARNESS_NAMES = ("e", "f", "st", "sp", "u", "pc", "trace", "oparg", "exit")
OPERANDS = ("u.Operand0", "u.Operand1")
OPERAND_TYPES = {1: "uint16", 2: "uint32", 4: "uint64"}
# After a micro-op that switches frames (_PUSH_FRAME, _RETURN_VALUE: a trace follows calls), the
# trace goes on on the stack of whichever frame now runs, as C's executor reloads `frame`.
RELOAD = ("f = e.Frame", "st, sp = f.Stack, f.SP")
# Then the case leaves the frame's loop for runTrace's outer loop, which goes on with the next
# micro-op in e.Frame, so that within one frame f and st never change (Go keeps them in place
# instead of spilling them again on every micro-op; eval_dispatch does the same).
SWITCHED = ("f.SP = sp", "pc++", "continue frame")
# The label of the switch over micro-ops, which a body written into its case leaves on an exit.
LEAVE = "uop"


def tier2_uops(model: dict) -> list[dict]:
    """The uops executor_cases.c.h has a case for, in the analyzer's order."""
    return [u for u in model["uops"] if u["tier2"] and not u["is_super"]]


# Micro-ops with a body this short (in C tokens) get their case in runTrace itself; the others in
# runTraceLong, one call away. Chosen when the bodies were calls (Go's inliner gives a function past
# its "big function" limit only callees of cost 20 or less; halving the switch took the generated
# executor from 1.23x to 1.15x a hand-written one; 40 and 60 tokens measured worse). With the
# bodies written in, one switch of all 285 cases executes 3.4% fewer instructions on while_sum's
# trace but took 1.40x the hand-written executor's time against 1.05-1.09x for this split
# (benchmarks/tier2.py): the split stays.
SHORT_BODY = 100


# What a body reads of the micro-op that runs (C's `next_uop[-1]`, a local of the executor).
CURRENT = ("CURRENT_OPERAND0", "CURRENT_OPERAND1", "CURRENT_TARGET")


def reads_current(uop: dict) -> bool:
    """A body that reads its trace instruction: only its case tells the runtime which one runs
    (a store per micro-op otherwise, 5% of a trace's time)."""
    return any(t[1] in CURRENT for t in uop["body"])


def short(uop: dict) -> bool:
    """A case runTrace keeps: a short body, or one that may switch frames (a push, a return, a jump
    to another trace: only runTrace holds f)."""
    return len(uop["body"]) <= SHORT_BODY or switches_frame(uop) or enters_tier2(uop)


def runs_code(uop: dict, mapping) -> bool:
    """Whether the micro-op's Go body may run Python code (and so change a class an executor
    relies on): CPython's analysis finds an escaping call in its body that this runtime neither
    drops (a decref frees nothing here, and runs no __del__) nor maps to a function that runs no
    Python code (`escapes = false`)."""
    return any(name not in mapping.drop and (name not in mapping.calls or mapping.calls[name].escapes)
               for name, _line in uop["properties"]["escaping_calls"])


def case(uop: dict, api: dict, tail: str = "continue", bodies: dict | None = None) -> list[str]:
    """The Go statements of one micro-op's case; `tail` ends it when the micro-op finished."""
    out = [f"// {uop['name']} (bytecodes.c:{uop['where']['line']})"]
    if reads_current(uop):
        out.append("e.SetCurrentUop(u)")
    props = uop["properties"]
    # Stack sizes and the body read oparg: the trace's, or the constant of a replicated uop.
    out.append("oparg := uint32(u.Oparg)" if props["oparg"] or props["const_oparg"] < 0
               else f"oparg := uint32({props['const_oparg']})")
    sig = signature(uop, api)
    if reads_tier(uop):  # the body's tier-2 version (op_bodies: translate_tier2)
        sig = replace(sig, tier2=True)
    named = [c for c in uop["caches"] if c["name"] != "unused"]
    caches = {}
    for p, cache, operand in zip((p for p in sig.params if p.kind == "cache"), named, OPERANDS):
        caches[p.name] = (f"e.OperandObject({operand})" if cache["size"] == 4
                          else f"{OPERAND_TYPES[cache['size']]}({operand})")
    stack = Stack(names=set(HARNESS_NAMES))
    inline = Inline(bodies, LEAVE) if bodies is not None else None
    call_op(stack, uop, sig, caches, "oparg", out, reload=RELOAD, inline=inline)
    stack.flush(out.append)
    if stack.top != Depth():
        out.append(f"sp = {stack.top.go()}")
    if not any(re.search(r"\boparg\b", line) for line in out if not line.startswith("oparg :=")):
        out = [line for line in out if not line.startswith("oparg :=")]  # a body written in that reads none
    if RELOAD[0] in out:  # only runTrace's cases switch frames (short)
        return out + list(SWITCHED)
    out.append(tail)
    return out


def emit(model: dict, ctx) -> str:
    api = ctx.go_api
    c = ctx.qualifier("uop_ids", "eval_uops")
    uops = tier2_uops(model)
    bodies = translated_bodies(model, ctx, tier2=True)
    kept = {u["name"] for u in uops if short(u)}  # runTrace's cases; runTraceLong has the others
    cases = {u["name"]: case(u, api, bodies=bodies) if u["name"] in kept else case(u, api, "return sp, ExitNext", bodies)
             for u in uops}
    from .op_bodies import used_imports
    # the packages the cases name: in the types of their locals, and in the bodies written into them
    text = "\n".join(line for lines in cases.values() for line in lines)
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("eval_uops"),
                 doc="The tier-2 executor: one case per micro-op that is viable in a trace.")
    w.imports(*sorted({ctx.import_path("uop_ids"), *used_imports(text, ctx)}))
    w.comment(f"TIER2_UOPS is the number of micro-ops this executor has a case for ({len(uops)}):\n"
              "every case of CPython's executor_cases.c.h.")
    w.emit(f"const TIER2_UOPS = {len(uops)}")
    w.emit()
    w.comment("UopRunsCode says which micro-ops may run Python code in this runtime: CPython's analysis\n"
              "has them escape through a call the mapping neither drops (a decref) nor marks `escapes = false`.\n"
              "A trace checks its validity (_CHECK_VALIDITY) at the instruction after one.")
    with w.block(f"var UopRunsCode = [{c}MAX_UOP_ID + 1]bool{{"):
        for uop in uops:
            if runs_code(uop, ctx.mapping):
                w.emit(f"{c}UOP{uop['name']}: true,")
    w.emit()
    w.comment("runTrace executes trace on f from its first micro-op until one exits; it returns the\n"
              "exit and the index of the micro-op that took it. f.SP is up to date on return. The cases\n"
              "whose body reads its trace instruction (CURRENT_OPERAND0()) tell the runtime which it is.")
    with w.block(f"func (e {api['eval']}) runTrace(f {api['frame']}, trace []{c}UOpInstruction) (Exit, int) {{"):
        w.emit("pc := 0")
        w.emit("frame:")
        with w.block("for {"):
            w.comment("One frame: f and st stay the same until a micro-op switches frames.")
            w.emit("st, sp := f.Stack, f.SP")
            with w.block("for ; pc < len(trace); pc++ {"):
                w.emit("u := &trace[pc]")
                w.emit("var exit Exit")
                for line in label(LEAVE, [cases[u["name"]] for u in uops if u["name"] in kept]):
                    w.emit(line)
                with w.block("switch u.Opcode {"):
                    for uop in uops:
                        if uop["name"] in kept:
                            w.case(f"{c}UOP{uop['name']}", cases[uop["name"]])
                    w.emit("default:")
                    w.emit("\tif sp, exit = e.runTraceLong(f, u, st, sp); exit == ExitNext {")
                    w.emit("\t\tcontinue")
                    w.emit("\t}")
                w.emit("f.SP = sp")
                w.emit("return exit, pc")
            w.emit("f.SP = sp")
            w.emit("return ExitNext, len(trace)")
    w.emit()
    w.comment("runTraceLong runs one micro-op whose body is too long to inline: the other half of runTrace.")
    with w.block(f"func (e {api['eval']}) runTraceLong(f {api['frame']}, u *{c}UOpInstruction, st []{api['stackref']}, "
                 f"sp int) (int, Exit) {{"):
        w.emit("var exit Exit")
        for line in label(LEAVE, [cases[u["name"]] for u in uops if u["name"] not in kept]):
            w.emit(line)
        with w.block("switch u.Opcode {"):
            for uop in uops:
                if uop["name"] not in kept:
                    w.case(f"{c}UOP{uop['name']}", cases[uop["name"]])
            w.emit("default:")
            w.emit("\texit = e.UnknownUop(f, int(u.Opcode))")
        w.emit("return sp, exit")
    return w.text()
