"""CPython's own generator test inputs through casesgen's `tier1`, `bodies`, `tier2` and `optimizer` emitters.

The DSL snippets of `test_generated_cases.py` are read from the vendored suite at run time, never
copied here. Each input of its tier-1 class, `TestGeneratedCases`, is written the way CPython's
`run_cases_test` writes it (between the BEGIN/END BYTECODES markers), analysed by casesgen's
adapter of CPython's analyzer (and validated by CPython's tier-1 and tier-2 generators, as `doit
analysis` does), and rendered three ways, each file through gofmt: tier 1 (`op_signatures`,
`eval_dispatch`, `op_bodies`), tier 2 (`eval_uops`) and the optimizer (`optimizer_cases`,
`optimizer_bodies`, with no overrides: these inputs have no abstract file). Each input of its
optimizer class, `TestGeneratedAbstractCases`, is a base file and an abstract file, as its
`run_cases_test` writes them: the base goes through casesgen's adapter (analysed only, as CPython's
optimizer generator analyses it), the abstract through `model.analyze_abstract`, and both into the
optimizer's two files.

An input CPython accepts must become Go that gofmt parses, or be refused by casesgen in one line
naming the file and line (counted, and bounded at today's value); an input CPython refuses must
be refused by casesgen too, with a CasesgenError and nothing else.
"""
from __future__ import annotations

import ast
import contextlib
import inspect
import io
import json
import re
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from casesgen import config, model as model_mod, translate
from casesgen.emit import Context, eval_dispatch, eval_uops, op_bodies, op_signatures, optimizer_bodies, optimizer_cases
from casesgen.errors import CasesgenError
from casesgen.gotree import gofmt

SUITE = "Lib/test/test_generated_cases.py"
# The generator test classes whose inputs go through tier1, tier2 and the optimizer (TestEffects has
# no DSL input).
TIER1_CLASSES = ("TestGeneratedCases",)
# The class whose run_cases_test(input, input2, expected) feeds the optimizer's generator a base
# file and an abstract (optimizer_bytecodes.c-like) file.
ABSTRACT_CLASSES = ("TestGeneratedAbstractCases",)
# Measured on the vendored 3.14.10 suite: 62 run_cases_test inputs in 57 test methods, 14 of them
# under assertRaises/assertRaisesRegex, none that could not be read as a string.
EXPECTED_INPUTS = 62
EXPECTED_CPYTHON_REFUSES = 14
EXPECTED_UNEXTRACTED = 0
# Inputs CPython accepts that casesgen refuses, at today's value (regressions show):
#   test_pointer_to_stackref: a `_PyStackRef *` stack item, which the Go harness cannot hold
MAX_CASESGEN_ONLY = 1
# The Go files each pipeline renders (layout names).
PIPELINES = {
    "tier1": ("op_signatures", "eval_dispatch", "op_bodies"),
    "tier2": ("eval_uops",),
    "optimizer": ("optimizer_cases", "optimizer_bodies"),
}
# Measured, exact (a ratchet: raise to_go and lower casesgen_only when casesgen improves):
# (to Go, refused as CPython refuses, refused by casesgen only) of the 62 inputs. Tier 2's one
# casesgen-only refusal is test_pointer_to_stackref (its executor calls the op's body function,
# whose signature cannot hold a `_PyStackRef *`); the optimizer's default effect needs no signature.
EXPECTED_TIER2 = (47, 14, 1)
EXPECTED_OPTIMIZER = (48, 14, 0)
# Of the 14 inputs the suite refuses (CPython's tier-1 generator), CPython's tier-2 generator alone
# refuses 12 (not the two of test_incorrect_spills: labels are tier 1's), its optimizer generator
# alone (no overrides) 6: it checks no stack liveness. Neither refuses anything the suite accepts.
EXPECTED_CPYTHON_REFUSES_ALONE = {"tier1": 14, "tier2": 12, "optimizer": 6}
# TestGeneratedAbstractCases: 4 run_cases_test inputs, 1 under assertRaisesRegex (an abstract op
# that overrides no base op), all 4 readable; 3 to Go, 1 refused as CPython refuses, 0 by casesgen only.
# Their base files are analysed as CPython's optimizer generator analyses them (parse + analyze,
# no tier-1/tier-2 generation): 3 of the 4 bases (`pure op(OP, (arg1 -- out)) { SPAM(); }`
# leaves arg1 live) are ones CPython's tier-2 generator refuses, so `doit analysis` would refuse
# them as a bytecodes.c; the optimizer's emitters are what these inputs exercise.
EXPECTED_ABSTRACT_INPUTS = 4
EXPECTED_ABSTRACT_CPYTHON_REFUSES = 1
EXPECTED_ABSTRACT = (3, 1, 0)
EXPECTED_ABSTRACT_BASES_TIER2_REFUSES = 3


def extract_inputs(source: str, classes: list[str], inputs: int = 1) -> list[dict]:
    """Every `self.run_cases_test(input, ...)` of the test methods of `classes`, in source order.

    Self-contained (only `ast`): when the host's ast cannot parse the suite, this function's own
    source runs under the vendored 3.14 interpreter instead. A row is {"test", "line", "input"
    (None when it cannot be read as a string), "why" (why not), "refused" (inside `with
    self.assertRaises...`), "regex" (assertRaisesRegex's pattern, or None)}. With `inputs=2`
    (`run_cases_test(input, input2, expected)`), a row also has "input2", and both are None when
    either cannot be read.
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
                    texts, why = [], None
                    if len(node.args) < inputs:
                        why = f"run_cases_test called without {inputs} positional input(s)"
                    for arg in node.args[:inputs]:
                        text, why = text_of(arg, env)
                        if why:
                            break
                        texts.append(text)
                    row = {"test": test, "line": node.lineno, "input": None if why else texts[0], "why": why,
                           "refused": refused, "regex": regex}
                    if inputs > 1:
                        row["input2"] = None if why else texts[1]
                    rows.append(row)
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


def extract_under_314(source_path: Path, interpreter, classes=TIER1_CLASSES, inputs: int = 1) -> list[dict]:
    """extract_inputs run by the vendored CPython 3.14 interpreter, for a suite 3.11 cannot parse."""
    argv, env = interpreter
    script = (inspect.getsource(extract_inputs)
              + "\nimport json, sys\n"
              + f"print(json.dumps(extract_inputs(open(sys.argv[1]).read(), {list(classes)!r}, {inputs})))\n")
    r = subprocess.run([*argv, "-c", script, str(source_path)], env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout)


def suite_inputs(project: Path, request, classes=TIER1_CLASSES, inputs: int = 1) -> list[dict]:
    path = project / "inputs" / SUITE
    source = path.read_text()
    try:
        ast.parse(source)
    except SyntaxError:  # a suite written in syntax newer than the host's
        return extract_under_314(path, request.getfixturevalue("interpreter"), classes, inputs)
    return extract_inputs(source, list(classes), inputs)


@dataclass
class Outcome:
    case: dict
    path: Path
    pipeline: str = "tier1"  # a PIPELINES key, or "abstract" (a TestGeneratedAbstractCases input)
    abstract: Path | None = None  # the abstract file of an "abstract" outcome
    cpython_refuses: bool | None = None  # what the vendored generator itself says, run here
    status: str = ""  # "go", "refused" (CasesgenError), "bug" (anything else, or Go gofmt refuses)
    stage: str = ""  # analyze, build, abstract, emit, gofmt
    error: str = ""
    base_tier2_refuses: bool | None = None  # an "abstract" outcome: CPython's tier-2 generator on its base

    @property
    def name(self) -> str:
        return f"{self.case['test']} (test_generated_cases.py:{self.case['line']})"


def quiet():
    """CPython's generators print as they go: keep it out of the test's output."""
    stack = contextlib.ExitStack()
    stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
    stack.enter_context(contextlib.redirect_stderr(io.StringIO()))
    return stack


def optimizer_generator(gen: model_mod.Generator):
    """CPython's optimizer_generator.py, bound to gen's modules (it imports them by their generic names)."""
    import importlib.util
    names = (*model_mod.GENERATOR_MODULES, "optimizer_generator")
    saved = {name: sys.modules.pop(name) for name in names if name in sys.modules}
    sys.modules.update({name: getattr(gen, name) for name in model_mod.GENERATOR_MODULES})
    try:
        spec = importlib.util.spec_from_file_location("optimizer_generator", gen.folder / "optimizer_generator.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        for name in names:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
    return module


def cpython_verdicts(gen: model_mod.Generator, opt, path: Path) -> dict[str, bool]:
    """Whether each of CPython's generators refuses the file (SyntaxError) on its own, as
    run_cases_test runs them: parse, analyse, generate into memory. The optimizer's generator gets
    no overrides (it reads only the abstract analysis's `uops`: an abstract file with no
    definition cannot be parsed)."""
    from types import SimpleNamespace

    def run(generate) -> bool:
        try:
            with quiet():
                forest = gen.parser.parse_files([str(path)])
                generate(gen.analyzer.analyze_forest(forest))
        except SyntaxError:
            return True
        return False

    return {
        "tier1": run(lambda a: gen.tier1_generator.generate_tier1([str(path)], a, io.StringIO(), False)),
        "tier2": run(lambda a: gen.tier2_generator.generate_tier2([str(path)], a, io.StringIO(), False)),
        "optimizer": run(lambda a: opt.generate_abstract_interpreter([str(path)], SimpleNamespace(uops={}), a,
                                                                     io.StringIO(), False)),
    }


def cpython_abstract_verdict(opt, base: Path, abstract: Path, out: Path) -> bool:
    """Whether CPython's optimizer generator refuses the pair, exactly as TestGeneratedAbstractCases
    runs it (its suite expects an AssertionError where it does)."""
    try:
        with quiet():
            opt.generate_tier2_abstract_from_files([str(base), str(abstract)], str(out))
    except (SyntaxError, AssertionError):
        return True
    return False


def render_tier1(model: dict, ctx: Context, outcome: Outcome) -> dict[str, str]:
    return {
        "op_signatures": op_signatures.emit(model, ctx),
        "eval_dispatch": eval_dispatch.emit(model, ctx),
        "op_bodies": op_bodies.render(model, ctx, translate.translate_all(model, ctx.go_api, ctx.mapping)),
    }


def render_tier2(model: dict, ctx: Context, outcome: Outcome) -> dict[str, str]:
    return {"eval_uops": eval_uops.emit(model, ctx)}


def render_optimizer(model: dict, ctx: Context, outcome: Outcome) -> dict[str, str]:
    """The two optimizer files as `doit optimizer` composes them: the overrides translated once,
    both files rendered from that. With no abstract file there are no overrides."""
    if outcome.abstract is None:
        model["optimizer_overrides"] = []
    else:
        outcome.stage = "abstract"
        inputs = outcome.abstract.parents[1]
        model["optimizer_overrides"] = model_mod.analyze_abstract(inputs, outcome.abstract.relative_to(inputs).as_posix())
        outcome.stage = "emit"
    results = translate.translate_optimizer(model, ctx.go_api, ctx.mapping, ctx.qualifier("uop_ids", "optimizer_bodies"))
    return {"optimizer_cases": optimizer_cases.render(model, ctx, results),
            "optimizer_bodies": optimizer_bodies.render(model, ctx, results)}


RENDER = {"tier1": render_tier1, "tier2": render_tier2, "optimizer": render_optimizer, "abstract": render_optimizer}


def through_casesgen(gen: model_mod.Generator, ctx: Context, inputs: Path, outcome: Outcome) -> None:
    """analysis (+ validation by CPython's tier-1/tier-2 generators, as `doit analysis` does, except
    for an abstract case's base, which CPython's optimizer generator only analyses) -> model -> the
    pipeline's files -> gofmt; records where it stopped and why."""
    def rel_of(filename: str) -> str:
        return Path(filename).resolve().relative_to(inputs.resolve()).as_posix()

    outcome.stage = "analyze"
    try:
        with quiet():
            analysis = gen.analyze([outcome.path])
            if outcome.pipeline != "abstract":
                gen.validate([outcome.path], analysis)
            outcome.stage = "build"
            model = model_mod.build(gen, analysis, {}, "3.14.10", rel_of)
            outcome.stage = "emit"
            texts = RENDER[outcome.pipeline](model, ctx, outcome)
        outcome.stage = "gofmt"
        assert tuple(texts) == PIPELINES["optimizer" if outcome.pipeline == "abstract" else outcome.pipeline]
        for name, text in texts.items():
            assert gofmt(text, ctx.layout[name]).startswith("// Code generated by casesgen")
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
def abstract_cases(project, request) -> list[dict]:
    return suite_inputs(project, request, ABSTRACT_CLASSES, inputs=2)


@pytest.fixture(scope="module")
def setting(project, tmp_path_factory):
    """(ctx, CPython's generator, its optimizer generator, a scratch inputs/ that analyze_abstract can
    run in: its Tools/ is the vendored one)."""
    cfg = config.load(project)
    ctx = Context(layout=cfg.layout, go_module=cfg.go_module, go_api=cfg.go_api,
                  mapping=translate.load(cfg.mapping, cfg.go_api))
    gen = model_mod.Generator(project / "inputs" / "Tools/cases_generator")
    inputs = tmp_path_factory.mktemp("peer_dsl") / "inputs"
    inputs.mkdir()
    (inputs / "Tools").symlink_to((project / "inputs" / "Tools").resolve())
    return ctx, gen, optimizer_generator(gen), inputs


@pytest.fixture(scope="module")
def all_outcomes(setting, cases) -> dict[str, list[Outcome]]:
    """Every readable tier-1 input through each pipeline."""
    ctx, gen, opt, inputs = setting
    (inputs / "peer_dsl").mkdir()
    results = {pipeline: [] for pipeline in PIPELINES}
    for case in cases:
        if case["input"] is None:
            continue
        path = inputs / "peer_dsl" / f"{case['test']}_{case['line']}.c"
        # exactly what run_cases_test writes into its temp file
        path.write_text(gen.parser.BEGIN_MARKER + case["input"] + gen.parser.END_MARKER)
        verdicts = cpython_verdicts(gen, opt, path)
        for pipeline in PIPELINES:
            outcome = Outcome(case, path, pipeline, cpython_refuses=verdicts[pipeline])
            through_casesgen(gen, ctx, inputs, outcome)
            results[pipeline].append(outcome)
    return results


@pytest.fixture(scope="module")
def outcomes(all_outcomes) -> list[Outcome]:
    return all_outcomes["tier1"]


@pytest.fixture(scope="module")
def abstract_outcomes(setting, abstract_cases) -> list[Outcome]:
    """Every readable TestGeneratedAbstractCases input: its base and abstract files, as its
    run_cases_test writes them, through casesgen's optimizer."""
    ctx, gen, opt, inputs = setting
    folder = inputs / "peer_dsl_abstract"
    folder.mkdir()
    results = []
    for case in abstract_cases:
        if case["input"] is None:
            continue
        stem = folder / f"{case['test']}_{case['line']}"
        base, abstract = Path(f"{stem}_base.c"), Path(f"{stem}_abstract.c")
        base.write_text(gen.parser.BEGIN_MARKER + case["input"] + gen.parser.END_MARKER)
        abstract.write_text(gen.parser.BEGIN_MARKER + case["input2"] + gen.parser.END_MARKER)
        outcome = Outcome(case, base, "abstract", abstract,
                          cpython_refuses=cpython_abstract_verdict(opt, base, abstract, Path(f"{stem}_output.c")),
                          base_tier2_refuses=cpython_verdicts(gen, opt, base)["tier2"])
        through_casesgen(gen, ctx, inputs, outcome)
        results.append(outcome)
    return results


def test_the_suite_has_62_tier1_inputs(cases):
    unextracted = [f"{c['test']}:{c['line']}: {c['why']}" for c in cases if c["input"] is None]
    assert len(unextracted) == EXPECTED_UNEXTRACTED, unextracted
    assert len(cases) == EXPECTED_INPUTS, [f"{c['test']}:{c['line']}" for c in cases]
    assert sum(c["refused"] for c in cases) == EXPECTED_CPYTHON_REFUSES


def test_the_suite_has_4_abstract_inputs(abstract_cases):
    unextracted = [f"{c['test']}:{c['line']}: {c['why']}" for c in abstract_cases if c["input"] is None]
    assert not unextracted, unextracted
    assert len(abstract_cases) == EXPECTED_ABSTRACT_INPUTS, [f"{c['test']}:{c['line']}" for c in abstract_cases]
    assert sum(c["refused"] for c in abstract_cases) == EXPECTED_ABSTRACT_CPYTHON_REFUSES


def test_extraction_under_the_vendored_314_interpreter_agrees(project, cases, abstract_cases, interpreter):
    """The fallback for a suite the host's ast cannot parse gives the same inputs."""
    assert extract_under_314(project / "inputs" / SUITE, interpreter) == cases
    assert extract_under_314(project / "inputs" / SUITE, interpreter, ABSTRACT_CLASSES, 2) == abstract_cases


def test_the_suites_verdicts_are_cpythons(outcomes, abstract_outcomes):
    """Refused under assertRaises <=> CPython's generator, run here on the same file(s), raises."""
    disagree = [o.name for o in [*outcomes, *abstract_outcomes] if o.cpython_refuses != o.case["refused"]]
    assert not disagree, disagree


def test_cpythons_tier2_and_optimizer_generators_refuse_only_what_the_suite_refuses(all_outcomes):
    """CPython's tier-2 and optimizer generators, each run alone, refuse a subset of what the suite
    (its tier-1 generator) refuses: so "refused where CPython refuses" is the suite's verdict for
    every pipeline (CPython builds all of them from one bytecodes.c)."""
    for pipeline, rows in all_outcomes.items():
        extra = [o.name for o in rows if o.cpython_refuses and not o.case["refused"]]
        assert not extra, f"{pipeline}: CPython refuses, the suite does not: {extra}"
    alone = {pipeline: sum(bool(o.cpython_refuses) for o in rows) for pipeline, rows in all_outcomes.items()}
    assert alone == EXPECTED_CPYTHON_REFUSES_ALONE


def check_and_count(outcomes: list[Outcome], label: str, capsys) -> tuple[int, int, int]:
    """The strictness every pipeline shares; prints the summary line and returns
    (to Go, refused as CPython refuses, refused by casesgen only)."""
    bugs = [f"{o.name} [{o.stage}]: {o.error}" for o in outcomes if o.status == "bug"]
    assert not bugs, f"{label}: casesgen failed other than with a one-line refusal:\n" + "\n".join(bugs)

    for o in outcomes:
        if o.status == "refused":
            assert "\n" not in o.error, f"{o.name}: not one line: {o.error!r}"
            files = "|".join(re.escape(p.name) for p in (o.path, o.abstract) if p is not None)
            assert re.search(rf"({files}):\d+: ", o.error), f"{o.name}: names no file:line: {o.error}"

    refused_by_cpython = [o for o in outcomes if o.case["refused"]]
    not_refused = [f"{o.name}: {o.status}" for o in refused_by_cpython if o.status != "refused"]
    assert not not_refused, f"{label}: CPython refuses these, casesgen does not:\n" + "\n".join(not_refused)
    for o in refused_by_cpython:  # assertRaisesRegex: casesgen's line carries CPython's message
        if o.case["regex"]:
            assert re.search(o.case["regex"], o.error), f"{o.name}: {o.error!r} !~ {o.case['regex']!r}"

    accepted = [o for o in outcomes if not o.case["refused"]]
    to_go = [o for o in accepted if o.status == "go"]
    casesgen_only = [o for o in accepted if o.status == "refused"]
    with capsys.disabled():
        print(f"\n{label}: {len(outcomes)} inputs, {len(to_go)} to Go (gofmt-clean), "
              f"{len(refused_by_cpython)} refused as CPython refuses, {len(casesgen_only)} refused by casesgen only")
        for o in casesgen_only:
            print(f"  refused by casesgen only: {o.name}: {o.error}")
    assert len(to_go) + len(casesgen_only) == len(accepted)
    return len(to_go), len(refused_by_cpython), len(casesgen_only)


def test_dsl_inputs_become_go_or_are_refused_in_one_line(outcomes, capsys):
    _, _, casesgen_only = check_and_count(outcomes, "peer DSL", capsys)
    assert casesgen_only <= MAX_CASESGEN_ONLY, [f"{o.name}: {o.error}" for o in outcomes
                                                if o.status == "refused" and not o.case["refused"]]
    assert len(outcomes) == EXPECTED_INPUTS


def test_dsl_inputs_through_tier2(all_outcomes, capsys):
    """vm/eval_uops_gen.go for every input: Go that gofmt's, or refused in one line."""
    assert check_and_count(all_outcomes["tier2"], "peer DSL tier2", capsys) == EXPECTED_TIER2
    assert len(all_outcomes["tier2"]) == EXPECTED_INPUTS


def test_dsl_inputs_through_the_optimizer(all_outcomes, capsys):
    """optimizer_cases_gen.go and optimizer_bodies_gen.go (no overrides) for every input."""
    assert check_and_count(all_outcomes["optimizer"], "peer DSL optimizer", capsys) == EXPECTED_OPTIMIZER
    assert len(all_outcomes["optimizer"]) == EXPECTED_INPUTS


def test_abstract_inputs_through_the_optimizer(abstract_outcomes, capsys):
    """TestGeneratedAbstractCases: base + abstract file into the optimizer's two files; an abstract
    op that overrides no base op is refused as CPython's optimizer generator refuses it."""
    counts = check_and_count(abstract_outcomes, "peer DSL optimizer (abstract)", capsys)
    assert counts == EXPECTED_ABSTRACT
    assert len(abstract_outcomes) == EXPECTED_ABSTRACT_INPUTS
    assert sum(bool(o.base_tier2_refuses) for o in abstract_outcomes) == EXPECTED_ABSTRACT_BASES_TIER2_REFUSES
