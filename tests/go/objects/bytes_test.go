package objects

import (
	"testing"
)

// Rows as in objects_test.go: the Python modelled and CPython 3.14's answer.

func by(s string) *Bytes { return &Bytes{V: s} }

func TestBytes(t *testing.T) {
	tests := []struct {
		py   string
		run  func() (Object, error)
		want string
	}{
		{"b''", func() (Object, error) { return by(""), nil }, "b''"},
		{"b'abc'", func() (Object, error) { return by("abc"), nil }, "b'abc'"},
		{`b"it's"`, func() (Object, error) { return by("it's"), nil }, `b"it's"`},
		{`b'\'"'`, func() (Object, error) { return by(`'"`), nil }, `b'\'"'`},
		{`b'\x00\x7f\x80\xff\t\n\r\\'`, func() (Object, error) { return by("\x00\x7f\x80\xff\t\n\r\\"), nil }, `b'\x00\x7f\x80\xff\t\n\r\\'`},
		{"str(b'a')", func() (Object, error) { s, err := StrOf(by("a")); return st(s), err }, `"b'a'"`},
		{"b'abc'[0]", func() (Object, error) { return GetItem(by("abc"), in(0)) }, "97"},
		{"b'abc'[-1]", func() (Object, error) { return GetItem(by("abc"), in(-1)) }, "99"},
		{"b'abcdef'[1:4]", func() (Object, error) { return GetItem(by("abcdef"), NewSlice(in(1), in(4), nil)) }, "b'bcd'"},
		{"b'abcdef'[::-2]", func() (Object, error) { return GetItem(by("abcdef"), NewSlice(nil, nil, in(-2))) }, "b'fdb'"},
		{"b'abc'[3]", func() (Object, error) { return GetItem(by("abc"), in(3)) }, "IndexError: index out of range"},
		{"b'abc'['x']", func() (Object, error) { return GetItem(by("abc"), st("x")) }, "TypeError: byte indices must be integers or slices, not str"},
		{"list(b'hi')", func() (Object, error) { return callBuiltin("list", by("hi")) }, "[104, 105]"},
		{"len(b'abc')", func() (Object, error) { return callBuiltin("len", by("abc")) }, "3"},
		{"b'ab' + b'cd'", func() (Object, error) { return BinaryOp(by("ab"), by("cd"), NB_ADD) }, "b'abcd'"},
		{"b'ab' * 3", func() (Object, error) { return BinaryOp(by("ab"), in(3), NB_MULTIPLY) }, "b'ababab'"},
		{"3 * b'ab'", func() (Object, error) { return BinaryOp(in(3), by("ab"), NB_MULTIPLY) }, "b'ababab'"},
		{"b'a' + 'x'", func() (Object, error) { return BinaryOp(by("a"), st("x"), NB_ADD) }, "TypeError: can't concat str to bytes"},
		{"'x' + b'a'", func() (Object, error) { return BinaryOp(st("x"), by("a"), NB_ADD) }, `TypeError: can only concatenate str (not "bytes") to str`},
		{"b'a' + 1", func() (Object, error) { return BinaryOp(by("a"), in(1), NB_ADD) }, "TypeError: can't concat int to bytes"},
		{"1 + b'a'", func() (Object, error) { return BinaryOp(in(1), by("a"), NB_ADD) }, "TypeError: unsupported operand type(s) for +: 'int' and 'bytes'"},
		{"b'ab' == b'ab'", func() (Object, error) { return RichCompare(by("ab"), by("ab"), EQ) }, "True"},
		{"b'ab' < b'b'", func() (Object, error) { return RichCompare(by("ab"), by("b"), LT) }, "True"},
		{"b'ab' == 'ab'", func() (Object, error) { return RichCompare(by("ab"), st("ab"), EQ) }, "False"},
		{"b'a' < 'a'", func() (Object, error) { return RichCompare(by("a"), st("a"), LT) }, "TypeError: '<' not supported between instances of 'bytes' and 'str'"},
		{"98 in b'abc'", func() (Object, error) { return orBool(Contains(by("abc"), in(98))) }, "True"},
		{"b'bc' in b'abc'", func() (Object, error) { return orBool(Contains(by("abc"), by("bc"))) }, "True"},
		{"b'' in b'abc'", func() (Object, error) { return orBool(Contains(by("abc"), by(""))) }, "True"},
		{"'a' in b'abc'", func() (Object, error) { return orBool(Contains(by("abc"), st("a"))) }, "TypeError: a bytes-like object is required, not 'str'"},
		{"256 in b'a'", func() (Object, error) { return orBool(Contains(by("a"), in(256))) }, "ValueError: byte must be in range(0, 256)"},
		{"bool(b'')", func() (Object, error) { return callBuiltin("bool", by("")) }, "False"},
		{"hash(b'abc') == hash('abc')", func() (Object, error) {
			a, _ := Hash(by("abc"))
			b, _ := Hash(st("abc"))
			return Bool(a == b), nil
		}, "True"},
		{"del b'a'[0]", func() (Object, error) { return None, DelItem(by("a"), in(0)) }, "TypeError: 'bytes' object doesn't support item deletion"},
		{"bytes()", func() (Object, error) { return callBuiltin("bytes") }, "b''"},
		{"bytes(3)", func() (Object, error) { return callBuiltin("bytes", in(3)) }, `b'\x00\x00\x00'`},
		{"bytes([65, 66])", func() (Object, error) { return callBuiltin("bytes", lst(in(65), in(66))) }, "b'AB'"},
		{"bytes('é', 'utf-8')", func() (Object, error) { return callBuiltin("bytes", st("é"), st("utf-8")) }, `b'\xc3\xa9'`},
		{"bytes('a')", func() (Object, error) { return callBuiltin("bytes", st("a")) }, "TypeError: string argument without an encoding"},
		{"bytes([256])", func() (Object, error) { return callBuiltin("bytes", lst(in(256))) }, "ValueError: bytes must be in range(0, 256)"},
		{"bytes(-1)", func() (Object, error) { return callBuiltin("bytes", in(-1)) }, "ValueError: negative count"},
		{"bytes(1.5)", func() (Object, error) { return callBuiltin("bytes", fl(1.5)) }, "TypeError: cannot convert 'float' object to bytes"},
		{"bytes(['a'])", func() (Object, error) { return callBuiltin("bytes", lst(st("a"))) }, "TypeError: 'str' object cannot be interpreted as an integer"},
		{"type(iter(b''))", func() (Object, error) { it, err := GetIter(by("")); return it.Type(), err }, "<class 'bytes_iterator'>"},
	}
	for _, tc := range tests {
		if got := show(tc.run()); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
}

// orBool wraps a Go bool result as a Python bool, keeping the error.
func orBool(b bool, err error) (Object, error) {
	if err != nil {
		return nil, err
	}
	return Bool(b), nil
}

func TestEllipsis(t *testing.T) {
	e, ok, _ := Builtins().Get(st("Ellipsis"))
	if !ok || !Is(e, Ellipsis) {
		t.Fatalf("builtins Ellipsis is not the singleton: %v", e)
	}
	if got := show(Ellipsis, nil); got != "Ellipsis" {
		t.Errorf("repr(...): %s", got)
	}
	if got := show(Ellipsis.Type(), nil); got != "<class 'ellipsis'>" {
		t.Errorf("type(...): %s", got)
	}
	if got := show(RichCompare(Ellipsis, EllipsisObject{}, EQ)); got != "True" {
		t.Errorf("... == ...: %s", got)
	}
	if got := show(tup(Ellipsis, NewSlice(in(1), nil, nil)), nil); got != "(Ellipsis, slice(1, None, None))" {
		t.Errorf("(..., slice(1, None)): %s", got)
	}
}
