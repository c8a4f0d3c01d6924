package objects

import (
	"testing"
)

// As in objects_test.go, each row carries the Python it models and CPython 3.14's answer. The
// orders are CPython's: a set of ints iterates in the order of its hash table, which the same
// algorithm reproduces (ints hash alike in both; strs do not, and CPython randomises them).

// pyset is set([xs...]); pyfrozenset is frozenset([xs...]); pyrange is range(a, b, c).
func pyset(xs ...Object) *Set {
	s, err := NewSet(NewList(xs...))
	if err != nil {
		panic(err)
	}
	return s
}

func pyfrozenset(xs ...Object) *Set {
	s, err := NewFrozenSet(NewList(xs...))
	if err != nil {
		panic(err)
	}
	return s
}

func pyrange(a, b, c int64) Object {
	r, err := NewRange(a, b, c)
	if err != nil {
		panic(err)
	}
	return r
}

func setOf(o Object) *Set {
	s, err := NewSet(o)
	if err != nil {
		panic(err)
	}
	return s
}

func ints(xs ...int64) []Object {
	out := make([]Object, len(xs))
	for i, x := range xs {
		out[i] = in(x)
	}
	return out
}

func TestSetOrder(t *testing.T) {
	tests := []struct {
		py   string
		o    Object
		want string
	}{
		{"set([3, 1, 2])", pyset(ints(3, 1, 2)...), "{1, 2, 3}"},
		// 8 and 16 collide in the 8-slot table; the linear probe puts 16 next, and 1 after it.
		{"set([100, 8, 16, 1])", pyset(ints(100, 8, 16, 1)...), "{8, 16, 100, 1}"},
		{"set([1, 9, 17, 25])", pyset(ints(1, 9, 17, 25)...), "{1, 25, 9, 17}"},
		{"set([25, 17, 9, 1])", pyset(ints(25, 17, 9, 1)...), "{25, 1, 17, 9}"},
		{"set([-1, -2, 5, -7])", pyset(ints(-1, -2, 5, -7)...), "{-7, 5, -1, -2}"},
		{"set([1.5, 2.5, 0.1, -0.5])", pyset(fl(1.5), fl(2.5), fl(0.1), fl(-0.5)), "{0.1, 1.5, 2.5, -0.5}"},
		{"set([1, 1.0, True])", pyset(in(1), fl(1), True), "{1}"},
		{"set([2**61, 2**62, 5, 2**61+5])", pyset(bigInt("2305843009213693952"), bigInt("4611686018427387904"), in(5), bigInt("2305843009213693957")),
			"{2305843009213693952, 4611686018427387904, 5, 2305843009213693957}"},
		// hash(None) is 4238894112 since 3.12, a multiple of 8: None takes slot 0 before 0 does.
		{"set([None, 0, 1])", pyset(None, in(0), in(1)), "{None, 0, 1}"},
		{"set(range(0, 200, 7))", setOf(pyrange(0, 200, 7)),
			"{0, 133, 7, 140, 14, 147, 21, 154, 28, 161, 35, 168, 42, 175, 49, 182, 56, 189, 63, 196, 70, 77, 84, 91, 98, 105, 112, 119, 126}"},
		{"set(range(50, 0, -3))", setOf(pyrange(50, 0, -3)), "{32, 2, 35, 5, 38, 8, 41, 11, 44, 14, 47, 17, 50, 20, 23, 26, 29}"},
		{"set({5: 1, 3: 2, 13: 3})", setOf(dict(in(5), in(1), in(3), in(2), in(13), in(3))), "{13, 3, 5}"},
		{"set([frozenset([1]), frozenset([2, 3])])", pyset(pyfrozenset(in(1)), pyfrozenset(in(2), in(3))), "{frozenset({1}), frozenset({2, 3})}"},
		// Tuples hash as in CPython (its xxHash-based tuple hash), so sets of them iterate alike.
		{"set([(0, 0), (0, 1), (1, 0), (1, 1), (2, 5)])", pyset(tup(in(0), in(0)), tup(in(0), in(1)), tup(in(1), in(0)), tup(in(1), in(1)), tup(in(2), in(5))),
			"{(0, 1), (0, 0), (1, 1), (1, 0), (2, 5)}"},
		// {(0, 0), ...} as a literal: SET_UPDATE merges the frozenset constant into a smaller table.
		{"set(frozenset([(0, 0), (0, 1), (1, 0), (1, 1), (2, 5)]))",
			setOf(pyfrozenset(tup(in(0), in(0)), tup(in(0), in(1)), tup(in(1), in(0)), tup(in(1), in(1)), tup(in(2), in(5)))),
			"{(0, 1), (0, 0), (1, 0), (1, 1), (2, 5)}"},
		{"set([3j, 2j, 1+1j])  (hash(3j) % 8 == 1, hash(1+1j) % 8 == 4, hash(2j) % 8 == 6)", pyset(NewComplex(0, 3), NewComplex(0, 2), NewComplex(1, 1)), "{3j, (1+1j), 2j}"},
		{"set()", pyset(), "set()"},
		{"frozenset()", pyfrozenset(), "frozenset()"},
		{"frozenset([2, 1])", pyfrozenset(in(2), in(1)), "frozenset({1, 2})"},
	}
	for _, tc := range tests {
		if got := show(tc.o, nil); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
}

func TestSetOperations(t *testing.T) {
	call := func(o Object, name string, args ...any) func() (Object, error) {
		return func() (Object, error) { return callMethod(o, name, args...) }
	}
	binop := func(a, b Object, op int) func() (Object, error) {
		return func() (Object, error) { return BinaryOp(a, b, op) }
	}
	cmp := func(a, b Object, op int) func() (Object, error) {
		return func() (Object, error) { return RichCompare(a, b, op) }
	}
	then := func(steps ...func() (Object, error)) func() (Object, error) {
		return func() (Object, error) {
			var r Object
			var err error
			for _, s := range steps {
				if r, err = s(); err != nil {
					return nil, err
				}
			}
			return r, nil
		}
	}
	same := func(o Object) func() (Object, error) { return func() (Object, error) { return o, nil } }
	s10 := func() *Set { return setOf(pyrange(0, 10, 1)) }
	churn := s10()
	pops := pyset(ints(5, 3, 9)...)
	popAll := s10()
	ior := pyset(in(1), in(2))
	ixor := pyset(ints(1, 2, 3)...)
	iand := pyset(ints(1, 2, 3, 9)...)
	isub := pyset(ints(1, 2, 3)...)
	frozen := pyfrozenset(in(1))
	tests := []struct {
		py   string
		run  func() (Object, error)
		want string
	}{
		{"s = set(range(10)); s.discard(3); s.add(11); s.add(19); s", then(call(churn, "discard", in(3)), call(churn, "add", in(11)),
			call(churn, "add", in(19)), same(churn)), "{0, 1, 2, 4, 5, 6, 7, 8, 9, 11, 19}"},
		{"s = {5, 3, 9}; s.pop()", call(pops, "pop"), "9"},
		{"... s.pop()  (the finger moves on)", call(pops, "pop"), "3"},
		{"... s", same(pops), "{5}"},
		{"s = set(range(10)); [s.pop() for _ in range(3)][-1]", then(call(popAll, "pop"), call(popAll, "pop"), call(popAll, "pop")), "2"},
		{"set().pop()", call(pyset(), "pop"), "KeyError: 'pop from an empty set'"},
		{"{1}.remove(2)", call(pyset(in(1)), "remove", in(2)), "KeyError: 2"},
		{"{1}.discard(2)", call(pyset(in(1)), "discard", in(2)), "None"},
		{"{frozenset({1})}.remove({1})", call(pyset(pyfrozenset(in(1))), "remove", pyset(in(1))), "None"},
		{"{1}.add([])", call(pyset(in(1)), "add", lst()), "TypeError: cannot use 'list' as a set element (unhashable type: 'list')"},
		{"{1}.add(([],))", call(pyset(in(1)), "add", tup(lst())), "TypeError: cannot use 'tuple' as a set element (unhashable type: 'list')"},
		{"set([[]])", func() (Object, error) { return orNil(NewSet(lst(lst()))) }, "TypeError: cannot use 'list' as a set element (unhashable type: 'list')"},
		{"set(range(10)) ^ set(range(5, 15))", binop(s10(), setOf(pyrange(5, 15, 1)), NB_XOR), "{0, 1, 2, 3, 4, 10, 11, 12, 13, 14}"},
		{"{1, 9, 17} ^ {25, 9, 33}", binop(pyset(ints(1, 9, 17)...), pyset(ints(25, 9, 33)...), NB_XOR), "{25, 1, 17, 33}"},
		{"{1, 9} | {17, 25, 2}", binop(pyset(ints(1, 9)...), pyset(ints(17, 25, 2)...), NB_OR), "{1, 17, 2, 9, 25}"},
		{"set(range(0, 40, 3)) & set(range(0, 40, 2))", binop(setOf(pyrange(0, 40, 3)), setOf(pyrange(0, 40, 2)), NB_AND), "{0, 36, 6, 12, 18, 24, 30}"},
		{"set(range(0, 40, 3)) - set(range(0, 40, 2))", binop(setOf(pyrange(0, 40, 3)), setOf(pyrange(0, 40, 2)), NB_SUBTRACT), "{33, 3, 39, 9, 15, 21, 27}"},
		{"frozenset({1, 2}) | {3}", binop(pyfrozenset(in(1), in(2)), pyset(in(3)), NB_OR), "frozenset({1, 2, 3})"},
		{"{3} | frozenset({1, 2})", binop(pyset(in(3)), pyfrozenset(in(1), in(2)), NB_OR), "{1, 2, 3}"},
		{"{1} | [2]", binop(pyset(in(1)), lst(in(2)), NB_OR), "TypeError: unsupported operand type(s) for |: 'set' and 'list'"},
		{"{1} + {2}", binop(pyset(in(1)), pyset(in(2)), NB_ADD), "TypeError: unsupported operand type(s) for +: 'set' and 'set'"},
		{"[1] * {1}", binop(lst(in(1)), pyset(in(1)), NB_MULTIPLY), "TypeError: can't multiply sequence by non-int of type 'set'"},
		{"s = {1, 2}; s |= {3}; s", binop(ior, pyset(in(3)), NB_INPLACE_OR), "{1, 2, 3}"},
		{"s ^= {3, 4}", binop(ixor, pyset(in(3), in(4)), NB_INPLACE_XOR), "{1, 2, 4}"},
		{"s &= {9, 2, 3, 7}", binop(iand, pyset(ints(9, 2, 3, 7)...), NB_INPLACE_AND), "{9, 2, 3}"},
		{"s -= {2}", binop(isub, pyset(in(2)), NB_INPLACE_SUBTRACT), "{1, 3}"},
		{"s |= [1]", binop(pyset(), lst(in(1)), NB_INPLACE_OR), "TypeError: unsupported operand type(s) for |=: 'set' and 'list'"},
		{"f = frozenset({1}); f |= {2}  (a new frozenset)", binop(frozen, pyset(in(2)), NB_INPLACE_OR), "frozenset({1, 2})"},
		{"set(range(20)).difference([1, 2, 3])", call(setOf(pyrange(0, 20, 1)), "difference", lst(ints(1, 2, 3)...)),
			"{0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}"},
		{"{1, 2}.union([9, 17, 3], (33,))", call(pyset(in(1), in(2)), "union", lst(ints(9, 17, 3)...), tup(in(33))), "{1, 2, 3, 33, 9, 17}"},
		{"{1, 2, 3}.intersection([3, 1], (1, 5))", call(pyset(ints(1, 2, 3)...), "intersection", lst(in(3), in(1)), tup(in(1), in(5))), "{1}"},
		{"{1}.intersection([[]])", call(pyset(in(1)), "intersection", lst(lst())), "TypeError: unhashable type: 'list'"},
		{"{1}.difference([[]])", call(pyset(in(1)), "difference", lst(lst())), "TypeError: cannot use 'list' as a set element (unhashable type: 'list')"},
		{"{1, 2}.issubset([1, 2, 3])", call(pyset(in(1), in(2)), "issubset", lst(ints(1, 2, 3)...)), "True"},
		{"{1, 2}.issuperset([2])", call(pyset(in(1), in(2)), "issuperset", lst(in(2))), "True"},
		{"{1, 2}.issuperset(range(3))", call(pyset(in(1), in(2)), "issuperset", pyrange(0, 3, 1)), "False"},
		{"{1, 2}.isdisjoint([3, 4])", call(pyset(in(1), in(2)), "isdisjoint", lst(in(3), in(4))), "True"},
		{"{1, 2}.isdisjoint({2})", call(pyset(in(1), in(2)), "isdisjoint", pyset(in(2))), "False"},
		{"{1}.copy()", call(pyset(in(1)), "copy"), "{1}"},
		{"{1}.update([2], (3,)) ", call(pyset(in(1)), "update", lst(in(2)), tup(in(3))), "None"},
		{"{1}.add(1, 2)", call(pyset(in(1)), "add", in(1), in(2)), "TypeError: set.add() takes exactly one argument (2 given)"},
		{"{1}.pop(0)", call(pyset(in(1)), "pop", in(0)), "TypeError: set.pop() takes no arguments (1 given)"},
		{"frozenset({1}).add(2)", call(pyfrozenset(in(1)), "add", in(2)), "AttributeError: 'frozenset' object has no attribute 'add'"},
		{"{1, 2} < {1, 2, 3}", cmp(pyset(in(1), in(2)), pyset(ints(1, 2, 3)...), LT), "True"},
		{"{1, 2} < {1, 2}", cmp(pyset(in(1), in(2)), pyset(in(1), in(2)), LT), "False"},
		{"{1, 2} <= {1, 2}", cmp(pyset(in(1), in(2)), pyset(in(1), in(2)), LE), "True"},
		{"{1, 4} > {1}", cmp(pyset(in(1), in(4)), pyset(in(1)), GT), "True"},
		{"{1, 4} >= {5}", cmp(pyset(in(1), in(4)), pyset(in(5)), GE), "False"},
		{"{1, 2} == frozenset({2, 1.0})", cmp(pyset(in(1), in(2)), pyfrozenset(in(2), fl(1)), EQ), "True"},
		{"{1} != {2}", cmp(pyset(in(1)), pyset(in(2)), NE), "True"},
		{"{1} == [1]", cmp(pyset(in(1)), lst(in(1)), EQ), "False"},
		{"{1} < [1]", cmp(pyset(in(1)), lst(in(1)), LT), "TypeError: '<' not supported between instances of 'set' and 'list'"},
		{"set.__hash__ is None: hash({1})", func() (Object, error) { h, err := Hash(pyset(in(1))); return NewInt(h), err }, "TypeError: unhashable type: 'set'"},
		{"{frozenset({1, 2}): 'x'}[frozenset({2, 1})]", func() (Object, error) {
			return GetItem(dict(pyfrozenset(in(1), in(2)), st("x")), pyfrozenset(in(2), in(1)))
		}, "'x'"},
		{"frozenset(f) is f", func() (Object, error) {
			r, err := callBuiltin("frozenset", frozen)
			return Bool(r == Object(frozen)), err
		}, "True"},
		{"frozenset({1}).copy() is f", func() (Object, error) {
			r, err := callMethod(frozen, "copy")
			return Bool(r == Object(frozen)), err
		}, "True"},
		{"set([1], [2])", func() (Object, error) { return callBuiltin("set", lst(in(1)), lst(in(2))) }, "TypeError: set expected at most 1 argument, got 2"},
		{"sorted(set(range(10)) - {2, 4})", func() (Object, error) {
			d, err := BinaryOp(s10(), pyset(in(2), in(4)), NB_SUBTRACT)
			if err != nil {
				return nil, err
			}
			return callBuiltin("sorted", d)
		}, "[0, 1, 3, 5, 6, 7, 8, 9]"},
	}
	for _, tc := range tests {
		if got := show(tc.run()); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
}

func TestSetContainsLenIter(t *testing.T) {
	s := pyset(ints(1, 2, 3)...)
	contains := []struct {
		py   string
		x    Object
		want string
	}{
		{"2 in {1, 2, 3}", in(2), "True"},
		{"2.0 in {1, 2, 3}", fl(2), "True"},
		{"4 in {1, 2, 3}", in(4), "False"},
		{"[] in {1, 2, 3}", lst(), "TypeError: cannot use 'list' as a set element (unhashable type: 'list')"},
	}
	for _, tc := range contains {
		b, err := Contains(s, tc.x)
		if got := show(Bool(b), err); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
	if b, err := Contains(pyset(pyfrozenset(in(1))), pyset(in(1))); !b || err != nil {
		t.Errorf("{1} in {frozenset({1})}: got %v %v, want True", b, err)
	}
	if n, _ := Len(s); n != 3 {
		t.Errorf("len({1, 2, 3}) = %d", n)
	}
	if tr, _ := Truthy(pyset()); tr {
		t.Errorf("bool(set()) is True")
	}
	// for x in s: s.add(x + 10)  ->  RuntimeError after the first item
	it, _ := GetIter(s)
	if show(it.Type(), nil) != "<class 'set_iterator'>" {
		t.Errorf("type(iter(set())): %s", show(it.Type(), nil))
	}
	first, _, _ := IterNext(it)
	_ = s.Add(IntAdd(first.(*Int), NewInt(10)))
	if _, _, err := IterNext(it); show(nil, err) != "RuntimeError: Set changed size during iteration" {
		t.Errorf("mutation during iteration: %s", show(nil, err))
	}
}

func TestFrozensetHash(t *testing.T) {
	odd := setOf(pyrange(0, 20, 1))
	for i := int64(0); i < 20; i += 2 {
		if _, err := callMethod(odd, "discard", in(i)); err != nil {
			t.Fatal(err)
		}
	}
	oddFrozen, _ := NewFrozenSet(odd)
	tests := []struct {
		py   string
		o    Object
		want int64
	}{
		{"hash(frozenset())", pyfrozenset(), 133146708735736},
		{"hash(frozenset([1, 2, 3]))", pyfrozenset(ints(1, 2, 3)...), -272375401224217160},
		{"hash(frozenset(range(100)))", func() Object { f, _ := NewFrozenSet(pyrange(0, 100, 1)); return f }(), 4411996150312757951},
		{"hash(frozenset(s)) for the odd numbers below 20, s having had its evens discarded", oddFrozen, 6779716211069708554},
		{"hash(frozenset([frozenset([1]), frozenset([2, 3])]))", pyfrozenset(pyfrozenset(in(1)), pyfrozenset(in(2), in(3))), -7613823993159379898},
		{"hash(frozenset([1]))", pyfrozenset(in(1)), -558064481276695278},
	}
	for _, tc := range tests {
		if h, err := Hash(tc.o); err != nil || h != tc.want {
			t.Errorf("%s: got %d %v, want %d", tc.py, h, err, tc.want)
		}
	}
	// A set with dummies hashes like the frozenset of its elements (the fallback of `in`).
	if odd.computeHash() != 6779716211069708554 {
		t.Errorf("hash of a set with dummy entries: %d", odd.computeHash())
	}
}

func TestHashMatchesCPython(t *testing.T) {
	tests := []struct {
		py   string
		o    Object
		want int64
	}{
		{"hash(())", tup(), 5740354900026072187},
		{"hash((1, 2))", tup(in(1), in(2)), -3550055125485641917},
		{"hash(((1, 2), 3))", tup(tup(in(1), in(2)), in(3)), -333907151259015829},
		{"hash(slice(1, 2, 3))", NewSlice(in(1), in(2), in(3)), -2340833382717974474},
		{"hash(slice(None, 5, None))", NewSlice(nil, in(5), nil), 1765991802173826621},
		{"hash(range(0))", pyrange(0, 0, 1), 2676694398852732306},
		{"hash(range(3, 4))", pyrange(3, 4, 1), 3985224588053030672},
		{"hash(range(0, 10, 2))", pyrange(0, 10, 2), -6143170332311272345},
	}
	for _, tc := range tests {
		if h, err := Hash(tc.o); err != nil || h != tc.want {
			t.Errorf("%s: got %d %v, want %d", tc.py, h, err, tc.want)
		}
	}
}
