"""The translated bodies written into the interpreter loops' cases, as CPython's
generated_cases.c.h and executor_cases.c.h hold each body in its case.

Go would not do it for us: into a function as big as the loop (over 5000 nodes) it inlines only
callees of cost 20 or less, and profile-guided inlining keeps that limit for a big caller ("hot-big
check"), so a guard of cost 30 stayed a call. A body goes in as a block that binds its parameters
to the harness's values and writes its results to the harness's locals; a return with an exit
becomes `exit = ExitX; break <the switch's label>`. Bodies that stay calls: stubs and hand-written
ones (no translation), bodies whose exit is a runtime call (DISPATCH_INLINED), bodies that always
leave (RERAISE: written in, the harness's code after them would be unreachable), and ops that
switch frames (_PUSH_FRAME, _RETURN_VALUE: written in, call_loop and method_call executed 0.4% and
1.6% more instructions, the loop's registers more contended around the frame reload).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from .gotree import SELF_LINE
from .signatures import signatures


@dataclass
class Inline:
    """The translated bodies a harness writes into its cases instead of calling them; `leave`
    labels the harness's switch, which a body's early exit breaks out of."""
    bodies: dict[str, tuple[str, ...]]  # Signature.name -> the body function's statements
    leave: str

    def body(self, sig, switching: bool) -> tuple[str, ...] | None:
        lines = self.bodies.get(sig.name)
        return lines if lines is not None and not switching and inlinable(lines) else None


def label(leave: str, cases) -> list[str]:
    """The switch's label line, when a body written into one of its cases (lists of lines) breaks
    out to it: Go refuses a label nothing uses."""
    return [f"{leave}:"] if any(line.strip() == f"break {leave}" for lines in cases for line in lines) else []


RETURN = re.compile(r"^(\s*)return (?:.*, )?(Exit\w+)$")
STRING = re.compile(r'"(?:\\.|[^"\\])*"|`[^`]*`')


# A body is written into each instruction that holds its op, in both loops: what is read from its
# lines is read once per body (the functions below are pure, of a tuple of lines).
@functools.lru_cache(maxsize=None)
def own_lines(lines: tuple[str, ...]) -> tuple[bool, ...]:
    """For each line, whether it is the body's own and not inside a function literal (the
    translator's C `?:`, `func() T { ... }()`), whose returns are the literal's."""
    own, depth, literals = [], 0, []
    for line in lines:
        code = STRING.sub('""', line)
        own.append(not literals)
        if line.lstrip().startswith("//"):
            continue
        if "func(" in code and code.rstrip().endswith("{"):
            literals.append(depth)
        depth += code.count("{") - code.count("}")
        while literals and depth <= literals[-1]:
            literals.pop()
    return tuple(own)


@functools.lru_cache(maxsize=None)
def inlinable(lines: tuple[str, ...]) -> bool:
    """A body whose returns before its last statement leave with a constant Exit other than
    ExitNext (the harness breaks out of its switch there; the translator ends a body early only
    on an exit), and whose last statement is not such a return: a body that always leaves
    (RERAISE) stays a call, as written in it would leave the harness's code after it unreachable,
    which go vet reports."""
    mine = [line for line, own in zip(lines, own_lines(lines)) if own and not line.lstrip().startswith("//")]
    for i, line in enumerate(mine):
        m = RETURN.match(line)
        if line.strip().startswith("return") and (not m or (m.group(2) == "ExitNext") != (i == len(mine) - 1)):
            return False
    return True


def inlined(sig, body: tuple[str, ...], args: dict[str, str], results: list[str], leave: str) -> list[str]:
    """One op's body in the harness: a block that binds the parameters it reads to the call's
    arguments, writes its results to the harness's locals, and leaves the switch (`break leave`) on
    an exit but ExitNext."""
    code = _code(body)
    read = {p.name for p in sig.params if re.search(rf"\b{p.name}\b", code)}
    params = [p for p in sig.params if p.kind != "receiver" and p.name in read]
    out = ["{"]
    if params:
        out.append(f"{', '.join(p.name for p in params)} := {', '.join(args[p.name] for p in params)}")
    # an input the harness read into a local for a parameter the body never reads (Go refuses
    # a local nothing uses)
    out += [f"_ = {args[p.name]}" for p in sig.params if p.kind == "input" and p.name not in read
            and args[p.name].isidentifier()]
    copies = []
    for r, local in zip(sig.results, results):
        source = r.returned
        if source != local:
            if not r.peek:
                out.append(f"var {r.name} {r.type}")
            copies.append(f"{local} = {source}")
    for line, own in zip(body, own_lines(body)):
        m = RETURN.match(line) if own else None
        if not m:
            out.append(line)
        elif m.group(2) != "ExitNext":
            out += [f"{m.group(1)}exit = {m.group(2)}", f"{m.group(1)}break {leave}"]
    return out + copies + ["}", SELF_LINE]  # the harness's own lines again after the body's


@functools.lru_cache(maxsize=None)
def _code(body: tuple[str, ...]) -> str:
    """The body's code, without its comments and with its strings emptied: what names it reads."""
    return "\n".join(STRING.sub('""', line) for line in body if not line.lstrip().startswith("//"))


def translated_bodies(model: dict, ctx, tier2: bool) -> dict[str, tuple[str, ...]] | None:
    """The translated body functions' statements by function name (op_NAME, op_NAME_tier2 for the
    executor's own versions); None without a mapping (no translation to write into the harness)."""
    if getattr(ctx, "mapping", None) is None:
        return None
    from .translate import translate_all, translate_tier2
    prefix = ctx.qualifier("opcode_ids", "op_bodies")
    results = translate_all(model, ctx.go_api, ctx.mapping, prefix)
    sigs = signatures(model, ctx.go_api)
    out = {sigs[r.uop].name: r.go for r in results if r.status == "translated"}
    if tier2:
        for r in translate_tier2(model, ctx.go_api, ctx.mapping, results, prefix):
            name = replace(sigs[r.uop], tier2=True).name
            if r.status == "translated":
                out[name] = r.go
            elif r.status == "same" and sigs[r.uop].name in out:
                out[name] = out[sigs[r.uop].name]
    return out
