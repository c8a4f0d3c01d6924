"""`casesgen vm-diff PROG.py...`: CPython 3.14.10's result beside the Go VM's, per program."""
from __future__ import annotations

import json
import re
import shutil
import sys
import textwrap

import pytest

from casesgen import vmdiff
from conftest import copy_project, run

ARITHMETIC = "x = 6\ny = 7\nresult = (x * y - 10 // 3 + 2 ** 5, x % 4, -y)\n"
# Every feature here runs, so the program stays unfinished while the runtime lacks any one of them;
# the Go VM stops at the first op it lacks and names it.
UNFINISHED = textwrap.dedent("""\
    def outer():
        k = 3
        def inner(x):
            return x + k
        return inner
    def gen(n):
        yield from range(n)
    try:
        raise ValueError("no")
    except ValueError:
        caught = True
    result = (outer()(1), sum(gen(4)), caught, f"{1/3:.3f}")
""")
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
        "1 program: 1 agree, 0 DIFFER, 0 unsupported",
    ]


def test_a_program_the_runtime_cannot_finish_is_one_line_naming_the_op(project, tmp_path):
    prog = program(tmp_path, "unfinished.py", UNFINISHED)
    r = vm_diff(project, prog)
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"{prog}: unsupported"
    assert lines[1] == "  CPython 3.14.10: (4, 6, True, '0.333')"  # CPython's answer is still shown
    assert lines[2].startswith("  Go VM:           unsupported")
    assert lines[3] == "1 program: 0 agree, 0 DIFFER, 1 unsupported"
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
    assert (data["agree"], data["differ"], data["unsupported"]) == (1, 0, 1)
    agree, unfinished = data["programs"]
    assert agree == {"path": str(progs[0]), "status": "agree", "cpython": "(71, 2, -7)", "go": "(71, 2, -7)",
                     "missing": None}
    assert unfinished["path"] == str(progs[1]) and unfinished["status"] == "unsupported"
    assert unfinished["cpython"] == "(4, 6, True, '0.333')" and unfinished["go"] is None
    assert OP_REASON.match(unfinished["missing"]) or RUNTIME_REASON.match(unfinished["missing"])
    assert unfinished["missing"] in text.stdout  # the text names the same reason


def test_usage_errors_exit_2_in_one_line(project, tmp_path):
    one_line_error(vm_diff(project), "needs at least one PROG.py")
    one_line_error(vm_diff(project, tmp_path / "nope.py"), "nope.py: no such file")
    one_line_error(vm_diff(project, tmp_path), "not a file")
    bad = program(tmp_path, "bad.py", "x = 1\ny = (\n")
    one_line_error(vm_diff(project, program(tmp_path, "ok.py", ARITHMETIC), bad), "bad.py:2: SyntaxError:")


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
        "3 programs: 1 agree, 1 DIFFER, 1 unsupported",
    ]
    assert vmdiff.exit_status(report) == 1
    assert vmdiff.exit_status(vmdiff.Report("3.14.10", report.outcomes[:1])) == 0
    assert json.loads(vmdiff.format_json(report))["programs"][1] == {
        "path": "b.py", "status": "differ", "cpython": "'x'", "go": "'y'", "missing": None}


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
def test_a_go_crash_or_hang_is_that_programs_outcome_and_the_rest_still_run(tmp_path, monkeypatch):
    fake = tmp_path / "vmrun"
    (tmp_path / "fake_vmrun.py").write_text(FAKE_VMRUN)
    fake.write_text(f"#!/bin/sh\nexec {sys.executable} {tmp_path / 'fake_vmrun.py'} \"$@\"\n")
    fake.chmod(0o755)
    monkeypatch.setattr(vmdiff, "VM_TIMEOUT", 2)
    programs = [{"name": n} for n in ("a.py", "crash.py", "b.py", "forever.py", "c.py")]
    outcomes = vmdiff.run_vm(fake, programs, tmp_path)
    assert outcomes == [{"name": "a.py", "result": "A.PY"}, {"missing": "the Go VM crashed: fatal error: stack overflow"},
                        {"name": "b.py", "result": "B.PY"}, {"missing": "the Go VM did not finish in 2 s"},
                        {"name": "c.py", "result": "C.PY"}]
