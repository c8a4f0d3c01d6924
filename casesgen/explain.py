"""`casesgen explain NAME`: one opcode, uop or family, as the model and the generated Go see it.

Everything comes from what `doit` wrote: the analysis model (cache/analysis.json), the body
translation reports (cache/reports/bodies.json, optimizer_bodies.json) and the Go tree, scanned
for the lines that hold each name (`case compile.NAME:`, `func op_NAME(`, `= op_NAME`).
``explain`` builds one dict from those (pure); ``format_text`` and ``format_json`` print it.
"""
from __future__ import annotations

import difflib
import json
import re
import textwrap
from pathlib import Path

from . import model as model_io
from .cexpr import evaluate
from .config import Config
from .errors import CasesgenError, UsageError
from .gowriter import go_name
from .signatures import body_name

NOT_GENERATED = "not generated yet"
REPORTS = ("bodies", "optimizer_bodies", "specialization")
# The generated files with a line per name, by emitter (config.DEFAULT_LAYOUT).
GO_FILES = ("eval_dispatch", "eval_uops", "optimizer_cases", "op_bodies", "op_signatures", "optimizer_bodies")
_NAMED_LINE = re.compile(r"^\t+case (?:\w+\.)?(\w+):$|^func (\w+)\(|^var _ .* = (\w+)$")
_SOURCE_COMMENT = re.compile(r"^// (_\w+) \((\w+\.c:\d+)\)")
_METHOD_LINE = re.compile(r"^func \(\w+ \*?\w+\) (\w+)\(")


# --- inputs (the only I/O) ---------------------------------------------------------------------------

def project_path(cfg: Config, path: Path) -> str:
    try:
        return path.resolve().relative_to(cfg.root).as_posix()
    except ValueError:
        return str(path)


def _scan(path: Path, rel: str) -> dict:
    """Each name's first line in one Go file (a case label, a func, a signature assertion)."""
    lines, sources = {}, {}
    for n, text in enumerate(path.read_text().splitlines(), 1):
        m = _NAMED_LINE.match(text)
        if m:
            lines.setdefault(next(g for g in m.groups() if g), n)
        elif c := _SOURCE_COMMENT.match(text):
            sources.setdefault(c.group(1), c.group(2))
    return {"path": rel, "lines": lines, "sources": sources}


def scan_go(cfg: Config) -> dict:
    """{emitter: {path, lines, sources} or {path, lines: None} when the file is not generated yet}, plus
    `handwritten`: the funcs of the hand-written files of the bodies' package (hand-written bodies)."""
    index = {}
    for emitter in GO_FILES:
        path = cfg.go_tree / cfg.layout[emitter]
        rel = project_path(cfg, path)
        index[emitter] = _scan(path, rel) if path.is_file() else {"path": rel, "lines": None, "sources": {}}
    index["handwritten"] = {"path": "", "lines": handwritten_funcs(cfg), "sources": {}}
    index["methods"] = {"path": "", "lines": runtime_methods(cfg), "sources": {}}
    index["calls"] = {"path": "", "lines": mapped_calls(cfg), "sources": {}}
    return index


def runtime_methods(cfg: Config) -> dict[str, str]:
    """method name -> path:line of the runtime's methods (func (e *Eval) Name) in the bodies' package."""
    found: dict[str, str] = {}
    for path in _runtime_files(cfg):
        for n, text in enumerate(path.read_text().splitlines(), 1):
            if m := _METHOD_LINE.match(text):
                found.setdefault(m.group(1), f"{project_path(cfg, path)}:{n}")
    return found


def mapped_calls(cfg: Config) -> dict[str, str]:
    """C call -> the Go it becomes, from mapping.toml's [calls]."""
    if not cfg.mapping or not cfg.mapping.is_file():
        return {}
    import tomllib
    calls = tomllib.loads(cfg.mapping.read_text()).get("calls", {})
    return {name: entry["go"] for name, entry in calls.items() if isinstance(entry, dict) and "go" in entry}


def _runtime_files(cfg: Config) -> list[Path]:
    """The hand-written (not *_gen.go, not test) Go files of the bodies' package: the runtime."""
    folder = (cfg.go_tree / cfg.layout["op_bodies"]).parent
    return [p for p in sorted(folder.glob("*.go")) if not p.name.endswith(("_gen.go", "_test.go"))] \
        if folder.is_dir() else []


def handwritten_funcs(cfg: Config) -> dict[str, str]:
    """func name -> path:line in the runtime's files."""
    found: dict[str, str] = {}
    for path in _runtime_files(cfg):
        scanned = _scan(path, project_path(cfg, path))
        for name, n in scanned["lines"].items():
            found.setdefault(name, f"{scanned['path']}:{n}")
    return found


def load_inputs(cfg: Config) -> tuple[dict, dict, dict]:
    path = cfg.cache / "analysis.json"
    if not path.is_file():
        raise UsageError("no analysis yet; run `doit` first", str(path))
    try:
        model = model_io.load(path)
    except CasesgenError as e:
        raise UsageError(e.message, e.file, e.line) from None
    reports = {}
    for name in REPORTS:
        report = cfg.cache / "reports" / f"{name}.json"
        reports[name] = json.loads(report.read_text()) if report.is_file() else None
    return model, reports, scan_go(cfg)


# --- the name ----------------------------------------------------------------------------------------

def resolve(model: dict, name: str) -> str:
    """The model's spelling of name: exact, or a lower-case name matching one name only."""
    names = [i["name"] for i in model["instructions"]] + [u["name"] for u in model["uops"]] + \
            [p["name"] for p in model["pseudos"]]
    if name in names:
        return name
    folded = [n for n in names if n.lower() == name.lower()]
    if name == name.lower() and len(folded) == 1:
        return folded[0]
    by_upper = {n.upper(): n for n in names}
    nearest = [by_upper[n] for n in difflib.get_close_matches(name.upper(), list(by_upper))]
    hint = f"; nearest: {', '.join(nearest)}" if nearest else ""
    raise UsageError(f"unknown opcode, uop or family {name!r}{hint}")


# --- facts -------------------------------------------------------------------------------------------

def _source(where: dict | None) -> str | None:
    return f"{Path(where['file']).name}:{where['line']}" if where else None


def _item(item: dict) -> str:
    text = f"{item['name']}[{item['size']}]" if item["size"] else item["name"]
    return f"{text}: {item['type'].replace(' *', '*')}" if item["type"] else text


def stack_effect(inputs: list[dict], outputs: list[dict], caches: list[str] = ()) -> str:
    """The DSL's `(cache/1, inputs -- outputs)` as bytecodes.c writes it."""
    before = [*caches, *map(_item, inputs)]
    return f"({', '.join(before)} -- {', '.join(_item(o) for o in outputs)})"


def cache_items(caches: list[dict]) -> list[str]:
    return [f"{c['name']}/{c['size']}" for c in caches]


def inst_cache_items(parts: list[dict]) -> list[str]:
    """An inst()'s cache entries in the order written: the analyzer moves its `unused/N` out of the uop."""
    cells = [(p["offset"], p["name"]) for p in parts if p["kind"] == "unused" and p["size"]]
    cells += [(c["offset"], item) for p in parts if p["kind"] == "uop"
              for c, item in zip(p["caches"], cache_items(p["caches"]))]
    return [item for _, item in sorted(cells)]


def _count(items: list[dict]) -> str:
    """How many stack slots items take, as a C expression over oparg (`1 + (oparg-1)`)."""
    fixed = sum(int(i["size"] or 1) for i in items if not i["size"] or i["size"].isdigit())
    arrays = [i["size"] if re.fullmatch(r"\w+", i["size"]) else f"({i['size']})"
              for i in items if i["size"] and not i["size"].isdigit()]
    return " + ".join(([str(fixed)] if fixed or not arrays else []) + arrays)


def _stack(effect: str | None, popped: str, pushed: str, oparg: int) -> dict:
    values = {"oparg": oparg}
    return {"effect": effect, "popped": popped, "pushed": pushed, "oparg": oparg,
            "popped_value": evaluate(popped, values), "pushed_value": evaluate(pushed, values)}


def _position(go: dict, emitter: str, name: str) -> str | None:
    """`path:line` of name in one generated file; NOT_GENERATED when the file is absent; None when it has no such line."""
    found = go[emitter]
    if found["lines"] is None:
        return f"{NOT_GENERATED}: {found['path']}"
    line = found["lines"].get(name)
    return f"{found['path']}:{line}" if line else None


def _status(report: dict | None, name: str, report_name: str, source: str) -> dict:
    """A body's status in one translation report; `at` is the source line of what stopped a stub."""
    if report is None:
        return {"status": "unknown", "reason": f"no cache/reports/{report_name}.json; run `doit`", "at": None}
    entry = report["bodies"].get(name)
    if entry is None:
        return {"status": "none", "reason": None, "at": None}
    line = entry.get("line")
    return {"status": entry["status"], "reason": entry.get("reason"), "at": f"{source}:{line}" if line else None}


def uop_facts(model: dict, reports: dict, go: dict, uop: dict, oparg: int) -> dict:
    func = body_name(uop["name"])
    body = _status(reports["bodies"], uop["name"], "bodies", Path(uop["where"]["file"]).name)
    body_at = _position(go, "op_bodies", func)
    if body["status"] == "handwritten" or body_at is None:
        body_at = go["handwritten"]["lines"].get(func, body_at)
    optimizer_case = _position(go, "optimizer_cases", go_name(uop["name"]))
    optimizer = _status(reports["optimizer_bodies"], uop["name"], "optimizer_bodies", "optimizer_bytecodes.c")
    if optimizer["status"] == "none":
        optimizer["status"] = "default" if optimizer_case else "none"
    optimizer["source"] = go["optimizer_bodies"]["sources"].get(uop["name"])
    optimizer_body = _position(go, "optimizer_bodies", "opt" + uop["name"])
    return {
        "name": uop["name"],
        "kind": "uop",
        "number": uop["id"],
        "where": _source(uop["where"]),
        "annotations": uop["annotations"],
        "flags": uop["flags"],
        "stack": _stack(stack_effect(uop["inputs"], uop["outputs"], cache_items(uop["caches"])),
                        _count(uop["inputs"]), _count(uop["outputs"]), oparg),
        "cache": _uop_cells(uop),
        "tier2": {"viable": uop["tier2"], "why_not": uop["why_not_viable"], "replicated": uop["replicated"],
                  "replicates": uop["replicates"]},
        "body": body,
        "optimizer": optimizer,
        "go": {"body": body_at, "signature": _position(go, "op_signatures", func),
               "tier2_case": _position(go, "eval_uops", go_name(uop["name"])),
               "optimizer_case": optimizer_case,
               **({"optimizer_body": optimizer_body} if optimizer["status"] in ("translated", "stub") else {})},
    }


def _uop_cells(uop: dict) -> dict | None:
    if not uop["caches"]:
        return None
    cells, offset = [], 0
    for c in uop["caches"]:
        cells.append({"name": c["name"], "offset": offset, "size": c["size"]})
        offset += c["size"]
    return {"struct": None, "line": None, "cells": cells}


def _family(model: dict, name: str) -> dict | None:
    for fam in model["families"]:
        if name == fam["name"] or name in fam["members"]:
            return {"name": fam["name"], "role": "head" if name == fam["name"] else "member",
                    "members": fam["members"], "size": fam["size"]}
    return None


def _inst_cells(model: dict, inst: dict, family: dict | None) -> dict | None:
    cells = []
    for part in inst["parts"]:
        if part["kind"] == "uop":
            cells += [dict(c, uop=part["name"]) for c in part["caches"]]
        elif part["kind"] == "unused" and part["size"]:
            cells.append({"name": "unused", "offset": part["offset"], "size": part["size"], "uop": None})
    if not cells:
        return None
    layout = next((lay for lay in model["cache_layouts"] if family and family["name"] in lay["families"]), None)
    for cell in cells:
        cell["fields"] = _fields(layout, cell) if layout else []
    return {"struct": layout["struct"] if layout else None,
            "line": f"pycore_code.h:{layout['line']}" if layout else None, "cells": cells}


def _fields(layout: dict, cell: dict) -> list[dict]:
    """The struct fields a cell lands on: the one of its offset and width, else every field it overlaps."""
    start, end = cell["offset"], cell["offset"] + cell["size"]
    exact = [f for f in layout["fields"] if f["offset"] == start and f["size"] == cell["size"]]
    hits = exact or [f for f in layout["fields"] if f["offset"] < end and start < f["offset"] + f["size"]]
    return [{"name": f["name"], "offset": f["offset"], "size": f["size"], "dsl_names": f["dsl_names"]} for f in hits]


def instruction_facts(model: dict, reports: dict, go: dict, inst: dict, oparg: int) -> dict:
    uops = {u["name"]: u for u in model["uops"]}
    family = _family(model, inst["name"])
    own = f"_{inst['name']}"
    effect = None
    if inst["defined_by"] == "inst":
        effect = stack_effect(uops[own]["inputs"], uops[own]["outputs"], inst_cache_items(inst["parts"]))
    parts = []
    for part in inst["parts"]:
        entry = {"name": part["name"], "kind": part["kind"], "offset": part["offset"], "size": part["size"]}
        if part["kind"] == "uop":
            entry["uop"] = uop_facts(model, reports, go, uops[part["name"]], oparg)
        parts.append(entry)
    return {
        "name": inst["name"],
        "kind": "family" if family and family["role"] == "head" else "instruction",
        "number": inst["opcode"],
        "defined_by": inst["defined_by"],
        "where": _source(inst["where"]),
        "format": inst["format"],
        "size": inst["size"],
        "flags": inst["flags"],
        "stack": _stack(effect, inst["popped"], inst["pushed"], oparg),
        "family": family,
        "deopt": family["name"] if family else inst["name"],
        "cache": _inst_cells(model, inst, family),
        "parts": parts,
        "expansion": inst["expansion"],
        "go": {"tier1_arm": _position(go, "eval_dispatch", go_name(inst["name"]))},
        "specializer": specializer_facts(model, reports, go, inst, family),
    }


def specializer_facts(model: dict, reports: dict, go: dict, inst: dict, family: dict | None) -> dict | None:
    """For a family and its members: the specializer function that rewrites the head into a member
    (CPython's `_Py_Specialize_<Family>`, called from the head's specializing micro-op, or the head's
    own body where it rewrites itself), the runtime function it becomes, and what the gauge says."""
    if not family:
        return None
    uops = {u["name"]: u for u in model["uops"]}
    head = next(i for i in model["instructions"] if i["name"] == family["name"])
    cpython, where = None, None
    for part in head["parts"]:
        uop = uops.get(part["name"])
        if not uop:
            continue
        calls = [c for c in uop["properties"].get("escaping_calls", []) if c[0].startswith("_Py_Specialize_")]
        if "specializing" in uop.get("annotations", []) and calls:
            cpython, where = calls[0][0], f"bytecodes.c:{calls[0][1]}"
            break
    facts = {"cpython": cpython or f"the body of {family['name']} (it rewrites its own opcode)",
             "at": where or _source(head["where"]), "go": None}
    if cpython:
        target = (go.get("calls", {}).get("lines") or {}).get(cpython)
        method = target.removeprefix("e.") if target else None
        facts["go"] = {"function": target, "at": (go.get("methods", {}).get("lines") or {}).get(method)}
    gauge = (reports.get("specialization") or {}).get("instructions", {}).get(inst["name"])
    if gauge:
        facts["gauge"] = {k: gauge[k] for k in ("produced", "executed", "deoptimized", "guarded",
                                                 "produced_by", "specialized_by", "deopts_by")}
    return facts


def explain(model: dict, reports: dict, go: dict, name: str, oparg: int = 1) -> dict:
    """Everything the model, the reports and the Go tree say about one name (see module doc)."""
    name = resolve(model, name)
    for inst in model["instructions"]:
        if inst["name"] == name:
            return instruction_facts(model, reports, go, inst, oparg)
    for uop in model["uops"]:
        if uop["name"] == name:
            facts = uop_facts(model, reports, go, uop, oparg)
            facts["in_instructions"] = [i["name"] for i in model["instructions"]
                                        if any(p["name"] == name for p in i["parts"])]
            facts["in_expansions"] = [i["name"] for i in model["instructions"]
                                      if any(e["uop"] == name for e in i["expansion"] or ())]
            return facts
    pseudo = next(p for p in model["pseudos"] if p["name"] == name)
    return {"name": name, "kind": "pseudo", "number": pseudo["opcode"], "flags": pseudo["flags"],
            "stack": _stack(stack_effect(pseudo["inputs"], pseudo["outputs"]), pseudo["popped"], pseudo["pushed"], oparg),
            "targets": pseudo["targets"], "as_sequence": pseudo["as_sequence"]}


def run(cfg: Config, name: str, oparg: int = 1) -> dict:
    if oparg < 0:
        raise UsageError(f"--oparg must be 0 or more, not {oparg}")
    model, reports, go = load_inputs(cfg)
    return explain(model, reports, go, name, oparg)


# --- output ------------------------------------------------------------------------------------------

def format_json(facts: dict) -> str:
    return json.dumps(facts, indent=1, sort_keys=True) + "\n"


def _wrap(label: str, text: str, indent: int = 2) -> list[str]:
    lead = " " * indent + f"{label:<10}"
    return textwrap.wrap(text, 110, initial_indent=lead, subsequent_indent=" " * len(lead),
                         break_on_hyphens=False) or [lead.rstrip()]


def _stack_text(stack: dict) -> str:
    counts = f"pops {stack['popped']}, pushes {stack['pushed']}"
    values = f"pops {stack['popped_value']}, pushes {stack['pushed_value']}"
    return f"{stack['effect'] + ': ' if stack['effect'] else ''}{counts}; with oparg {stack['oparg']}: {values}"


def _status_text(s: dict) -> str:
    text = {"translated": "translated", "handwritten": "hand-written (mapping.toml [bodies])",
            "stub": "stub", "unknown": "unknown", "none": "not in the report"}[s["status"]]
    if s["reason"]:
        text += f": {s['reason']}"
    return text + (f" (at {s['at']})" if s["at"] else "")


def _optimizer_text(s: dict) -> str:
    if s["status"] == "default":
        return "default effect (no override)"
    if s["status"] == "none":
        return "no case"
    where = f" {s['source']}" if s["source"] else ""
    tail = "; the case applies the default effect" if s["status"] == "stub" else ""
    return f"override{where}, {_status_text(s)}{tail}"


def _at(position: str | None) -> str:
    return f"; Go {position}" if position else "; no Go code"


def _uop_lines(u: dict, indent: int) -> list[str]:
    go = u["go"]
    lines = _wrap("body", f"{u['where']}, {_status_text(u['body'])}{_at(go['body'])}", indent)
    lines += _wrap("signature", go["signature"] or "none", indent)
    tier2 = "viable" if u["tier2"]["viable"] else f"not viable: {u['tier2']['why_not']}"
    if u["tier2"]["replicated"]:
        tier2 += f"; replicated {u['tier2']['replicated']} times"
    if u["tier2"]["replicates"]:
        tier2 += f"; a replica of {u['tier2']['replicates']}"
    lines += _wrap("tier 2", tier2 + _at(go["tier2_case"]), indent)
    lines += _wrap("optimizer", _optimizer_text(u["optimizer"]) + _at(go["optimizer_case"]), indent)
    if "optimizer_body" in go:
        lines += _wrap("override", go["optimizer_body"] or "none", indent)
    return lines


def _cache_lines(cache: dict) -> list[str]:
    head = f"{cache['struct']} ({cache['line']})" if cache["struct"] else "no cache struct"
    lines = _wrap("cache", f"{head}, in code units after the instruction word:")
    rows = [("offset", "cell", "field", "DSL names of the field")]
    for c in cache["cells"]:
        fields = c.get("fields", [])
        rows.append((str(c["offset"]), f"{c['name']}/{c['size']}", ", ".join(f["name"] for f in fields),
                     ", ".join(sorted({n for f in fields for n in f["dsl_names"]}))))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        lines.append(f"{'':12}{r[0]:>{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip())
    return lines


def _expansion_text(expansion: list[dict]) -> str:
    items: list[str] = []
    for e in expansion:
        size = e["size"]
        if size.startswith("OPERAND1_") and items and items[-1].startswith(e["uop"]):
            items[-1] = items[-1][:-1] + f", operand1 = cache {e['offset']}/{size[len('OPERAND1_'):]})"
        elif size.isdigit():
            items.append(f"{e['uop']} (operand0 = cache {e['offset']}/{size})")
        else:
            items.append(e["uop"] + ("" if size == "OPARG_SIMPLE" else f" ({size.removeprefix('OPARG_').lower()})"))
    return ", ".join(items)


def _summary(f: dict, what: str) -> list[str]:
    return [f"{f['name']}: {what}", *_wrap("stack", _stack_text(f["stack"])), *_wrap("flags", ", ".join(f["flags"]) or "none")]


def _specializer_lines(s: dict, head: bool) -> list[str]:
    go = s["go"]
    text = f"{s['cpython']} ({s['at']})"
    if go:
        text += f"; Go {go['function']}" + (f" ({go['at']})" if go["at"] else "")
    lines = _wrap("chosen by", text)
    g = s.get("gauge")
    if g and not head:
        seen = ", ".join(g["produced_by"] or g["specialized_by"]) or "no program"
        lines += _wrap("gauge", f"produced {g['produced']}, executed {g['executed']}"
                       + (f", deoptimized {g['deoptimized']}" if g["guarded"] else ", no guard")
                       + f" over the corpus (cache/reports/specialization.json); e.g. {seen}")
    elif not head:
        lines += _wrap("gauge", "no gauge yet: run `doit specialization`")
    return lines


def format_text(f: dict) -> str:
    if f["kind"] == "uop":
        lines = _summary(f, f"uop {f['number']}" if f["number"] is not None else "uop (no id: tier 1 only)")
        if f["annotations"]:
            lines += _wrap("annotated", ", ".join(f["annotations"]))
        if f["cache"]:
            lines += _wrap("cache", ", ".join(f"{c['name']}/{c['size']} at {c['offset']}" for c in f["cache"]["cells"]))
        lines += _wrap("part of", ", ".join(f["in_instructions"]) or "no instruction")
        lines += _wrap("expands", ", ".join(f["in_expansions"]) or "in no tier-2 expansion")
        lines += _uop_lines(f, 2)
        return "\n".join(lines) + "\n"
    if f["kind"] == "pseudo":
        lines = _summary(f, f"pseudo instruction {f['number']}")
        lines += _wrap("targets", ", ".join(f["targets"]) + (" (as a sequence)" if f["as_sequence"] else ""))
        return "\n".join(lines) + "\n"
    fam = f["family"]
    what = f"family head, instruction {f['number']}" if f["kind"] == "family" else f"instruction {f['number']}"
    lines = _summary(f, f"{what} ({f['defined_by']} at {f['where']})")
    units = "1 code unit" if f["size"] == 1 else f"{f['size']} code units"
    lines += _wrap("format", f"{f['format']}: {units} ({f['size'] - 1} cache)")
    if fam:
        lines += _wrap("family", f"{fam['name']} ({fam['role']}): {', '.join(fam['members'])}")
    lines += _wrap("deopt", f["deopt"] + ("" if f["deopt"] != f["name"] else " (itself)"))
    if f.get("specializer"):
        lines += _specializer_lines(f["specializer"], f["kind"] == "family")
    if f["cache"]:
        lines += _cache_lines(f["cache"])
    lines += _wrap("tier 2", _expansion_text(f["expansion"]) if f["expansion"] else "no expansion (not in traces)")
    lines += _wrap("tier 1", f["go"]["tier1_arm"] or "no arm")
    lines.append("  parts")
    for p in f["parts"]:
        if p["kind"] != "uop":
            lines.append(f"    {p['name']}" + (" (flush)" if p["kind"] == "flush" else ""))
            continue
        lines.append(f"    {p['name']} {p['uop']['stack']['effect']}")
        lines += _uop_lines(p["uop"], 6)
    return "\n".join(lines) + "\n"
