package vm

import (
	"os"
	"testing"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/specialize"
)

// The adaptive specialization of the generated interpreter on real 3.14 bytecode: an
// instruction warms up and is rewritten into a specialized member of its family, the
// specialized arm runs, and when its guard fails the instruction deoptimizes to the family
// head and still computes the right answer. The corpus is tests/specialize/families.py,
// compiled by CPython 3.14 (CASESGEN_SPECIALIZE_CORPUS names its JSON; tests/test_tier1.py
// sets it).

func loadFamilies(t *testing.T) (*Eval, *objects.Dict) {
	path := os.Getenv("CASESGEN_SPECIALIZE_CORPUS")
	if path == "" {
		t.Skip("CASESGEN_SPECIALIZE_CORPUS is not set: run through tests/test_tier1.py")
	}
	e, globals, err := RunFirst(path)
	if err != nil {
		t.Fatal(err)
	}
	return e, globals
}

func global(t *testing.T, d *objects.Dict, name string) objects.Object {
	v, ok, err := d.Get(objects.NewStr(name))
	if err != nil || !ok {
		t.Fatalf("no global %s", name)
	}
	return v
}

// familyOp is the opcode now at the first instruction of f's code that belongs to head's family.
func familyOp(t *testing.T, f objects.Object, head compile.Opcode) compile.Opcode {
	c := f.(*objects.Function).Code.(*Code)
	for i := 0; i < len(c.Units); i += Size(c, i) {
		op := compile.Opcode(c.Units[i] & 0xff)
		if op == head || specialize.FamilyHead[op] == head {
			return op
		}
	}
	t.Fatalf("no %v instruction", head)
	return 0
}

func call(t *testing.T, e *Eval, f objects.Object, args ...objects.Object) string {
	v, err := e.Call(f, args)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := objects.Repr(v)
	return s
}

func TestSpecializeAndDeopt(t *testing.T) {
	e, g := loadFamilies(t)
	i, fl := objects.NewInt, objects.NewFloat
	list := func(xs ...int64) objects.Object {
		items := make([]objects.Object, len(xs))
		for k, x := range xs {
			items[k] = i(x)
		}
		return objects.NewList(items...)
	}
	rng, _ := objects.NewRange(0, 10, 1)
	cases := []struct {
		fn          string
		head, spec  compile.Opcode
		warm        []objects.Object
		warmResult  string
		other       []objects.Object // arguments the specialized guard refuses
		otherResult string
		change      func() // or a change of the world the guard watches
	}{
		{"add", compile.BINARY_OP, compile.BINARY_OP_ADD_INT, []objects.Object{i(40), i(2)}, "42",
			[]objects.Object{fl(1.5), fl(2)}, "3.5", nil},
		{"less", compile.COMPARE_OP, compile.COMPARE_OP_INT, []objects.Object{i(1), i(2)}, "True",
			[]objects.Object{fl(2.5), i(2)}, "False", nil},
		{"total", compile.FOR_ITER, compile.FOR_ITER_RANGE, []objects.Object{rng}, "45",
			[]objects.Object{list(1, 2, 3)}, "6", nil},
		{"twice", compile.LOAD_GLOBAL, compile.LOAD_GLOBAL_MODULE, nil, "42", nil, "42",
			func() { _ = g.Set(objects.NewStr("NEW_GLOBAL"), objects.None) }},
	}
	for _, c := range cases {
		f := global(t, g, c.fn)
		if op := familyOp(t, f, c.head); op != c.head {
			t.Fatalf("%s: %v before warming up, want %v", c.fn, op, c.head)
		}
		for n := 0; n < 3; n++ {
			if got := call(t, e, f, c.warm...); got != c.warmResult {
				t.Fatalf("%s%v = %s, want %s", c.fn, c.warm, got, c.warmResult)
			}
		}
		if op := familyOp(t, f, c.head); op != c.spec {
			t.Fatalf("%s: %v after warming up, want %v", c.fn, op, c.spec)
		}
		// The specialized arm gives the same answer without a deopt.
		before := e.Deopts
		if got := call(t, e, f, c.warm...); got != c.warmResult || e.Deopts != before {
			t.Fatalf("%s: specialized %s (deopts %d -> %d), want %s", c.fn, got, before, e.Deopts, c.warmResult)
		}
		if c.change != nil {
			c.change()
		}
		if got := call(t, e, f, c.other...); got != c.otherResult {
			t.Fatalf("%s%v = %s after a failed guard, want %s", c.fn, c.other, got, c.otherResult)
		}
		if e.Deopts == before {
			t.Fatalf("%s: the %v guard did not fail", c.fn, c.spec)
		}
		t.Logf("%s: %v -> %v, deopt to %v gave %s", c.fn, c.head, c.spec, c.head, c.otherResult)
	}
}
