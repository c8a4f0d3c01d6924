"""vm/eval_dispatch_gen.go: the tier-1 interpreter loop, one arm per instruction.

What CPython's tier1_generator.py writes in C, in Go: each arm sets the next instruction, then
calls the body function of each op of the instruction in macro order. Inputs come from the stack
(or from the op before, in a Go local), cache entries from the instruction's typed cache view,
and what is left is written back once at the end (gostack). A body's Exit leaves the arm early:
a deopt re-dispatches the instruction as its family head, an error goes to the runtime's
exception unwinding with the stack as it was when the instruction started, and the other exits
are the harness's jumps.
"""
from __future__ import annotations

from ..gostack import Depth, Stack, call_op, moves_next_instr
from ..gotree import SELF_LINE
from ..gowriter import GoWriter, camel
from ..inline import Inline, label, translated_bodies
from ..signatures import signature
from .cache_layouts import view_name

SOURCES = ["Python/bytecodes.c"]
# Instructions whose whole meaning is the dispatch itself: the harness is their body.
HARNESS_ONLY = {
    "EXTENDED_ARG": ["instr++", "word = code[instr]", "op = compile.Opcode(word & 0xff)",
                     "oparg = oparg<<8 | uint32(word>>8)", "goto dispatch"],
}
# The harness's own locals, which a DSL value's Go local must not shadow.
HARNESS_NAMES = ("e", "f", "st", "sp", "code", "instr", "word", "op", "oparg", "exit")
EXITS = [
    ("ExitNext", "the op finished; the instruction goes on with its next op"),
    ("ExitDeopt", "a DEOPT_IF or EXIT_IF guard failed: run the instruction as its family head"),
    ("ExitError", "an exception is set (ERROR_IF, ERROR_NO_POP, goto error)"),
    ("ExitDispatch", "DISPATCH(): go to the next instruction (f.NextInstr) at once"),
    ("ExitRedispatch", "DISPATCH_SAME_OPARG(): run the rewritten instruction at this address"),
    ("ExitReturn", "the eval loop is done: INTERPRETER_EXIT returned its result"),
    ("ExitFrame", "DISPATCH_INLINED(): the body pushed a frame (e.Frame); the loop goes on in it"),
]
# After an op that switches frames: the op's other outputs go on the stack of whichever frame
# e.Frame now is, as C's RELOAD_STACK and LOAD_IP leave it.
RELOAD = ("f = e.Frame", "code, st, sp = f.Code, f.Stack, f.SP")
# The label of the switch over instructions, which a body written into its arm leaves on an exit.
LEAVE = "arm"
# Then the arm leaves the frame's loop for runFrame's outer loop, which runs e.Frame (SWITCHED),
# so that within one frame f, code and st never change: Go keeps them in the function's stack
# slots once per frame instead of spilling them again on every dispatch.
SWITCHED = ("f.SP = sp", "continue frame")


def exit_type(w: GoWriter, doc: str) -> None:
    """`type Exit` and its constants: how a body function (or an override) ended."""
    w.comment(doc)
    w.emit("type Exit uint8")
    w.emit()
    with w.block("const (", ")"):
        for i, (name, what) in enumerate(EXITS):
            w.comment(f"{name}: {what}.")
            w.emit(f"{name} Exit = iota" if i == 0 else name)
    w.emit()


def view_for(model: dict, inst: dict, cell: dict) -> tuple[str, str] | None:
    """(view constructor, getter) of the cache struct field at this cell, when the family has one."""
    family = inst["family"] or inst["name"]
    for lay in model.get("cache_layouts", []):
        if family in lay["families"]:
            for f in lay["fields"]:
                if f["offset"] == cell["offset"] and f["size"] == cell["size"]:
                    return f"New{view_name(lay['struct'])}", camel(f["name"])
    return None


def read_cache(model: dict, inst: dict, cell: dict, spec: str, api: dict) -> str:
    view = view_for(model, inst, cell)
    if view is not None and cell["size"] == 4:  # an object the specializer cached: its reference number
        return f"e.CacheObject({spec}{view[0]}(code, instr).{view[1]}())"
    if view is not None:
        return f"{spec}{view[0]}(code, instr).{view[1]}()"
    i = f"instr + {1 + cell['offset']}"
    if cell["size"] == 1:
        return f"code[{i}]"
    if cell["size"] == 2:
        return f"uint32(code[{i}]) | uint32(code[{i} + 1])<<16"
    return f"e.ReadCacheObject(code, {i})"


def arm(model: dict, inst: dict, uops: dict, api: dict, c: str, spec: str, bodies: dict | None = None) -> list[str]:
    """The Go statements of one instruction's case."""
    out: list[str] = []
    parts = [p for p in inst["parts"] if p["kind"] == "uop"]
    desc = " + ".join(p["name"] if p["kind"] == "uop" else f"unused/{p['size']}" for p in inst["parts"]
                      if p["kind"] != "flush")
    out.append(f"// {inst['defined_by']} {inst['name']} (bytecodes.c:{inst['where']['line']}): {desc}")
    if inst["name"] in HARNESS_ONLY:
        return out + HARNESS_ONLY[inst["name"]]
    # Compiler errors and panics in the arm point at the instruction in bytecodes.c; the
    # directive after it gives the rest of the file its own positions back.
    out.append(f"//line bytecodes.c:{inst['where']['line']}")
    out.append(f"f.NextInstr = instr + {inst['size']}")
    stack = Stack(names=set(HARNESS_NAMES))
    inline = Inline(bodies, LEAVE) if bodies is not None else None
    # C keeps next_instr in a local: the loop counts on from this instruction, unless a body may
    # move the frame's next instruction (or is not translated, and so unknown here).
    counts_on = bodies is not None
    for part in parts:
        uop = uops[part["name"]]
        sig = signature(uop, api)
        counts_on = counts_on and not moves_next_instr(uop) and sig.name in bodies
        by_cell = {cc["name"]: cc for cc in part["caches"]}
        caches = {p.name: read_cache(model, inst, by_cell[p.dsl], spec, api) for p in sig.params if p.kind == "cache"}
        call_op(stack, uop, sig, caches, "oparg", out, reload=RELOAD, inline=inline)
    stack.flush(out.append)
    top = stack.top
    if top != Depth():
        out.append(f"sp = {top.go()}")
    if RELOAD[0] not in out:  # (after a frame switch the outer loop reads the new frame's)
        out.append(f"instr += {inst['size']}" if counts_on else "instr = f.NextInstr")
    out.append("continue")
    out.append(SELF_LINE)
    return leave_after_switch(out)


def leave_after_switch(lines: list[str]) -> list[str]:
    """After an arm's frame switch (RELOAD), its exits and its end leave for runFrame's outer loop
    (SWITCHED), carrying the exit: ExitNext goes on in the new frame, an error is handled there."""
    if RELOAD[0] not in lines:
        return lines
    at = lines.index(RELOAD[0])
    out = lines[:at]
    for line in lines[at:]:
        stripped = line.strip()
        if stripped in ("break", "continue", f"break {LEAVE}"):
            indent = line[:len(line) - len(line.lstrip())]
            out += [indent + x for x in SWITCHED]
        else:
            out.append(line)
    return out


def emit(model: dict, ctx) -> str:
    api = ctx.go_api
    c = ctx.qualifier("opcode_ids", "eval_dispatch")
    spec = ctx.qualifier("cache_layouts", "eval_dispatch")
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("eval_dispatch"),
                 doc="The tier-1 interpreter loop: one arm per instruction of bytecodes.c.")
    uops = {u["name"]: u for u in model["uops"]}
    insts = sorted(model["instructions"], key=lambda i: i["name"])
    bodies = translated_bodies(model, ctx, tier2=False)
    arms = {inst["name"]: arm(model, inst, uops, api, c, spec, bodies) for inst in insts}
    from .op_bodies import used_imports
    # the packages the arms name: in the types of their locals, and in the bodies written into them
    text = "\n".join(line for lines in arms.values() for line in lines)
    imports = [ctx.import_path("opcode_ids"), ctx.import_path("cache_layouts"), *used_imports(text, ctx)]
    w.imports(*sorted(set(imports)))
    w.comment(f"TIER1_INSTRUCTIONS is the number of instructions this loop has an arm for ({len(insts)}):\n"
              "every instruction CPython's generated_cases.c.h has a TARGET for.")
    w.emit(f"const TIER1_INSTRUCTIONS = {len(insts)}")
    w.emit()
    recv = api["eval"]
    w.comment("runFrame executes f from f.NextInstr, and the frames it calls in the same loop, until\n"
              "INTERPRETER_EXIT returns (ExitReturn) or an exception leaves the frames of this loop\n"
              "(ExitError). The stack is f.Stack with f.SP items; between instructions the loop keeps\n"
              "SP in the local sp, and the next instruction in instr (C's next_instr). The inner loop runs\n"
              "one frame; a frame switch goes through the outer.")
    with w.block(f"func (e {recv}) runFrame(f {api['frame']}) Exit {{"):
        w.emit("var exit Exit")
        w.emit("frame:")
        with w.block("for {"):
            w.comment("One frame: f, code and st stay the same until an arm switches frames.")
            w.emit("code, st, sp, instr := f.Code, f.Stack, f.SP, f.NextInstr")
            with w.block("if exit == ExitError {"):
                w.comment("raised in the frame an arm switched to (a trace that left in a callee)")
                with w.block("if !e.HandleException(f) {"):
                    w.emit("return ExitError")
                w.emit("f, exit = e.Frame, ExitNext")
                w.emit("continue")
            with w.block("for {"):
                w.emit("word := code[instr]")
                w.emit(f"op, oparg := {c}Opcode(word&0xff), uint32(word>>8)")
                w.emit("dispatch:", )
                with w.block("if statsEnabled {"):
                    w.emit("e.RecordExecution(op)")
                w.emit("f.InstrPtr = instr")
                for line in label(LEAVE, arms.values()):
                    w.emit(line)
                with w.block("switch op {"):
                    for inst in insts:
                        w.case(f"{c}{inst['name']}", arms[inst["name"]])
                    w.emit("default:")
                    w.emit("\texit = e.UnknownOpcode(f, int(op))")
                w.comment("Only an arm that did not finish in its frame gets here.")
                with w.block("switch exit {"):
                    w.emit("case ExitDeopt:")
                    w.emit("\t// the specialized instruction, read from the code again so that op is not kept")
                    w.emit("\t// across the arms' calls (a family head never deoptimizes)")
                    w.emit(f"\top = {c}Opcode(code[instr] & 0xff)")
                    w.emit("\te.RecordDeopt(instr, op)")
                    w.emit(f"\top = {spec}FamilyHead[op]")
                    w.emit("\tgoto dispatch")
                    w.emit("case ExitRedispatch:")
                    w.emit(f"\top = {c}Opcode(code[instr] & 0xff)")
                    w.emit("\tgoto dispatch")
                    w.emit("case ExitDispatch:")
                    w.emit("\tinstr = f.NextInstr")
                    w.emit("\tcontinue")
                    w.emit("case ExitFrame:")
                    w.emit("\tf = e.Frame")
                    w.emit("\tcontinue frame")
                    w.emit("case ExitReturn:")
                    w.emit("\tf.SP = sp")
                    w.emit("\treturn ExitReturn")
                w.comment("ExitError: the runtime finds the handler in the exception table of this frame or of\n"
                          "a caller it unwinds to, or the eval loop is done.")
                w.emit("f.SP = sp")
                with w.block("if !e.HandleException(f) {"):
                    w.emit("return ExitError")
                w.emit("f, exit = e.Frame, ExitNext")
                w.emit("continue frame")
    return w.text()
