"""`casesgen vm-diff PROG.py...`: CPython 3.14.10's result beside the Go VM's, per program."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
import time

import pytest

from casesgen import vmdiff
from conftest import copy_project, run

ARITHMETIC = "x = 6\ny = 7\nresult = (x * y - 10 // 3 + 2 ** 5, x % 4, -y)\n"
# Every feature here runs in CPython; the Go VM stops at the first one the runtime lacks (an
# import of a module it does not have) and names it, and never gives another answer.
UNFINISHED = textwrap.dedent("""\
    def outer():
        k = 3
        def inner(x):
            return x + k
        return inner
    def gen(n):
        yield from range(n)
    import json
    result = (outer()(1), sum(gen(4)), json.dumps(True), f"{1/3:.3f}")
""")
FOREVER = "while True:\n    pass\n"
# An int add that specializes (BINARY_OP_ADD_INT) and then meets a float: one guard failure.
DEOPT = textwrap.dedent("""\
    def add(a, b):
        return a + b
    s = 0
    for i in range(7):
        s = add(s, i)
    result = add(s, 7.5)
""")
INT_LOOP = "s = 0\nfor i in range(100):\n    s += i\nresult = s\n"
OP_REASON = re.compile(r"^(_[A-Z][A-Z0-9_]*): not translated: \S")
RUNTIME_REASON = re.compile(r"^unsupported in the test runtime: \S")


def vm_diff(cwd, *args):
    return run([sys.executable, "-m", "casesgen", "vm-diff", *map(str, args)], cwd, timeout=900)


def program(tmp_path, name, source):
    path = tmp_path / name
    path.write_text(source)
    return path


def one_line_error(r, *needles):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("casesgen: error: "), r.stderr
    assert "Traceback" not in r.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# --- against the real interpreter and the generated Go VM ---------------------------------------------

def test_a_program_that_agrees_exits_0_and_shows_both_results(project, tmp_path):
    prog = program(tmp_path, "arith.py", ARITHMETIC)
    r = vm_diff(project, prog)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        f"{prog}: agree",
        "  CPython 3.14.10: (71, 2, -7)",
        "  Go VM:           (71, 2, -7)",
        "1 program: 1 agree, 0 DIFFER, 0 unsupported, 0 timeout",
    ]


def test_a_program_the_runtime_cannot_finish_is_one_line_naming_the_op(project, tmp_path):
    prog = program(tmp_path, "unfinished.py", UNFINISHED)
    r = vm_diff(project, prog)
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"{prog}: unsupported"
    assert lines[1] == "  CPython 3.14.10: (4, 6, 'true', '0.333')"  # CPython's answer is still shown
    assert lines[2].startswith("  Go VM:           unsupported")
    assert lines[3] == "1 program: 0 agree, 0 DIFFER, 1 unsupported, 0 timeout"
    assert len(lines) == 4  # the reason is that one line, not a wrong answer
    reason = lines[2].split(None, 2)[2].removeprefix("unsupported: ")
    op = OP_REASON.match(reason)
    assert op or RUNTIME_REASON.match(reason), reason
    if op:
        uops = {u["name"] for u in json.loads((project / "cache/analysis.json").read_text())["uops"]}
        assert op.group(1) in uops, reason


def test_json_gives_the_same_facts(project, tmp_path):
    progs = [program(tmp_path, "arith.py", ARITHMETIC), program(tmp_path, "unfinished.py", UNFINISHED)]
    text = vm_diff(project, *progs)
    r = vm_diff(project, "--json", *progs)
    assert r.returncode == text.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["python"] == "3.14.10"
    assert (data["agree"], data["differ"], data["unsupported"], data["timeout"]) == (1, 0, 1, 0)
    assert data["timeout_seconds"] == 30
    agree, unfinished = data["programs"]
    stats = {key: agree.pop(key) for key in ("specialized", "deopts", "produced")}
    assert agree == {"path": str(progs[0]), "status": "agree", "cpython": "(71, 2, -7)", "go": "(71, 2, -7)",
                     "missing": None, "timeout": []}
    assert all(isinstance(counts, dict) for counts in stats.values()), stats
    assert unfinished["path"] == str(progs[1]) and unfinished["status"] == "unsupported"
    assert unfinished["cpython"] == "(4, 6, 'true', '0.333')" and unfinished["go"] is None
    assert OP_REASON.match(unfinished["missing"]) or RUNTIME_REASON.match(unfinished["missing"])
    assert unfinished["missing"] in text.stdout  # the text names the same reason


def test_usage_errors_exit_2_in_one_line(project, tmp_path):
    one_line_error(vm_diff(project), "needs at least one PROG.py")
    one_line_error(vm_diff(project, tmp_path / "nope.py"), "nope.py: no such file")
    one_line_error(vm_diff(project, tmp_path), "not a file")
    bad = program(tmp_path, "bad.py", "x = 1\ny = (\n")
    one_line_error(vm_diff(project, program(tmp_path, "ok.py", ARITHMETIC), bad), "bad.py:2: SyntaxError:")
    ok = program(tmp_path, "ok.py", ARITHMETIC)
    one_line_error(vm_diff(project, "--tier2-warmup", "0", ok), "--tier2-warmup must be 1..4095, not 0")
    one_line_error(vm_diff(project, "--tier2-warmup", "4096", ok), "--tier2-warmup must be 1..4095, not 4096")


def test_quickened_with_tier2_compares_what_tier1_left_under_the_traces(project, tmp_path):
    """--quickened --tier2: a hot loop's ENTER_EXECUTOR is compared as the JUMP_BACKWARD it replaced
    (JUMP_BACKWARD_JIT, where CPython's build without the JIT leaves JUMP_BACKWARD_NO_JIT: one decision)."""
    loop = program(tmp_path, "loop.py", "def f(n):\n    s = 0\n    for i in range(n):\n        s = s + i * 2\n"
                   "    return s\n\nresult = f(50)\n")
    r = vm_diff(project, "--quickened", "--tier2-warmup", "4", "--json", loop)
    assert r.returncode == 0, r.stdout + r.stderr
    (p,) = json.loads(r.stdout)["programs"]
    assert p["status"] == "agree" and p["traces"]["built"] == 1 and p["traces"]["entered"] >= 1, p
    assert p["quickened"]["compared"] > 10 and p["quickened"]["mismatches"] == [], p


def test_a_program_that_runs_too_long_times_out_on_both_sides_and_the_next_still_runs(project, tmp_path):
    forever = program(tmp_path, "forever.py", FOREVER)
    prog = program(tmp_path, "arith.py", ARITHMETIC)
    start = time.monotonic()
    r = vm_diff(project, "--timeout", "2", forever, prog)
    assert time.monotonic() - start < 60  # stopped after 2 s on each side, not after the old whole-run limits
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        f"{forever}: timeout",
        "  CPython 3.14.10: timeout after 2 s",
        "  Go VM:           timeout after 2 s",
        f"{prog}: agree",
        "  CPython 3.14.10: (71, 2, -7)",
        "  Go VM:           (71, 2, -7)",
        "2 programs: 1 agree, 0 DIFFER, 0 unsupported, 1 timeout",
    ]


def test_json_gives_the_timeout_and_the_go_vms_guard_failures(project, tmp_path):
    forever, deopt = program(tmp_path, "forever.py", FOREVER), program(tmp_path, "deopt.py", DEOPT)
    r = vm_diff(project, "--json", "--timeout", "1.5", forever, deopt)
    assert r.returncode == 1, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert (data["agree"], data["differ"], data["unsupported"], data["timeout"]) == (1, 0, 0, 1)
    assert data["timeout_seconds"] == 1.5
    stopped, deopts = data["programs"]
    assert stopped == {"path": str(forever), "status": "timeout", "cpython": None, "go": None, "missing": None,
                       "timeout": ["cpython", "go"], "specialized": None, "deopts": None, "produced": None}
    assert deopts["status"] == "agree" and deopts["go"] == deopts["cpython"] == "28.5" and deopts["timeout"] == []
    assert deopts["deopts"].get("BINARY_OP_ADD_INT", 0) >= 1, deopts  # the float failed the int guard
    members = {m for f in json.loads((project / "cache/analysis.json").read_text())["families"] for m in f["members"]}
    assert deopts["produced"].get("BINARY_OP_ADD_INT", 0) >= 1, deopts  # what the specializer rewrote into
    for counts in (deopts["deopts"], deopts["specialized"], deopts["produced"]):
        assert set(counts) <= members and all(n > 0 for n in counts.values()), counts  # specialized ones only
        assert list(counts) == sorted(counts)


def test_json_counts_the_specialized_instructions_the_go_vm_executed(project, tmp_path):
    """Needs the generated loop to count executions (RecordExecution in a casesgen_stats build)."""
    r = vm_diff(project, "--json", program(tmp_path, "loop.py", INT_LOOP))
    assert r.returncode == 0, r.stdout + r.stderr
    (loop,) = json.loads(r.stdout)["programs"]
    assert loop["go"] == loop["cpython"] == "4950"
    assert loop["specialized"].get("FOR_ITER_RANGE", 0) > 0, loop
    assert loop["specialized"].get("BINARY_OP_ADD_INT", 0) > 0, loop
    assert not {"FOR_ITER", "BINARY_OP", "JUMP_BACKWARD"} & set(loop["specialized"]), loop  # family heads are not


def test_timeout_must_be_a_positive_number_of_seconds(project, tmp_path):
    prog = program(tmp_path, "arith.py", ARITHMETIC)
    for bad in ("0", "-1", "-0.5", "soon", "nan", "inf", "1e300"):
        one_line_error(vm_diff(project, "--timeout", bad, prog), "--timeout", bad)
    one_line_error(vm_diff(project, "--timeout", prog), "--timeout")


def test_without_doit_it_says_run_doit_first(project, tmp_path):
    bare = copy_project(tmp_path / "bare", project)  # no cache/: nothing vendored
    prog = program(tmp_path, "arith.py", ARITHMETIC)
    one_line_error(vm_diff(bare, prog), "no vendored CPython 3.14.10 interpreter", "run `doit` first")
    (bare / "cache").mkdir()
    (bare / "cache/debian").symlink_to((project / "cache/debian").resolve())
    (bare / "tests/go/vm/op_bodies_gen.go").unlink(missing_ok=True)  # the uncommitted bodies
    one_line_error(vm_diff(bare, prog), "tests/go/vm/op_bodies_gen.go is missing", "run `doit` first")


# --- the pure parts ----------------------------------------------------------------------------------

def test_a_wrong_answer_is_DIFFER_and_exit_1():
    report = vmdiff.Report("3.14.10", [vmdiff.Outcome("a.py", "15", go="15"),
                                       vmdiff.Outcome("b.py", "'x'", go="'y'"),
                                       vmdiff.Outcome("c.py", "3", missing="_OP: not translated: why")])
    assert [o.status for o in report.outcomes] == ["agree", "differ", "unsupported"]
    assert vmdiff.format_text(report).splitlines() == [
        "a.py: agree", "  CPython 3.14.10: 15", "  Go VM:           15",
        "b.py: DIFFER", "  CPython 3.14.10: 'x'", "  Go VM:           'y'",
        "c.py: unsupported", "  CPython 3.14.10: 3", "  Go VM:           unsupported: _OP: not translated: why",
        "3 programs: 1 agree, 1 DIFFER, 1 unsupported, 0 timeout",
    ]
    assert vmdiff.exit_status(report) == 1
    assert vmdiff.exit_status(vmdiff.Report("3.14.10", report.outcomes[:1])) == 0
    assert json.loads(vmdiff.format_json(report))["programs"][1] == {
        "path": "b.py", "status": "differ", "cpython": "'x'", "go": "'y'", "missing": None, "timeout": [],
        "specialized": None, "deopts": None, "produced": None}


def test_a_timeout_names_the_side_that_ran_too_long_and_exits_1():
    report = vmdiff.Report("3.14.10", [
        vmdiff.Outcome("a.py", "15", go="15", specialized={"BINARY_OP_ADD_INT": 9}, deopts={}),
        vmdiff.Outcome("b.py", "3", timed_out=("go",)),
        vmdiff.Outcome("c.py", None, go="4", timed_out=("cpython",)),
        vmdiff.Outcome("d.py", None, missing="_OP: not translated: why", timed_out=("cpython",)),
    ], timeout=0.5)
    assert [o.status for o in report.outcomes] == ["agree", "timeout", "timeout", "timeout"]
    assert vmdiff.format_text(report).splitlines() == [
        "a.py: agree", "  CPython 3.14.10: 15", "  Go VM:           15",
        "b.py: timeout", "  CPython 3.14.10: 3", "  Go VM:           timeout after 0.5 s",
        "c.py: timeout", "  CPython 3.14.10: timeout after 0.5 s", "  Go VM:           4",
        "d.py: timeout", "  CPython 3.14.10: timeout after 0.5 s",
        "  Go VM:           unsupported: _OP: not translated: why",
        "4 programs: 1 agree, 0 DIFFER, 0 unsupported, 3 timeout",
    ]
    assert vmdiff.exit_status(report) == 1
    data = json.loads(vmdiff.format_json(report))
    assert (data["agree"], data["timeout"], data["timeout_seconds"]) == (1, 3, 0.5)
    assert [p["timeout"] for p in data["programs"]] == [[], ["go"], ["cpython"], ["cpython"]]
    assert data["programs"][0]["specialized"] == {"BINARY_OP_ADD_INT": 9} and data["programs"][0]["deopts"] == {}


FAKE_VMRUN = """\
import json, sys, time
programs = json.load(open(sys.argv[1]))["programs"]
for p in programs:
    if p["name"] == "crash.py":
        print("runtime: goroutine stack exceeds 1000000000-byte limit", file=sys.stderr)
        print("fatal error: stack overflow", file=sys.stderr)
        sys.exit(2)
    if p["name"] == "forever.py":
        time.sleep(60)
    print(json.dumps({"name": p["name"], "result": p["name"].upper()}), flush=True)
"""


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs sh")
def test_a_go_crash_or_hang_is_that_programs_outcome_and_the_rest_still_run(tmp_path):
    fake = tmp_path / "vmrun"
    (tmp_path / "fake_vmrun.py").write_text(FAKE_VMRUN)
    fake.write_text(f"#!/bin/sh\nexec {sys.executable} {tmp_path / 'fake_vmrun.py'} \"$@\"\n")
    fake.chmod(0o755)
    programs = [{"name": n} for n in ("a.py", "crash.py", "b.py", "forever.py", "c.py", "forever.py")]
    start = time.monotonic()
    outcomes = vmdiff.run_vm(fake, programs, tmp_path, timeout=1)
    assert time.monotonic() - start < 20  # each hang is stopped after its 1 s
    assert outcomes == [{"name": "a.py", "result": "A.PY"}, {"missing": "the Go VM crashed: fatal error: stack overflow"},
                        {"name": "b.py", "result": "B.PY"}, {"timeout": True}, {"name": "c.py", "result": "C.PY"},
                        {"timeout": True}]


def test_cpython_stops_a_program_at_its_timeout_and_kills_one_that_will_not_stop(tmp_path, monkeypatch):
    """corpus_compile.py --timeout (here under the host Python): SIGALRM stops a plain endless loop
    in the interpreter; one that swallows the signal's exception is killed GRACE seconds later and
    the programs after it run in a fresh interpreter; every program's code object is there."""
    monkeypatch.setattr(vmdiff, "GRACE", 1)
    paths = [program(tmp_path, "forever.py", FOREVER),
             program(tmp_path, "stubborn.py", "while True:\n    try:\n        while True:\n            pass\n"
                                              "    except BaseException:\n        pass\n"),
             program(tmp_path, "noisy.py", "print('not a progress line')\nresult = 6 * 7\n")]
    start = time.monotonic()
    compiled = vmdiff.compile_programs(([sys.executable], dict(os.environ)), list(map(str, paths)), tmp_path, 0.5)
    assert time.monotonic() - start < 20
    assert [(p["name"], p["result"], p["timeout"]) for p in compiled["programs"]] == [
        ("forever.py", None, True), ("stubborn.py", None, True), ("noisy.py", "42", False)]
    assert all(p["code"]["units"] for p in compiled["programs"])
