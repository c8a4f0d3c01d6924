"""The specialized members of CALL, CALL_KW, FOR_ITER (generators), SEND and the attribute families
(LOAD_ATTR, STORE_ATTR, LOAD_SUPER_ATTR, with CALL_ALLOC_AND_ENTER_INIT, BINARY_OP_SUBSCR_GETITEM and
TO_BOOL_ALWAYS_TRUE) on real 3.14 bytecode:
for each a program (tests/members/) whose `site` has an instruction CPython 3.14 specializes to that
member (read back with dis(adaptive=True) from the real interpreter); the Go VM chooses the same
member, executes it, deoptimizes it when the callable or iterator changes, and gives CPython's
answer."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import run

PROGRAMS = "tests/members"


def member(path) -> str:
    """The member a program is about: its first line, `# CALL_X: what it shows`."""
    return path.read_text().splitlines()[0].removeprefix("# ").split(":")[0]


@pytest.fixture(scope="module")
def family_of(project) -> dict[str, str]:
    """Each instruction's family head, from the analysis (a head is its own)."""
    families = json.loads((project / "cache/analysis.json").read_text())["families"]
    heads = {f["name"]: f["name"] for f in families}
    return {**heads, **{m: f["name"] for f in families for m in f["members"]}}


@pytest.fixture(scope="module")
def programs(project):
    return sorted(p for p in (project / PROGRAMS).glob("*.py") if p.name != "cpython_choice.py")


@pytest.fixture(scope="module")
def cpython_choices(project, interpreter, programs):
    argv, env = interpreter
    r = subprocess.run([*argv, str(project / PROGRAMS / "cpython_choice.py"), *map(str, programs)], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="module")
def go_runs(project, programs):
    r = run([sys.executable, "-m", "casesgen", "vm-diff", "--json", "--quickened", *map(str, programs)], project,
            timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr  # every program agrees with CPython
    return {p["path"].rsplit("/", 1)[-1]: p for p in json.loads(r.stdout)["programs"]}


def test_every_call_member_the_runtime_has_a_program(programs):
    members = {member(p) for p in programs}
    assert members >= {"CALL_PY_EXACT_ARGS", "CALL_PY_GENERAL", "CALL_NON_PY_GENERAL", "CALL_BUILTIN_O",
                       "CALL_BUILTIN_FAST", "CALL_BUILTIN_FAST_WITH_KEYWORDS", "CALL_LEN", "CALL_ISINSTANCE",
                       "CALL_BUILTIN_CLASS", "CALL_TYPE_1", "CALL_STR_1", "CALL_TUPLE_1", "CALL_KW_PY",
                       "CALL_KW_NON_PY", "CALL_METHOD_DESCRIPTOR_O", "CALL_METHOD_DESCRIPTOR_NOARGS",
                       "CALL_METHOD_DESCRIPTOR_FAST", "CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS",
                       "CALL_LIST_APPEND", "CALL_BOUND_METHOD_EXACT_ARGS", "CALL_BOUND_METHOD_GENERAL",
                       "CALL_KW_BOUND_METHOD", "FOR_ITER_GEN", "SEND_GEN"}


def test_every_attribute_member_the_runtime_has_a_program(programs):
    """The members where the seed's bug class lives: a cache cell the specializer writes and the arm
    reads."""
    members = {member(p) for p in programs}
    assert members >= {"LOAD_ATTR_INSTANCE_VALUE", "LOAD_ATTR_MODULE", "LOAD_ATTR_SLOT", "LOAD_ATTR_CLASS",
                       "LOAD_ATTR_PROPERTY", "LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN", "LOAD_ATTR_METHOD_WITH_VALUES",
                       "LOAD_ATTR_METHOD_NO_DICT", "LOAD_ATTR_NONDESCRIPTOR_WITH_VALUES",
                       "LOAD_ATTR_NONDESCRIPTOR_NO_DICT", "STORE_ATTR_INSTANCE_VALUE", "STORE_ATTR_SLOT",
                       "LOAD_SUPER_ATTR_ATTR", "LOAD_SUPER_ATTR_METHOD", "CALL_ALLOC_AND_ENTER_INIT",
                       "BINARY_OP_SUBSCR_GETITEM", "TO_BOOL_ALWAYS_TRUE", "LOAD_ATTR_METHOD_LAZY_DICT",
                       "LOAD_ATTR_WITH_HINT", "STORE_ATTR_WITH_HINT", "LOAD_ATTR_CLASS_WITH_METACLASS_CHECK"}


def test_cpython_chooses_the_member_each_program_is_about(programs, cpython_choices, family_of):
    for p in programs:
        m = member(p)
        in_family = [op for op in cpython_choices[p.name] if family_of.get(op) == family_of[m]]
        assert in_family == [m], (p.name, cpython_choices[p.name])


def test_the_go_vm_chooses_runs_and_deoptimizes_the_same_member(programs, go_runs):
    for p in programs:
        run_ = go_runs[p.name]
        m = member(p)
        assert run_["status"] == "agree", run_
        assert run_["specialized"].get(m, 0) > 0, (p.name, run_["specialized"])
        if "no guard of it can fail" not in p.read_text().splitlines()[0]:
            assert run_["deopts"].get(m, 0) >= 1, (p.name, run_["deopts"])


def test_specializing_writes_only_its_own_cache(programs, go_runs):
    """The seed's LOAD_GLOBAL bug, for every family: a specializer that wrote a cell past its cache
    would corrupt the next instruction word. After each warm run every instruction word of every
    code object (the words right after each cache included) is CPython's after the same run, and
    so are the opcodes (the known differences aside: no member program has one)."""
    for p in programs:
        q = go_runs[p.name]["quickened"]
        assert q["compared"] > 0 and q["mismatches"] == [], (p.name, q)


def test_every_specialized_instruction_has_a_member_program(programs, family_of):
    """All of CPython's 84 specialized instructions but those a `site` cannot single out:
    LOAD_CONST_MORTAL/IMMORTAL, JUMP_BACKWARD_NO_JIT and RESUME_CHECK are in every function (the
    specialization gauge counts them), JUMP_BACKWARD_JIT needs tier 2 on (tests/test_tier2.py)."""
    members = {m for m, head in family_of.items() if m != head}
    assert len(members) == 84
    left_out = {"LOAD_CONST_MORTAL", "LOAD_CONST_IMMORTAL", "JUMP_BACKWARD_NO_JIT", "RESUME_CHECK",
                "JUMP_BACKWARD_JIT"}
    assert {member(p) for p in programs} == members - left_out
