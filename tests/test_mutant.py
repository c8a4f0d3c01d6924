"""The DSL is the single source of the Go VM's behaviour: a body edited in a copy of bytecodes.c
changes what the Go VM computes, once the instruction it belongs to is chosen by the specializer."""
from __future__ import annotations

import sys

from conftest import doit, edit_source, run

ADD = "PyObject *res_o = _PyLong_Add((PyLongObject *)left_o, (PyLongObject *)right_o);"
SUBTRACT = "PyObject *res_o = _PyLong_Subtract((PyLongObject *)left_o, (PyLongObject *)right_o);"


def test_a_mutant_of_binary_op_add_int_changes_the_answer_of_s_plus_equals_i(fresh, tmp_path):
    dsl = (fresh / "inputs/Python/bytecodes.c").read_text()
    body = dsl.split("op(_BINARY_OP_ADD_INT, ")[1].split("\n        }\n")[0]
    assert body.count(ADD) == 1
    mutant = dsl.replace(body, body.replace(ADD, SUBTRACT))
    env = edit_source(fresh, tmp_path / "src", {"Python/bytecodes.c": mutant})
    r = doit(fresh, env=env)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr
    prog = tmp_path / "sum.py"
    prog.write_text("s = 0\nfor i in range(100):\n    s += i\nresult = s\n")
    r = run([sys.executable, "-m", "casesgen", "vm-diff", prog], fresh, env=env)
    assert r.returncode == 1, r.stdout + r.stderr
    # `s += i` runs generic once (i = 0: the counter warms up), then as BINARY_OP_ADD_INT, which now
    # subtracts 1 .. 99
    assert r.stdout.splitlines()[1:3] == ["  CPython 3.14.10: 4950", "  Go VM:           -4950"], r.stdout
