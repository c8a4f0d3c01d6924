"""`casesgen explain NAME`: one opcode, uop or family, checked against what CPython ships.

The facts come from the project `doit` built (conftest's `project`); every one is compared with a
source casesgen did not produce: Debian's opcode_ids.h, pycore_uop_ids.h, pycore_opcode_metadata.h
and _opcode_metadata.py (written by CPython's own generator), pycore_code.h's cache structs, the
text of bytecodes.c, and the generated Go files at the lines explain names.
"""
from __future__ import annotations

import ast
import dataclasses
import json
import re
import shutil
import sys

import pytest

from casesgen import config
from casesgen.cexpr import evaluate
from casesgen.errors import CasesgenError
from casesgen.explain import NOT_GENERATED, explain, load_inputs, scan_go
from conftest import copy_project, run
from test_vm_diff import one_line_error

DEBIAN = "inputs/reference/debian"
METADATA_H = f"{DEBIAN}/Include/internal/pycore_opcode_metadata.h"


def casesgen_explain(cwd, *args):
    return run([sys.executable, "-m", "casesgen", "explain", *map(str, args)], cwd, timeout=300)


@pytest.fixture(scope="module")
def inputs(project):
    return load_inputs(config.load(project))


@pytest.fixture(scope="module")
def facts(inputs):
    def of(name: str, oparg: int = 1) -> dict:
        return explain(*inputs, name, oparg)
    return of


@pytest.fixture(scope="module")
def model(inputs):
    return inputs[0]


def defines(path, names: dict[str, int] = {}) -> dict[str, int]:
    """`#define NAME 12` and `#define _NAME NAME` (a uop numbered as the instruction it shares a name with)."""
    found = re.findall(r"^#define (\w+) +(\w+)$", path.read_text(), re.M)
    return {name: int(value) if value.isdigit() else names[value] for name, value in found
            if value.isdigit() or value in names}


def c_table(text: str, declaration: str) -> str:
    """The initializer of one C array definition in a header (`const uint8_t _PyOpcode_Deopt[256] = {...};`)."""
    start = text.index(declaration + " = {")
    return text[start:text.index("\n};", start)]


def switch_returns(text: str, function: str) -> dict[str, str]:
    body = text[text.index(f"int {function}(int opcode, int oparg)  {{"):]
    body = body[:body.index("default:")]
    return dict(re.findall(r"case (\w+):\s*return (.*?);", body))


def line_at(project, position: str) -> str:
    path, line = position.rsplit(":", 1)
    return (project / path).read_text().splitlines()[int(line) - 1]


# --- numbers, formats, flags, stack effects, deopt: Debian's CPython 3.14 headers ---------------------

def test_opcode_and_uop_numbers_are_cpythons(project, model, facts):
    opcodes = defines(project / f"{DEBIAN}/Include/opcode_ids.h")
    uop_ids = defines(project / f"{DEBIAN}/Include/internal/pycore_uop_ids.h", opcodes)
    names = [i["name"] for i in model["instructions"]] + [p["name"] for p in model["pseudos"]]
    assert len(names) == 238
    for name in names:
        assert facts(name)["number"] == opcodes[name], name
    tier2 = [u["name"] for u in model["uops"] if u["name"] in uop_ids]
    assert len(tier2) > 280
    for name in tier2:
        assert facts(name)["number"] == uop_ids[name], name
    assert facts("LOAD_GLOBAL")["number"] == 92 and facts("BINARY_OP_ADD_INT")["number"] == 130


def test_format_flags_deopt_and_expansion_are_cpythons(project, model, facts):
    text = (project / METADATA_H).read_text()
    meta = {name: (fmt, flags) for name, fmt, flags in re.findall(
        r"^\s+\[(\w+)\] = \{ true, (INSTR_FMT_\w+), (.*) \},$",
        c_table(text, "const struct opcode_metadata _PyOpcode_opcode_metadata[267]"), re.M)}
    deopt = dict(re.findall(r"\[(\w+)\] = (\w+),", c_table(text, "const uint8_t _PyOpcode_Deopt[256]")))
    expansions = dict(re.findall(r"^\s+\[(\w+)\] = \{ \.nuops = \d+, \.uops = \{ (.*) \} \},$",
                                 c_table(text, "const struct opcode_macro_expansion\n_PyOpcode_macro_expansion[256]"), re.M))
    for inst in model["instructions"]:
        f = facts(inst["name"])
        fmt, flags = meta[inst["name"]]
        assert f["format"] == fmt, inst["name"]
        assert {f"HAS_{n}_FLAG" for n in f["flags"]} == set(re.findall(r"HAS_\w+_FLAG", flags)), inst["name"]
        assert f["deopt"] == deopt[inst["name"]], inst["name"]
        want = re.findall(r"\{ (\w+), (\w+), (\d+) \}", expansions.get(inst["name"], ""))
        assert [(e["uop"], e["size"], str(e["offset"])) for e in f["expansion"] or ()] == want, inst["name"]
    assert facts("BINARY_OP_ADD_INT")["deopt"] == "BINARY_OP"


@pytest.mark.parametrize("oparg", [0, 1, 2, 3, 255])
def test_stack_effect_for_an_oparg_is_cpythons(project, model, facts, oparg):
    text = (project / METADATA_H).read_text()
    popped, pushed = switch_returns(text, "_PyOpcode_num_popped"), switch_returns(text, "_PyOpcode_num_pushed")
    for inst in model["instructions"] + model["pseudos"]:
        stack = facts(inst["name"], oparg)["stack"]
        want = (evaluate(popped[inst["name"]], {"oparg": oparg}), evaluate(pushed[inst["name"]], {"oparg": oparg}))
        assert (stack["popped_value"], stack["pushed_value"]) == want, inst["name"]
    assert facts("CALL", oparg)["stack"]["popped_value"] == 2 + oparg


def test_stack_effect_is_the_dsl_as_bytecodes_c_writes_it(project, model, facts):
    """Every op()/inst() header of bytecodes.c, spaces aside, is what explain prints for it."""
    source = (project / "inputs/Python/bytecodes.c").read_text()
    headers = dict(re.findall(r"\b(?:op|inst)\(\s*(\w+)\s*,\s*(\([^()]*\))\s*\)", source))
    insts = {i["name"] for i in model["instructions"] if i["defined_by"] == "inst"}
    checked = [name for name in [u["name"] for u in model["uops"]] + sorted(insts) if name in headers]
    for name in checked:
        effect = facts(name)["stack"]["effect"]
        assert re.sub(r"\s", "", effect) == re.sub(r"\s", "", headers[name]), name
    assert sorted(checked) == sorted(headers) and len(headers) > 300 and len(insts) > 100
    assert facts("TO_BOOL_BOOL")["stack"]["effect"] == "(unused/1, unused/2, value -- value)"
    assert facts("_TO_BOOL_BOOL")["stack"]["effect"] == "(value -- value)"  # the uop: CPython moves unused/N out
    assert facts("_BINARY_OP_ADD_INT")["stack"]["effect"] == "(left, right -- res)"
    assert facts("_LOAD_GLOBAL_MODULE")["stack"]["effect"] == "(version/1, unused/1, index/1 -- res)"
    assert facts("NOP")["stack"]["effect"] == "( -- )"
    macro = facts("LOAD_GLOBAL_MODULE", 1)["stack"]
    assert (macro["effect"], macro["popped"], macro["pushed"]) == (None, "0", "1 + (oparg & 1)")
    assert (macro["popped_value"], macro["pushed_value"]) == (0, 2)


# --- caches and families: pycore_code.h and _opcode_metadata.py ---------------------------------------

def test_load_global_cells_land_on_pycore_code_h_fields_in_struct_order(project, facts):
    header = (project / "inputs/Include/internal/pycore_code.h").read_text()
    body = re.search(r"typedef struct \{([^}]*)\} _PyLoadGlobalCache;", header).group(1)
    fields = re.findall(r"(?:_Py_BackoffCounter|uint16_t) (\w+);", body)  # one code unit each
    assert fields == ["counter", "module_keys_version", "builtin_keys_version", "index"]  # index is LAST
    cache = facts("LOAD_GLOBAL_MODULE")["cache"]
    assert cache["struct"] == "_PyLoadGlobalCache"
    assert [(c["name"], c["offset"], c["size"]) for c in cache["cells"]] == [
        ("unused", 0, 1), ("version", 1, 1), ("unused", 2, 1), ("index", 3, 1)]
    assert [[f["name"] for f in c["fields"]] for c in cache["cells"]] == [[f] for f in fields]
    assert cache["cells"][3]["offset"] == fields.index("index")
    head = facts("LOAD_GLOBAL")["cache"]["cells"]
    assert head[0]["name"] == "counter" and [f["name"] for f in head[0]["fields"]] == ["counter"]


def test_family_head_and_members_are_cpythons(project, model, facts):
    tree = ast.parse((project / f"{DEBIAN}/Lib/_opcode_metadata.py").read_text())
    specializations = next(ast.literal_eval(n.value) for n in tree.body
                           if isinstance(n, ast.Assign) and n.targets[0].id == "_specializations")
    for head, members in specializations.items():
        f = facts(head)
        assert f["kind"] == "family" and f["family"]["role"] == "head" and f["family"]["members"] == members
        for member in members:
            m = facts(member)
            assert m["kind"] == "instruction" and m["family"]["name"] == head and m["deopt"] == head
    add = facts("BINARY_OP_ADD_INT")
    assert add["family"]["name"] == "BINARY_OP" and add["family"]["role"] == "member"
    assert [p["name"] for p in add["parts"]] == ["_GUARD_TOS_INT", "_GUARD_NOS_INT", "unused/5", "_BINARY_OP_ADD_INT"]


def test_pseudo_targets_are_cpythons(project, model, facts):
    table = c_table((project / METADATA_H).read_text(), "const struct pseudo_targets _PyOpcode_PseudoTargets[11]")
    targets = {n: [t for t in ts.split(", ") if t != "0"]
               for n, ts in re.findall(r"\[(\w+)-256\] = \{ \d, \{ ([^}]*) \} \}", table)}
    assert len(targets) == len(model["pseudos"]) == 11
    for name, want in targets.items():
        f = facts(name)
        assert f["kind"] == "pseudo" and f["targets"] == want


# --- where the Go is: the lines explain names hold what it says ----------------------------------------

def test_every_go_position_is_the_line_that_holds_the_name(project, model, facts):
    for inst in model["instructions"]:
        arm = facts(inst["name"])["go"]["tier1_arm"]
        assert re.fullmatch(rf"\t+case compile\.{inst['name']}:", line_at(project, arm)), (inst["name"], arm)
    expected = {"body": r"func op{}\(", "signature": r"var _ .* = op{}$", "tier2_case": r"\t+case compile\.UOP{}:$",
                "optimizer_case": r"\t+case compile\.UOP{}:$", "optimizer_body": r"func opt{}\("}
    seen = dict.fromkeys(expected, 0)
    for uop in model["uops"]:
        go = facts(uop["name"])["go"]
        assert go["body"] and go["signature"], uop["name"]
        for key, position in go.items():
            if position:
                assert re.match(expected[key].format(uop["name"]), line_at(project, position)), (uop["name"], key)
                seen[key] += 1
    assert seen == {"body": 355, "signature": 355, "tier2_case": 285, "optimizer_case": 252, "optimizer_body": 116}
    assert facts("_SET_FUNCTION_ATTRIBUTE")["go"]["body"].startswith("tests/go/vm/handwritten.go:")  # hand-written


def test_sources_and_translation_status_are_the_reports(project, model, facts):
    bodies = json.loads((project / "cache/reports/bodies.json").read_text())["bodies"]
    source = (project / "inputs/Python/bytecodes.c").read_text().splitlines()
    for uop in model["uops"]:
        f = facts(uop["name"])
        assert f["body"]["status"] == bodies[uop["name"]]["status"]
        file, line = f["where"].split(":")
        assert file == "bytecodes.c" and "{" in source[int(line) - 1], uop["name"]
    stub = facts("_GET_AITER")["body"]
    assert stub["status"] == "stub" and "is not in [types]" in stub["reason"] and stub["at"].startswith("bytecodes.c:")
    assert facts("_SET_FUNCTION_ATTRIBUTE")["body"]["status"] == "handwritten"
    assert facts("LOAD_GLOBAL_MODULE")["where"] == "bytecodes.c:1844"
    assert source[1843].strip() == "macro(LOAD_GLOBAL_MODULE) ="


def test_a_go_file_not_generated_yet_is_said_so(project, model, inputs, tmp_path):
    cfg = config.load(project)
    tree = tmp_path / "go"
    (tree / "vm").mkdir(parents=True)
    shutil.copy2(project / "tests/go/vm/eval_dispatch_gen.go", tree / "vm")
    go = scan_go(dataclasses.replace(cfg, go_tree=tree))
    f = explain(model, inputs[1], go, "NOP")
    assert re.match(r".*/vm/eval_dispatch_gen\.go:\d+$", f["go"]["tier1_arm"])
    part = f["parts"][0]["uop"]["go"]
    assert part["body"] == f"{NOT_GENERATED}: {go['op_bodies']['path']}"
    assert part["tier2_case"].startswith(NOT_GENERATED)
    no_reports = explain(model, {"bodies": None, "optimizer_bodies": None}, go, "_NOP")
    assert no_reports["body"] == {"status": "unknown", "reason": "no cache/reports/bodies.json; run `doit`", "at": None}


# --- the command ---------------------------------------------------------------------------------------

def test_text_output(project):
    r = casesgen_explain(project, "LOAD_GLOBAL_MODULE")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "LOAD_GLOBAL_MODULE: instruction 193 (macro at bytecodes.c:1844)"
    assert "  deopt     LOAD_GLOBAL" in lines
    assert re.search(r"^ +3  index/1 +index +index$", r.stdout, re.M)
    arm = re.search(r"^  tier 1    (\S+)$", r.stdout, re.M).group(1)
    assert line_at(project, arm).strip() == "case compile.LOAD_GLOBAL_MODULE:"
    assert "    _LOAD_GLOBAL_MODULE (version/1, unused/1, index/1 -- res)" in lines


def test_json_parses_and_gives_the_same_facts(project, facts):
    r = casesgen_explain(project, "BINARY_OP_ADD_INT", "--json", "--oparg", "3")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data == facts("BINARY_OP_ADD_INT", 3)
    assert list(data) == sorted(data)
    assert data["family"]["name"] == "BINARY_OP" and data["stack"]["oparg"] == 3


def test_lower_case_is_accepted_when_it_names_one_thing(project):
    r = casesgen_explain(project, "load_global_module")
    assert r.returncode == 0 and r.stdout.startswith("LOAD_GLOBAL_MODULE: instruction 193"), r.stderr
    r = casesgen_explain(project, "_binary_op_add_int")
    assert r.returncode == 0 and r.stdout.startswith("_BINARY_OP_ADD_INT: uop 304"), r.stderr


def test_an_unknown_name_exits_2_with_the_nearest_names(project):
    line = one_line_error(casesgen_explain(project, "LOAD_GLOBL"))
    assert line == "casesgen: error: unknown opcode, uop or family 'LOAD_GLOBL'; nearest: LOAD_GLOBAL, _LOAD_GLOBAL, LOAD_LOCALS"
    assert one_line_error(casesgen_explain(project, "Load_Global")).startswith(  # mixed case is not lower case
        "casesgen: error: unknown opcode, uop or family 'Load_Global'; nearest: LOAD_GLOBAL")
    assert "--oparg must be 0 or more" in one_line_error(casesgen_explain(project, "NOP", "--oparg", "-1"))


def test_without_doit_it_says_run_doit(project, tmp_path):
    bare = copy_project(tmp_path / "bare", project)  # no cache/: nothing analysed
    line = one_line_error(casesgen_explain(bare, "NOP"))
    assert line == "casesgen: error: cache/analysis.json: no analysis yet; run `doit` first"


# --- the expression evaluator (no fixture) --------------------------------------------------------------

def test_stack_sizes_evaluate_with_cs_integer_rules_and_nothing_else():
    assert evaluate("1 + (oparg & 1)", {"oparg": 3}) == 2
    assert evaluate("oparg-2", {"oparg": 1}) == -1
    assert evaluate("-7 / 2", {}) == -3 and evaluate("-7 % 2", {}) == -1  # C truncates toward zero
    assert evaluate("oparg >> 8 & 0xFF", {"oparg": 0x1234}) == 0x12
    assert evaluate("010 + 0x10", {}) == 24  # octal, hex
    for bad in ("__import__('os')", "x + 1", "oparg ? 1 : 2", "f(oparg)", "1.5", "oparg = 2"):
        with pytest.raises(CasesgenError):
            evaluate(bad, {"oparg": 1})


def test_a_member_names_the_specializer_that_chooses_it_and_the_gauge(project, model, facts):
    """The specializer: CPython's _Py_Specialize_<Family> that the head's specializing micro-op calls
    (its bytecodes.c line), the runtime method mapping.toml turns it into (its Go line), and the
    gauge's programs when `doit specialization` has run."""
    f = facts("LOAD_ATTR_SLOT")["specializer"]
    assert f["cpython"] == "_Py_Specialize_LoadAttr" and f["at"].startswith("bytecodes.c:")
    source = (project / "inputs/Python/bytecodes.c").read_text().splitlines()
    assert "_Py_Specialize_LoadAttr(" in source[int(f["at"].split(":")[1]) - 1]
    path, line = f["go"]["at"].split(":")
    assert f["go"]["function"] == "e.SpecializeLoadAttr"
    assert "func (e *Eval) SpecializeLoadAttr(" in (project / path).read_text().splitlines()[int(line) - 1]
    assert "the body of RESUME" in facts("RESUME_CHECK")["specializer"]["cpython"]
    assert facts("NOP")["specializer"] is None
