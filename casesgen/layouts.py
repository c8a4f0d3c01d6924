"""Joins the DSL's cache cells with pycore_code.h's cache structs, and checks they agree.

Three sources must tell one story for every family with a cache struct:
the struct's fields (pycparser), the named cells its instructions declare in
bytecodes.c (``counter/1``, ``version/2``; order and width), and the
family's cache size. Any disagreement stops the build with a one-line error
naming both sides; this is the check that would have caught gopy's
LOAD_GLOBAL bug.
"""
from __future__ import annotations

from .cstructs import CACHE_MACRO_PREFIX, CODE_UNIT_BYTES
from .errors import CasesgenError

HEADER = "Include/internal/pycore_code.h"


def _cells(inst: dict) -> list[dict]:
    return [dict(c, uop=p["name"]) for p in inst["parts"] if p["kind"] == "uop" for c in p["caches"]
            if c["name"] != "unused"]


def join(model: dict, cstructs: dict) -> list[dict]:
    """One entry per cache struct: its fields in code units, the families using it, and
    the DSL names of the cells at each field. Raises CasesgenError on disagreement."""
    insts = {i["name"]: i for i in model["instructions"]}
    structs = cstructs["structs"]
    users: dict[str, list[str]] = {name: [] for name in structs}
    dsl_names: dict[tuple[str, int, int], set[str]] = {}
    for fam in model["families"]:
        head = insts[fam["name"]]
        where = f"inputs/{head['where']['file']}"
        size = fam["size"]
        if size.startswith(CACHE_MACRO_PREFIX):
            struct_name = cstructs["family_structs"].get(size[len(CACHE_MACRO_PREFIX):])
            if struct_name is None:
                body = cstructs.get("cache_macros", {}).get(size)
                defined = f"defines it as {body}, not as CACHE_ENTRIES(<a _Py*Cache struct>)" if body else "does not define it"
                raise CasesgenError(f"family {fam['name']} is sized by {size}, but pycore_code.h {defined}",
                                    where, head["where"]["line"])
            struct = structs[struct_name]
            cells = struct["cells"]
            users[struct_name].append(fam["name"])
        elif size.isdigit():
            struct_name, struct, cells = None, None, int(size)
        else:
            raise CasesgenError(f"family {fam['name']} has a cache size {size!r} that is neither a number nor "
                                f"{CACHE_MACRO_PREFIX}*", where, head["where"]["line"])
        source = f"{struct_name} is {cells} code units ({HEADER}:{struct['line']})" if struct else f"the family declares {cells}"
        for name in [fam["name"], *fam["members"]]:
            inst = insts[name]
            if inst["cache_entries"] != cells and name != "BINARY_OP_INPLACE_ADD_UNICODE":
                # BINARY_OP_INPLACE_ADD_UNICODE is CPython's documented odd member (see analyzer.py).
                raise CasesgenError(f"{name} declares {inst['cache_entries']} cache code units but {source}",
                                    f"inputs/{inst['where']['file']}", inst["where"]["line"])
            if struct is None:
                continue
            for cell in _cells(inst):
                start, width = cell["offset"] * CODE_UNIT_BYTES, cell["size"] * CODE_UNIT_BYTES
                match = [f for f in struct["fields"] if f["offset"] == start and f["size"] == width]
                if not match:
                    have = ", ".join(f"{f['name']}@{f['offset'] // CODE_UNIT_BYTES}/{f['size'] // CODE_UNIT_BYTES}"
                                     for f in struct["fields"])
                    raise CasesgenError(
                        f"{name} ({cell['uop']}) declares cache cell {cell['name']}/{cell['size']} at code unit "
                        f"{cell['offset']}, but {struct_name} ({HEADER}:{struct['line']}) has no field there of that "
                        f"width (fields: {have})", f"inputs/{inst['where']['file']}", inst["where"]["line"])
                for f in match:
                    dsl_names.setdefault((struct_name, f["offset"], f["size"]), set()).add(cell["name"])
    out = []
    for name, struct in structs.items():
        fields = []
        for f in struct["fields"]:
            if f["size"] not in (2, 4, 8):
                raise CasesgenError(f"{name}.{f['name']} is {f['size']} bytes; cache views support 16, 32 and 64 bits",
                                    f"inputs/{HEADER}", f["line"])
            fields.append({"name": f["name"], "offset": f["offset"] // CODE_UNIT_BYTES,
                           "size": f["size"] // CODE_UNIT_BYTES, "ctype": f["ctype"], "line": f["line"],
                           "dsl_names": sorted(dsl_names.get((name, f["offset"], f["size"]), ()))})
        out.append({"struct": name, "line": struct["line"], "cells": struct["cells"], "fields": fields,
                    "families": users[name]})
    return out
