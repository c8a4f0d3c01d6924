"""Tier 2: traces of real 3.14 loops run by the generated micro-op executor compute what tier 1 computes."""
from __future__ import annotations

import re
import subprocess

from casesgen.gotree import go_env, go_tool
from test_tier1 import go_tree

# Loops of tests/corpus that project into a trace and run in tier 2 today; it only goes up.
MIN_TRACED_LOOPS = 6


def compile_programs(project, interpreter, out, programs):
    argv, env = interpreter
    r = subprocess.run([*argv, str(project / "casesgen/corpus_compile.py"), str(out), *map(str, programs)], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


def test_traces_compute_what_tier1_computes_and_guards_resume_tier1(project, interpreter, tmp_path):
    corpus = compile_programs(project, interpreter, tmp_path / "corpus.json", sorted((project / "tests/corpus").glob("*.py")))
    loops = compile_programs(project, interpreter, tmp_path / "loops.json", [project / "tests/tier2/loops.py"])
    tree = go_tree(project, tmp_path)
    r = subprocess.run([str(go_tool("go")), "test", "./vm", "-run", "TestTraces|TestGuardFailure", "-v", "-count=1"],
                       cwd=tree, env={**go_env(), "CASESGEN_TRACE_CORPUS": str(corpus), "CASESGEN_TRACE_LOOPS": str(loops)},
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "--- PASS: TestTracesComputeWhatTier1Computes" in r.stdout and "--- PASS: TestGuardFailureResumesTier1" in r.stdout
    traced = re.search(r"TRACES: (\d+) loops in (\d+) programs ran in tier 2", r.stdout)
    assert traced and int(traced.group(1)) >= MIN_TRACED_LOOPS, r.stdout
