"""`casesgen vm-diff --quickened`: the instructions CPython 3.14's specializer left in every code
object after a run, beside the Go VM's after the same run."""
from __future__ import annotations

import json
import sys
import textwrap

import pytest

from casesgen import quickened
from conftest import run

# The families whose every decision this runtime makes as Python/specialize.c does: all but
# LOAD_CONST, whose immortal strings depend on what CPython's start-up interned (the known list).
DECIDED = {"CALL", "CALL_KW", "SEND", "COMPARE_OP", "TO_BOOL", "UNPACK_SEQUENCE", "STORE_SUBSCR", "LOAD_GLOBAL",
           "LOAD_ATTR", "STORE_ATTR", "LOAD_SUPER_ATTR", "BINARY_OP", "FOR_ITER", "CONTAINS_OP", "JUMP_BACKWARD",
           "RESUME"}
# What is left over the corpus, the real programs and the member programs beside the known list (0
# when measured; a program whose path follows str hashes, randomized in CPython, may add one or two).
MAX_MISMATCHES = 2


def vm_diff(project, *args):
    return run([sys.executable, "-m", "casesgen", "vm-diff", *map(str, args)], project, timeout=900)


@pytest.fixture(scope="module")
def report(project):
    programs = [*sorted((project / "tests/corpus").glob("*.py")), *sorted((project / "tests/corpus/real").glob("*.py")),
                *sorted(p for p in (project / "tests/members").glob("*.py") if p.name != "cpython_choice.py")]
    r = vm_diff(project, "--json", "--quickened", *programs)
    return json.loads(r.stdout)


def family_of(project) -> dict[str, str]:
    families = json.loads((project / "cache/analysis.json").read_text())["families"]
    return {**{f["name"]: f["name"] for f in families}, **{m: f["name"] for f in families for m in f["members"]}}


def test_every_agreeing_program_is_compared_instruction_by_instruction(report):
    agreeing = [p for p in report["programs"] if p["status"] == "agree"]
    assert len(agreeing) >= 70
    assert all(p["quickened"]["compared"] > 0 for p in agreeing)
    assert sum(p["quickened"]["compared"] for p in agreeing) > 10_000


def test_the_families_this_runtime_decides_quicken_as_cpython_does(project, report):
    families = family_of(project)
    wrong = [m for p in report["programs"] if "quickened" in p for m in p["quickened"]["mismatches"]
             if families.get(m.split(": CPython ")[1].split(",")[0].split()[0]) in DECIDED]
    assert not wrong, wrong


def test_what_is_left_only_goes_down(report):
    mismatches = [m for p in report["programs"] if "quickened" in p for m in p["quickened"]["mismatches"]]
    assert len(mismatches) <= MAX_MISMATCHES, mismatches


def test_a_mismatch_names_the_program_line_code_object_and_both_instructions(project, tmp_path):
    # obj.__class__: CPython 3.14 loads it as LOAD_ATTR_SLOT at ob_type's offset; this runtime's
    # objects keep their class in a Go field no cell offset names, so the load stays generic.
    prog = tmp_path / "attr.py"
    prog.write_text(textwrap.dedent("""\
        class C:
            pass
        o = C()
        n = 0
        for i in range(10):
            n += o.__class__ is C
        result = n
    """))
    r = vm_diff(project, "--quickened", prog)
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"  quickened: {prog}:6: <module> @" in r.stdout
    assert ": CPython LOAD_ATTR_SLOT, Go LOAD_ATTR" in r.stdout
    assert r.stdout.splitlines()[-1].startswith("quickened: ") and " 1 mismatch" in r.stdout.splitlines()[-1]


def test_a_known_difference_is_counted_with_its_reason_and_does_not_fail(tmp_path):
    known = tmp_path / "known.toml"
    known.write_text('[[known]]\ncpython = "LOAD_ATTR_METHOD_NO_DICT"\ngo = "LOAD_ATTR"\nreason = "no type versions"\n')
    table = quickened.load_known(known)
    names = {0: "CACHE", 1: "LOAD_ATTR", 2: "LOAD_ATTR_METHOD_NO_DICT", 3: "NOP"}
    sizes = {1: 2, 2: 2, 3: 1}
    cpython = [{"qualname": "<module>", "units": [3, 2 | 5 << 8, 0, 3], "lines": [1, 2, 2, 3]}]
    compared, mismatches = quickened.compare_program("p.py", cpython, [[3, 1 | 5 << 8, 7, 3]], names, sizes, table)
    assert compared == 3  # the cache unit is skipped (it differs: the counter)
    assert [(m.text(), m.known) for m in mismatches] == [
        ("p.py:2: <module> @1: CPython LOAD_ATTR_METHOD_NO_DICT, Go LOAD_ATTR", "no type versions")]


def test_a_known_differences_file_that_is_not_right_is_one_error_naming_it(tmp_path):
    bad = tmp_path / "known.toml"
    bad.write_text('[[known]]\ncpython = "X"\n')
    with pytest.raises(Exception) as e:
        quickened.load_known(bad)
    assert "known[0] needs exactly cpython, go and reason" in str(e.value) and str(bad) in str(e.value.args) + str(e.value)


# The specialized instructions the runtime cannot produce, each for a reason of its own:
# JUMP_BACKWARD_JIT is chosen only with the JIT or the tier-2 interpreter on (this report is tier 1;
# `vm-diff --tier2` chooses it, tests/test_tier2.py, and `doit specialization` counts both runs).
NOT_PRODUCED = {"JUMP_BACKWARD_JIT"}
# RESUME_CHECK's guard (an instrumentation version, the eval breaker) never fails without
# sys.monitoring and signals.
NOT_DEOPTIMIZED = NOT_PRODUCED | {"RESUME_CHECK"}


def test_the_specialization_gauge_over_the_corpus(project, report):
    """Of CPython's 84 specialized instructions, the corpus, the real and the member programs make the
    Go VM's specializer produce and execute every one but NOT_PRODUCED in tier 1, and every guarded
    one is deoptimized at least once (casesgen/specialization.py; `doit specialization` adds a
    tier-2 run, and 84/84)."""
    from casesgen import specialization
    model = json.loads((project / "cache/analysis.json").read_text())
    gauge = specialization.gauge(model, report["programs"])
    t = gauge["totals"]
    assert t["specialized_instructions"] == 84
    assert set(t["never_produced"]) == NOT_PRODUCED and set(t["never_executed"]) == NOT_PRODUCED, t
    assert set(t["never_deoptimized"]) <= NOT_DEOPTIMIZED, t
    row = gauge["instructions"]["LOAD_ATTR_INSTANCE_VALUE"]
    assert row["family"] == "LOAD_ATTR" and row["guarded"] and row["produced"] and row["executed"] and row["deoptimized"]
    assert specialization.line(gauge).startswith("specialization: 83/84 produced, 83/84 executed, ")
