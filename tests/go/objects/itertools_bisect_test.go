package objects

import "testing"

// An islice of an infinite count stops pulling at its stop index, and the count carries on
// from there.
func TestIsliceStopsPullingFromAnInfiniteCount(t *testing.T) {
	c, err := countNew([]Object{NewInt(1)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := isliceNew([]Object{c, NewInt(1), NewInt(6), NewInt(2)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := iterToSlice(s)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := Repr(NewList(got...)); r != "[2, 4, 6]" {
		t.Fatalf("islice(count(1), 1, 6, 2) = %s", r)
	}
	if next, _, _ := IterNext(c); next.(*Int).String() != "7" {
		t.Fatalf("count after the islice gave %v, want 7", next)
	}
	if r, _ := c.(*countIter).repr(); r != "count(8)" {
		t.Fatalf("repr = %s", r)
	}
}

// bisect_right and bisect_left on equal items, and insort placing a new item.
func TestBisectAndInsort(t *testing.T) {
	m := newBisectModule()
	a := NewList(NewInt(1), NewInt(2), NewInt(2), NewInt(5))
	call := func(name string, args ...Object) Object {
		f, err := moduleGetAttr(m, name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Call(f, args, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r, _ := Repr(NewTuple(call("bisect", a, NewInt(2)), call("bisect_left", a, NewInt(2)))); r != "(3, 1)" {
		t.Fatalf("bisect, bisect_left = %s", r)
	}
	call("insort", a, NewInt(3))
	if r, _ := Repr(a); r != "[1, 2, 2, 3, 5]" {
		t.Fatalf("after insort: %s", r)
	}
	if _, err := moduleGetAttr(newItertoolsModule(), "pairwise"); err == nil || err.Error() != "unsupported in the test runtime: itertools.pairwise" {
		t.Fatalf("itertools.pairwise: %v", err)
	}
}
