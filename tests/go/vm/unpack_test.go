package vm

import (
	"testing"

	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// UnpackIterable as UNPACK_SEQUENCE and UNPACK_EX call it: seq was at st[sp-1] and the outputs
// replace it, with top the empty slice just past them (the harness passes st[end:end]), the first
// item on top of the stack. Expectations are CPython 3.14's.

func TestUnpackIterable(t *testing.T) {
	ints := func(xs ...int64) []objects.Object {
		out := make([]objects.Object, len(xs))
		for i, x := range xs {
			out[i] = objects.NewInt(x)
		}
		return out
	}
	lst := func(xs ...int64) objects.Object { return objects.NewList(ints(xs...)...) }
	tests := []struct {
		py            string
		seq           func() objects.Object
		before, after int    // argcnt, argcntafter (-1: UNPACK_SEQUENCE)
		want          string // the stack from the bottom, or the exception
	}{
		{"a, b, c = [1, 2, 3]", func() objects.Object { return lst(1, 2, 3) }, 3, -1, "[3, 2, 1]"},
		{"a, *b, c = [1, 2, 3, 4]", func() objects.Object { return lst(1, 2, 3, 4) }, 1, 1, "[4, [2, 3], 1]"},
		{"*a, b = range(3)", func() objects.Object { r, _ := objects.NewRange(0, 3, 1); return r }, 0, 1, "[2, [0, 1]]"},
		{"a, *b = 'x'", func() objects.Object { return objects.NewStr("x") }, 1, 0, "[[], 'x']"},
		{"a, b, *c = (1, 2)", func() objects.Object { return objects.NewTuple(ints(1, 2)...) }, 2, 0, "[[], 2, 1]"},
		{"a, *b, c, d = iter([1, 2, 3, 4, 5])", func() objects.Object { it, _ := objects.GetIter(lst(1, 2, 3, 4, 5)); return it }, 1, 2,
			"[5, 4, [2, 3], 1]"},
		{"a, b, c = [1, 2]", func() objects.Object { return lst(1, 2) }, 3, -1, "ValueError: not enough values to unpack (expected 3, got 2)"},
		{"a, b = [1, 2, 3]", func() objects.Object { return lst(1, 2, 3) }, 2, -1, "ValueError: too many values to unpack (expected 2, got 3)"},
		{"a, b = {1: 2, 3: 4, 5: 6}", func() objects.Object {
			d := objects.NewDict()
			for _, k := range ints(1, 3, 5) {
				_ = d.Set(k, k)
			}
			return d
		}, 2, -1, "ValueError: too many values to unpack (expected 2, got 3)"},
		{"a, b = iter([1, 2, 3])", func() objects.Object { it, _ := objects.GetIter(lst(1, 2, 3)); return it }, 2, -1,
			"ValueError: too many values to unpack (expected 2)"},
		{"a, b = 1", func() objects.Object { return objects.NewInt(1) }, 2, -1, "TypeError: cannot unpack non-iterable int object"},
		{"a, *b = 1", func() objects.Object { return objects.NewInt(1) }, 1, 0, "TypeError: cannot unpack non-iterable int object"},
		{"a, *b, c = [1]", func() objects.Object { return lst(1) }, 1, 1, "ValueError: not enough values to unpack (expected at least 2, got 1)"},
		{"a, b, *c = iter([1])", func() objects.Object { it, _ := objects.GetIter(lst(1)); return it }, 2, 0,
			"ValueError: not enough values to unpack (expected at least 2, got 1)"},
		{"a, *b, c, d = [1, 2]", func() objects.Object { return lst(1, 2) }, 1, 2, "ValueError: not enough values to unpack (expected at least 3, got 2)"},
	}
	for _, tc := range tests {
		total := tc.before
		if tc.after >= 0 {
			total += 1 + tc.after
		}
		// Below the outputs one slot that must stay as it is; above them none (the empty top has
		// no capacity, the case Go cannot point past) or two (it has).
		for _, spare := range []int{0, 2} {
			st := make([]stackref.Ref, 1+total+spare)
			guard := stackref.FromObject(objects.NewStr("guard"))
			st[0] = guard
			sp := 2 // seq at st[1]
			st[sp-1] = stackref.FromObject(tc.seq())
			e := &Eval{Frame: &Frame{Stack: st}}
			end := sp - 1 + total
			top := st[end:end]
			var got string
			if e.UnpackIterable(e, st[sp-1].AsObject(), tc.before, tc.after, top) == 1 {
				got = unpackShow(objectsOf(st[1:end]), nil)
			} else {
				got = unpackShow(nil, e.takeError())
				for i := 1; i < end; i++ {
					if i != sp-1 && !st[i].IsNull() {
						t.Errorf("%s: slot %d still holds %s after the error", tc.py, i, unpackShow(st[i].AsObject(), nil))
					}
				}
			}
			if got != tc.want {
				t.Errorf("%s (%d spare slots): got %s, want %s", tc.py, spare, got, tc.want)
			}
			if st[0] != guard {
				t.Errorf("%s: the slot below the outputs was overwritten", tc.py)
			}
		}
	}

	// Too many values: CPython pulls one item past argcnt, no more.
	it, _ := objects.GetIter(lst(1, 2, 3, 4))
	st := make([]stackref.Ref, 3)
	e := &Eval{Frame: &Frame{Stack: st}}
	e.UnpackIterable(e, it, 2, -1, st[3:3])
	_ = e.takeError()
	if v, ok, _ := objects.IterNext(it); !ok || unpackShow(v, nil) != "4" {
		t.Errorf("after a, b = iter([1, 2, 3, 4]) fails, next(it) = %v, want 4", v)
	}
}

// unpackShow is the repr of o (a list of the given objects when o is a []objects.Object), or
// "ExceptionName: message" for err.
func unpackShow(o any, err error) string {
	if err != nil {
		if exc, ok := err.(*objects.Exception); ok {
			s, _ := objects.StrOf(exc)
			return exc.Class.Name + ": " + s
		}
		return "Go error: " + err.Error()
	}
	if objs, ok := o.([]objects.Object); ok {
		o = objects.NewList(objs...)
	}
	r, _ := objects.Repr(o.(objects.Object))
	return r
}
