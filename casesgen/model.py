"""The analysis model: one run of CPython's analyzer, flattened to plain JSON.

CPython's ``Tools/cases_generator`` is imported from inputs/ (never copied
into this repository, never re-implemented). This module only adapts its
``Analysis`` into a versioned, deterministic dict that every emitter reads:
opcodes, instructions (parts and cache cells with offsets), uops, families,
pseudos, labels, stack effects as C expressions, flags, and bodies as tokens.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import io
import json
import os
import sys
from pathlib import Path

from .errors import CasesgenError

MODEL_VERSION = 2
# CPython's generator modules, imported by these (generic) names from inputs/.
GENERATOR_MODULES = (
    "_typing_backports", "lexer", "plexer", "parsing", "parser", "analyzer", "cwriter", "stack",
    "generators_common", "opcode_metadata_generator", "uop_id_generator", "tier1_generator", "tier2_generator",
)


class Generator:
    """CPython's cases_generator modules, loaded from one folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        saved = {name: sys.modules.pop(name) for name in GENERATOR_MODULES if name in sys.modules}
        sys.path.insert(0, str(self.folder))
        try:
            for name in GENERATOR_MODULES:
                setattr(self, name, importlib.import_module(name))
        except Exception as e:
            raise CasesgenError(f"cannot import CPython's generator: {type(e).__name__}: {e}", str(self.folder)) from None
        finally:
            sys.path.remove(str(self.folder))
            for name in GENERATOR_MODULES:
                sys.modules.pop(name, None)
            sys.modules.update(saved)

    def refuse_duplicates(self, forest) -> None:
        """CPython's analyzer lets a later inst/macro/pseudo (or family) silently replace an earlier
        one of the same name; for casesgen that is two opcodes with one name, so it is refused."""
        p = self.parser
        seen: dict[tuple[str, str], object] = {}
        for node in forest:
            if isinstance(node, p.InstDef) and "override" in node.annotations:
                continue  # `override inst` replaces an earlier definition on purpose
            if isinstance(node, p.InstDef) and node.kind == "inst" or isinstance(node, (p.Macro, p.Pseudo)):
                kind = "instruction"
            elif isinstance(node, p.Family):
                kind = "family"
            else:
                continue
            first = seen.setdefault((kind, node.name), node)
            if first is not node:
                tok = node.first_token
                raise CasesgenError(f"{kind} {node.name} is defined twice (first at line {first.first_token.line}); "
                                    "each name is one opcode", _real_path(tok.filename, self.files), tok.line)

    @contextlib.contextmanager
    def errors(self, files: list[Path]):
        """CPython's analyzer and generators fail with Python exceptions: each becomes one line."""
        try:
            yield
        except SyntaxError as e:
            raise CasesgenError(e.msg, _real_path(e.filename, files), e.lineno) from None
        except self.stack.StackError as e:
            raise CasesgenError(f"stack error: {e}", str(files[-1])) from None
        except RecursionError:
            raise CasesgenError("CPython's analyzer recursed too deeply (unbalanced input?)", str(files[-1])) from None
        except (AssertionError, KeyError, IndexError, ValueError, TypeError, AttributeError) as e:
            message = f"CPython's analyzer rejected the input: {type(e).__name__}: {e}".rstrip(": ")
            line = _last_line_hint(e)
            if line is None:
                from .upstream import line_naming
                line = line_naming(files[-1], message)
            raise CasesgenError(message, str(files[-1]), line) from None

    def analyze(self, files: list[Path]):
        """CPython's analysis of the DSL files; its errors become one-line CasesgenErrors."""
        self.files = files
        with self.errors(files):
            forest = self.parser.parse_files([str(f) for f in files])
            self.refuse_duplicates(forest)
            return self.analyzer.analyze_forest(forest)

    def validate(self, files: list[Path], analysis) -> None:
        """CPython's code generators check what the analyzer does not (stack liveness, error exits,
        ...): run its tier-1 and tier-2 generators into memory, so such errors stop the analysis too."""
        names = [str(f) for f in files]
        with self.errors(files), contextlib.redirect_stdout(io.StringIO()):
            self.tier1_generator.generate_tier1(names, analysis, io.StringIO(), False)
            self.tier2_generator.generate_tier2(names, analysis, io.StringIO(), False)

    def validate_in_background(self, files: list[Path], analysis):
        """validate() in a forked child, on the machine's other core, while the caller goes on;
        the returned wait() raises its error, if any. Where there is no fork, it runs here."""
        if not hasattr(os, "fork"):
            self.validate(files, analysis)
            return lambda: None
        read, write = os.pipe()
        # What exists now (the parser's tokens, the analysis) lives on in both processes: frozen,
        # Python's cyclic collector no longer walks it, in either. Each such walk took tens of ms
        # and, writing to every object, copied the pages the fork left shared.
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the child: report one line, or nothing, and leave without running exit handlers
            os.close(read)
            try:
                self.validate(files, analysis)
                verdict = b""
            except CasesgenError as e:
                verdict = json.dumps([e.message, e.file, e.line]).encode()
            except BaseException as e:  # a crash of CPython's generator is an error too, never silence
                verdict = json.dumps([f"CPython's generator crashed: {type(e).__name__}: {e}", str(files[-1]), None]).encode()
            os.write(write, verdict)
            os._exit(0)
        os.close(write)

        def wait() -> None:
            with os.fdopen(read, "rb") as f:
                verdict = f.read()
            os.waitpid(pid, 0)
            gc.unfreeze()  # what became garbage since is collected again
            if verdict:
                raise CasesgenError(*json.loads(verdict))
        return wait


_generators: dict[tuple[str, tuple], Generator] = {}


def generator(folder: Path) -> Generator:
    """CPython's generator from folder, imported once per process while its files stay the same
    (the analysis and optimizer tasks of one `doit` share it)."""
    folder = Path(folder)
    key = (str(folder.resolve()), tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                                        for p in sorted(folder.glob("*.py"))))
    if key not in _generators:
        _generators.clear()
        _generators[key] = Generator(folder)
    return _generators[key]


def _real_path(name: str | None, files: list[Path]) -> str:
    """The analyzer shortens file names (prettify_filename); map them back to the file we passed."""
    if name:
        for f in files:
            if str(f) == name or str(f).endswith("/" + name.lstrip("./")):
                return str(f)
    return name or str(files[-1])


def _last_line_hint(err: BaseException) -> int | None:
    """The DSL line the analyzer was at when it failed, from the failing frame's locals."""
    tb = err.__traceback__
    line = None
    while tb is not None:
        for value in tb.tb_frame.f_locals.values():
            for candidate in (value, getattr(value, "first_token", None) if hasattr(value, "context") else None):
                begin = getattr(candidate, "begin", None)
                if isinstance(begin, tuple) and len(begin) == 2 and isinstance(begin[0], int):
                    line = begin[0]
        tb = tb.tb_next
    return line


def _flag_names(cflags: str) -> list[str]:
    """'HAS_ARG_FLAG | HAS_JUMP_FLAG' -> ['ARG', 'JUMP']."""
    if cflags == "0":
        return []
    return [f.strip()[len("HAS_"):-len("_FLAG")] for f in cflags.split("|")]


def _tokens(tokens) -> list[list]:
    return [[t.kind, t.text, t.begin[0], t.begin[1]] for t in tokens]


def _source_tokens(owner_of, tokens: list, index: dict) -> list[list]:
    """A body's tokens as the lexer read them from the file, from its `{` to its `}`.

    The analyzer's own statement tree drops the `#else` and `#endif` of a `#if` inside a body
    (MacroIfStmt.tokens yields only the condition and the branches), so the translator would
    see a body whose preprocessor blocks never close. The parser's lexer kept every token of
    the file: the body is the slice between its first and last. Comments and newlines are left out.
    """
    if not tokens:
        return []
    owner = owner_of
    positions = index.get(id(owner))
    if positions is None:
        positions = index[id(owner)] = {id(t): i for i, t in enumerate(owner.tokens)}
    first, last = positions[id(tokens[0])], positions[id(tokens[-1])]
    return [[t.kind, t.text, t.begin[0], t.begin[1]] for t in owner.tokens[first:last + 1]
            if t.kind not in ("COMMENT", "\n")]


def _stack_item(item) -> dict:
    return {"name": item.name, "type": item.type, "size": item.size, "peek": item.peek, "used": item.used}


def _properties(p) -> dict:
    simple = {k: v for k, v in sorted(vars(p).items()) if k != "escaping_calls"}
    simple["escaping_calls"] = sorted(
        {(c.call.text, c.call.begin[0]) for c in p.escaping_calls.values()}, key=lambda x: (x[1], x[0]))
    simple["infallible"] = p.infallible
    return simple


def build(gen: Generator, analysis, sources: dict[str, str], cpython_version: str, rel_of) -> dict:
    """The model dict. ``rel_of`` maps a token's filename to the path written into the model."""
    a = gen.analyzer
    omg = gen.opcode_metadata_generator
    cflags = gen.generators_common.cflags
    flags = list(omg.FLAGS)
    bit = {name: 1 << i for i, name in enumerate(flags)}

    def where(tok) -> dict:
        return {"file": rel_of(tok.filename), "line": tok.begin[0]}

    def stack_counts(inst) -> tuple[str, str]:
        st = gen.stack.get_stack_effect(inst)
        return (-st.base_offset).to_c(), (st.logical_sp - st.base_offset).to_c()

    # -- uops, in the analyzer's order -------------------------------------------------
    uop_ids = _uop_ids(gen, analysis)
    owners: dict = {}  # per lexer: token identity -> position
    lexers: dict = {}  # file -> the parser's lexer of it (labels have no context of their own)
    uops = []
    for uop in analysis.uops.values():
        tier2 = uop.is_viable() and uop.properties.tier != 1
        popped = None
        if tier2:
            st = gen.stack.Stack()
            for var in reversed(uop.stack.inputs):
                if var.peek:
                    break
                st.pop(var, gen.cwriter.CWriter.null())
            popped = (-st.base_offset).to_c()
        body = list(uop.body.tokens())
        uops.append({
            "name": uop.name,
            "id": uop_ids.get(uop.name),
            "where": where(body[0]) if body else None,
            "annotations": list(uop.annotations),
            "inputs": [_stack_item(i) for i in uop.stack.inputs],
            "outputs": [_stack_item(o) for o in uop.stack.outputs],
            "caches": [{"name": c.name, "size": c.size} for c in uop.caches],
            "size": uop.size,
            "properties": _properties(uop.properties),
            "flags": _flag_names(cflags(uop.properties)) if tier2 else [],
            "tier2": tier2,
            "why_not_viable": uop.why_not_viable(),
            "implicitly_created": uop.implicitly_created,
            "replicated": uop.replicated,
            "replicates": uop.replicates.name if uop.replicates else None,
            "instruction_size": uop.instruction_size,
            "is_super": uop.is_super(),
            "popped": popped,
            "body": _source_tokens(lexers.setdefault(body[0].filename, uop.context.owner), body, owners)
                    if body and uop.context else _tokens(body),
        })

    # -- instructions ------------------------------------------------------------------
    instructions = []
    for inst in analysis.instructions.values():
        offset = 0
        parts = []
        for part in inst.parts:
            if isinstance(part, a.Uop):
                cells, cell_offset = [], offset
                for c in part.caches:
                    cells.append({"name": c.name, "size": c.size, "offset": cell_offset})
                    cell_offset += c.size
                parts.append({"kind": "uop", "name": part.name, "size": part.size, "offset": offset, "caches": cells})
            elif isinstance(part, a.Skip):
                parts.append({"kind": "unused", "name": part.name, "size": part.size, "offset": offset})
            else:
                parts.append({"kind": "flush", "name": part.name, "size": 0, "offset": offset})
            offset += part.size
        popped, pushed = stack_counts(inst)
        names = _flag_names(cflags(inst.properties))
        from_inst = any(isinstance(p, a.Uop) and p.implicitly_created and p.name == "_" + inst.name
                        for p in inst.parts)
        instructions.append({
            "name": inst.name,
            "defined_by": "inst" if from_inst else "macro",
            "opcode": inst.opcode,
            "where": where(inst.where),
            "size": inst.size,
            "cache_entries": inst.size - 1,
            "family": inst.family.name if inst.family else None,
            "is_target": inst.is_target,
            "format": omg.get_format(inst),
            "flags": names,
            "flags_value": sum(bit[n] for n in names),
            "popped": popped,
            "pushed": pushed,
            "parts": parts,
            "is_super": inst.is_super(),
            "expansion": _expansion(gen, analysis, inst),
            "properties": _properties(inst.properties),
        })

    # -- pseudo instructions -----------------------------------------------------------
    pseudos = []
    for p in analysis.pseudos.values():
        popped, pushed = stack_counts(p)
        names = _flag_names(cflags(p.properties))
        for extra in p.flags:
            name = extra[len("HAS_"):] if extra.startswith("HAS_") else extra
            if name not in names:
                names.append(name)
        names.sort(key=lambda n: bit[n])
        pseudos.append({
            "name": p.name, "opcode": p.opcode, "targets": [t.name for t in p.targets],
            "as_sequence": p.as_sequence, "flags": names, "flags_value": sum(bit[n] for n in names),
            "popped": popped, "pushed": pushed,
            "inputs": [_stack_item(i) for i in p.stack.inputs],
            "outputs": [_stack_item(o) for o in p.stack.outputs],
        })

    families = [{"name": f.name, "size": f.size, "members": [m.name for m in f.members]}
                for f in analysis.families.values()]
    labels = []
    for lb in analysis.labels.values():
        body = list(lb.body.tokens())
        labels.append({"name": lb.name, "spilled": lb.spilled, "where": where(body[0]) if body else None,
                       "properties": _properties(lb.properties), "body": _source_tokens(lexers[body[0].filename], body, owners)
                       if body and body[0].filename in lexers else _tokens(body)})

    _check_sizes(instructions, pseudos, uops)
    expansions = [i["expansion"] for i in instructions if i["expansion"] is not None]
    return {
        "model_version": MODEL_VERSION,
        "cpython_version": cpython_version,
        "sources": sources,
        "flags": flags,
        "oparg_kinds": dict(omg.OPARG_KINDS),
        "formats": sorted({i["format"] for i in instructions}),
        "opmap": dict(sorted(analysis.opmap.items(), key=lambda kv: (kv[1], kv[0]))),
        "have_argument": analysis.have_arg,
        "min_specialized_opcode": analysis.opmap["RESUME"] + 1,
        "min_instrumented_opcode": analysis.min_instrumented,
        "max_uop_per_expansion": max(len(e) for e in expansions) if expansions else 0,
        "max_uop_id": uop_ids["MAX_UOP_ID"],
        "instructions": instructions,
        "pseudos": pseudos,
        "families": families,
        "uops": uops,
        "labels": labels,
    }


def _check_sizes(instructions: list[dict], pseudos: list[dict], uops: list[dict]) -> None:
    """Every symbolic stack size must be a C integer expression over oparg: emitters turn them into Go."""
    from .cexpr import to_go
    for kind, rows, keys in (("instruction", instructions, ("popped", "pushed")), ("pseudo", pseudos, ("popped", "pushed")),
                             ("uop", uops, ("popped",))):
        for row in rows:
            for key in keys:
                if row.get(key) is None:
                    continue
                try:
                    to_go(row[key])
                except CasesgenError as e:
                    where = row.get("where") or {}
                    raise CasesgenError(f"{kind} {row['name']}: {e.message}",
                                        "inputs/" + where.get("file", "Python/bytecodes.c"), where.get("line")) from None


def _uop_ids(gen: Generator, analysis) -> dict[str, int]:
    """Uop numbering exactly as CPython's uop_id_generator assigns it (its own output, read back)."""
    buf = io.StringIO()
    gen.uop_id_generator.generate_uop_ids(["bytecodes.c"], analysis, buf, False)
    ids: dict[str, int] = {}
    for line in buf.getvalue().splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "#define":
            _, name, value = parts
            ids[name] = int(value) if value.isdigit() else analysis.opmap[value]
    return ids


def _expansion(gen: Generator, analysis, inst) -> list[dict] | None:
    """The tier-2 expansion of one instruction (uop, size kind, cache offset), as CPython tabulates it."""
    a = gen.analyzer
    if inst.is_super():
        half = len(inst.name.split("_")) // 2
        pieces = inst.name.split("_")
        first = analysis.instructions["_".join(pieces[:half])]
        second = analysis.instructions["_".join(pieces[half:])]
        return [{"uop": first.parts[0].name, "size": "OPARG_TOP", "offset": 0},
                {"uop": second.parts[0].name, "size": "OPARG_BOTTOM", "offset": 0}]
    if not gen.opcode_metadata_generator.is_viable_expansion(inst):
        return None
    out, offset = [], 0
    for part in inst.parts:
        if isinstance(part, a.Uop):
            if "specializing" in part.annotations:
                continue  # as CPython does: a specializing uop's cells do not advance the offset
            fmt = "OPARG_SIMPLE"
            if part.name == "_SAVE_RETURN_OFFSET":
                fmt = "OPARG_SAVE_RETURN_OFFSET"
            elif part.caches:
                fmt = str(part.caches[0].size)
            if "replaced" in part.annotations:
                fmt = "OPARG_REPLACED"
            out.append({"uop": part.name, "size": fmt, "offset": offset})
            if len(part.caches) > 1:
                inner = sum(c.size for c in part.caches[:-1])
                out.append({"uop": part.name, "size": f"OPERAND1_{part.caches[-1].size}", "offset": offset + inner})
        offset += part.size
    return out


def abstract_uops(gen: Generator, analysis, rel_of) -> list[dict]:
    """The ops of an optimizer_bytecodes.c analysis: what each overrides in the base model."""
    owners: dict = {}
    out = []
    for uop in analysis.uops.values():
        body = list(uop.body.tokens())
        out.append({
            "name": uop.name,
            "where": {"file": rel_of(body[0].filename), "line": body[0].begin[0]} if body else None,
            "inputs": [_stack_item(i) for i in uop.stack.inputs],
            "outputs": [_stack_item(o) for o in uop.stack.outputs],
            "caches": [{"name": c.name, "size": c.size} for c in uop.caches],
            "body": _source_tokens(uop.context.owner, body, owners) if body and uop.context else _tokens(body),
        })
    return out


def relative_to(root: Path):
    """A token's file name -> its path under root, as the model writes it (else the name as is).
    Every token of a file carries its name: each name is resolved once, not once per token."""
    root = root.resolve()

    @functools.lru_cache(maxsize=None)
    def rel_of(filename: str) -> str:
        try:
            return Path(filename).resolve().relative_to(root).as_posix()
        except ValueError:
            return filename
    return rel_of


def analyze_abstract(inputs: Path, abstract: str) -> list[dict]:
    """CPython's analyzer on optimizer_bytecodes.c alone, as its optimizer_generator.py runs it."""
    gen = generator(inputs / "Tools/cases_generator")
    path = inputs / abstract
    if not path.is_file():
        raise CasesgenError("missing vendored input; run `doit vendor`", str(path))
    gen.files = [path]
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            forest = gen.parser.parse_files([str(path)])
            gen.refuse_duplicates(forest)
            analysis = gen.analyzer.analyze_forest(forest)
        except SyntaxError as e:
            raise CasesgenError(e.msg, _real_path(e.filename, [path]), e.lineno) from None
        except (AssertionError, KeyError, IndexError, ValueError, TypeError, AttributeError) as e:
            raise CasesgenError(f"CPython's analyzer rejected the input: {type(e).__name__}: {e}", str(path),
                                _last_line_hint(e)) from None

    return abstract_uops(gen, analysis, relative_to(inputs))


def analyze(inputs: Path, files: list[str], cpython_version: str, sources: dict[str, str], meanwhile=None,
            dsl_root: Path | None = None) -> dict:
    """Run CPython's analyzer (vendored in inputs/) on <dsl_root>/<files> (default inputs/) and return
    the model. `meanwhile()`, when given, runs while CPython's generators validate the analysis in
    the background; its result is the model's "meanwhile" entry."""
    gen = generator(inputs / "Tools/cases_generator")
    root = dsl_root or inputs
    paths = [root / f for f in files]
    for p in paths:
        if not p.is_file():
            raise CasesgenError("missing vendored input; run `doit vendor`", str(p))
    with contextlib.redirect_stdout(io.StringIO()):
        analysis = gen.analyze(paths)
    validated = gen.validate_in_background(paths, analysis)

    try:
        model = build(gen, analysis, sources, cpython_version, relative_to(root))
    except (AssertionError, KeyError, IndexError, ValueError) as e:
        validated()  # the generators' verdict first: it names the input's own fault
        raise CasesgenError(f"the analysis is inconsistent: {type(e).__name__}: {e}", str(paths[-1]),
                            _last_line_hint(e)) from None
    if meanwhile is not None:
        try:
            model["meanwhile"] = meanwhile()
        except CasesgenError:
            validated()  # the DSL's own fault first
            raise
    validated()
    return model


def dumps(model: dict) -> str:
    """The model as JSON, one key per line at the top level (sorted, for diffs between analyses);
    the values compact, so that json's C encoder writes them (an indented dump is pure Python and
    took a fifth of a cold regeneration)."""
    keys = sorted(model)
    return "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(model[k], sort_keys=True, separators=(',', ':'))}"
                               for k in keys) + "\n}\n"


def load(path: Path) -> dict:
    """The model in `path`; read once per process and file version (the emit tasks of one doit run
    all read it). The dict is shared: callers add to a copy of it, never to it."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise CasesgenError("no analysis; run `doit analysis`", str(path)) from None
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=2)
def _load(path: str, mtime_ns: int, size: int) -> dict:
    try:
        model = json.loads(Path(path).read_text())
    except FileNotFoundError:
        raise CasesgenError("no analysis; run `doit analysis`", str(path)) from None
    if model.get("model_version") != MODEL_VERSION:
        raise CasesgenError(f"analysis model version {model.get('model_version')} is not {MODEL_VERSION}; "
                            "run `doit analysis`", str(path))
    return model
