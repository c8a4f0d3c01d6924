"""The translation mapping: what C types, names, macros and CPython API calls become in Go.

It is data a gopy maintainer edits (mapping.toml at the project root, `[tool.casesgen] mapping`),
read once per run and checked here, so a typo is a one-line error with its file:line, not a
wrong translation. In its Go text `$stackref`, `$object`, `$frame`, `$eval`, `$symbol`,
`$optimizer_context`, `$uop_instruction` and `$abstract_frame` stand for the [tool.casesgen.go] type names.

Sections:
- `[types]`: C type (as written, `PyObject *`) -> Go type.
- `[conditions]`: `#if`/`#ifdef` conditions inside bodies -> true/false.
- `[drop]`: `calls` that are nothing in Go (refcounting under Go's GC, stats, asserts).
- `[exits]`: DSL macros that leave the body (`ERROR_IF = "ExitError"`), with a condition
  argument or none.
- `[names]`: identifiers, member paths (`this_instr->op.code`), static objects (`&PyLong_Type`) and
  struct fields (`_PyRangeIterObject.start`, `{0}` the struct) -> `{ go = "...", type = "..." }`,
  with `set = "..."` when the Go expression is not assignable: the statement that assigns `{0}`
  (for a field: `{0}` the struct, `{1}` the value).
- `[bodies] handwritten`: ops whose body function the runtime writes by hand (frame push and pop,
  which the Go runtime does its own way); the generated signature assertion still checks them.
- `[calls.NAME]`: `go` (a function `pkg.F`, a runtime method `e.F`, a method of the first
  argument `.F`, the argument itself `{0}`, a store `{0} = {1}`, or a statement that stores into the
  first argument, `if e.JIT { {0} = {0}<<1 | uint16({1}) }`; a leading `*` dereferences a returned pointer,
  which makes the call assignable), `args` (Go parameter types; a last "..." takes C varargs as
  Go's ...any), `result` (Go type, or absent), `declares = true` for a macro whose last argument
  is the name of a local it declares with the result (`STACKREFS_TO_PYOBJECTS(values, n, values_o)`),
  `reads = true` for one that only reads (`GETLOCAL`): a local it initializes that nothing but a
  dropped call reads (`tmp = GETLOCAL(oparg)` for `PyStackRef_XCLOSE(tmp)`) is left out.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

from ..errors import CasesgenError

SECTIONS = {"types", "conditions", "drop", "exits", "names", "calls", "bodies", "optimizer"}
SECTION_KEYS = {"drop": {"calls"}, "bodies": {"handwritten"}}
CALL_KEYS = {"go", "args", "result", "declares", "reads", "escapes"}


@dataclass(frozen=True)
class CallMap:
    c_name: str
    go: str
    args: tuple[str, ...]
    result: str | None
    line: int | None
    declares: bool = False  # a macro whose last argument is a new local it declares (STACKREFS_TO_PYOBJECTS)
    reads: bool = False  # it only reads (GETLOCAL): a local it initializes that nothing reads is left out
    # False: the runtime's function runs no Python code, where CPython's analysis counts the call as
    # escaping (int arithmetic, setting an error): a micro-op escaping through it only does not
    # escape in this runtime (eval_uops.runs_code)
    escapes: bool = True

    @property
    def deref(self) -> bool:
        return self.go.startswith("*")

    @property
    def target(self) -> str:
        return self.go.lstrip("*")

    @property
    def kind(self) -> str:
        """'identity' ({0}), 'assign' ({0} = {1}: a store macro), 'clear' ({0} = nil: Py_CLEAR), 'statement' (a
        Go statement over the arguments that stores into the first: `if e.JIT { {0} = {0}<<1 | uint16({1}) }`),
        'method' (.F on the first argument), 'runtime' (e.F), 'func' (pkg.F)."""
        t = self.target
        if t == "{0}":
            return "identity"
        if t == "{0} = {1}":
            return "assign"
        if t == "{0} = nil":
            return "clear"
        if "{0} = " in t:
            return "statement"
        if t.startswith("."):
            return "method"
        if t.startswith(("e.", "ctx.")):
            return "runtime"
        return "func"


@dataclass(frozen=True)
class Mapping:
    path: str
    types: dict[str, str]
    conditions: dict[str, bool]
    drop: frozenset[str]
    exits: dict[str, "str | CallMap"]  # an Exit constant, or a runtime call returning one
    names: dict[str, tuple[str, str]]  # name -> (Go expression, Go type)
    calls: dict[str, CallMap]
    handwritten: frozenset[str] = frozenset()
    setters: dict = None  # name -> Go statement assigning {0} to it, where the name is not assignable
    optimizer: "Mapping | None" = None  # the mapping of optimizer_bytecodes.c's overrides

    def __post_init__(self):
        if self.setters is None:
            object.__setattr__(self, "setters", {})

    @functools.cached_property
    def c_type_names(self) -> set[str]:
        """Names the C parser must read as types (for casts and declarations); once per mapping,
        not once per body."""
        return {t.replace("*", "").replace("const", "").strip().split()[-1] for t in self.types}


def key_lines(text: str) -> dict[str, int]:
    """First line of each `key =` or `[calls.key]` (quoted or not), for error messages."""
    where: dict[str, int] = {}
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            key = s.strip("[]").rsplit(".", 1)[-1].strip('"')
        elif "=" in s and not s.startswith("#"):
            key = s.split("=", 1)[0].strip().strip('"')
        else:
            continue
        where.setdefault(key, i)
    return where


def norm_ctype(c: str) -> str:
    """'PyObject*', 'const PyObject *' -> 'PyObject *': the spelling CType prints."""
    words = [w for w in c.replace("*", " ").split() if w != "const"]
    stars = c.count("*")
    return " ".join(words) + (" " + "*" * stars if stars else "")


def substitute(go: str, api: dict) -> str:
    for key in ("stackref", "object", "frame", "eval", "symbol", "optimizer_context", "uop_instruction", "abstract_frame"):
        go = go.replace(f"${key}", api[key])
    return go


def load(path: Path, api: dict) -> Mapping:
    path = Path(path)
    try:
        text = path.read_text()
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise CasesgenError("no translation mapping here; set tool.casesgen.mapping", str(path)) from None
    except tomllib.TOMLDecodeError as e:
        import re
        at = re.search(r"\(at line (\d+), column \d+\)", str(e))
        raise CasesgenError(f"bad TOML: {str(e).split(' (at line')[0]}", str(path),
                            int(at.group(1)) if at else None) from None
    where = key_lines(text)

    def bad(message: str, key: str):
        raise CasesgenError(message, str(path), where.get(key))

    base = _parse(data, api, bad, where, str(path), SECTIONS, "")
    opt = data.get("optimizer")
    if opt is None:
        return base
    # [optimizer.*]: the override bodies of optimizer_bytecodes.c see the base mapping with these
    # entries added or replaced (the symbol API, the abstract frame, REPLACE_OP, ...).
    over = _parse(opt, api, bad, where, str(path), SECTIONS - {"optimizer"}, "optimizer.")
    merged = Mapping(str(path), {**base.types, **over.types}, {**base.conditions, **over.conditions},
                     base.drop | over.drop, {**base.exits, **over.exits}, {**base.names, **over.names},
                     {**base.calls, **over.calls}, over.handwritten, {**base.setters, **over.setters})
    return Mapping(base.path, base.types, base.conditions, base.drop, base.exits, base.names, base.calls,
                   base.handwritten, base.setters, merged)


def _parse(data: dict, api: dict, bad, where: dict, path: str, sections: set, prefix: str) -> Mapping:
    """One mapping's sections (the file's top level, or its [optimizer] table)."""
    for section in data:
        if section not in sections:
            bad(f"unknown section [{prefix}{section}] (known: {', '.join(sorted(sections))})", section)
        if not isinstance(data[section], dict):
            bad(f"[{prefix}{section}] must be a table", section)
    for section, keys in SECTION_KEYS.items():  # the sections whose keys are fixed: a typo is no default
        for key in data.get(section, {}):
            if key not in keys:
                bad(f"unknown key {prefix}{section}.{key} (known: {', '.join(sorted(keys))})", key)
    types = {}
    for c, go in data.get("types", {}).items():
        if not isinstance(go, str) or not go:
            bad(f"{prefix}types.{c!r} must be a Go type", c)
        types[norm_ctype(c)] = substitute(go, api)
    conditions = {}
    for cond, value in data.get("conditions", {}).items():
        if not isinstance(value, bool):
            bad(f"{prefix}conditions.{cond!r} must be true or false", cond)
        conditions[" ".join(cond.split())] = value
    drop = data.get("drop", {}).get("calls", [])
    if not isinstance(drop, list) or not all(isinstance(d, str) for d in drop):
        bad(f"{prefix}drop.calls must be a list of names", "calls")
    from ..emit.eval_dispatch import EXITS  # the harness's Exit constants (here: emit imports translate)
    exit_names = [n for n, _ in EXITS]
    exits = {}
    for name, exit in data.get("exits", {}).items():
        if isinstance(exit, dict):  # a runtime call that decides the exit: DISPATCH_INLINED(new_frame)
            if not isinstance(exit.get("go"), str) or not set(exit) <= {"go", "args"} or \
                    not isinstance(exit.get("args", []), list) or not all(isinstance(a, str) for a in exit.get("args", [])):
                bad(f"{prefix}exits.{name} must name an Exit constant ({', '.join(exit_names)}) or be "
                    f"{{ go = \"e.F\", args = [...] }}, a call returning Exit", name)
            exits[name] = CallMap(name, substitute(exit["go"], api), tuple(substitute(a, api) for a in exit.get("args", [])),
                                  "Exit", where.get(name))
            continue
        if exit not in exit_names:
            bad(f"{prefix}exits.{name} must name an Exit constant ({', '.join(exit_names)})", name)
        exits[name] = exit
    names, setters = {}, {}
    for name, spec in data.get("names", {}).items():
        if not isinstance(spec, dict) or not {"go", "type"} <= set(spec) <= {"go", "type", "set"} or \
                not all(isinstance(v, str) for v in spec.values()):
            bad(f"{prefix}names.{name} must be {{ go = \"...\", type = \"...\" }} (and may have set = \"...{{0}}...\")", name)
        names[name] = (substitute(spec["go"], api), substitute(spec["type"], api))
        if "set" in spec:
            setters[name] = substitute(spec["set"], api)
    calls = {}
    for name, spec in data.get("calls", {}).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("go"), str) or not set(spec) <= CALL_KEYS:
            bad(f"{prefix}calls.{name} needs go = \"...\" and may have only {', '.join(sorted(CALL_KEYS))}", name)
        args = spec.get("args", [])
        if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
            bad(f"{prefix}calls.{name}.args must be a list of Go types", name)
        result = spec.get("result")
        if result is not None and not isinstance(result, str):
            bad(f"{prefix}calls.{name}.result must be a Go type", name)
        for flag in ("declares", "reads", "escapes"):
            if not isinstance(spec.get(flag, False), bool):
                bad(f"{prefix}calls.{name}.{flag} must be true or false", name)
        cm = CallMap(name, substitute(spec["go"], api), tuple(substitute(a, api) for a in args),
                     substitute(result, api) if result else None, where.get(name), spec.get("declares", False),
                     spec.get("reads", False), spec.get("escapes", True))
        if "..." in args[:-1]:
            bad(f"{prefix}calls.{name}.args: \"...\" (C varargs) may only come last", name)
        if cm.kind == "method" and not args:
            bad(f"{prefix}calls.{name}: a method call (go = \"{cm.go}\") needs the receiver's type as its first arg", name)
        calls[name] = cm
    clash = (set(calls) | set(names)) & set(drop)
    if clash:
        bad(f"{sorted(clash)[0]} is both dropped and mapped", sorted(clash)[0])
    handwritten = data.get("bodies", {}).get("handwritten", [])
    if not isinstance(handwritten, list) or not all(isinstance(h, str) for h in handwritten):
        bad(f"{prefix}bodies.handwritten must be a list of op names", "handwritten")
    return Mapping(path, types, conditions, frozenset(drop), exits, names, calls, frozenset(handwritten), setters)
