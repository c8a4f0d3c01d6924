"""C -> Go body translation: cparse (C syntax tree), mapping (mapping.toml), gobody (Go back end)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..signatures import reads_tier, signature, signatures
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


# translate_all's results by its arguments' identities (the objects are kept, so that no id is
# reused): the bodies file and the two interpreter loops, which write the bodies in, translate
# the same model once per doit process.
_TRANSLATED: dict[tuple, tuple] = {}


def translate_all(model: dict, api: dict, mapping: Mapping, opcode_prefix: str = "compile.") -> list[Result]:
    """Every op body of the model through the translator, in the analyzer's order.

    An opcode's name in a body (`this_instr->op.code == LOAD_CONST`) is the generated Opcode constant."""
    key = (id(model), id(api), id(mapping), opcode_prefix)
    if key not in _TRANSLATED:
        sigs = signatures(model, api)
        _TRANSLATED[key] = (model, api, mapping, translate_uops(model["uops"], sigs, mapping, constants(model, opcode_prefix)))
    return list(_TRANSLATED[key][3])


def translate_tier2(model: dict, api: dict, mapping: Mapping, tier1: list[Result],
                    opcode_prefix: str = "compile.") -> list[Result]:
    """The tier-2 versions of the tier-2 bodies that read the tier (TIER_ONE false, TIER_TWO true,
    as CPython's executor_cases.c.h is compiled), under their tier2 signatures (op_NAME_tier2).
    A version whose translation is the tier-1 one (the tier only chose an assert) is the
    status "same", so that the emitter forwards it instead of writing the body twice."""
    tier2_mapping = replace(mapping, conditions={**mapping.conditions, "TIER_ONE": False, "TIER_TWO": True})
    uops = [u for u in model["uops"] if u["tier2"] and not u["is_super"] and reads_tier(u)]
    sigs = {u["name"]: replace(signature(u, api), tier2=True) for u in uops}
    first = {r.uop: r for r in tier1}
    return [replace(r, status="same") if (r.status, r.go, r.reason) == (first[r.uop].status, first[r.uop].go,
                                                                      first[r.uop].reason) else r
            for r in translate_uops(uops, sigs, tier2_mapping, constants(model, opcode_prefix))]


def translate_optimizer(model: dict, api: dict, mapping: Mapping, prefix: str = "compile.") -> list[Result]:
    """Every override of optimizer_bytecodes.c through the translator, with the optimizer's mapping."""
    overrides = model.get("optimizer_overrides", [])
    sigs = {o["name"]: signature(o, api, optimizer=True) for o in overrides}
    return translate_uops(overrides, sigs, mapping.optimizer or mapping, constants(model, prefix))


def constants(model: dict, prefix: str = "compile.") -> dict[str, tuple[str, str]]:
    """Opcode and uop names as bodies use them: `LOAD_CONST` an opcode byte, `_NOP` a uop number;
    and `INLINE_CACHE_ENTRIES_SEND`, the cache size of each family head, as a number."""
    out = {name: (f"uint8({prefix}{name})", "uint8") for name in model["opmap"]}
    for u in model["uops"]:
        if u["id"] is not None and u["name"].startswith("_"):
            out[u["name"]] = (f"int({prefix}UOP{u['name']})", "int")
    for inst in model["instructions"]:
        if inst["size"] > 1 and (inst["family"] or inst["name"]) == inst["name"]:
            out[f"INLINE_CACHE_ENTRIES_{inst['name']}"] = (str(inst["size"] - 1), "untyped int")
    return out


def translate_uops(uops: list[dict], sigs: dict, mapping: Mapping, consts: dict) -> list[Result]:
    results = []
    for uop in uops:
        size = uop.get("instruction_size")
        # INSTRUCTION_SIZE: the size of the instructions the op is part of, as CPython's generator
        # writes it in (the analyzer knows it when every such instruction has one size).
        uop_consts = consts if size is None else {**consts, "INSTRUCTION_SIZE": (str(size), "untyped int")}
        where = uop["where"] or {}
        line = where.get("line")
        if uop["name"] in mapping.handwritten:
            results.append(Result(uop["name"], line, "handwritten"))
            continue
        file = (where.get("file") or "Python/bytecodes.c").split("/")[-1]
        try:
            go = translate(sigs[uop["name"]], uop["body"], mapping, file, uop_consts)
        except NotTranslated as e:
            results.append(Result(uop["name"], line, "stub", reason=e.reason, reason_line=e.line))
            continue
        results.append(Result(uop["name"], line, "translated", tuple(go)))
    return results


def reason_kind(reason: str) -> str:
    """The gauge's bucket for a reason: 'call X() is not in [calls]' -> 'call not in [calls]'."""
    return re.sub(r"'[^']*'|\S+\(\)", "X", reason)


__all__ = ["Result", "translate_all", "translate_tier2", "translate_optimizer", "constants", "reason_kind", "load", "Mapping", "NotTranslated"]
