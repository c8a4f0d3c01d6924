"""CPython's own generator test inputs through casesgen's `tier1` and `bodies` emitters.

The DSL snippets of `test_generated_cases.py` (its tier-1 class, `TestGeneratedCases`) are read
from the vendored suite at run time, never copied here. Each one is written the way CPython's
`run_cases_test` writes it (between the BEGIN/END BYTECODES markers), analysed by casesgen's
adapter of CPython's analyzer, and rendered as `op_signatures`, `eval_dispatch` and `op_bodies`,
each through gofmt. An input CPython accepts must become Go that gofmt parses, or be refused by
casesgen in one line naming the file and line (counted, and bounded at today's value); an input
CPython refuses must be refused by casesgen too, with a CasesgenError and nothing else.
"""
from __future__ import annotations

import ast
import contextlib
import inspect
import io
import json
import re
import subprocess
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from casesgen import config, model as model_mod, translate
from casesgen.emit import Context, eval_dispatch, op_bodies, op_signatures
from casesgen.errors import CasesgenError
from casesgen.gotree import gofmt

SUITE = "Lib/test/test_generated_cases.py"
# The generator test classes whose inputs go through tier1 (TestGeneratedAbstractCases feeds the
# optimizer's generator, not tier1, and TestEffects has no DSL input).
TIER1_CLASSES = ("TestGeneratedCases",)
# Measured on the vendored 3.14.10 suite: 62 run_cases_test inputs in 57 test methods, 14 of them
# under assertRaises/assertRaisesRegex, none that could not be read as a string.
EXPECTED_INPUTS = 62
EXPECTED_CPYTHON_REFUSES = 14
EXPECTED_UNEXTRACTED = 0
# Inputs CPython accepts that casesgen refuses, at today's value (regressions show):
#   test_override_inst: `override inst(OP)` is refused as "instruction OP is defined twice"
#   test_pointer_to_stackref: a `_PyStackRef *` stack item, which the Go harness cannot hold
MAX_CASESGEN_ONLY = 1
EMITTED = ("op_signatures", "eval_dispatch", "op_bodies")


def extract_inputs(source: str, classes: list[str]) -> list[dict]:
    """Every `self.run_cases_test(input, ...)` of the test methods of `classes`, in source order.

    Self-contained (only `ast`): when the host's ast cannot parse the suite, this function's own
    source runs under the vendored 3.14 interpreter instead. A row is {"test", "line", "input"
    (None when it cannot be read as a string), "why" (why not), "refused" (inside `with
    self.assertRaises...`), "regex" (assertRaisesRegex's pattern, or None)}.
    """
    import ast

    def text_of(node, env):
        """(string, None) for a string built from literals and known names, else (None, why)."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value, None
        if isinstance(node, ast.Name):
            if isinstance(env.get(node.id), str):
                return env[node.id], None
            return None, f"name {node.id!r} is not bound to a string here"
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, why = text_of(node.left, env)
            if why:
                return None, why
            right, why = text_of(node.right, env)
            return (left + right, None) if why is None else (None, why)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.FormattedValue):
                    if v.conversion not in (-1, 115) or v.format_spec is not None:
                        return None, f"f-string field with a conversion or format spec: {ast.unparse(v)}"
                    piece, why = text_of(v.value, env)
                else:
                    piece, why = text_of(v, env)
                if why:
                    return None, why
                parts.append(piece)
            return "".join(parts), None
        return None, f"not a string built from literals: {ast.unparse(node)}"

    def raises_of(item):
        call = item.context_expr
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                and call.func.attr in ("assertRaises", "assertRaisesRegex"):
            regex = None
            if call.func.attr == "assertRaisesRegex" and len(call.args) > 1:
                regex, _ = text_of(call.args[1], {})
            return True, regex
        return False, None

    rows = []

    def walk(stmts, env, test, refused, regex):
        for stmt in stmts:
            if isinstance(stmt, ast.With):
                inner_refused, inner_regex = refused, regex
                for item in stmt.items:
                    r, rx = raises_of(item)
                    if r:
                        inner_refused, inner_regex = True, rx
                walk(stmt.body, env, test, inner_refused, inner_regex)
                continue
            if isinstance(stmt, (ast.If, ast.For, ast.While, ast.Try)):
                for field in ("body", "orelse", "finalbody"):
                    walk(getattr(stmt, field, []), env, test, refused, regex)
                for handler in getattr(stmt, "handlers", []):
                    walk(handler.body, env, test, refused, regex)
                continue
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr == "run_cases_test":
                    if node.args:
                        text, why = text_of(node.args[0], env)
                    else:
                        text, why = None, "run_cases_test called without a positional input"
                    rows.append({"test": test, "line": node.lineno, "input": text, "why": why,
                                 "refused": refused, "regex": regex})
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                value = text_of(stmt.value, env)[0] if stmt.value is not None else None
                for t in targets:
                    if isinstance(t, ast.Name):
                        env[t.id] = value

    for cls in ast.parse(source).body:
        if isinstance(cls, ast.ClassDef) and cls.name in classes:
            for fn in cls.body:
                if isinstance(fn, ast.FunctionDef) and fn.name.startswith("test"):
                    walk(fn.body, {}, fn.name, False, None)
    return rows


def extract_under_314(source_path: Path, interpreter) -> list[dict]:
    """extract_inputs run by the vendored CPython 3.14 interpreter, for a suite 3.11 cannot parse."""
    argv, env = interpreter
    script = (inspect.getsource(extract_inputs)
              + "\nimport json, sys\n"
              + f"print(json.dumps(extract_inputs(open(sys.argv[1]).read(), {list(TIER1_CLASSES)!r})))\n")
    r = subprocess.run([*argv, "-c", script, str(source_path)], env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


def suite_inputs(project: Path, request) -> list[dict]:
    path = project / "inputs" / SUITE
    source = path.read_text()
    try:
        ast.parse(source)
    except SyntaxError:  # a suite written in syntax newer than the host's
        return extract_under_314(path, request.getfixturevalue("interpreter"))
    return extract_inputs(source, list(TIER1_CLASSES))


@dataclass
class Outcome:
    case: dict
    path: Path
    cpython_refuses: bool | None = None  # what the vendored generator itself says, run here
    status: str = ""  # "go", "refused" (CasesgenError), "bug" (anything else, or Go gofmt refuses)
    stage: str = ""  # analyze, build, emit, gofmt
    error: str = ""

    @property
    def name(self) -> str:
        return f"{self.case['test']} (test_generated_cases.py:{self.case['line']})"


def cpython_verdict(gen: model_mod.Generator, path: Path) -> bool:
    """Whether CPython's generator refuses the file (SyntaxError), as run_cases_test runs it: parse,
    analyse, tier1 into memory."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            forest = gen.parser.parse_files([str(path)])
            analysis = gen.analyzer.analyze_forest(forest)
            gen.tier1_generator.generate_tier1([str(path)], analysis, io.StringIO(), False)
    except SyntaxError:
        return True
    return False


def through_casesgen(gen: model_mod.Generator, ctx: Context, inputs: Path, outcome: Outcome) -> None:
    """analysis -> model -> the three tier-1/bodies files -> gofmt; records where it stopped and why."""
    def rel_of(filename: str) -> str:
        return Path(filename).resolve().relative_to(inputs.resolve()).as_posix()

    outcome.stage = "analyze"
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            analysis = gen.analyze([outcome.path])
            outcome.stage = "build"
            model = model_mod.build(gen, analysis, {}, "3.14.10", rel_of)
            outcome.stage = "emit"
            texts = {
                "op_signatures": op_signatures.emit(model, ctx),
                "eval_dispatch": eval_dispatch.emit(model, ctx),
                "op_bodies": op_bodies.render(model, ctx, translate.translate_all(model, ctx.go_api, ctx.mapping)),
            }
        outcome.stage = "gofmt"
        for name in EMITTED:
            assert gofmt(texts[name], ctx.layout[name]).startswith("// Code generated by casesgen")
    except CasesgenError as e:
        # gofmt refusing our Go is an emitter bug, not a refusal of the input
        outcome.status = "bug" if outcome.stage == "gofmt" else "refused"
        outcome.error = str(e)
        return
    except Exception as e:  # noqa: BLE001 - anything else from casesgen is a bug to report
        outcome.status = "bug"
        frames = traceback.extract_tb(e.__traceback__)[-3:]
        outcome.error = f"{type(e).__name__}: {e} at " + " <- ".join(
            f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
        return
    outcome.status = "go"


@pytest.fixture(scope="module")
def cases(project, request) -> list[dict]:
    return suite_inputs(project, request)


@pytest.fixture(scope="module")
def outcomes(project, cases, tmp_path_factory) -> list[Outcome]:
    cfg = config.load(project)
    ctx = Context(layout=cfg.layout, go_module=cfg.go_module, go_api=cfg.go_api,
                  mapping=translate.load(cfg.mapping, cfg.go_api))
    gen = model_mod.Generator(project / "inputs" / "Tools/cases_generator")
    inputs = tmp_path_factory.mktemp("peer_dsl") / "inputs"
    (inputs / "peer_dsl").mkdir(parents=True)
    results = []
    for case in cases:
        if case["input"] is None:
            continue
        path = inputs / "peer_dsl" / f"{case['test']}_{case['line']}.c"
        # exactly what run_cases_test writes into its temp file
        path.write_text(gen.parser.BEGIN_MARKER + case["input"] + gen.parser.END_MARKER)
        outcome = Outcome(case, path)
        outcome.cpython_refuses = cpython_verdict(gen, path)
        through_casesgen(gen, ctx, inputs, outcome)
        results.append(outcome)
    return results


def test_the_suite_has_62_tier1_inputs(cases):
    unextracted = [f"{c['test']}:{c['line']}: {c['why']}" for c in cases if c["input"] is None]
    assert len(unextracted) == EXPECTED_UNEXTRACTED, unextracted
    assert len(cases) == EXPECTED_INPUTS, [f"{c['test']}:{c['line']}" for c in cases]
    assert sum(c["refused"] for c in cases) == EXPECTED_CPYTHON_REFUSES


def test_extraction_under_the_vendored_314_interpreter_agrees(project, cases, interpreter):
    """The fallback for a suite the host's ast cannot parse gives the same inputs."""
    assert extract_under_314(project / "inputs" / SUITE, interpreter) == cases


def test_the_suites_verdicts_are_cpythons(outcomes):
    """Refused under assertRaises <=> CPython's generator, run here on the same file, raises SyntaxError."""
    disagree = [o.name for o in outcomes if o.cpython_refuses != o.case["refused"]]
    assert not disagree, disagree


def test_dsl_inputs_become_go_or_are_refused_in_one_line(outcomes, capsys):
    bugs = [f"{o.name} [{o.stage}]: {o.error}" for o in outcomes if o.status == "bug"]
    assert not bugs, "casesgen failed other than with a one-line refusal:\n" + "\n".join(bugs)

    for o in outcomes:
        if o.status == "refused":
            assert "\n" not in o.error, f"{o.name}: not one line: {o.error!r}"
            assert re.search(rf"{re.escape(o.path.name)}:\d+: ", o.error), f"{o.name}: names no file:line: {o.error}"

    refused_by_cpython = [o for o in outcomes if o.case["refused"]]
    not_refused = [f"{o.name}: {o.status}" for o in refused_by_cpython if o.status != "refused"]
    assert not not_refused, "CPython refuses these, casesgen does not:\n" + "\n".join(not_refused)
    for o in refused_by_cpython:  # assertRaisesRegex: casesgen's line carries CPython's message
        if o.case["regex"]:
            assert re.search(o.case["regex"], o.error), f"{o.name}: {o.error!r} !~ {o.case['regex']!r}"

    accepted = [o for o in outcomes if not o.case["refused"]]
    to_go = [o for o in accepted if o.status == "go"]
    casesgen_only = [o for o in accepted if o.status == "refused"]
    with capsys.disabled():
        print(f"\npeer DSL: {len(outcomes)} inputs, {len(to_go)} to Go (gofmt-clean), "
              f"{len(refused_by_cpython)} refused as CPython refuses, {len(casesgen_only)} refused by casesgen only")
        for o in casesgen_only:
            print(f"  refused by casesgen only: {o.name}: {o.error}")
    assert len(to_go) + len(casesgen_only) == len(accepted)
    assert len(casesgen_only) <= MAX_CASESGEN_ONLY, [f"{o.name}: {o.error}" for o in casesgen_only]
    assert len(outcomes) == EXPECTED_INPUTS
