"""C -> Go body translation: cparse (C syntax tree), mapping (mapping.toml), gobody (Go back end)."""
from __future__ import annotations

from dataclasses import dataclass

from ..signatures import signatures
from .gobody import NotTranslated, translate
from .mapping import Mapping, load


@dataclass(frozen=True)
class Result:
    uop: str
    line: int | None  # the body's first line in bytecodes.c
    status: str  # "translated", "handwritten" or "stub"
    go: tuple[str, ...] = ()  # the body function's statements when translated
    reason: str = ""  # why not, for a stub
    reason_line: int | None = None


def translate_all(model: dict, api: dict, mapping: Mapping, opcode_prefix: str = "compile.") -> list[Result]:
    """Every op body of the model through the translator, in the analyzer's order.

    An opcode's name in a body (`this_instr->op.code == LOAD_CONST`) is the generated Opcode constant."""
    sigs = signatures(model, api)
    opcodes = {name: opcode_prefix + name for name in model["opmap"]}
    results = []
    for uop in model["uops"]:
        where = uop["where"] or {}
        line = where.get("line")
        if uop["name"] in mapping.handwritten:
            results.append(Result(uop["name"], line, "handwritten"))
            continue
        file = (where.get("file") or "Python/bytecodes.c").split("/")[-1]
        try:
            go = translate(sigs[uop["name"]], uop["body"], mapping, file, opcodes)
        except NotTranslated as e:
            results.append(Result(uop["name"], line, "stub", reason=e.reason, reason_line=e.line))
            continue
        results.append(Result(uop["name"], line, "translated", tuple(go)))
    return results


def reason_kind(reason: str) -> str:
    """The gauge's bucket for a reason: 'call X() is not in [calls]' -> 'call not in [calls]'."""
    import re
    return re.sub(r"'[^']*'|\S+\(\)", "X", reason)


__all__ = ["Result", "translate_all", "reason_kind", "load", "Mapping", "NotTranslated"]
