"""Tier 1: the generated dispatch, the body signatures, the translated bodies and the Go VM."""
from __future__ import annotations

import json
import re
import shutil

from conftest import case_names, compile_programs, doit, edit_source, go_run, go_test
from test_go import GENERATED, UNCOMMITTED

# Ratchets at today's figures; they only go up. A program the runtime cannot finish stops at
# the first op body the mapping does not cover, and the test holds that it says so instead of
# answering wrongly.
MIN_AGREEING = 51
MIN_TRANSLATED = 332


def go_tree(project, tmp_path):
    """A copy of the Go tree with every generated file, the uncommitted bodies included."""
    tree = tmp_path / "go"
    shutil.copytree(project / "tests/go", tree)
    for rel in GENERATED + UNCOMMITTED:
        shutil.copy2(project / "out" / rel, tree / rel)
    return tree


def test_one_arm_for_every_instruction_cpython_has_a_target_for(project):
    targets = re.findall(r"^\s*TARGET\((\w+)\)", (project / "cache/upstream/Python/generated_cases.c.h").read_text(), re.M)
    dispatch = (project / "out/vm/eval_dispatch_gen.go").read_text()
    arms = re.findall(r"^\t+case compile\.(\w+):$", dispatch, re.M)
    assert len(targets) == 227 and sorted(arms) == sorted(targets)
    assert f"const TIER1_INSTRUCTIONS = {len(targets)}" in dispatch


def test_a_macro_arm_holds_its_ops_bodies_in_order_with_values_in_locals(project):
    """BINARY_OP_ADD_INT = _GUARD_TOS_INT + _GUARD_NOS_INT + unused/5 + _BINARY_OP_ADD_INT: the
    three translated bodies are written into the arm, each under its bytecodes.c lines, in order."""
    dispatch = (project / "out/vm/eval_dispatch_gen.go").read_text()
    model = json.loads((project / "cache/analysis.json").read_text())
    arm = dispatch.split("case compile.BINARY_OP_ADD_INT:")[1].split("case compile.")[0]
    assert not re.search(r"\bop_?\w+\(", arm), "a translated body is called instead of written in"
    lines = [int(n) for n in re.findall(r"^//line bytecodes\.c:(\d+)$", arm, re.M)][1:]  # after the arm's own
    ops = ("_GUARD_TOS_INT", "_GUARD_NOS_INT", "_BINARY_OP_ADD_INT")
    where = {u["name"]: u["where"]["line"] for u in model["uops"] if u["name"] in ops}
    # each directive names a line of the body it is in: the op defined last before it
    owners = [max((w, op) for op, w in where.items() if w < n)[1] for n in lines]
    assert [op for i, op in enumerate(owners) if i == 0 or owners[i - 1] != op] == list(ops), lines
    assert arm.count("e.LongCheckExact(") == 2 and "e.LongAdd(left_o, right_o)" in arm
    assert arm.count("exit = ExitDeopt\n") == 2 and "exit = ExitError\n" in arm and "break arm" in arm
    assert "f.NextInstr = instr + 6" in arm  # 1 + 5 cache entries
    assert "st[sp-2] = res" in arm and "sp = sp - 1" in arm


def test_the_loops_call_only_the_bodies_they_cannot_hold(project):
    """Every op of an arm or a tier-2 case is written in unless it is a stub, hand-written, leaves
    through a runtime call, always leaves or switches frames (casesgen/inline.py): the loops call
    nothing else."""
    from casesgen.gostack import switches_frame
    from casesgen.inline import inlinable
    from casesgen.signatures import body_name
    uops = {u["name"]: u for u in json.loads((project / "cache/analysis.json").read_text())["uops"]}
    gauge = json.loads((project / "cache/reports/bodies.json").read_text())["bodies"]
    bodies = (project / "out/vm/op_bodies_gen.go").read_text()
    for loop in ("eval_dispatch_gen.go", "eval_uops_gen.go"):
        called = set(re.findall(r"= op(_?[A-Z][A-Z0-9_]*)(?:_tier2)?\(", (project / "out/vm" / loop).read_text()))
        assert called, loop
        for name in called:
            if gauge[name]["status"] != "translated" or switches_frame(uops[name]):
                continue
            body = bodies.split(f"func {body_name(name)}(")[1].split("\n}\n")[0].split("\n")[1:]
            assert not inlinable(tuple(body)), f"{loop} calls {body_name(name)}, which it could hold"


def test_an_arm_counts_on_to_the_next_instruction_unless_its_ops_may_move_it(project):
    """C keeps next_instr in a local: an arm whose ops neither jump, read nor set next_instr,
    nor switch frames, goes on at instr + its size; the others read the frame's NextInstr back,
    which is where their bodies put it."""
    dispatch = (project / "out/vm/eval_dispatch_gen.go").read_text()

    def tail(name):
        arm = dispatch.split(f"case compile.{name}:")[1].split("\n\t\t\tcase compile.")[0]
        return [line.strip() for line in arm.splitlines() if line.strip() and not line.startswith("//")][-2:]
    assert tail("LOAD_FAST") == ["instr += 1", "continue"]
    assert tail("BINARY_OP_ADD_INT") == ["instr += 6", "continue"]  # 1 + 5 cache entries
    assert tail("POP_JUMP_IF_FALSE") == ["instr = f.NextInstr", "continue"]  # JUMPBY
    assert tail("LOAD_ATTR") == ["instr = f.NextInstr", "continue"]  # the specializer rewinds next_instr
    assert tail("CALL_PY_EXACT_ARGS") == ["f.SP = sp", "continue frame"]  # the callee's frame runs next
    assert "case ExitDispatch:\n\t\t\t\tinstr = f.NextInstr\n" in dispatch  # DISPATCH(): where the body went


def test_every_op_has_a_signature_assertion_under_its_dsl_line(project):
    sigs = (project / "out/vm/op_signatures_gen.go").read_text()
    model = json.loads((project / "cache/analysis.json").read_text())
    asserted = re.findall(r"^//line bytecodes\.c:(\d+)\nvar _ func\(.* = op(\w+)$", sigs, re.M)
    assert len(asserted) == len(model["uops"]) == 355
    line = {u["name"]: u["where"]["line"] for u in model["uops"]}
    assert all(int(n) == line[name] for n, name in asserted)


def test_a_drifted_body_signature_fails_the_build_naming_the_op(project, tmp_path):
    tree = go_tree(project, tmp_path)
    bodies = tree / "vm/op_bodies_gen.go"
    text = bodies.read_text()
    old = re.search(r"func op_BINARY_OP_ADD_INT\(e \*Eval, oparg uint32, left stackref\.Ref", text)
    assert old, "the body of _BINARY_OP_ADD_INT should take (e, oparg, left, right)"
    bodies.write_text(text.replace(old.group(0), "func op_BINARY_OP_ADD_INT(e *Eval, oparg uint32, left int"))
    r = go_run(tree, "build", "./vm")
    assert r.returncode != 0
    assert re.search(r"bytecodes\.c:\d+(:\d+)?: cannot use op_BINARY_OP_ADD_INT", r.stderr), r.stderr


def test_a_runtime_without_a_mapped_function_fails_the_build_naming_it(project, tmp_path):
    tree = go_tree(project, tmp_path)
    api = tree / "vm/api.go"
    api.write_text(api.read_text().replace("func (e *Eval) LongCheckExact(", "func (e *Eval) longCheckExact("))
    r = go_run(tree, "build", "./vm")
    assert r.returncode != 0 and "LongCheckExact" in r.stderr, r.stderr


def test_bodies_gauge_counts_every_op_body(project):
    g = json.loads((project / "cache/reports/bodies.json").read_text())
    assert g["total"] == 355 and g["handwritten"] == 3  # _MAYBE_INSTRUMENT, _SET_FUNCTION_ATTRIBUTE, _ENTER_EXECUTOR
    assert g["translated"] + g["handwritten"] + g["not_translated"] == 355
    assert g["translated"] >= MIN_TRANSLATED
    assert sum(g["reasons"].values()) == g["not_translated"]
    # the ops only tier 2 runs (tier2 op()s) are counted apart too
    assert g["tier2_only"]["total"] == 17 and g["tier2_only"]["translated"] >= 9
    stubs = [n for n, b in g["bodies"].items() if b["status"] == "stub"]
    bodies = (project / "out/vm/op_bodies_gen.go").read_text()
    for name in stubs:
        assert f'e.NotTranslated("{name}", ' in bodies
    subset = (project / "cache/reports/SUBSET.md").read_text()
    assert f"{g['translated']} of 355 op bodies translated" in subset


def test_translated_bodies_point_at_bytecodes_c(project):
    bodies = (project / "out/vm/op_bodies_gen.go").read_text()
    fn = bodies.split("func op_BINARY_OP_ADD_INT(")[1].split("\n}\n")[0]
    assert re.search(r"^//line bytecodes\.c:\d+$", fn, re.M)


def corpus(project, interpreter, tmp_path):
    return compile_programs(project, interpreter, tmp_path / "corpus.json", sorted((project / "tests/corpus").glob("*.py")))


def test_real_314_bytecode_runs_to_cpythons_answers(project, interpreter, tmp_path):
    """Every program either gives CPython's result or says what the runtime lacks; never a wrong answer."""
    data = corpus(project, interpreter, tmp_path)
    expected = {p["name"]: p["result"] for p in json.loads(data.read_text())["programs"]}
    assert len(expected) >= 25
    tree = go_tree(project, tmp_path)
    r = go_run(tree, "run", "./cmd/vmrun", str(data))
    assert r.returncode == 0, r.stderr
    outcomes = [json.loads(line) for line in r.stdout.splitlines()]
    assert sorted(o["name"] for o in outcomes) == sorted(expected)
    wrong = {o["name"]: (o["result"], expected[o["name"]]) for o in outcomes
             if "result" in o and o["result"] != expected[o["name"]]}
    assert not wrong, wrong
    agreeing = [o["name"] for o in outcomes if "result" in o]
    missing = {o["name"]: o["missing"] for o in outcomes if "missing" in o}
    assert len(agreeing) >= MIN_AGREEING, missing
    for why in missing.values():
        assert why.startswith(("_", "unsupported in the test runtime")) or ": not translated: " in why, why
    assert any(": not translated: " in why and not why.startswith(("_MAYBE_INSTRUMENT", "_RESUME")) for why in
               missing.values()) or not missing  # RESUME itself runs: the programs get past their first instruction


# Real programs written by others (tests/corpus/real/SOURCES.md): the ones the runtime finishes.
MIN_REAL_AGREEING = 15


def test_real_programs_by_others_give_cpythons_answers_or_say_what_is_missing(project, interpreter, tmp_path):
    """Benchmark programs we did not write (n-body, fannkuch, spectral norm, N-queens on generators,
    ...): CPython's answer, or `unsupported` naming what the runtime lacks; never another answer."""
    programs = sorted((project / "tests/corpus/real").glob("*.py"))
    assert len(programs) >= 8
    data = compile_programs(project, interpreter, tmp_path / "real.json", programs)
    expected = {p["name"]: p["result"] for p in json.loads(data.read_text())["programs"]}
    r = go_run(go_tree(project, tmp_path), "run", "./cmd/vmrun", str(data))
    assert r.returncode == 0, r.stderr
    outcomes = [json.loads(line) for line in r.stdout.splitlines()]
    wrong = {o["name"]: (o["result"], expected[o["name"]]) for o in outcomes
             if "result" in o and o["result"] != expected[o["name"]]}
    assert not wrong, wrong
    missing = {o["name"]: o["missing"] for o in outcomes if "missing" in o}
    assert all(why.startswith("unsupported in the test runtime: ") for why in missing.values()), missing
    assert len(outcomes) - len(missing) >= MIN_REAL_AGREEING, missing


def test_specialized_arms_run_and_deopt_to_the_family_head(project, interpreter, tmp_path):
    """BINARY_OP, COMPARE_OP, FOR_ITER and LOAD_GLOBAL warm up, specialize, run their specialized
    arm, then fail a guard and deoptimize to the family head with the right answer
    (tests/go/vm/specialize_test.go on tests/specialize/families.py, compiled by CPython 3.14)."""
    data = compile_programs(project, interpreter, tmp_path / "families.json", [project / "tests/specialize/families.py"])
    tree = go_tree(project, tmp_path)
    out = go_test(tree, "./vm", "TestSpecializeAndDeopt", {"CASESGEN_SPECIALIZE_CORPUS": str(data)})
    for family, specialized in [("BINARY_OP", "BINARY_OP_ADD_INT"), ("COMPARE_OP", "COMPARE_OP_INT"),
                                ("FOR_ITER", "FOR_ITER_RANGE"), ("LOAD_GLOBAL", "LOAD_GLOBAL_MODULE")]:
        assert f"{family} -> {specialized}, deopt to {family} gave" in out, out


def test_hand_written_go_packages_pass_their_own_tests(project, tmp_path):
    tree = go_tree(project, tmp_path)
    r = go_run(tree, "test", "./objects", "./vm", "-count=1")
    assert r.returncode == 0, r.stdout + r.stderr


def test_clean_checkout_check_regenerates_the_uncommitted_bodies(fresh):
    """`doit check` on a checkout without vm/op_bodies_gen.go does not call it missing."""
    bodies = fresh / "tests/go/vm/op_bodies_gen.go"
    bodies.unlink(missing_ok=True)
    r = doit(fresh, "check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (fresh / "out/vm/op_bodies_gen.go").is_file() and not bodies.exists()


def test_editing_one_body_rewrites_only_the_go_files_that_change(fresh, tmp_path):
    before = {rel: (fresh / "tests/go" / rel).read_bytes() for rel in GENERATED + UNCOMMITTED}
    dsl = (fresh / "inputs/Python/bytecodes.c").read_text()
    old = "PyObject *res_o = _PyLong_Add((PyLongObject *)left_o, (PyLongObject *)right_o);"
    assert dsl.count(old) == 1
    env = edit_source(fresh, tmp_path / "src", {"Python/bytecodes.c": dsl.replace(
        old, "PyObject *res_o = _PyLong_Multiply((PyLongObject *)left_o, (PyLongObject *)right_o);")})
    r = doit(fresh, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    changed = [rel for rel, data in before.items() if (fresh / "tests/go" / rel).read_bytes() != data]
    # the body, and the two loops that hold it
    assert sorted(changed) == ["vm/eval_dispatch_gen.go", "vm/eval_uops_gen.go", "vm/op_bodies_gen.go"], changed
    assert "e.LongMultiply(" in (fresh / "tests/go/vm/op_bodies_gen.go").read_text().split("func op_BINARY_OP_ADD_INT(")[1].split("\n}\n")[0]
    arm = (fresh / "tests/go/vm/eval_dispatch_gen.go").read_text().split("case compile.BINARY_OP_ADD_INT:")[1]
    assert "e.LongMultiply(" in arm.split("case compile.")[0]


def test_tier2_has_a_case_for_every_uop_cpython_executes(project):
    """vm/eval_uops_gen.go: one case per `case _X:` of CPython's executor_cases.c.h, same names."""
    names = case_names(project / "cache/upstream/Python/executor_cases.c.h")
    cases = case_names(project / "out/vm/eval_uops_gen.go", go=True)
    uops = (project / "out/vm/eval_uops_gen.go").read_text()
    assert len(names) == 285 and sorted(cases) == sorted(names)
    assert f"const TIER2_UOPS = {len(names)}" in uops
    # one body, two tiers: the case holds the tier-1 part's body
    arm = uops.split("case compile.UOP_BINARY_OP_ADD_INT:")[1].split("case compile.")[0]
    bodies = (project / "out/vm/op_bodies_gen.go").read_text()
    body = [line.strip() for line in bodies.split("func op_BINARY_OP_ADD_INT(")[1].split("\n}\n")[0].split("\n")[1:]]
    case = iter(line.strip() for line in arm.split("\n"))
    assert all(line in case for line in body if not line.startswith("return")), "not the body, in order"
    assert "op_BINARY_OP_ADD_INT(" not in arm and "exit = ExitError" in arm


def test_errors_in_an_arm_point_at_bytecodes_c_and_the_rest_at_the_go_file(project, tmp_path):
    tree = go_tree(project, tmp_path)
    dispatch = tree / "vm/eval_dispatch_gen.go"
    lines = dispatch.read_text().split("\n")
    arm = next(i for i, line in enumerate(lines) if line.strip() == "case compile.BINARY_OP_ADD_INT:")
    result = next(i for i in range(arm, len(lines)) if lines[i].strip() == "res = stackref.FromObject(res_o)")
    store = next(i for i in range(arm, len(lines)) if lines[i].strip() == "st[sp-2] = res")
    deopt = next(i for i, line in enumerate(lines) if line.strip() == "e.RecordDeopt(instr, op)")
    lines[result] = lines[result].replace("= stackref.FromObject(res_o)", "= 1")
    lines[store] = lines[store].replace("= res", "= 2")
    lines[deopt] = lines[deopt].replace("(instr, op)", '(instr, "op")')
    dispatch.write_text("\n".join(lines))
    r = go_run(tree, "build", "./vm")
    assert r.returncode != 0
    # in the body written into the arm: the body's own line (_BINARY_OP_ADD_INT's `res = ...`)
    body = (project / "out/vm/op_bodies_gen.go").read_text().split("func op_BINARY_OP_ADD_INT(")[1]
    line = re.findall(r"^//line bytecodes\.c:(\d+)$", body.split("res = stackref.FromObject(res_o)")[0], re.M)[-1]
    assert re.search(rf"bytecodes\.c:{line}(:\d+)?: cannot use 1", r.stderr), r.stderr
    # the harness's own lines, after the body, and after the switch
    assert f"eval_dispatch_gen.go:{store + 1}:" in r.stderr and "cannot use 2" in r.stderr, r.stderr
    assert f"eval_dispatch_gen.go:{deopt + 1}:" in r.stderr, r.stderr
