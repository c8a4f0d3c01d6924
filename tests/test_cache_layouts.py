"""Typed cache views land on the cells CPython uses; struct/DSL disagreements are refused."""
from __future__ import annotations

import shutil

from casesgen import config, vendor
from conftest import doit, edit_source, go_run, run

# C side: write a distinct value into each field through CPython's own struct, overlaid on code units.
C_PROBE = r'''
#define Py_BUILD_CORE 1
#include "Python.h"
#include "pycore_code.h"
#include <string.h>
#include <stdio.h>
#define CELLS 16
static void dump(const char *s, const char *f, _Py_CODEUNIT *c) {
    printf("%s.%s", s, f);
    for (int i = 0; i < CELLS; i++) printf(" %u", (unsigned)c[i].cache);
    printf("\n");
}
#define FIELD(S, F) do { _Py_CODEUNIT code[CELLS]; memset(code, 0, sizeof code); \
    S *view = (S *)&code[1]; unsigned char *p = (unsigned char *)&view->F; \
    for (size_t i = 0; i < sizeof view->F; i++) p[i] = (unsigned char)(0x11 * (i + 1)); \
    dump(#S, #F, code); } while (0)
int main(void) {
#include "fields.inc"
    return 0;
}
'''


def field_list(project) -> list[tuple[str, str, int]]:
    code = (project / "out/specialize/cache_layouts_gen.go").read_text()
    layouts = []
    for line in code.split("var CacheLayouts = []CacheLayout{")[1].split("\n}\n")[0].strip().splitlines():
        struct = line.split('"')[1]
        for part in line.split("[]CacheField{")[1].split("{")[1:]:
            name = part.split('"')[1]
            size = int(part.split(",")[2].strip(" }"))
            layouts.append((struct, name, size))
    return layouts


def test_every_view_writes_the_cells_cpythons_struct_writes(project, tmp_path):
    fields = field_list(project)
    assert ("_PyLoadGlobalCache", "index", 1) in fields and len(fields) >= 20
    # C: CPython's struct over a code-unit array.
    (tmp_path / "fields.inc").write_text("".join(f"FIELD({s}, {f});\n" for s, f, _ in fields))
    (tmp_path / "probe.c").write_text(C_PROBE)
    inc = [f"-I{d}" for d in vendor.include_dirs(config.load(project))]
    run(["gcc", "-std=gnu11", f"-I{project / 'inputs/Include/internal'}", *inc, f"-I{tmp_path}", "-o",
         tmp_path / "probe", tmp_path / "probe.c"], tmp_path, check=True)
    c_rows = run([tmp_path / "probe"], tmp_path, check=True).stdout.splitlines()
    # Go: the generated setters over a []uint16.
    tree = tmp_path / "go"
    shutil.copytree(project / "tests/go", tree)
    for rel in ["specialize/cache_layouts_gen.go", "compile/opcode_ids_gen.go"]:
        shutil.copy2(project / "out" / rel, tree / rel)
    calls = []
    for s, f, size in fields:
        view = s[len("_Py"):]
        method = "".join(p.capitalize() for p in f.split("_"))
        go_type = {1: "uint16", 2: "uint32", 4: "uint64"}[size]
        value = "|".join(f"{go_type}(0x{0x11 * (2 * i + 2):02x}{0x11 * (2 * i + 1):02x})<<{16 * i}" for i in range(size))
        calls.append(f'\t{{ code := make([]uint16, 16); specialize.New{view}(code, 0).Set{method}({value}); '
                     f'dump("{s}.{f}", code) }}')
    (tree / "cmd/cacheprobe").mkdir(parents=True)
    (tree / "cmd/cacheprobe/main.go").write_text(
        'package main\n\nimport (\n\t"fmt"\n\n\t"gopy.example/gopy/specialize"\n)\n\n'
        'func dump(name string, code []uint16) {\n\tfmt.Print(name)\n\tfor _, c := range code {\n'
        '\t\tfmt.Print(" ", c)\n\t}\n\tfmt.Println()\n}\n\nfunc main() {\n' + "\n".join(calls) + "\n}\n")
    r = go_run(tree, "run", "./cmd/cacheprobe")
    assert r.returncode == 0, r.stderr
    go_rows = r.stdout.splitlines()
    bad = [(c, g) for c, g in zip(c_rows, go_rows) if c != g]
    assert len(c_rows) == len(go_rows) == len(fields) and not bad, bad[:5]
    # The seed's bug: LOAD_GLOBAL's index is the 4th cache cell (code[4]), not the 2nd.
    row = next(r for r in go_rows if r.startswith("_PyLoadGlobalCache.index "))
    assert row.split()[1:6] == ["0", "0", "0", "0", str(0x2211)]


def test_load_global_view_in_go(project, tmp_path):
    tree = tmp_path / "go"
    shutil.copytree(project / "tests/go", tree)
    (tree / "specialize/load_global_test.go").write_text('''package specialize

import (
	"testing"

	"gopy.example/gopy/compile"
)

func TestLoadGlobalCells(t *testing.T) {
	code := make([]uint16, 1+LoadGlobalCacheSize+1)
	code[0] = uint16(compile.LOAD_GLOBAL)
	c := NewLoadGlobalCache(code, 0)
	c.SetCounter(1)
	c.SetModuleKeysVersion(2)
	c.SetBuiltinKeysVersion(3)
	c.SetIndex(4)
	want := []uint16{uint16(compile.LOAD_GLOBAL), 1, 2, 3, 4, 0}
	for i := range want {
		if code[i] != want[i] {
			t.Fatalf("code[%d] = %d, want %d (%v)", i, code[i], want[i], code)
		}
	}
	if LoadGlobalCacheSize != 4 || int(compile.Caches[compile.LOAD_GLOBAL]) != LoadGlobalCacheSize {
		t.Fatal("size")
	}
	if c.Index() != 4 || c.ModuleKeysVersion() != 2 {
		t.Fatal("read back")
	}
}
''')
    r = go_run(tree, "test", "./specialize/")
    assert r.returncode == 0, r.stdout + r.stderr


def test_struct_dsl_disagreement_is_refused_naming_both(fresh, tmp_path):
    header = fresh / "inputs/Include/internal/pycore_code.h"
    text = header.read_text()
    swapped = text.replace("    uint16_t module_keys_version;\n    uint16_t builtin_keys_version;\n    uint16_t index;\n",
                           "    uint16_t index;\n    uint16_t module_keys_version[2];\n", 1)
    assert swapped != text
    env = edit_source(fresh, tmp_path / "src", {"Include/internal/pycore_code.h": swapped})
    before = {p: p.read_bytes() for p in (fresh / "tests/go").rglob("*.go")}
    out_before = (fresh / "out/specialize/cache_layouts_gen.go").read_bytes()
    r = doit(fresh, "cache_layouts", env=env)
    assert r.returncode != 0
    err = [l for l in r.stderr.splitlines() if l.startswith("casesgen: error:")]
    assert len(err) == 1, r.stderr
    assert "Python/bytecodes.c:" in err[0] and "_PyLoadGlobalCache" in err[0] and "pycore_code.h:" in err[0], err[0]
    assert "Traceback" not in r.stderr + r.stdout
    assert (fresh / "out/specialize/cache_layouts_gen.go").read_bytes() == out_before
    assert before == {p: p.read_bytes() for p in (fresh / "tests/go").rglob("*.go")}


def test_family_size_disagreement_is_refused(fresh, tmp_path):
    header = fresh / "inputs/Include/internal/pycore_code.h"
    text = header.read_text()
    grown = text.replace("    uint16_t func_version[2];\n} _PyCallCache;", "    uint16_t func_version[2];\n"
                         "    uint16_t extra;\n} _PyCallCache;", 1)
    assert grown != text
    env = edit_source(fresh, tmp_path / "src", {"Include/internal/pycore_code.h": grown})
    r = doit(fresh, "cache_layouts", env=env)
    err = [l for l in r.stderr.splitlines() if l.startswith("casesgen: error:")]
    assert r.returncode != 0 and len(err) == 1, r.stderr
    assert "_PyCallCache is 4 code units" in err[0] and "declares 3 cache code units" in err[0], err[0]
