"""`casesgen diff OLD NEW`: what moving gopy from one CPython source to another changes.

Both sources are analysed by the generator vendored in inputs/, each into its own folder under
cache/diff/<content hash>/ (inputs/ and casesgen.lock are left alone), and the two models are
compared per opcode, per uop and per family. ``compare`` is pure: it takes the two models, the
DSL text of each side, and what the project maps or writes by hand, and returns the report that
``format_markdown`` and ``format_json`` print.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import explain, model as model_io, source_model, vendor
from .config import Config
from .errors import CasesgenError, UsageError
from .fsutil import write_atomic, write_if_changed
from .signatures import body_name
from .sources import cpython, download
from .translate import mapping as mapping_mod

LOCKED = "locked"
KINDS = ("added", "removed", "renumbered", "stack_effect", "cache_layout", "family", "flags", "body")
TITLES = {"added": "Added", "removed": "Removed", "renumbered": "Renumbered", "stack_effect": "Stack effect changed",
          "cache_layout": "Cache layout changed", "family": "Family or deopt parent changed",
          "flags": "Flags changed", "body": "Body changed"}
# Which generated files (emitter names, config.DEFAULT_LAYOUT) a change of each kind rewrites.
TOUCHES = {
    ("instruction", "added"): ("opcode_ids", "opcode_metadata", "eval_dispatch"),
    ("instruction", "removed"): ("opcode_ids", "opcode_metadata", "eval_dispatch"),
    ("instruction", "renumbered"): ("opcode_ids", "opcode_metadata"),
    ("instruction", "stack_effect"): ("opcode_metadata", "eval_dispatch"),
    ("instruction", "cache_layout"): ("opcode_metadata", "cache_layouts", "eval_dispatch"),
    ("instruction", "family"): ("family", "opcode_metadata", "eval_dispatch"),
    ("instruction", "flags"): ("opcode_metadata",),
    ("pseudo", "added"): ("opcode_ids", "opcode_metadata"),
    ("pseudo", "removed"): ("opcode_ids", "opcode_metadata"),
    ("pseudo", "renumbered"): ("opcode_ids", "opcode_metadata"),
    ("pseudo", "stack_effect"): ("opcode_metadata",),
    ("pseudo", "flags"): ("opcode_metadata",),
    ("family", "family"): ("family", "opcode_metadata"),
    ("uop", "added"): ("uop_ids", "uop_metadata", "op_signatures", "op_bodies", "runtime_api"),
    ("uop", "removed"): ("uop_ids", "uop_metadata", "op_signatures", "op_bodies", "runtime_api"),
    ("uop", "renumbered"): ("uop_ids",),
    ("uop", "stack_effect"): ("uop_metadata", "op_signatures", "op_bodies", "eval_dispatch"),
    ("uop", "flags"): ("uop_metadata",),
    ("uop", "body"): ("op_bodies", "runtime_api"),
}
TIER2_TOUCHES = ("eval_uops", "optimizer_cases")


@dataclass(frozen=True)
class Side:
    """One analysed source: how the user named it, its version, where its DSL text is, its model."""
    label: str
    version: str | None  # None: a folder without Include/patchlevel.h
    dsl_label: str  # how file:line refers to its bytecodes.c
    dsl_text: list[str]
    model: dict


# --- acquiring and analysing a source (I/O) -----------------------------------------------------------

def side(cfg: Config, spec: str, log=print) -> Side:
    """Analyse the source `spec` (a folder, tarball, URL or `locked`) with the vendored generator."""
    if not (cfg.inputs / "Tools/cases_generator").is_dir():
        raise UsageError("no vendored generator; run `doit vendor` first", str(cfg.inputs / "Tools/cases_generator"))
    if spec == LOCKED:
        hashes = vendor.verify_inputs(cfg, list(cpython.REQUIRED))
        version = vendor.read_lock(cfg)["cpython_version"]
        root, dsl_label = cfg.inputs, f"inputs/{source_model.DSL[0]}"
    else:
        source = spec if download.is_url(spec) else Path(spec).expanduser()
        cpython.require(source, how="OLD and NEW are CPython 3.14 checkouts, Python-3.14.x.tar.xz files or "
                                    "their URLs, or `locked`")
        files, _, version = cpython.acquire(source, vendor.download_pin(vendor.read_lock(cfg), spec),
                                            cfg.generator_version, log)
        hashes = {rel: hashlib.sha256(files[rel]).hexdigest() for rel in cpython.REQUIRED}
        root = folder(cfg, hashes)
        for rel in cpython.REQUIRED:
            write_if_changed(root / rel, files[rel])
        dsl_label = f"{spec}/{source_model.DSL[0]}" if not cpython.is_tarball(Path(spec)) else \
            f"{Path(spec).name}:{source_model.DSL[0]}"
    return Side(spec, version, dsl_label, (root / source_model.DSL[0]).read_text().splitlines(),
                analysed(cfg, root, version, hashes, log))


def folder(cfg: Config, hashes: dict[str, str]) -> Path:
    """cache/diff/<hash of the required files>: one folder per distinct source."""
    return cfg.cache / "diff" / hashlib.sha256("".join(hashes[r] for r in cpython.REQUIRED).encode()).hexdigest()[:16]


def analysed(cfg: Config, root: Path, version: str | None, hashes: dict[str, str], log=print) -> dict:
    """The model of the source under root, reused from cache/diff/<hash>/analysis.json when current."""
    path = folder(cfg, hashes) / "analysis.json"
    if path.is_file():
        try:
            cached = model_io.load(path)
            if cached["cpython_version"] == (version or ""):
                return cached
        except CasesgenError:
            pass
    log(f"diff: analysing {root / source_model.DSL[0]}")
    m = source_model.build(cfg.inputs, root, version or "", hashes, vendor.include_dirs(cfg))
    write_atomic(path, model_io.dumps(m))
    return m


def project_facts(cfg: Config) -> tuple[dict, dict[str, int], dict[str, str], dict[str, str]]:
    """What the project owns that a change can touch: mapping.toml's entries (name -> kind) and
    their lines, the hand-written body functions (name -> file:line), and the Go files by emitter."""
    entries: dict[str, str] = {}
    lines: dict[str, int] = {}
    handwritten: dict[str, str] = {}
    if cfg.mapping and cfg.mapping.is_file():
        m = mapping_mod.load(cfg.mapping, cfg.go_api)
        for kind, keys in (("call", m.calls), ("name", m.names), ("exit", m.exits), ("condition", m.conditions),
                           ("drop", m.drop), ("type", m.types)):
            for key in keys:
                entries.setdefault(key.split("[")[0].split()[-1].strip("*") if kind == "type" else key.rstrip("[]"), kind)
        lines = mapping_mod.key_lines(cfg.mapping.read_text())
        hand = explain.handwritten_funcs(cfg)
        handwritten = {uop: hand.get(body_name(uop), f"{cfg.layout['op_bodies']} (hand-written)") for uop in m.handwritten}
    go_files = {name: explain.project_path(cfg, cfg.go_tree / path) for name, path in cfg.layout.items()}
    return entries, lines, handwritten, go_files


def run(cfg: Config, old: str, new: str, log=print) -> dict:
    a, b = side(cfg, old, log), side(cfg, new, log)
    entries, lines, handwritten, go_files = project_facts(cfg)
    mapping_where = cfg.mapping.name if cfg.mapping else "mapping.toml"
    return compare(a, b, entries, {k: f"{mapping_where}:{v}" for k, v in lines.items()}, handwritten, go_files)


# --- the comparison (pure) ----------------------------------------------------------------------------

def _by_name(model: dict) -> tuple[dict[str, dict], dict[str, dict]]:
    """A model's instructions and uops by name."""
    return {i["name"]: i for i in model["instructions"]}, {u["name"]: u for u in model["uops"]}


def _signature(named: tuple[dict, dict], name: str, caches: bool = True) -> str | None:
    """The DSL's own words for an instruction or uop (`named` is _by_name of its model):
    `(cache/1, inputs -- outputs)` for an inst() or op() (without the cache entries when `caches` is
    false: those are the cache layout's), the parts for a macro()."""
    insts, uops = named
    inst = insts.get(name)
    if inst is not None:
        if inst["defined_by"] == "macro":
            return f"macro({name}) = " + " + ".join(p["name"] for p in inst["parts"])
        uop = uops[next(p["name"] for p in inst["parts"] if p["kind"] == "uop")]
        cells = explain.inst_cache_items(inst["parts"]) if caches else []
        return explain.stack_effect(uop["inputs"], uop["outputs"], cells)
    uop = uops.get(name)
    if uop is None:
        return None
    return explain.stack_effect(uop["inputs"], uop["outputs"], explain.cache_items(uop["caches"]) if caches else [])


def _inst_uops(model: dict) -> set[str]:
    """The uops an inst() creates for its body (`_NAME` of inst NAME): their stack effect and flags
    are the instruction's, reported once, with it."""
    return {p["name"] for i in model["instructions"] if i["defined_by"] == "inst"
            for p in i["parts"] if p["kind"] == "uop"}


def _cells(model: dict, inst: dict) -> dict:
    """An instruction's cache: its cells (name/size@offset) and the struct over them, if any."""
    cells = [f"{p['name']}@{p['offset']}" for p in inst["parts"] if p["kind"] == "unused" and p["size"]]
    cells += [f"{c['name']}/{c['size']}@{c['offset']}" for p in inst["parts"] if p["kind"] == "uop" for c in p["caches"]]
    head = inst["family"] or inst["name"]
    struct = next((f"{l['struct']} {{{', '.join(f['name'] + '@' + str(f['offset']) for f in l['fields'])}}}"
                   for l in model["cache_layouts"] if head in l["families"]), None)
    return {"cache_entries": inst["cache_entries"], "cells": sorted(cells, key=lambda c: int(c.rsplit("@", 1)[1])),
            "struct": struct}


def _where(side: Side, where: dict | None) -> str | None:
    return f"{side.dsl_label}:{where['line']}" if where else None


def _body_lines(side: Side, uop: dict) -> tuple[int, list[str]]:
    """The DSL text of a uop from its definition line to its body's closing brace."""
    first = uop["where"]["line"]
    last = uop["body"][-1][2] if uop.get("body") else first
    return first, side.dsl_text[first - 1:last]


def _body_diff(a: Side, b: Side, ua: dict, ub: dict) -> tuple[str, list[str]]:
    """A unified diff of the two bodies with real file lines in its hunk headers, and the changed lines."""
    start_a, text_a = _body_lines(a, ua)
    start_b, text_b = _body_lines(b, ub)
    out, changed = [], []
    for line in difflib.unified_diff(text_a, text_b, f"{a.dsl_label}:{start_a}", f"{b.dsl_label}:{start_b}",
                                     n=2, lineterm=""):
        m = re.match(r"@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", line)
        if m:
            line = (f"@@ -{int(m.group(1)) + start_a - 1}{m.group(2) or ''} "
                    f"+{int(m.group(3)) + start_b - 1}{m.group(4) or ''} @@")
        elif line[:1] in "+-" and not line.startswith(("+++", "---")):
            changed.append(line[1:])
        out.append(line)
    return "\n".join(out) + "\n", changed


def _tokens(uop: dict) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text, *_ in uop.get("body") or []]


def compare(a: Side, b: Side, mapping_entries: dict[str, str], mapping_lines: dict[str, str],
            handwritten: dict[str, str], go_files: dict[str, str]) -> dict:
    changes: list[dict] = []
    tier2 = {u["name"] for m in (a.model, b.model) for u in m["uops"] if u["tier2"]}

    def record(kind: str, name: str, change: str, old=None, new=None, where_old=None, where_new=None, **extra):
        emitters = list(TOUCHES.get((kind, change), ()))
        if extra.get("deopt"):
            emitters.append("family")
        if kind == "uop" and name in tier2 and change in ("added", "removed", "stack_effect"):
            emitters += TIER2_TOUCHES
        changes.append({"kind": kind, "name": name, "change": change, "old": old, "new": new,
                        "where": {"old": where_old, "new": where_new},
                        "touches": {"go_files": sorted({go_files[e] for e in emitters if e in go_files}),
                                    "mapping": [], "handwritten": [handwritten[name]] if name in handwritten else []},
                        **extra})

    def entities(model: dict, kind: str) -> dict[str, dict]:
        key = {"instruction": "instructions", "pseudo": "pseudos", "uop": "uops", "family": "families"}[kind]
        return {e["name"]: e for e in model[key]}

    implicit = _inst_uops(a.model) & _inst_uops(b.model)
    named_a, named_b = _by_name(a.model), _by_name(b.model)

    for kind in ("instruction", "pseudo", "uop", "family"):
        old, new = entities(a.model, kind), entities(b.model, kind)
        number = {"instruction": "opcode", "pseudo": "opcode", "uop": "id"}.get(kind)
        for name in sorted(new.keys() - old.keys()):
            record(kind, name, "added", None, new[name].get(number) if number else new[name]["members"],
                   where_new=_where(b, new[name].get("where")), signature=_signature(named_b, name),
                   deopt=new[name].get("family"))
        for name in sorted(old.keys() - new.keys()):
            record(kind, name, "removed", old[name].get(number) if number else old[name]["members"], None,
                   where_old=_where(a, old[name].get("where")), signature=_signature(named_a, name),
                   deopt=old[name].get("family"))
        for name in sorted(old.keys() & new.keys()):
            o, n = old[name], new[name]
            at = {"where_old": _where(a, o.get("where")), "where_new": _where(b, n.get("where"))}
            if number and o[number] != n[number]:
                record(kind, name, "renumbered", o[number], n[number], **at)
            if kind == "family":
                if (o["members"], o["size"]) != (n["members"], n["size"]):
                    record(kind, name, "family", {"size": o["size"], "members": o["members"]},
                           {"size": n["size"], "members": n["members"]}, **at)
                continue
            # An inst() is an instruction and a uop of one name: its stack effect and flags are reported once.
            if not (kind == "uop" and name in implicit):
                fields = ("popped", "pushed", "targets") if kind == "pseudo" else ("popped", "pushed")
                sig_o = {"dsl": _signature(named_a, name, caches=False), **{f: o.get(f) for f in fields}}
                sig_n = {"dsl": _signature(named_b, name, caches=False), **{f: n.get(f) for f in fields}}
                if sig_o != sig_n:
                    record(kind, name, "stack_effect", sig_o, sig_n, **at)
                if o["flags"] != n["flags"]:
                    record(kind, name, "flags", o["flags"], n["flags"], **at)
            if kind == "instruction":
                co, cn = _cells(a.model, o), _cells(b.model, n)
                if co != cn:
                    record(kind, name, "cache_layout", co, cn, **at)
                if o["family"] != n["family"]:
                    record(kind, name, "family", o["family"], n["family"], **at)
            if kind == "uop" and _tokens(o) != _tokens(n):
                diff, changed = _body_diff(a, b, o, n)
                record(kind, name, "body", None, None, **at, diff=diff)
                words = set(re.findall(r"[A-Za-z_]\w*", "\n".join(changed)))
                changes[-1]["touches"]["mapping"] = [
                    f"{mapping_lines.get(w, 'mapping.toml')} ({mapping_entries[w]} {w})" for w in sorted(words & mapping_entries.keys())]
    changes.sort(key=lambda c: (KINDS.index(c["change"]), c["name"], c["kind"]))
    return {"old": {"source": a.label, "version": a.version}, "new": {"source": b.label, "version": b.version},
            "summary": {k: sum(1 for c in changes if c["change"] == k) for k in KINDS}, "changes": changes}


# --- printing -------------------------------------------------------------------------------------------

def counts(report: dict) -> str:
    """`3 stack effect, 1 body`: how many changes of each kind, or `no differences`."""
    return ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in report["summary"].items() if n) or "no differences"


def format_json(report: dict) -> str:
    return json.dumps(report, indent=1, sort_keys=True) + "\n"


def _code(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(f"`{v}`" for v in value) or "(none)"
    if isinstance(value, dict):
        return "<br>".join(f"{k}: {_code(v)}" for k, v in value.items() if v not in (None, []))
    return f"`{value}`"


def format_markdown(report: dict) -> str:
    old, new = report["old"], report["new"]
    def named(side: dict) -> str:
        return f"{side['source']} ({'CPython ' + side['version'] if side['version'] else 'no Include/patchlevel.h'})"

    out = [f"# Upgrade report: {named(old)} -> {named(new)}", ""]
    changes = report["changes"]
    if not changes:
        out.append("No differences: both sources define the same opcodes, uops, families, stack effects, "
                   "caches, flags and bodies.")
        return "\n".join(out) + "\n"
    out += [f"{len(changes)} changes: {counts(report)}.", ""]
    for kind in KINDS:
        rows = [c for c in changes if c["change"] == kind]
        if not rows or kind == "body":
            continue
        out += [f"## {TITLES[kind]}", "", "| name | kind | old | new | where (old / new) | touches |", "|---|---|---|---|---|---|"]
        for c in rows:
            cells = [_code(c["old"]), _code(c["new"])]
            if kind in ("added", "removed"):  # the number (or members) and the DSL signature
                i = 0 if kind == "removed" else 1
                cells[i] = f"{cells[i]} {_code(c.get('signature'))}".strip()
            where = " / ".join(f"`{w}`" for w in (c["where"]["old"], c["where"]["new"]) if w)
            out.append(f"| `{c['name']}` | {c['kind']} | {cells[0]} | {cells[1]} | {where} | {_touches(c)} |")
        out.append("")
    bodies = [c for c in changes if c["change"] == "body"]
    if bodies:
        out += [f"## {TITLES['body']}", ""]
        for c in bodies:
            out += [f"### `{c['name']}` ({c['where']['old']} -> {c['where']['new']})", "", f"Touches: {_touches(c)}", "",
                    "```diff", c["diff"].rstrip("\n"), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _touches(c: dict) -> str:
    t = c["touches"]
    parts = [", ".join(f"`{Path(f).name}`" for f in t["go_files"])]
    if t["mapping"]:
        parts.append("mapping: " + ", ".join(t["mapping"]))
    if t["handwritten"]:
        parts.append("hand-written: " + ", ".join(f"`{h}`" for h in t["handwritten"]))
    return "; ".join(p for p in parts if p)
