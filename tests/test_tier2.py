"""Tier 2: traces of real 3.14 loops run by the generated micro-op executor compute what tier 1 computes."""
from __future__ import annotations

import json
import re

from conftest import case_names, compile_programs, go_test
from test_tier1 import go_tree

# Loops of tests/corpus that project into a trace and run in tier 2 today; it only goes up.
MIN_TRACED_LOOPS = 6
# Overrides of optimizer_bytecodes.c that translate today.
MIN_OPTIMIZER_TRANSLATED = 96


def test_traces_compute_what_tier1_computes_and_guards_resume_tier1(project, interpreter, tmp_path):
    corpus = compile_programs(project, interpreter, tmp_path / "corpus.json", sorted((project / "tests/corpus").glob("*.py")))
    loops = compile_programs(project, interpreter, tmp_path / "loops.json", [project / "tests/tier2/loops.py"])
    tree = go_tree(project, tmp_path)
    out = go_test(tree, "./vm", "TestTraces|TestGuardFailure",
                  {"CASESGEN_TRACE_CORPUS": str(corpus), "CASESGEN_TRACE_LOOPS": str(loops)})
    assert "--- PASS: TestTracesComputeWhatTier1Computes" in out and "--- PASS: TestGuardFailureResumesTier1" in out
    traced = re.search(r"TRACES: (\d+) loops in (\d+) programs ran in tier 2", out)
    assert traced and int(traced.group(1)) >= MIN_TRACED_LOOPS, out


def test_optimizer_has_a_case_for_every_uop_cpython_optimizes(project):
    """optimizer/optimizer_cases_gen.go: one case per `case _X:` of CPython's optimizer_cases.c.h."""
    names = case_names(project / "cache/upstream/Python/optimizer_cases.c.h")
    cases = case_names(project / "out/optimizer/optimizer_cases_gen.go", go=True)
    ours = (project / "out/optimizer/optimizer_cases_gen.go").read_text()
    assert len(names) == 252 and sorted(cases) == sorted(names)
    assert f"const OPTIMIZER_CASES = {len(names)}" in ours
    # the override of optimizer_bytecodes.c where there is one, the default effect elsewhere
    assert "opt_GUARD_TOS_INT(ctx, this_instr, oparg, tos)" in ours
    binary_op_extend = ours.split("case compile.UOP_BINARY_OP_EXTEND:")[1].split("case compile.")[0]
    assert "ctx.NewNotNull()" in binary_op_extend


def test_optimizer_gauge(project):
    g = json.loads((project / "cache/reports/optimizer_bodies.json").read_text())
    assert g["total"] == 116 and g["translated"] + g["not_translated"] == 116
    assert g["translated"] >= MIN_OPTIMIZER_TRANSLATED


def test_optimized_traces_drop_guards_and_compute_the_same(project, interpreter, tmp_path):
    loops = compile_programs(project, interpreter, tmp_path / "loops.json", [project / "tests/tier2/loops.py"])
    tree = go_tree(project, tmp_path)
    for rel in ("optimizer/optimizer_cases_gen.go", "optimizer/optimizer_bodies_gen.go"):
        (tree / rel).write_bytes((project / "out" / rel).read_bytes())
    out = go_test(tree, "./optimizer", "TestOptimized", {"CASESGEN_TRACE_LOOPS": str(loops)})
    removed = re.search(r"OPTIMIZER: count_up's trace: (\d+) int guards of (\d+) micro-ops became _NOP", out)
    assert removed and int(removed.group(1)) >= 5, out
