"""The value stack of one instruction, tracked at generation time (what CPython's stack.py does for C).

The harness keeps values that flow from one op to the next in Go locals and touches the real
stack (`st`, with `sp` at the instruction's entry) only to read inputs that were there before
the instruction, to hand array items to a body as slices of it, and to write back what is left
at the end. Positions are `Depth`s: integer-linear expressions over the array sizes, relative to
`sp` at the instruction's entry.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .cexpr import to_go
from .inline import Inline, inlined


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
    runtime: str = "e"  # what wraps a typed item into a stack slot: the Eval, or the optimizer's ctx

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
                emit(f"{value.local} := " + (f"{self.runtime}.UnwrapFrame({read})" if typed else read))
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
            emit(f"{value.local} := " + (f"{self.runtime}.UnwrapFrame({read})" if typed else read))
        return value

    def push(self, value: Value) -> None:
        value.pos = self.top
        self.items.append(value)

    def flush(self, emit) -> None:
        """Write every value kept only in a local to its stack slot."""
        for v in self.items:
            if not v.in_memory and v.local is not None and not v.is_array:
                emit(f"st[{v.pos.go()}] = " + (f"{self.runtime}.WrapFrame({v.local})" if v.typed else v.local))
                v.in_memory = True


def enters_tier2(uop: dict) -> bool:
    """An op that runs a trace (GOTO_TIER_TWO): the trace moves the frame's stack pointer."""
    return any(t[1] == "GOTO_TIER_TWO" for t in uop["body"])


def switches_frame(uop: dict) -> bool:
    """An op whose body changes the running frame: it assigns C's `frame` (a push, a return, a
    yield: `frame = tstate->current_frame = ...`) or leaves through DISPATCH_INLINED; or, an
    override of the optimizer, its stack pointer (`stack_pointer = ctx->frame->stack_pointer`
    after frame_pop: the abstract frames' stacks)."""
    body = uop["body"]
    return any(t[1] == "DISPATCH_INLINED" or t[1] in ("frame", "stack_pointer") and i + 1 < len(body)
               and body[i + 1][1] == "=" for i, t in enumerate(body))


# What in a body moves the frame's next instruction away from the one after the instruction: a
# jump, an assignment to or a read of next_instr (the specializing ops rewind it), a frame switch.
MOVES_NEXT = {"JUMPBY", "next_instr", "LOAD_IP", "SKIP_OVER", "DISPATCH_INLINED", "GOTO_TIER_TWO"}


def moves_next_instr(uop: dict) -> bool:
    """An op after which the next instruction is not simply the one after this one: the loop
    reads it back from the frame (C's next_instr, which the body set), instead of counting on."""
    return any(t[1] in MOVES_NEXT for t in uop["body"]) or switches_frame(uop)


def call_op(stack: Stack, uop: dict, sig, caches: dict[str, str], oparg: str, out: list[str],
            reload: tuple[str, ...] = (), inline: Inline | None = None, saved_sp: str = "f.SP") -> None:
    """The statements that call one op's body function: its inputs popped (from locals or st),
    its outputs declared, the call, and an early `break` on any exit but ExitNext; or, for a body
    `inline` holds, the body itself written in (inline.inlined). The
    outputs stay on `stack` as locals until someone flushes them. An op that enters tier 2
    gets the stack pointer in the frame (f.SP) and the harness takes it back after the call.

    An op that switches frames (switches_frame) finds the stack as C's SYNC_SP leaves it: its
    inputs popped, the outputs that stay in place (receiver in `receiver, v -- receiver, retval`)
    kept, and that level saved in f.SP (`saved_sp`), which is where the caller resumes when the new
    frame returns. After the call the harness runs `reload` (take e.Frame's code, stack and SP as f's),
    and the op's other outputs go on top of whichever frame now runs, as C's RELOAD_STACK does."""
    args: dict[str, str] = dict(caches)
    if any(item["size"] for item in uop["inputs"]):
        # A body handed an array of the stack may reach the items below it (`arguments--` for
        # self_or_null): they must be in st, as C's generator spills them, not only in locals.
        stack.flush(out.append)
    popped: list[Value] = []
    for item in reversed(uop["inputs"]):
        popped.append(stack.pop(item["name"], item["size"], out.append, typed=bool(item["type"])))
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
        value = Value(item["name"], item["size"], Depth(), local=stack.fresh(item["name"]), typed=bool(item["type"]))
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
        out.append(f"{saved_sp} = {stack.top.go()}")
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

