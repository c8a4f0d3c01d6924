"""vm/runtime_api_gen.go: the runtime surface the translated bodies call, one assertion each.

Every `[calls]` entry of mapping.toml names a Go function, runtime method or method of a
value type; this file asserts each with the Go signature the mapping gives it, so a runtime
that lacks one, or has it with other types, fails `go build` naming it. The harness's own needs
(frames, exception unwinding, cache objects) are asserted the same way.
"""
from __future__ import annotations

from ..gowriter import GoWriter
from .op_bodies import used_imports

SOURCES = ["mapping.toml"]


def method_value(recv: str, name: str) -> str:
    """A Go method expression: (*Eval).F or Ref.F."""
    return f"({recv}).{name}" if recv.startswith("*") else f"{recv}.{name}"


def harness_surface(api: dict, opcode: str = "compile.Opcode") -> list[tuple[str, str, str]]:
    """(what, Go func type, value) of what the generated harness calls on the runtime."""
    ev, fr, ref, obj = api["eval"], api["frame"], api["stackref"], api["object"]
    return [
        ("RecordDeopt", f"func({ev}, int, {opcode})", method_value(ev, "RecordDeopt")),
        ("RecordExecution", f"func({ev}, {opcode})", method_value(ev, "RecordExecution")),
        ("statsEnabled", "bool", "statsEnabled"),
        ("HandleException", f"func({ev}, {fr}) bool", method_value(ev, "HandleException")),
        ("SetCurrentUop", f"func({ev}, *{opcode[:-len('Opcode')]}UOpInstruction)", method_value(ev, "SetCurrentUop")),
        ("UnknownUop", f"func({ev}, {fr}, int) Exit", method_value(ev, "UnknownUop")),
        ("OperandObject", f"func({ev}, uint64) {obj}", method_value(ev, "OperandObject")),
        ("UnknownOpcode", f"func({ev}, {fr}, int) Exit", method_value(ev, "UnknownOpcode")),
        ("NotTranslated", f"func({ev}, string, string) Exit", method_value(ev, "NotTranslated")),
        ("ReadCacheObject", f"func({ev}, []uint16, int) {obj}", method_value(ev, "ReadCacheObject")),
        ("CacheObject", f"func({ev}, uint64) {obj}", method_value(ev, "CacheObject")),
        ("WrapFrame", f"func({ev}, {fr}) {ref}", method_value(ev, "WrapFrame")),
        ("UnwrapFrame", f"func({ev}, {ref}) {fr}", method_value(ev, "UnwrapFrame")),
    ]


def assertion(cm, api: dict) -> tuple[str, str] | None:
    """(Go func type, value) asserting one mapped call, or None for `{0}`, `{0} = {1}` and a statement
    (which names no function: the build of the bodies checks it)."""
    result = ("*" + cm.result if cm.deref else cm.result) if cm.result else ""
    kind = cm.kind
    if kind in ("identity", "assign", "clear", "statement"):
        return None
    args = [a if a != "..." else "...any" for a in cm.args]
    if kind == "runtime":  # e.F: the runtime's method; ctx.F: the optimizer context's
        receiver, name = cm.target.split(".", 1)
        recv_type = api["eval"] if receiver == "e" else api["optimizer_context"]
        params, value = [recv_type, *args], method_value(recv_type, name)
    elif kind == "method":
        params, value = args, method_value(cm.args[0], cm.target[1:])
    else:
        params, value = args, cm.target
    return f"func({', '.join(params)}) {result}".rstrip(), value


def emit(model: dict, ctx) -> str:
    api = ctx.go_api
    rows = harness_surface(api, ctx.qualifier("opcode_ids", "runtime_api") + "Opcode")
    calls = []
    decides_exit = {n: cm for n, cm in ctx.mapping.exits.items() if not isinstance(cm, str)}
    for name, cm in sorted({**ctx.mapping.calls, **decides_exit}.items()):
        a = assertion(cm, api)
        if a:
            calls.append((name, *a))
    text = "\n".join(f"{t} {v}" for _, t, v in rows + calls)
    w = GoWriter(SOURCES, model["cpython_version"], ctx.package("runtime_api"),
                 doc="The runtime surface of the generated harness and of the translated bodies.")
    w.imports(*used_imports(text, ctx))
    w.comment("What the tier-1 harness calls.")
    with w.block("var (", ")"):
        for name, t, v in rows:
            w.emit(f"_ {t} = {v}")
    w.emit()
    w.comment(f"What the translated bodies call: the {len(calls)} functions of mapping.toml's [calls], by C name.")
    with w.block("var (", ")"):
        for name, t, v in calls:
            w.emit(f"_ {t} = {v} // {name}")
    return w.text()
