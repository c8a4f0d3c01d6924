"""`casesgen vm-diff --quickened`: the quickened-code oracle.

After a program has run on both sides, every code object's instruction words (the opcode the
specializer left and the oparg) in CPython's `co._co_code_adaptive` are compared with the Go VM's
code units, the cache entries skipped. A difference is a decision of the runtime's specializer that
is not CPython's, unless the known-differences file (`[tool.casesgen] quickened_known`) lists the
pair of instructions with the reason this runtime legitimately differs.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import CasesgenError


@dataclass(frozen=True)
class Mismatch:
    path: str
    line: int | None  # the source line of the instruction
    code: str         # the code object's qualified name
    offset: int       # in code units
    cpython: str
    go: str
    known: str | None = None  # the reason, when the known-differences file lists the pair

    def text(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.code} @{self.offset}: CPython {self.cpython}, Go {self.go}"


def load_known(path: Path | None) -> dict[tuple[str, str], str]:
    """(CPython's instruction, Go's) -> why the runtime differs there; a file error is one line."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise CasesgenError("no such file (tool.casesgen.quickened_known)", str(path)) from None
    except tomllib.TOMLDecodeError as e:
        raise CasesgenError(f"not TOML: {e}", str(path)) from None
    known = {}
    for i, entry in enumerate(data.get("known", [])):
        if not isinstance(entry, dict) or set(entry) != {"cpython", "go", "reason"} or \
                not all(isinstance(v, str) and v for v in entry.values()):
            raise CasesgenError(f"known[{i}] needs exactly cpython, go and reason, each a non-empty string", str(path))
        known[(entry["cpython"], entry["go"])] = entry["reason"]
    return known


def instruction_table(model: dict) -> tuple[dict[int, str], dict[int, int]]:
    """Opcode number -> name, and -> code units (the word and its family's cache entries)."""
    names = {num: name for name, num in model["opmap"].items()}
    sizes = {model["opmap"][i["name"]]: i["size"] for i in model["instructions"] if i["name"] in model["opmap"]}
    return names, sizes


def word(names: dict[int, str], unit: int, oparg_too: bool) -> str:
    name = names.get(unit & 0xFF, f"<{unit & 0xFF}>")
    return f"{name} {unit >> 8}" if oparg_too else name


# With tier 2 on, JUMP_BACKWARD specializes as in a build with the JIT, where the vendored CPython
# (built without it) leaves the other: the same decision (the loop is hot) in each build's words.
TIER2_SAME = {("JUMP_BACKWARD_NO_JIT", "JUMP_BACKWARD_JIT")}
# With tier 2 on, an instruction CPython's run left specialized and the Go VM's left its family head.
IN_A_TRACE = ("with tier 2 on, the instruction ran in a trace when it came due to specialize again (after a "
              "deoptimization): the specializer runs in tier 1 only, as CPython's with its JIT does")


def family_heads(model: dict) -> dict[str, str]:
    """Specialized instruction -> its family head."""
    return {m: f["name"] for f in model["families"] for m in f["members"]}


def compare_program(path: str, cpython: list[dict], go: list[list[int]], names: dict[int, str], sizes: dict[int, int],
                    known: dict[tuple[str, str], str], heads: dict[str, str] | None = None) -> tuple[int, list[Mismatch]]:
    """(instructions compared, mismatches) of one program's code objects, in Code.Walk order. The Go VM's
    code has each ENTER_EXECUTOR as the instruction it stands on (vmrun dumps it so). `heads`
    (family_heads) when the Go VM ran with tier 2 on: TIER2_SAME pairs are one decision, and a family
    head where CPython's run specialized is known (IN_A_TRACE)."""
    compared, out = 0, []
    for code, units in zip(cpython, go):
        theirs = code["units"]
        i = 0
        while i < len(theirs) and i < len(units):
            c, g = theirs[i], units[i]
            compared += 1
            pair = (word(names, c, False), word(names, g, False)) if c != g else None
            if pair and heads is not None and c >> 8 == g >> 8 and pair in TIER2_SAME:
                g = c
            if c != g:
                oparg_differs = c >> 8 != g >> 8
                reason = known.get(pair)
                if reason is None and heads is not None and not oparg_differs and heads.get(pair[0]) == pair[1]:
                    reason = IN_A_TRACE
                out.append(Mismatch(path, code["lines"][i], code["qualname"], i, word(names, c, oparg_differs),
                                    word(names, g, oparg_differs), reason))
            i += sizes.get(c & 0xFF, 1)
    return compared, out
