"""The value stack of one instruction, tracked at generation time (what CPython's stack.py does for C).

The harness keeps values that flow from one op to the next in Go locals and touches the real
stack (`st`, with `sp` at the instruction's entry) only to read inputs that were there before
the instruction, to hand array items to a body as slices of it, and to write back what is left
at the end. Positions are `Depth`s: integer-linear expressions over the array sizes, relative to
`sp` at the instruction's entry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cexpr import to_go


@dataclass(frozen=True)
class Depth:
    const: int = 0
    terms: tuple[tuple[str, int], ...] = ()  # (Go int expression, coefficient), sorted

    @staticmethod
    def of_size(size: str) -> "Depth":
        """A DSL item size ('' for a scalar, '2', 'oparg', 'oparg & 1', ...) as a Depth."""
        if not size:
            return Depth(1)
        if size.strip().isdigit():
            return Depth(int(size))
        return Depth(0, ((f"int({to_go(size)})", 1),))

    def __add__(self, other: "Depth") -> "Depth":
        terms = dict(self.terms)
        for t, c in other.terms:
            terms[t] = terms.get(t, 0) + c
        return Depth(self.const + other.const, tuple(sorted((t, c) for t, c in terms.items() if c)))

    def __neg__(self) -> "Depth":
        return Depth(-self.const, tuple((t, -c) for t, c in self.terms))

    def __sub__(self, other: "Depth") -> "Depth":
        return self + (-other)

    def go(self, base: str = "sp") -> str:
        """`sp - 2 + int(oparg)`: base plus this depth, as Go source."""
        text = base
        for t, c in self.terms:
            sign = "+" if c > 0 else "-"
            text += f" {sign} " + (t if abs(c) == 1 else f"{abs(c)}*{t}")
        if self.const:
            text += f" {'+' if self.const > 0 else '-'} {abs(self.const)}"
        return text


@dataclass
class Value:
    """One stack item: where it lives (`pos`, from the bottom of the item) and how Go names it."""
    dsl: str
    size: str  # '' for a scalar
    pos: Depth
    local: str | None = None  # the Go local holding a scalar, or the slice naming an array
    in_memory: bool = False  # whether st[...] already holds it
    typed: bool = False  # a typed item (a frame pointer): wrapped into a stack reference in st

    @property
    def is_array(self) -> bool:
        return bool(self.size)


@dataclass
class Stack:
    """What the harness knows about the stack above `floor` while it emits one instruction."""
    floor: Depth = field(default_factory=Depth)
    items: list[Value] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # Go locals declared so far in this arm

    @property
    def top(self) -> Depth:
        d = self.floor
        for v in self.items:
            d = d + Depth.of_size(v.size)
        return d

    def fresh(self, name: str) -> str:
        """A Go local for a DSL value, unique within the arm (left, left2, ...)."""
        from .signatures import go_local
        base = go_local(name)
        candidate, n = base, 1
        while candidate in self.names:
            n += 1
            candidate = f"{base}{n}"
        self.names.add(candidate)
        return candidate

    def slice_at(self, pos: Depth, size: str) -> str:
        return f"st[{pos.go()} : {(pos + Depth.of_size(size)).go()}]"

    def pop(self, dsl: str, size: str, emit, typed: bool = False) -> Value:
        """The item on top; read from st into a local if it was there before this instruction."""
        if self.items and self.items[-1].size == size:
            value = self.items.pop()
            if value.local is None and dsl != "unused":  # an op before left it unnamed, in st
                value.local = self.fresh(dsl)
                read = self.slice_at(value.pos, size) if size else f"st[{value.pos.go()}]"
                emit(f"{value.local} := " + (f"e.UnwrapFrame({read})" if typed else read))
            return value
        if self.items:  # a different shape (an array over locals, a scalar out of an array): go through st
            self.flush(emit)
            self.floor = self.top
            self.items = []
        self.floor = self.floor - Depth.of_size(size)
        value = Value(dsl, size, self.floor, in_memory=True, typed=typed)
        if dsl != "unused":
            value.local = self.fresh(dsl)
            read = self.slice_at(value.pos, size) if size else f"st[{value.pos.go()}]"
            emit(f"{value.local} := " + (f"e.UnwrapFrame({read})" if typed else read))
        return value

    def push(self, value: Value) -> None:
        value.pos = self.top
        self.items.append(value)

    def flush(self, emit) -> None:
        """Write every value kept only in a local to its stack slot."""
        for v in self.items:
            if not v.in_memory and v.local is not None and not v.is_array:
                emit(f"st[{v.pos.go()}] = " + (f"e.WrapFrame({v.local})" if v.typed else v.local))
                v.in_memory = True


def enters_tier2(uop: dict) -> bool:
    """An op that runs a trace (GOTO_TIER_TWO): the trace moves the frame's stack pointer."""
    return any(t[1] == "GOTO_TIER_TWO" for t in uop["body"])


def switches_frame(uop: dict) -> bool:
    """An op whose body changes the running frame: it assigns C's `frame` (a push, a return, a
    yield: `frame = tstate->current_frame = ...`) or leaves through DISPATCH_INLINED."""
    body = uop["body"]
    return any(t[1] == "DISPATCH_INLINED" or t[1] == "frame" and i + 1 < len(body) and body[i + 1][1] == "="
               for i, t in enumerate(body))


def call_op(stack: Stack, uop: dict, sig, caches: dict[str, str], oparg: str, out: list[str],
            reload: tuple[str, ...] = (), inline: Inline | None = None) -> None:
    """The statements that call one op's body function: its inputs popped (from locals or st),
    its outputs declared, the call, and an early `break` on any exit but ExitNext. The
    outputs stay on `stack` as locals until someone flushes them. An op that enters tier 2
    gets the stack pointer in the frame (f.SP) and the harness takes it back after the call.

    An op that switches frames (switches_frame) finds the stack as C's SYNC_SP leaves it: its
    inputs popped, the outputs that stay in place (receiver in `receiver, v -- receiver, retval`)
    kept, and that level saved in f.SP, which is where the caller resumes when the new frame
    returns. After the call the harness runs `reload` (take e.Frame's code, stack and SP as f's),
    and the op's other outputs go on top of whichever frame now runs, as C's RELOAD_STACK does."""
    args: dict[str, str] = dict(caches)
    if any(item["size"] for item in uop["inputs"]):
        # A body handed an array of the stack may reach the items below it (`arguments--` for
        # self_or_null): they must be in st, as C's generator spills them, not only in locals.
        stack.flush(out.append)
    popped: list[Value] = []
    for item in reversed(uop["inputs"]):
        popped.append(stack.pop(item["name"], item["size"], out.append, typed=bool(item["type"]) and not sig.optimizer))
    popped.reverse()
    for item, value in zip(uop["inputs"], popped):
        if item["name"] != "unused":
            args[item["name"]] = value.local
    switching = bool(reload) and switches_frame(uop)
    body = inline.body(sig, switching) if inline else None
    if body is not None:  # the body's parameters are locals of its block: the outputs take other names
        stack.names |= {p.name for p in sig.params}
    results: list[str] = []
    pushed: list[Value] = []
    rewritten = {r.dsl: r for r in sig.results if r.peek}
    for i, item in enumerate(uop["outputs"]):
        if item["peek"] and item["name"] in rewritten:  # SWAP: the body gives the slot a new value
            value = Value(item["name"], "", Depth(), local=stack.fresh(item["name"]))
            results.append(value.local)
            out.append(f"var {value.local} {rewritten[item['name']].type}")
            pushed.append(value)
            continue
        if item["peek"]:
            pushed.append(popped[i])
            continue
        if item["name"] == "unused":
            reuse = popped[i] if i < len(popped) and popped[i].dsl == "unused" and popped[i].size == item["size"] else None
            pushed.append(reuse or Value("unused", item["size"], Depth(), in_memory=True))
            continue
        if item["size"] and item["name"] in args:  # an array passed through: the input's slice of st
            pushed.append(Value(item["name"], item["size"], Depth(), local=args[item["name"]], in_memory=True))
            continue
        value = Value(item["name"], item["size"], Depth(), local=stack.fresh(item["name"]),
                      typed=bool(item["type"]) and not sig.optimizer)
        if item["size"]:
            value.in_memory = True
            pos = stack.top
            for v in pushed:
                pos = pos + Depth.of_size(v.size)
            out.append(f"{value.local} := {stack.slice_at(pos, item['size'])}")
            args[item["name"]] = value.local
        else:
            results.append(value.local)
            out.append(f"var {value.local} {sig.results[len(results) - 1].type}")
        pushed.append(value)
    if switching:
        kept = 0
        while kept < len(pushed) and kept < len(popped) and pushed[kept] is popped[kept]:
            kept += 1
        for v in pushed[:kept]:
            stack.push(v)
        pushed = pushed[kept:]
        stack.flush(out.append)
        out.append(f"f.SP = {stack.top.go()}")
    receivers = [p.name for p in sig.params if p.kind == "receiver"]
    call_args = ", ".join(receivers + [oparg] + [args[p.dsl if p.kind != "cache" else p.name] for p in sig.params
                                          if p.kind not in ("receiver", "oparg")])
    if enters_tier2(uop) and not results:
        stack.flush(out.append)
        # The trace may have followed a call and left in the callee: tier 1 goes on in e.Frame.
        out += ["f.SP = " + stack.top.go(), f"exit = {sig.name}({call_args})", *(reload or ["sp = f.SP"]),
                "if exit != ExitNext {", "\tbreak", "}"]
        return
    if body is not None:
        bound = {p.name: args[p.dsl if p.kind != "cache" else p.name] if p.kind != "oparg" else oparg
                 for p in sig.params if p.kind != "receiver"}
        out += inlined(sig, body, bound, results, inline.leave)
    else:
        out.append(f"if {', '.join(results + ['exit'])} = {sig.name}({call_args}); exit != ExitNext {{")
        out.append("\tbreak")
        out.append("}")
    if switching:
        out.extend(reload)
        stack.floor, stack.items = Depth(), []
    for v in pushed:
        stack.push(v)


@dataclass
class Inline:
    """The translated bodies a harness writes into its cases instead of calling them, as CPython's
    generated_cases.c.h holds each body in its case: Go inlines into a function as big as the
    interpreter loop only callees of cost 20 or less (its "big function" rule, which profile-guided
    inlining keeps too), so a guard of cost 30 stayed a call. `leave` labels the harness's switch,
    which a body's early exit breaks out of."""
    bodies: dict[str, tuple[str, ...]]  # Signature.name -> the body function's statements
    leave: str

    def body(self, sig, switching: bool) -> tuple[str, ...] | None:
        lines = self.bodies.get(sig.name)
        if lines is None or switching or not inlinable(lines):
            return None
        return lines


RETURN = re.compile(r"^(\s*)return (?:.*, )?(Exit\w+)$")
STRING = re.compile(r'"(?:\\.|[^"\\])*"|`[^`]*`')


def own_lines(lines: tuple[str, ...]) -> list[bool]:
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
    return own


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
    code = "\n".join(STRING.sub('""', line) for line in body if not line.lstrip().startswith("//"))
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
        source = go_local_of(r)
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
    from .gotree import SELF_LINE
    return out + copies + ["}", SELF_LINE]  # the harness's own lines again after the body's


def go_local_of(r) -> str:
    """The Go name a body returns a result from: a peeked input the body assigned is its parameter."""
    from .signatures import go_local
    return go_local(r.dsl) if r.peek else r.name


def translated_bodies(model: dict, ctx, tier2: bool) -> dict[str, tuple[str, ...]] | None:
    """The translated body functions' statements by function name (op_NAME, op_NAME_tier2 for the
    executor's own versions); None without a mapping (no translation to write into the harness)."""
    if getattr(ctx, "mapping", None) is None:
        return None
    from dataclasses import replace as _replace
    from .signatures import signatures
    from .translate import translate_all, translate_tier2
    prefix = ctx.qualifier("opcode_ids", "op_bodies")
    results = translate_all(model, ctx.go_api, ctx.mapping, prefix)
    sigs = signatures(model, ctx.go_api)
    out = {sigs[r.uop].name: r.go for r in results if r.status == "translated"}
    if tier2:
        for r in translate_tier2(model, ctx.go_api, ctx.mapping, results, prefix):
            name = _replace(sigs[r.uop], tier2=True).name
            if r.status == "translated":
                out[name] = r.go
            elif r.status == "same" and sigs[r.uop].name in out:
                out[name] = out[sigs[r.uop].name]
    return out
