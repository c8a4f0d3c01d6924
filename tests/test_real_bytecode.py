"""Executable proof on real bytecode: Go walks co_code the interpreter produced, using the
generated Caches and Deopt tables, and finds exactly the instructions `dis` finds.

Quickened code is walked too: after running the functions, CPython has rewritten many
instructions into specialized ones; the walk then needs Deopt to find each cache size."""
from __future__ import annotations

import json
import shutil
import textwrap

from conftest import go_run, run

PROBE = textwrap.dedent('''
    import dis, json, sys, types
    import collections, json as _json, textwrap as _textwrap, string, enum
    def codes(co):
        yield co
        for c in co.co_consts:
            if isinstance(c, types.CodeType):
                yield from codes(c)
    out = []
    mods = [collections, _json.decoder, _json.encoder, _textwrap, string, enum, dis]
    # warm some code up so the specializer rewrites it
    for _ in range(50):
        _textwrap.fill("lorem ipsum dolor sit amet " * 4, width=30)
        _json.dumps({"a": [1, 2.5, None, "x"] * 3})
        collections.Counter("abracadabra").most_common(2)
    for m in mods:
        src = open(m.__file__).read()
        for co in codes(compile(src, m.__file__, "exec")):
            out.append({"adaptive": False, "code": co.co_code.hex(),
                        "instrs": [[i.offset, i.opname] for i in dis.get_instructions(co)]})
        for fn in vars(m).values():
            co = getattr(fn, "__code__", None)
            if co is not None and getattr(co, "_co_code_adaptive", None):
                out.append({"adaptive": True, "code": co._co_code_adaptive.hex(),
                            "instrs": [[i.offset, i.opname] for i in dis.get_instructions(co, adaptive=True)]})
    print(json.dumps(out))
''')

WALKER = '''package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"gopy.example/gopy/compile"
)

type unit struct {
	Adaptive bool            `json:"adaptive"`
	Code     string          `json:"code"`
	Instrs   [][2]any        `json:"instrs"`
}

func main() {
	var units []unit
	if err := json.NewDecoder(os.Stdin).Decode(&units); err != nil {
		panic(err)
	}
	instrs, bad, specialized := 0, 0, 0
	for _, u := range units {
		code, _ := hex.DecodeString(u.Code)
		var got [][2]any
		for i := 0; i < len(code); {
			op := compile.Opcode(code[i])
			if compile.Deopt[op] != op {
				specialized++
			}
			got = append(got, [2]any{float64(i), op.String()})
			i += 2 * (1 + int(compile.Caches[compile.Deopt[op]]))
		}
		instrs += len(u.Instrs)
		if fmt.Sprint(got) != fmt.Sprint(u.Instrs) {
			bad++
		}
	}
	fmt.Printf("{\\"units\\": %d, \\"instructions\\": %d, \\"mismatching_units\\": %d, \\"specialized\\": %d}\\n",
		len(units), instrs, bad, specialized)
}
'''


def test_go_walks_real_co_code_like_dis(interpreter, project, tmp_path, capsys):
    argv, env = interpreter
    probe = run([*argv, "-c", PROBE], tmp_path, env=env, check=True).stdout
    tree = tmp_path / "go"
    shutil.copytree(project / "tests/go", tree)
    (tree / "cmd/walk").mkdir()
    (tree / "cmd/walk/main.go").write_text(WALKER)
    (tmp_path / "units.json").write_text(probe)
    r = go_run(tree, "build", "-o", str(tmp_path / "walk"), "./cmd/walk")
    assert r.returncode == 0, r.stderr
    with open(tmp_path / "units.json") as stdin:
        import subprocess
        out = subprocess.run([str(tmp_path / "walk")], stdin=stdin, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    with capsys.disabled():
        print(f"\nreal bytecode: {result['units']} code objects, {result['instructions']} instructions "
              f"({result['specialized']} specialized), {result['mismatching_units']} mismatching")
    assert result["mismatching_units"] == 0
    assert result["instructions"] > 10000 and result["specialized"] > 50
