"""The Go signature of each op's body function, derived from its DSL declaration alone.

`op(_BINARY_OP_ADD_INT, (left, right -- res))` becomes

    func op_BINARY_OP_ADD_INT(e *Eval, oparg uint32, left stackref.Ref, right stackref.Ref) (res stackref.Ref, exit Exit)

A peeked item (an input left in place, `(value -- value)`) is a parameter only, unless the body
assigns it (SWAP): then it is a result as well, named like the parameter with `_out`.
Parameters: the runtime receiver, oparg, the named cache entries (uint16/uint32/uint64 for 1/2/4
cells... except 4-cell entries, which CPython reads as an object pointer), the stack inputs
(a slice of the value stack for an array item such as `values[oparg]`), and the output arrays
(`res[1]`, `null[oparg & 1]`: the slice of the value stack the body fills in). Results: the
scalar outputs that are not peeks of an input, then the Exit. The dispatch harnesses, the
compile-time assertions and the body translator all read this one definition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import CasesgenError

# Go keywords and predeclared names a DSL variable may not keep, plus the harness's own names.
GO_RESERVED = frozenset("""
break case chan const continue default defer else fallthrough for func go goto if import interface map
package range return select struct switch type var
append bool byte cap clear close complex copy delete error false float32 float64 imag int int8 int16 int32
int64 iota len make max min new nil panic print println real recover rune string true uint uint8 uint16
uint32 uint64 uintptr any comparable
e oparg exit ctx this_instr
""".split())


def go_local(name: str) -> str:
    """A DSL or C variable name as a Go identifier that shadows nothing the body needs."""
    return name + "_" if name in GO_RESERVED else name


def body_name(uop: str) -> str:
    """op + the uop's own name: opLOAD_FAST, op_BINARY_OP_ADD_INT."""
    return "op" + uop


@dataclass(frozen=True)
class Param:
    name: str  # Go identifier
    type: str  # Go type
    kind: str  # "oparg", "cache", "input", "output"
    dsl: str = ""  # the DSL name
    size: str = ""  # array size as a C expression ("" for a scalar)
    cells: int = 0  # cache size in code units
    peek: bool = False  # a result that is a peeked input the body assigned

    @property
    def returned(self) -> str:
        """The Go name a body returns this result from: a peeked input the body assigned is
        returned from its parameter, which the body changed."""
        return go_local(self.dsl) if self.peek else self.name


@dataclass(frozen=True)
class Signature:
    uop: str
    params: tuple[Param, ...]
    results: tuple[Param, ...]  # scalar outputs; the Exit follows

    optimizer: bool = False
    # The tier-2 executor's own translation of a body that reads `#if TIER_ONE`/`#if TIER_TWO`
    # (CPython compiles such a body twice, once per tier): op_NAME_tier2 (lower case, so that it
    # never meets a DSL name).
    tier2: bool = False

    @property
    def name(self) -> str:
        return ("opt" if self.optimizer else "op") + self.uop + ("_tier2" if self.tier2 else "")

    def func_type(self, exit_type: str = "Exit") -> str:
        """`func(*Eval, uint32, stackref.Ref) (stackref.Ref, Exit)`: for compile-time assertions."""
        params = ", ".join(p.type for p in self.params)
        results = [r.type for r in self.results] + [exit_type]
        return f"func({params}) ({', '.join(results)})" if len(results) > 1 else f"func({params}) {results[0]}"

    def declaration(self, exit_type: str = "Exit") -> str:
        """`func opNAME(e *Eval, ...) (res stackref.Ref, exit Exit)`, named results so a body can return early."""
        params = ", ".join(f"{p.name} {p.type}" for p in self.params)
        results = ", ".join([f"{r.name} {r.type}" for r in self.results] + [f"exit {exit_type}"])
        return f"func {self.name}({params}) ({results})"


def reads_tier(uop: dict) -> bool:
    """A body with `#if TIER_ONE`/`#if TIER_TWO`: each tier compiles its own version of it, and
    the tier-2 executor calls the tier2 signature's function."""
    return any(t[0] == "CMACRO_IF" and re.search(r"\bTIER_(ONE|TWO)\b", t[1]) for t in uop["body"])


CACHE_TYPES = {1: "uint16", 2: "uint32", 4: "uint64"}
# C types a DSL stack item may declare (`new_frame: _PyInterpreterFrame *`), by the
# [tool.casesgen.go] name of their Go type. The harness wraps and unwraps them on the stack.
TYPED_ITEMS = {"_PyInterpreterFrame *": "frame"}
# The same on the optimizer's abstract stack, whose frames are the optimizer's
# (`new_frame: _Py_UOpsAbstractFrame *`, which CPython's generated cases cast to a symbol).
TYPED_SYMBOLS = {"_Py_UOpsAbstractFrame *": "abstract_frame"}


def item_type(item: dict, api: dict, uop: dict | None = None, symbolic: bool = False) -> str:
    """A stack item's Go type: its declared C type when it has one, else a stack reference; on
    the optimizer's abstract stack, a symbol (CPython's JitOptSymbol *) or an abstract frame."""
    base = api["symbol"] if symbolic else api["stackref"]
    if item.get("type"):
        typed = TYPED_SYMBOLS if symbolic else TYPED_ITEMS
        if item["type"].strip() not in typed:
            where = (uop or {}).get("where") or {}
            raise CasesgenError(f"{(uop or {}).get('name', '?')}: stack item '{item['name']}' has C type "
                                f"{item['type']!r}; the Go harness can hold only "
                                f"{', '.join(sorted(typed))} besides " + ("symbols" if symbolic else "stack references"),
                                "inputs/" + where.get("file", "Python/" + ("optimizer_bytecodes.c" if symbolic else "bytecodes.c")),
                                where.get("line"))
        base = api[typed[item["type"].strip()]]
    return f"[]{base}" if item["size"] else base


def cache_type(cache: dict, api: dict) -> str:
    return api["object"] if cache["size"] == 4 else CACHE_TYPES[cache["size"]]


def assigned_peeks(uop: dict) -> set[str]:
    """Peeked items the body assigns (SWAP's `bottom = top;`): they come back as results."""
    body = uop["body"]
    peeks = {o["name"] for o in uop["outputs"] if o["peek"] and o["name"] != "unused"}
    if not peeks:
        return set()  # most ops: no body to read (a signature is asked for thousands of times a run)
    return {t[1] for t, after in zip(body, body[1:]) if t[1] in peeks and t[0] == "IDENTIFIER" and after[1] == "="}


def signature(uop: dict, api: dict, optimizer: bool = False) -> Signature:
    """The body function of a uop; `optimizer`: of its optimizer_bytecodes.c override, which runs on
    symbols, with the context and the trace instruction it may rewrite (this_instr)."""
    if optimizer:
        params = [Param("ctx", api["optimizer_context"], "receiver"), Param("this_instr", "*" + api["uop_instruction"],
                                                                           "receiver"), Param("oparg", "uint32", "oparg")]
    else:
        params = [Param("e", api["eval"], "receiver"), Param("oparg", "uint32", "oparg")]
    for cache in uop["caches"]:
        if cache["name"] != "unused":
            params.append(Param(go_local(cache["name"]), cache_type(cache, api), "cache", cache["name"],
                                cells=cache["size"]))
    for item in uop["inputs"]:
        if item["name"] != "unused":
            params.append(Param(go_local(item["name"]), item_type(item, api, uop, optimizer), "input", item["name"],
                                item["size"]))
    results = []
    rewritten = assigned_peeks(uop)
    inputs = {i["name"] for i in uop["inputs"]}
    for item in uop["outputs"]:
        if item["name"] == "unused" or item["peek"] and item["name"] not in rewritten:
            continue
        if item["size"] and item["name"] in inputs:
            continue  # an array passed through (`args[oparg] -- ..., args[oparg]`): the input slice
        if item["size"]:
            params.append(Param(go_local(item["name"]), item_type(item, api, uop, optimizer), "output", item["name"],
                                item["size"]))
        else:
            peek = item["peek"]
            results.append(Param(go_local(item["name"]) + ("_out" if peek else ""), item_type(item, api, uop, optimizer), "output",
                                 item["name"], peek=peek))
    return Signature(uop["name"], tuple(params), tuple(results), optimizer)


def signatures(model: dict, api: dict) -> dict[str, Signature]:
    """Every uop's signature, by uop name, in the analyzer's order."""
    return {u["name"]: signature(u, api) for u in model["uops"]}
