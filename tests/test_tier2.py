"""Tier 2: traces of real 3.14 loops run by the generated micro-op executor compute what tier 1 computes."""
from __future__ import annotations

import json
import re
import sys

from conftest import case_names, compile_programs, go_run, go_test, run
from test_tier1 import go_tree

# Loops of tests/corpus that project into a trace and run in tier 2 today; it only goes up.
MIN_TRACED_LOOPS = 24
# Overrides of optimizer_bytecodes.c that translate today.
MIN_OPTIMIZER_TRANSLATED = 115


def test_traces_compute_what_tier1_computes_guards_resume_tier1_and_runs_are_freed(project, interpreter, tmp_path):
    """The corpus in the Go VM's tests of vm/: each program's loops as traces leave the state tier 1
    leaves; a failed guard resumes tier 1; nothing the runtime caches (inline caches, trace
    operands, the type cache, subclass lists) keeps a finished program's objects alive."""
    corpus = compile_programs(project, interpreter, tmp_path / "corpus.json", sorted((project / "tests/corpus").glob("*.py")))
    loops = compile_programs(project, interpreter, tmp_path / "loops.json", [project / "tests/tier2/loops.py"])
    tree = go_tree(project, tmp_path)
    out = go_test(tree, "./vm", "TestTraces|TestGuardFailure|TestFinishedRunIsFreed",
                  {"CASESGEN_TRACE_CORPUS": str(corpus), "CASESGEN_TRACE_LOOPS": str(loops)})
    assert "--- PASS: TestTracesComputeWhatTier1Computes" in out and "--- PASS: TestGuardFailureResumesTier1" in out
    assert "--- PASS: TestFinishedRunIsFreed" in out
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
    tree = go_tree(project, tmp_path)  # with the optimizer's generated cases and bodies
    out = go_test(tree, "./optimizer", "TestOptimized|TestOptimizerFollowsCalls|TestOptimizerKnows|TestOptimizerWatchesClasses",
                  {"CASESGEN_TRACE_LOOPS": str(loops)})
    removed = re.search(r"OPTIMIZER: count_up's trace: (\d+) int guards of (\d+) micro-ops became _NOP", out)
    assert removed and int(removed.group(1)) >= 5, out
    # through a call: the callee's frame of symbols, and the caller's again after the return
    assert "--- PASS: TestOptimizerFollowsCalls" in out and "OPTIMIZER: call_sum's trace through add's frame" in out
    # a constant: the micro-op's operand, its type known
    assert "--- PASS: TestOptimizerKnowsConstants" in out
    # a tuple's items, through BUILD_TUPLE and UNPACK_SEQUENCE
    assert "--- PASS: TestOptimizerKnowsTuples" in out
    # a class guard removed under the class's watch; a change of the class invalidates the executor
    assert "--- PASS: TestOptimizerWatchesClasses" in out


def test_vm_diff_tier2_runs_hot_loops_as_traces_with_cpythons_answers(project):
    """`vm-diff --tier2`: the Go VM as CPython runs with its tier-2 interpreter on. JUMP_BACKWARD
    specializes to JUMP_BACKWARD_JIT, a hot loop (after CPython's 4096 iterations) is projected,
    optimized by the generated optimizer cases and run as a trace, exits resume tier 1; every corpus
    and real program gives the answer it gives in tier 1 (CPython's, or the same `unsupported`)."""
    programs = [*sorted((project / "tests/corpus").glob("*.py")), *sorted((project / "tests/corpus/real").glob("*.py")),
                project / "benchmarks/programs/while_sum.py"]
    def diff(*flags):
        r = run([sys.executable, "-m", "casesgen", "vm-diff", "--json", *flags, *map(str, programs)], project, timeout=900)
        return json.loads(r.stdout)["programs"]
    tier1, tier2 = diff(), diff("--tier2")
    assert [p["status"] for p in tier2] == [p["status"] for p in tier1]
    assert all(p["status"] in ("agree", "unsupported") for p in tier2)
    assert [p["go"] for p in tier2] == [p["go"] for p in tier1]
    assert all("traces" not in p for p in tier1)
    built = sum(p["traces"]["built"] for p in tier2 if p.get("traces"))
    entered = sum(p["traces"]["entered"] for p in tier2 if p.get("traces"))
    assert built >= 3 and entered >= built, tier2
    while_sum = tier2[-1]
    assert while_sum["traces"]["built"] == 1 and while_sum["specialized"]["JUMP_BACKWARD_JIT"] == 4096  # hot on the 4096th
    assert all("JUMP_BACKWARD_NO_JIT" not in (p["specialized"] or {}) for p in tier2)


def test_vm_diff_tier2_with_a_short_warmup_gives_cpythons_answers(project):
    """`vm-diff --tier2-warmup 4`: a loop is hot after 5 iterations instead of 4096, so that the
    short loops of the corpus, the real programs and the member programs run as traces too
    (projected through calls, optimized, left by exits and by exceptions): a stress test of tier 2.
    Every program gives CPython's answer; only the ones that import a module the runtime lacks do not."""
    programs = [*sorted((project / "tests/corpus").glob("*.py")), *sorted((project / "tests/corpus/real").glob("*.py")),
                *sorted(p for p in (project / "tests/members").glob("*.py") if p.name != "cpython_choice.py")]
    r = run([sys.executable, "-m", "casesgen", "vm-diff", "--json", "--tier2-warmup", "4", *map(str, programs)],
            project, timeout=900, check=False)
    report = json.loads(r.stdout)["programs"]
    odd = [(p["path"], p["status"], p["missing"]) for p in report if p["status"] != "agree"]
    assert all(status == "unsupported" and missing.startswith("unsupported in the test runtime: import ")
               for _, status, missing in odd), odd
    built = sum(p["traces"]["built"] for p in report if p.get("traces"))
    entered = sum(p["traces"]["entered"] for p in report if p.get("traces"))
    assert built >= 100 and entered >= 50_000, (built, entered)  # 110 and 55,522 when written


def test_the_tier2_benchmark_runs_every_loop_in_each_executor_with_one_answer(project, interpreter, tmp_path):
    """benchmarks/tier2.py's command over its programs, one run each: every mode gives the program's
    answer, and the hand-written reference executor has a case for every micro-op of every trace,
    plain and optimized (the 2% gate compares the generated executor with it on each program)."""
    programs = compile_programs(project, interpreter, tmp_path / "programs.json",
                                sorted((project / "benchmarks/programs").glob("*.py")))
    tree = go_tree(project, tmp_path)  # with the optimizer's generated cases and bodies
    r = go_run(tree, "run", "-tags", "vmbench", "./cmd/tracebench", "-n", "1", str(programs))
    assert r.returncode == 0, r.stdout + r.stderr
    reports = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    timed = [p for p in reports if p.get("modes")]
    assert len(reports) == len(list((project / "benchmarks/programs").glob("*.py"))) and len(timed) >= 6, r.stdout
    for p in reports:
        assert "error" not in p and "hand_missing" not in p, p
    for p in timed:
        assert sorted(p["modes"]) == ["opt", "opt_hand", "tier1", "tier2", "tier2_hand"], p
        assert p["modes"]["tier2_hand"]["iterations"] == p["modes"]["tier2"]["iterations"] > 0, p


def test_a_trace_checks_its_validity_only_after_a_micro_op_that_may_run_python_code(project):
    """UopRunsCode, which places _CHECK_VALIDITY: CPython's escaping micro-ops, less those that escape
    only through a decref (which runs no code in the Go runtime) or a call the mapping marks
    `escapes = false` (int arithmetic)."""
    text = (project / "out/vm/eval_uops_gen.go").read_text()
    table = text[text.index("var UopRunsCode"):]
    runs = set(re.findall(r"compile\.UOP(_\w+):\s+true,", table[:table.index("\n}\n")]))
    model = json.loads((project / "cache/analysis.json").read_text())
    escaping = {u["name"] for u in model["uops"] if u["tier2"] and not u["is_super"] and u["properties"]["escapes"]}
    assert runs < escaping and len(runs) >= 90
    assert {"_CALL_BUILTIN_FAST", "_BINARY_OP", "_STORE_ATTR", "_PY_FRAME_GENERAL"} <= runs
    # escaping in CPython through a decref (STORE_FAST's old value) or _PyLong_Add only
    assert not {"_STORE_FAST", "_POP_TOP", "_STORE_ATTR_INSTANCE_VALUE", "_BINARY_OP_ADD_INT"} & runs
    assert {"_STORE_FAST", "_POP_TOP", "_STORE_ATTR_INSTANCE_VALUE", "_BINARY_OP_ADD_INT"} <= escaping
