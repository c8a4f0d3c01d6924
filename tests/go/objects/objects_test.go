package objects

import (
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"
)

// Every table row carries the Python 3.14 source it models (py) and the
// result CPython 3.14 prints for it: the repr of the value, or
// "ExceptionName: message". The py column documents the case and lets the
// expectations be re-checked against a real interpreter.

func in(v int64) Object       { return NewInt(v) }
func fl(v float64) Object     { return NewFloat(v) }
func st(v string) Object      { return NewStr(v) }
func tup(xs ...Object) Object { return NewTuple(xs...) }
func lst(xs ...Object) Object { return NewList(xs...) }

func bigInt(s string) Object {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return NewIntFromBig(v)
}

func dict(kv ...Object) *Dict {
	d := NewDict()
	for i := 0; i < len(kv); i += 2 {
		if err := d.Set(kv[i], kv[i+1]); err != nil {
			panic(err)
		}
	}
	return d
}

// show renders a result the way the py column's expectation is written.
func show(o Object, err error) string {
	if err != nil {
		if e, ok := err.(*Exception); ok {
			return e.Class.Name + ": " + exceptionStr(e)
		}
		return "Go error: " + err.Error()
	}
	r, err := Repr(o)
	if err != nil {
		return show(nil, err)
	}
	return r
}

func TestBinaryOp(t *testing.T) {
	two100 := bigInt("1267650600228229401496703205376")
	tests := []struct {
		py   string
		a, b Object
		op   int
		want string
	}{
		// Floor division and modulo round toward negative infinity.
		{"7 // -2", in(7), in(-2), NB_FLOOR_DIVIDE, "-4"},
		{"-7 // 2", in(-7), in(2), NB_FLOOR_DIVIDE, "-4"},
		{"7 % -2", in(7), in(-2), NB_REMAINDER, "-1"},
		{"-7 % 2", in(-7), in(2), NB_REMAINDER, "1"},
		{"-7.5 // 2", fl(-7.5), in(2), NB_FLOOR_DIVIDE, "-4.0"},
		{"-7.5 % 2", fl(-7.5), in(2), NB_REMAINDER, "0.5"},
		{"7.5 % -2", fl(7.5), in(-2), NB_REMAINDER, "-0.5"},
		{"0.0 % -5", fl(0), in(-5), NB_REMAINDER, "-0.0"},
		{"-5 % float('inf')", in(-5), fl(math.Inf(1)), NB_REMAINDER, "inf"},
		{"1 // 0", in(1), in(0), NB_FLOOR_DIVIDE, "ZeroDivisionError: division by zero"},
		{"1 % 0", in(1), in(0), NB_REMAINDER, "ZeroDivisionError: division by zero"},
		{"1.0 / 0", fl(1), in(0), NB_TRUE_DIVIDE, "ZeroDivisionError: division by zero"},
		{"1 % 0.0", in(1), fl(0), NB_REMAINDER, "ZeroDivisionError: division by zero"},
		// int / int is a correctly rounded float.
		{"7 / 2", in(7), in(2), NB_TRUE_DIVIDE, "3.5"},
		{"1 / 3", in(1), in(3), NB_TRUE_DIVIDE, "0.3333333333333333"},
		{"10**20 / 3", bigInt("100000000000000000000"), in(3), NB_TRUE_DIVIDE, "3.333333333333333e+19"},
		// Overflow into big ints.
		{"2 ** 100", in(2), in(100), NB_POWER, "1267650600228229401496703205376"},
		{"(-2) ** 63", in(-2), in(63), NB_POWER, "-9223372036854775808"},
		{"(-2) ** 64", in(-2), in(64), NB_POWER, "18446744073709551616"},
		{"2**63 - 1 + 1", in(math.MaxInt64), in(1), NB_ADD, "9223372036854775808"},
		{"-2**63 - 1", in(math.MinInt64), in(1), NB_SUBTRACT, "-9223372036854775809"},
		{"2**62 * 4", in(1 << 62), in(4), NB_MULTIPLY, "18446744073709551616"},
		{"-2**63 // -1", in(math.MinInt64), in(-1), NB_FLOOR_DIVIDE, "9223372036854775808"},
		{"1 << 70", in(1), in(70), NB_LSHIFT, "1180591620717411303424"},
		{"2**100 >> 99", two100, in(99), NB_RSHIFT, "2"},
		{"-2**100 >> 99", bigInt("-1267650600228229401496703205376"), in(99), NB_RSHIFT, "-2"},
		{"-1 >> 100", in(-1), in(100), NB_RSHIFT, "-1"},
		{"2**100 - 2**100", two100, two100, NB_SUBTRACT, "0"},
		{"-5 & (2**70 + 3)", in(-5), bigInt("1180591620717411303427"), NB_AND, "1180591620717411303427"},
		{"-5 | 2**70", in(-5), bigInt("1180591620717411303424"), NB_OR, "-5"},
		{"5 ^ -3", in(5), in(-3), NB_XOR, "-8"},
		{"1 << -1", in(1), in(-1), NB_LSHIFT, "ValueError: negative shift count"},
		{"1 << 2**64", in(1), bigInt("18446744073709551616"), NB_LSHIFT, "OverflowError: too many digits in integer"},
		// ** with a negative exponent, and float corner cases.
		{"2 ** -1", in(2), in(-1), NB_POWER, "0.5"},
		{"3 ** -2", in(3), in(-2), NB_POWER, "0.1111111111111111"},
		{"0 ** -1", in(0), in(-1), NB_POWER, "ZeroDivisionError: zero to a negative power"},
		{"0 ** 0", in(0), in(0), NB_POWER, "1"},
		{"2 ** 0.5", in(2), fl(0.5), NB_POWER, "1.4142135623730951"},
		// Correctly rounded like C's pow (Go's math.Pow is an ulp off here).
		{"2.953934425049706 ** 3.3218375847104458", fl(2.953934425049706), fl(3.3218375847104458), NB_POWER, "36.5254204385989"},
		{"8.522712781878788 ** -0.09797802326333027", fl(8.522712781878788), fl(-0.09797802326333027), NB_POWER, "0.8106321452304068"},
		{"6.410510531694701 ** 4", fl(6.410510531694701), in(4), NB_POWER, "1688.7698704398842"},
		{"210991001049566919637 ** -3", bigInt("210991001049566919637"), in(-3), NB_POWER, "1.0646532937882795e-61"},
		{"(-2.0) ** 3", fl(-2), in(3), NB_POWER, "-8.0"},
		{"(-8.0) ** (1/3)  (a complex)", fl(-8), fl(1.0 / 3), NB_POWER, "(1.0000000000000002+1.7320508075688772j)"},
		{"2.0 ** 10000", fl(2), in(10000), NB_POWER, "OverflowError: (34, 'Numerical result out of range')"},
		{"10**400 + 1.0", NewIntFromBig(new(big.Int).Exp(big.NewInt(10), big.NewInt(400), nil)), fl(1), NB_ADD, "OverflowError: int too large to convert to float"},
		// bool is an int subclass.
		{"True + 1", True, in(1), NB_ADD, "2"},
		{"True + True", True, True, NB_ADD, "2"},
		{"True * 2.5", True, fl(2.5), NB_MULTIPLY, "2.5"},
		{"True / 2", True, in(2), NB_TRUE_DIVIDE, "0.5"},
		{"True & False", True, False, NB_AND, "False"},
		{"True ^ True", True, True, NB_XOR, "False"},
		{"True | 2", True, in(2), NB_OR, "3"},
		{"True << 3", True, in(3), NB_LSHIFT, "8"},
		// Sequences.
		{"'a' + 'b'", st("a"), st("b"), NB_ADD, "'ab'"},
		{"'ab' * 3", st("ab"), in(3), NB_MULTIPLY, "'ababab'"},
		{"3 * 'ab'", in(3), st("ab"), NB_MULTIPLY, "'ababab'"},
		{"'a' * True", st("a"), True, NB_MULTIPLY, "'a'"},
		{"[1] * -1", lst(in(1)), in(-1), NB_MULTIPLY, "[]"},
		{"[1, 2] + [3]", lst(in(1), in(2)), lst(in(3)), NB_ADD, "[1, 2, 3]"},
		{"(1,) * 2", tup(in(1)), in(2), NB_MULTIPLY, "(1, 1)"},
		{"(1,) + (2,)", tup(in(1)), tup(in(2)), NB_ADD, "(1, 2)"},
		// Error messages.
		{"1 + 'a'", in(1), st("a"), NB_ADD, "TypeError: unsupported operand type(s) for +: 'int' and 'str'"},
		{"'a' + 1", st("a"), in(1), NB_ADD, `TypeError: can only concatenate str (not "int") to str`},
		{"[1] + 1", lst(in(1)), in(1), NB_ADD, `TypeError: can only concatenate list (not "int") to list`},
		{"'a' * 'b'", st("a"), st("b"), NB_MULTIPLY, "TypeError: can't multiply sequence by non-int of type 'str'"},
		{"1.5 * 'a'", fl(1.5), st("a"), NB_MULTIPLY, "TypeError: can't multiply sequence by non-int of type 'float'"},
		{"1 ** 'a'", in(1), st("a"), NB_POWER, "TypeError: unsupported operand type(s) for ** or pow(): 'int' and 'str'"},
		{"x = 1; x **= 'a'", in(1), st("a"), NB_INPLACE_POWER, "TypeError: unsupported operand type(s) for **=: 'int' and 'str'"},
		{"x = 1; x += 'a'", in(1), st("a"), NB_INPLACE_ADD, "TypeError: unsupported operand type(s) for +=: 'int' and 'str'"},
		{"1.5 & 1", fl(1.5), in(1), NB_AND, "TypeError: unsupported operand type(s) for &: 'float' and 'int'"},
		{"None + 1", None, in(1), NB_ADD, "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'"},
		{"1 @ 2", in(1), in(2), NB_MATRIX_MULTIPLY, "TypeError: unsupported operand type(s) for @: 'int' and 'int'"},
		// In-place forms fall back to the binary operation...
		{"x = 5; x -= 7", in(5), in(7), NB_INPLACE_SUBTRACT, "-2"},
		{"x = (1,); x += (2,)", tup(in(1)), tup(in(2)), NB_INPLACE_ADD, "(1, 2)"},
		// ...except list +=, which takes any iterable.
		{"x = [1]; x += (2,)", lst(in(1)), tup(in(2)), NB_INPLACE_ADD, "[1, 2]"},
		{"x = [1]; x += 1", lst(in(1)), in(1), NB_INPLACE_ADD, "TypeError: 'int' object is not iterable"},
		{"x = [1]; x *= 2", lst(in(1)), in(2), NB_INPLACE_MULTIPLY, "[1, 1]"},
		// BINARY_OP also does subscripts.
		{"[10, 20][-1]", lst(in(10), in(20)), in(-1), NB_SUBSCR, "20"},
	}
	for _, tc := range tests {
		if got := show(BinaryOp(tc.a, tc.b, tc.op)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
}

func TestInplaceListIsSameObject(t *testing.T) {
	l := NewList(in(1))
	r, err := BinaryOp(l, tup(in(2)), NB_INPLACE_ADD)
	if err != nil || r != Object(l) || len(l.Items) != 2 {
		t.Fatalf("list += must extend in place: %v %v", r, err)
	}
}

func TestSmallIntCache(t *testing.T) {
	if !Is(NewInt(256), NewInt(256)) || !Is(NewInt(-5), NewInt(-5)) {
		t.Error("-5..256 must be shared like CPython's small ints")
	}
	if Is(NewInt(257), NewInt(257)) {
		t.Error("257 should not be cached")
	}
	r, _ := BinaryOp(in(257), in(1), NB_SUBTRACT)
	if !Is(r, NewInt(256)) {
		t.Error("257 - 1 is 256 (cached result)")
	}
	if Is(True, NewInt(1)) {
		t.Error("True is not 1")
	}
	if !Is(NewTuple(), NewTuple()) {
		t.Error("() is ()")
	}
}

func TestUnary(t *testing.T) {
	tests := []struct {
		py   string
		fn   func(Object) (Object, error)
		x    Object
		want string
	}{
		{"-True", UnaryNegative, True, "-1"},
		{"-(-2**63)", UnaryNegative, in(math.MinInt64), "9223372036854775808"},
		{"-1.5", UnaryNegative, fl(1.5), "-1.5"},
		{"-'a'", UnaryNegative, st("a"), "TypeError: bad operand type for unary -: 'str'"},
		{"~True", UnaryInvert, True, "-2"},
		{"~(2**64)", UnaryInvert, bigInt("18446744073709551616"), "-18446744073709551617"},
		{"~1.5", UnaryInvert, fl(1.5), "TypeError: bad operand type for unary ~: 'float'"},
		{"+True", UnaryPositive, True, "1"},
	}
	for _, tc := range tests {
		if got := show(tc.fn(tc.x)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
	falsy := []Object{in(0), fl(0), st(""), lst(), tup(), NewDict(), None, False, &Range{0, 0, 1}}
	for _, o := range falsy {
		if UnaryNot(o) != True {
			t.Errorf("not %s should be True", show(o, nil))
		}
	}
	truthy := []Object{in(-1), fl(math.NaN()), st(" "), lst(in(0)), tup(None), True, bigInt("18446744073709551616"), IntType}
	for _, o := range truthy {
		if b, _ := Truthy(o); !b {
			t.Errorf("bool(%s) should be True", show(o, nil))
		}
	}
}

func TestRichCompare(t *testing.T) {
	nan := fl(math.NaN())
	tests := []struct {
		py   string
		a, b Object
		op   int
		want string
	}{
		{"1 == 1.0", in(1), fl(1), EQ, "True"},
		{"True == 1", True, in(1), EQ, "True"},
		{"1.0 == True", fl(1), True, EQ, "True"},
		{"2**53+1 == float(2**53)", in(1<<53 + 1), fl(1 << 53), EQ, "False"},
		{"2**53+1 > float(2**53)", in(1<<53 + 1), fl(1 << 53), GT, "True"},
		{"9007199254740993 < 9007199254740994.0", in(9007199254740993), fl(9007199254740994), LT, "True"},
		{"10**400 > 1e308", NewIntFromBig(new(big.Int).Exp(big.NewInt(10), big.NewInt(400), nil)), fl(1e308), GT, "True"},
		{"10**400 < float('inf')", NewIntFromBig(new(big.Int).Exp(big.NewInt(10), big.NewInt(400), nil)), fl(math.Inf(1)), LT, "True"},
		{"2**64 > 2**63", bigInt("18446744073709551616"), bigInt("9223372036854775808"), GT, "True"},
		{"nan == nan", nan, nan, EQ, "False"},
		{"nan != nan", nan, nan, NE, "True"},
		{"1 < nan", in(1), nan, LT, "False"},
		{"[nan] == [nan]  (identity first)", lst(nan), lst(nan), EQ, "True"},
		{"'a' < 'b'", st("a"), st("b"), LT, "True"},
		{"'ab' > 'a'", st("ab"), st("a"), GT, "True"},
		{"'é' > 'z'", st("é"), st("z"), GT, "True"},
		{"(1, 2) < (1, 3)", tup(in(1), in(2)), tup(in(1), in(3)), LT, "True"},
		{"[1, 2] < [1, 2, 0]", lst(in(1), in(2)), lst(in(1), in(2), in(0)), LT, "True"},
		{"[1, [2]] < [1, [3]]", lst(in(1), lst(in(2))), lst(in(1), lst(in(3))), LT, "True"},
		{"() < (1,)", tup(), tup(in(1)), LT, "True"},
		{"[1] == (1,)", lst(in(1)), tup(in(1)), EQ, "False"},
		{"1 == 'a'", in(1), st("a"), EQ, "False"},
		{"1 != 'a'", in(1), st("a"), NE, "True"},
		{"None == None", None, None, EQ, "True"},
		{"{1: 2} == {1: 2.0}", dict(in(1), in(2)), dict(in(1), fl(2)), EQ, "True"},
		{"range(0) == range(5, 5)", &Range{0, 0, 1}, &Range{5, 5, 1}, EQ, "True"},
		{"1 < 'a'", in(1), st("a"), LT, "TypeError: '<' not supported between instances of 'int' and 'str'"},
		{"None < 1", None, in(1), LT, "TypeError: '<' not supported between instances of 'NoneType' and 'int'"},
		{"(1, 'a') < (1, 2)", tup(in(1), st("a")), tup(in(1), in(2)), LT, "TypeError: '<' not supported between instances of 'str' and 'int'"},
		{"[1] < (1,)", lst(in(1)), tup(in(1)), LT, "TypeError: '<' not supported between instances of 'list' and 'tuple'"},
		{"{} < {}", NewDict(), NewDict(), LT, "TypeError: '<' not supported between instances of 'dict' and 'dict'"},
		{"[] >= []", lst(), lst(), GE, "True"},
	}
	for _, tc := range tests {
		if got := show(RichCompare(tc.a, tc.b, tc.op)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
}

func TestFloatRepr(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0.1, "0.1"}, {1e16, "1e+16"}, {1.5e-05, "1.5e-05"}, {1.0 / 3, "0.3333333333333333"},
		{1.0, "1.0"}, {1e15, "1000000000000000.0"}, {0.0001, "0.0001"}, {1e-7, "1e-07"},
		{math.Copysign(0, -1), "-0.0"}, {1e22, "1e+22"}, {123456789012345678.0, "1.2345678901234568e+17"},
		{5e-324, "5e-324"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {math.NaN(), "nan"},
		{123456789.123, "123456789.123"}, {9.999999999999999e15, "1e+16"}, {math.Pow(2, 70), "1.1805916207174113e+21"},
	}
	for _, tc := range tests {
		if got, _ := Repr(fl(tc.f)); got != tc.want {
			t.Errorf("repr(%v): got %s, want %s", tc.f, got, tc.want)
		}
	}
}

func TestRepr(t *testing.T) {
	self := NewList(in(1))
	self.Items = append(self.Items, self)
	tests := []struct {
		py   string
		o    Object
		want string
	}{
		{"2**100", bigInt("1267650600228229401496703205376"), "1267650600228229401496703205376"},
		{"(1,)", tup(in(1)), "(1,)"},
		{"()", tup(), "()"},
		{"{1: 'a', 'b': [1, (2,)]}", dict(in(1), st("a"), st("b"), lst(in(1), tup(in(2)))), "{1: 'a', 'b': [1, (2,)]}"},
		{"[True, None, 1.0]", lst(True, None, fl(1)), "[True, None, 1.0]"},
		{`"a'b"`, st("a'b"), `"a'b"`},
		{`'a"b'`, st(`a"b`), `'a"b'`},
		{`'a\'b"'`, st(`a'b"`), `'a\'b"'`},
		{`'\x00\t\n\r\x7f\xa0\u200b😀é\\'`, st("\x00\t\n\r\x7f\u00a0\u200b😀é\\"), `'\x00\t\n\r\x7f\xa0\u200b😀é\\'`},
		{"range(0, 5)", &Range{0, 5, 1}, "range(0, 5)"},
		{"range(1, 10, 2)", &Range{1, 10, 2}, "range(1, 10, 2)"},
		{"slice(1, 2)", NewSlice(in(1), in(2), nil), "slice(1, 2, None)"},
		{"l = [1]; l.append(l)", self, "[1, [...]]"},
		{"ValueError('x')", NewExceptionArgs(ValueErrorType, st("x")), "ValueError('x')"},
		{"ValueError()", NewExceptionArgs(ValueErrorType), "ValueError()"},
		{"ValueError('a', 1)", NewExceptionArgs(ValueErrorType, st("a"), in(1)), "ValueError('a', 1)"},
		{"int", IntType, "<class 'int'>"},
		{"str(10**5000)", NewIntFromBig(new(big.Int).Exp(big.NewInt(10), big.NewInt(5000), nil)),
			"ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"},
	}
	for _, tc := range tests {
		r, err := Repr(tc.o)
		got := r
		if err != nil {
			got = show(nil, err)
		}
		if got != tc.want {
			t.Errorf("repr(%s): got %s, want %s", tc.py, got, tc.want)
		}
	}
	strs := []struct {
		py   string
		o    Object
		want string
	}{
		{"str(1.0)", fl(1), "1.0"},
		{"str('a')", st("a"), "a"},
		{"str([1.0, 'a'])", lst(fl(1), st("a")), "[1.0, 'a']"},
		{"str(ValueError('a', 1))", NewExceptionArgs(ValueErrorType, st("a"), in(1)), "('a', 1)"},
		{"str(KeyError('a'))", NewExceptionArgs(KeyErrorType, st("a")), "'a'"},
		{"str(KeyError())", NewExceptionArgs(KeyErrorType), ""},
	}
	for _, tc := range strs {
		if got, _ := StrOf(tc.o); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.py, got, tc.want)
		}
	}
	if got, _ := ASCII(st("é\U0001f600\x7f")); got != `'\xe9\U0001f600\x7f'` {
		t.Errorf("ascii: got %s", got)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		o    Object
		spec string
		want string
	}{
		{fl(3.14159), ">8.3f", "   3.142"},
		{in(1234567), ",", "1,234,567"},
		{in(5), "08b", "00000101"},
		{in(255), "x", "ff"},
		{in(255), "#010x", "0x000000ff"},
		{in(255), "#X", "0XFF"},
		{in(-255), "#b", "-0b11111111"},
		{in(255), "#_b", "0b1111_1111"},
		{in(12345678), "_x", "bc_614e"},
		{bigInt("1267650600228229401496703205376"), ",", "1,267,650,600,228,229,401,496,703,205,376"},
		{in(1234), "010,", "00,001,234"},
		{in(1234), "08,", "0,001,234"},
		{in(-1234), "010,", "-0,001,234"},
		{in(1234), "x=10,", "xxxxx1,234"},
		{in(123), "=+8", "+    123"},
		{in(123), "^+9", "  +123   "},
		{in(-12345), "=+10_", "-   12_345"},
		{in(5), "<05", "50000"},
		{in(5), "x<05", "5xxxx"},
		{in(1), "é^6", "éé1ééé"},
		{in(65), "c", "A"},
		{in(5), "%", "500.000000%"},
		{in(3), ".1e", "3.0e+00"},
		{True, "", "True"},
		{True, ">5", "    1"},
		{False, ".2f", "0.00"},
		{fl(1234.5), "012,.2f", "0,001,234.50"},
		{fl(12345678.123), "015,.2f", "0,012,345,678.12"},
		{fl(-1.5), "08.2f", "-0001.50"},
		{fl(-1.5), "0<8.2f", "-1.50000"},
		{fl(1e20), ",.2f", "100,000,000,000,000,000,000.00"},
		{fl(1234.56789), ".4_f", "1234.567_9"},
		{fl(1234.56789), ",.6,f", "1,234.567,890"},
		{fl(1.5), "", "1.5"},
		{fl(1.5), ">10", "       1.5"},
		{fl(1e16), "", "1e+16"},
		{fl(100.0), ".3", "1e+02"},
		{fl(12.0), ".3", "12.0"},
		{fl(123.456), ".0", "1e+02"},
		{fl(1.5), "#.3", "1.50"},
		{fl(0.00001234), ".3", "1.23e-05"},
		{fl(12345.5), "_", "12_345.5"},
		{fl(1.0), "g", "1"},
		{fl(1e-5), "g", "1e-05"},
		{fl(1e-5), "#g", "1.00000e-05"},
		{fl(0.0), "#g", "0.00000"},
		{fl(999999.5), "g", "1e+06"},
		{fl(9.9999), ".3g", "10"},
		{fl(1234567.5), ",g", "1.23457e+06"},
		{fl(12345.678), "n", "12345.7"},
		{fl(1.5), ".0e", "2e+00"},
		{fl(1.5), "#.0e", "2.e+00"},
		{fl(1.0), "#.0f", "1."},
		{fl(2.5), ".0f", "2"},
		{fl(0.1), ".20f", "0.10000000000000000555"},
		{fl(1.0 / 3), ".2%", "33.33%"},
		{fl(3.14159), "10.3E", " 3.142E+00"},
		{fl(math.Inf(1)), "010", "0000000inf"},
		{fl(math.NaN()), "+010f", "+000000nan"},
		{fl(math.Inf(1)), "E", "INF"},
		{fl(math.Inf(1)), "%", "inf%"},
		{fl(math.Copysign(0, -1)), "z.1f", "0.0"},
		{fl(math.Copysign(0, -1)), ".1f", "-0.0"},
		{fl(-0.0001), "z.1f", "0.0"},
		{fl(-1e-20), "z.3e", "-1.000e-20"},
		{fl(5e-324), ".3", "4.94e-324"},
		{st("abc"), "^8", "  abc   "},
		{st("abc"), "*<8.2", "ab******"},
		{st("a"), "05", "a0000"},
		{st("éé"), ".1", "é"},
		{lst(), "", "[]"},
		// Errors.
		{st("a"), "=5", "ValueError: '=' alignment not allowed in string format specifier"},
		{st("a"), "+5", "ValueError: Sign not allowed in string format specifier"},
		{st("a"), "_", "ValueError: Cannot specify '_' with 's'."},
		{st("a"), "d", "ValueError: Unknown format code 'd' for object of type 'str'"},
		{in(1), ".2d", "ValueError: Precision not allowed in integer format specifier"},
		{in(1), ",x", "ValueError: Cannot specify ',' with 'x'."},
		{in(1), ",_", "ValueError: Cannot specify both ',' and '_'."},
		{in(1), "z", "ValueError: Negative zero coercion (z) not allowed in integer format specifier"},
		{in(1234), ",n", "ValueError: Cannot specify ',' with 'n'."},
		{in(65), "+c", "ValueError: Sign not allowed with integer format specifier 'c'"},
		{in(-1), "c", "OverflowError: %c arg not in range(0x110000)"},
		{in(1), "n,", "ValueError: Invalid format specifier 'n,' for object of type 'int'"},
		{fl(1.5), "d", "ValueError: Unknown format code 'd' for object of type 'float'"},
		{fl(1.5), ".f", "ValueError: Format specifier missing precision"},
		{True, "s", "ValueError: Unknown format code 's' for object of type 'bool'"},
		{lst(), "x", "TypeError: unsupported format string passed to list.__format__"},
	}
	for _, tc := range tests {
		got := ""
		if r, err := Format(tc.o, tc.spec); err != nil {
			got = show(nil, err)
		} else {
			got = r.(*Str).S
		}
		if got != tc.want {
			r, _ := Repr(tc.o)
			t.Errorf("format(%s, %q): got %s, want %s", r, tc.spec, got, tc.want)
		}
	}
	conv := []struct {
		conv int
		want string
	}{{FVC_STR, "a'é"}, {FVC_REPR, `"a'é"`}, {FVC_ASCII, `"a'\xe9"`}}
	for _, tc := range conv {
		got, _ := FormatConversion(st("a'é"), tc.conv)
		if got.(*Str).S != tc.want {
			t.Errorf("conversion %d: got %s, want %s", tc.conv, got.(*Str).S, tc.want)
		}
	}
}

func TestDictKeyUnification(t *testing.T) {
	// {1: 'a', 1.0: 'b', True: 'c'} == {1: 'c'}
	d := dict(in(1), st("a"), fl(1), st("b"), True, st("c"))
	if got := show(d, nil); got != "{1: 'c'}" {
		t.Errorf("got %s", got)
	}
	for _, k := range []Object{in(1), fl(1), True} {
		if v, ok, _ := d.Get(k); !ok || v.(*Str).S != "c" {
			t.Errorf("lookup by %s failed", show(k, nil))
		}
	}
	// Equal values hash equal across types, including big ints and floats.
	pairs := [][2]Object{
		{in(0), False}, {in(-1), fl(-1)},
		{bigInt("1267650600228229401496703205376"), fl(math.Pow(2, 100))},
		{tup(in(1), st("x")), tup(fl(1), st("x"))},
	}
	for _, p := range pairs {
		h1, _ := Hash(p[0])
		h2, _ := Hash(p[1])
		if h1 != h2 {
			t.Errorf("hash(%s) != hash(%s)", show(p[0], nil), show(p[1], nil))
		}
	}
	// CPython's numeric hash values.
	hashes := []struct {
		py   string
		o    Object
		want int64
	}{
		{"hash(-1)", in(-1), -2},
		{"hash(2**100)", bigInt("1267650600228229401496703205376"), 549755813888},
		{"hash(0.5)", fl(0.5), 1152921504606846976},
		{"hash(-1.5)", fl(-1.5), -1152921504606846977},
		{"hash(2**61)", bigInt("2305843009213693952"), 1},
		{"hash(float('inf'))", fl(math.Inf(1)), 314159},
	}
	for _, tc := range hashes {
		if got, _ := Hash(tc.o); got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.py, got, tc.want)
		}
	}
	// Unhashable keys.
	err := NewDict().Set(lst(), in(1))
	if got := show(nil, err); got != "TypeError: cannot use 'list' as a dict key (unhashable type: 'list')" {
		t.Errorf("got %s", got)
	}
	err = NewDict().Set(tup(in(1), lst()), in(1))
	if got := show(nil, err); got != "TypeError: cannot use 'tuple' as a dict key (unhashable type: 'list')" {
		t.Errorf("got %s", got)
	}
	if _, err := Hash(tup(in(1), lst())); show(nil, err) != "TypeError: unhashable type: 'list'" {
		t.Errorf("hash((1, [])): got %s", show(nil, err))
	}
	// Insertion order survives deletes and re-inserts.
	d = NewDict()
	for i := int64(0); i < 40; i++ {
		_ = d.Set(in(i), in(i))
	}
	for i := int64(0); i < 40; i += 2 {
		_ = d.Del(in(i))
	}
	_ = d.Set(in(0), st("again"))
	keys := d.Keys()
	if len(keys) != 21 || show(keys[0], nil) != "1" || show(keys[20], nil) != "0" {
		t.Errorf("bad order after deletes: %s", show(NewList(keys...), nil))
	}
	if err := d.Del(in(100)); show(nil, err) != "KeyError: 100" {
		t.Errorf("del d[100]: %s", show(nil, err))
	}
}

func TestMutationDuringIteration(t *testing.T) {
	d := dict(in(1), in(1))
	it, _ := GetIter(d)
	k, _, _ := IterNext(it)
	_ = d.Set(IntAdd(k.(*Int), NewInt(1)), in(1))
	if _, _, err := IterNext(it); show(nil, err) != "RuntimeError: dictionary changed size during iteration" {
		t.Errorf("got %s", show(nil, err))
	}
	// A list iterator sees appended items.
	l := NewList(in(1))
	it, _ = GetIter(l)
	n := 0
	for {
		v, ok, _ := IterNext(it)
		if !ok {
			break
		}
		if n++; n < 3 {
			l.Items = append(l.Items, v)
		}
	}
	if n != 3 {
		t.Errorf("list iterator saw %d items, want 3", n)
	}
}

func TestExceptionMatches(t *testing.T) {
	zde := NewException(ZeroDivisionErrorType, "division by zero")
	tests := []struct {
		py   string
		exc  Object
		typ  Object
		want bool
	}{
		{"except ZeroDivisionError", zde, ZeroDivisionErrorType, true},
		{"except ArithmeticError", zde, ArithmeticErrorType, true},
		{"except Exception", zde, ExceptionType, true},
		{"except BaseException", zde, BaseExceptionType, true},
		{"except LookupError", zde, LookupErrorType, false},
		{"except (KeyError, ArithmeticError)", zde, tup(KeyErrorType, ArithmeticErrorType), true},
		{"except (KeyError, (ValueError, ZeroDivisionError))", zde, tup(KeyErrorType, tup(ValueErrorType, ZeroDivisionErrorType)), true},
		{"IndexError as LookupError", NewException(IndexErrorType, "x"), LookupErrorType, true},
		{"KeyError as LookupError", keyError(st("k")), LookupErrorType, true},
		{"UnboundLocalError as NameError", NewException(UnboundLocalErrorType, "x"), NameErrorType, true},
		{"NameError as UnboundLocalError", NewException(NameErrorType, "x"), UnboundLocalErrorType, false},
		{"StopIteration as Exception", NewExceptionArgs(StopIterationType), ExceptionType, true},
		{"class OverflowError as ArithmeticError", OverflowErrorType, ArithmeticErrorType, true},
		{"GeneratorExit as Exception", NewExceptionArgs(GeneratorExitType), ExceptionType, false},
	}
	for _, tc := range tests {
		if got := ExceptionMatches(tc.exc, tc.typ); got != tc.want {
			t.Errorf("%s: got %v", tc.py, got)
		}
	}
	var err error = zde
	if err.Error() != "ZeroDivisionError: division by zero" {
		t.Errorf("Error(): %s", err.Error())
	}
	if zde.Type() != ZeroDivisionErrorType || ValueErrorType.Type() != TypeType {
		t.Error("exception and type objects have the wrong types")
	}
	e, err := Call(ValueErrorType, []Object{st("boom")}, nil)
	if show(e, err) != "ValueError('boom')" {
		t.Errorf("ValueError('boom'): %s", show(e, err))
	}
}

func TestSubscripts(t *testing.T) {
	l := lst(in(1), in(2), in(3))
	big30 := NewIntFromBig(new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil))
	tests := []struct {
		py   string
		c, k Object
		want string
	}{
		{"[1, 2, 3][-1]", l, in(-1), "3"},
		{"[1, 2, 3][True]", l, True, "2"},
		{"[1, 2, 3][::-1]", l, NewSlice(nil, nil, in(-1)), "[3, 2, 1]"},
		{"[1, 2, 3][-10**30:]", l, NewSlice(NewIntFromBig(new(big.Int).Neg(big30.Big())), nil, nil), "[1, 2, 3]"},
		{"[1, 2, 3][5]", l, in(5), "IndexError: list index out of range"},
		{"[1][10**30]", lst(in(1)), big30, "IndexError: cannot fit 'int' into an index-sized integer"},
		{"[1, 2, 3]['a']", l, st("a"), "TypeError: list indices must be integers or slices, not str"},
		{"[1][1.5:]", lst(in(1)), NewSlice(fl(1.5), nil, nil), "TypeError: slice indices must be integers or None or have an __index__ method"},
		{"(1, 2)[0:1:0]", tup(in(1), in(2)), NewSlice(in(0), in(1), in(0)), "ValueError: slice step cannot be zero"},
		{"(1, 2, 3)[5:]", tup(in(1), in(2), in(3)), NewSlice(in(5), nil, nil), "()"},
		{"(1,)[5]", tup(in(1)), in(5), "IndexError: tuple index out of range"},
		{"'héllo'[1:3]", st("héllo"), NewSlice(in(1), in(3), nil), "'él'"},
		{"'héllo'[-1]", st("héllo"), in(-1), "'o'"},
		{"'abc'[::-1]", st("abc"), NewSlice(nil, nil, in(-1)), "'cba'"},
		{"'a'[5]", st("a"), in(5), "IndexError: string index out of range"},
		{"'a'['a']", st("a"), st("a"), "TypeError: string indices must be integers, not 'str'"},
		{"range(10)[-1]", &Range{0, 10, 1}, in(-1), "9"},
		{"range(10)[2:8:2]", &Range{0, 10, 1}, NewSlice(in(2), in(8), in(2)), "range(2, 8, 2)"},
		{"range(10)[::-1]", &Range{0, 10, 1}, NewSlice(nil, nil, in(-1)), "range(9, -1, -1)"},
		{"range(0, 10, 3)[1:]", &Range{0, 10, 3}, NewSlice(in(1), nil, nil), "range(3, 12, 3)"},
		{"range(3)[5]", &Range{0, 3, 1}, in(5), "IndexError: range object index out of range"},
		{"{'a': 1}['a']", dict(st("a"), in(1)), st("a"), "1"},
		{"{'a': 1}[1.0] (missing)", dict(st("a"), in(1)), fl(1), "KeyError: 1.0"},
		{"{}['k']", NewDict(), st("k"), "KeyError: 'k'"},
		{"{}[[]]", NewDict(), lst(), "TypeError: cannot use 'list' as a dict key (unhashable type: 'list')"},
		{"1[0]", in(1), in(0), "TypeError: 'int' object is not subscriptable"},
		{"int[0]", IntType, in(0), "TypeError: type 'int' is not subscriptable"},
	}
	for _, tc := range tests {
		if got := show(GetItem(tc.c, tc.k)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
	// KeyError carries the key itself as its argument.
	_, err := GetItem(NewDict(), tup(in(1)))
	if e := err.(*Exception); len(e.Args) != 1 || show(e.Args[0], nil) != "(1,)" {
		t.Errorf("KeyError args: %v", e.Args)
	}

	mutations := []struct {
		py   string
		do   func(l *List) error
		want string
	}{
		{"l[1] = 9", func(l *List) error { return SetItem(l, in(1), in(9)) }, "[1, 9, 3, 4, 5]"},
		{"l[-1] = 9", func(l *List) error { return SetItem(l, in(-1), in(9)) }, "[1, 2, 3, 4, 9]"},
		{"l[9] = 1", func(l *List) error { return SetItem(l, in(9), in(1)) }, "IndexError: list assignment index out of range"},
		{"l[1:3] = ['a']", func(l *List) error { return SetItem(l, NewSlice(in(1), in(3), nil), lst(st("a"))) }, "[1, 'a', 4, 5]"},
		{"l[7:] = [9]", func(l *List) error { return SetItem(l, NewSlice(in(7), nil, nil), lst(in(9))) }, "[1, 2, 3, 4, 5, 9]"},
		{"l[:] = l", func(l *List) error { return SetItem(l, NewSlice(nil, nil, nil), l) }, "[1, 2, 3, 4, 5]"},
		{"l[::-2] = 'abc'", func(l *List) error { return SetItem(l, NewSlice(nil, nil, in(-2)), st("abc")) }, "['c', 2, 'b', 4, 'a']"},
		{"l[::2] = [1]", func(l *List) error { return SetItem(l, NewSlice(nil, nil, in(2)), lst(in(1))) }, "ValueError: attempt to assign sequence of size 1 to extended slice of size 3"},
		{"l[0:1] = 5", func(l *List) error { return SetItem(l, NewSlice(in(0), in(1), nil), in(5)) }, "TypeError: must assign iterable to extended slice"},
		{"del l[0]", func(l *List) error { return DelItem(l, in(0)) }, "[2, 3, 4, 5]"},
		{"del l[::2]", func(l *List) error { return DelItem(l, NewSlice(nil, nil, in(2))) }, "[2, 4]"},
		{"del l[::-2]", func(l *List) error { return DelItem(l, NewSlice(nil, nil, in(-2))) }, "[2, 4]"},
		{"del l[9]", func(l *List) error { return DelItem(l, in(9)) }, "IndexError: list assignment index out of range"},
	}
	for _, tc := range mutations {
		l := NewList(in(1), in(2), in(3), in(4), in(5))
		got := show(l, tc.do(l))
		if got != tc.want {
			t.Errorf("l = [1, 2, 3, 4, 5]; %s: got %s, want %s", tc.py, got, tc.want)
		}
	}
	if err := SetItem(tup(in(1)), in(0), in(1)); show(nil, err) != "TypeError: 'tuple' object does not support item assignment" {
		t.Errorf("tuple assignment: %s", show(nil, err))
	}
	if err := DelItem(tup(in(1)), in(0)); show(nil, err) != "TypeError: 'tuple' object doesn't support item deletion" {
		t.Errorf("tuple deletion: %s", show(nil, err))
	}
}

func TestContainsAndLen(t *testing.T) {
	tests := []struct {
		py   string
		c, x Object
		want string
	}{
		{"2 in [1, 2]", lst(in(1), in(2)), in(2), "True"},
		{"2.0 in (1, 2)", tup(in(1), in(2)), fl(2), "True"},
		{"nan in [nan]", lst(fl(math.NaN())), nil, "True"},
		{"True in {1: 2}", dict(in(1), in(2)), True, "True"},
		{"'bc' in 'abc'", st("abc"), st("bc"), "True"},
		{"'' in 'abc'", st("abc"), st(""), "True"},
		{"3 in range(0, 10, 3)", &Range{0, 10, 3}, in(3), "True"},
		{"4 in range(0, 10, 3)", &Range{0, 10, 3}, in(4), "False"},
		{"3.0 in range(5)", &Range{0, 5, 1}, fl(3), "True"},
		{"1.5 in range(3)", &Range{0, 3, 1}, fl(1.5), "False"},
		{"-3 in range(0, -10, -3)", &Range{0, -10, -3}, in(-3), "True"},
		{"2**64 in range(3)", &Range{0, 3, 1}, bigInt("18446744073709551616"), "False"},
		{"1 in 'a'", st("a"), in(1), "TypeError: 'in <string>' requires string as left operand, not int"},
		{"'a' in 1", in(1), st("a"), "TypeError: argument of type 'int' is not a container or iterable"},
		{"[] in {}", NewDict(), lst(), "TypeError: cannot use 'list' as a dict key (unhashable type: 'list')"},
	}
	for _, tc := range tests {
		x := tc.x
		if x == nil { // the same NaN object in container and operand
			x = tc.c.(*List).Items[0]
		}
		b, err := Contains(tc.c, x)
		if got := show(Bool(b), err); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
	lens := []struct {
		o    Object
		want string
	}{
		{st("héllo"), "5"}, {&Range{0, 10, 3}, "4"}, {&Range{5, 0, 1}, "0"},
		{&Range{math.MinInt64, math.MaxInt64, 1}, "OverflowError: Python int too large to convert to C ssize_t"},
		{in(1), "TypeError: object of type 'int' has no len()"},
	}
	for _, tc := range lens {
		n, err := Len(tc.o)
		if got := show(NewInt(int64(n)), err); got != tc.want {
			t.Errorf("len(%s): got %s, want %s", show(tc.o, nil), got, tc.want)
		}
	}
}

// callBuiltin calls builtins[name] with positional args and keywords
// given as alternating name, value pairs after a "|" marker.
func callBuiltin(name string, args ...any) (Object, error) {
	f, _, _ := Builtins().Get(st(name))
	var pos []Object
	var kwnames []string
	var kwvals []Object
	for i := 0; i < len(args); i++ {
		if k, ok := args[i].(string); ok {
			kwnames = append(kwnames, k)
			kwvals = append(kwvals, args[i+1].(Object))
			i++
			continue
		}
		pos = append(pos, args[i].(Object))
	}
	return Call(f, append(pos, kwvals...), kwnames)
}

func TestBuiltins(t *testing.T) {
	nums := lst(in(3), in(1), in(2))
	tests := []struct {
		py   string
		name string
		args []any
		want string
	}{
		{"len('héllo')", "len", []any{st("héllo")}, "5"},
		{"len()", "len", nil, "TypeError: len() takes exactly one argument (0 given)"},
		{"len(1)", "len", []any{in(1)}, "TypeError: object of type 'int' has no len()"},
		{"list(range(5, 0, -2))", "list", []any{&Range{5, 0, -2}}, "[5, 3, 1]"},
		{"range(1.5)", "range", []any{fl(1.5)}, "TypeError: 'float' object cannot be interpreted as an integer"},
		{"range(0, 1, 0)", "range", []any{in(0), in(1), in(0)}, "ValueError: range() arg 3 must not be zero"},
		{"range()", "range", nil, "TypeError: range expected at least 1 argument, got 0"},
		{"str()", "str", nil, "''"},
		{"str(1.5)", "str", []any{fl(1.5)}, "'1.5'"},
		{"int(' -0x1F ', 16)", "int", []any{st(" -0x1F "), in(16)}, "-31"},
		{"int('0x_1f', 0)", "int", []any{st("0x_1f"), in(0)}, "31"},
		{"int(' 1_000 ')", "int", []any{st(" 1_000 ")}, "1000"},
		{"int('010', 0)", "int", []any{st("010"), in(0)}, "ValueError: invalid literal for int() with base 0: '010'"},
		{"int('1__0')", "int", []any{st("1__0")}, "ValueError: invalid literal for int() with base 10: '1__0'"},
		{"int('z', base=36)", "int", []any{st("z"), "base", in(36)}, "35"},
		{"int('1'*5000)", "int", []any{st(strings.Repeat("1", 5000))}, "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"},
		{"int(-2.7)", "int", []any{fl(-2.7)}, "-2"},
		{"int(1e20)", "int", []any{fl(1e20)}, "100000000000000000000"},
		{"int(float('inf'))", "int", []any{fl(math.Inf(1))}, "OverflowError: cannot convert float infinity to integer"},
		{"int(float('nan'))", "int", []any{fl(math.NaN())}, "ValueError: cannot convert float NaN to integer"},
		{"int(2.5, 10)", "int", []any{fl(2.5), in(10)}, "TypeError: int() can't convert non-string with explicit base"},
		{"int('1', 40)", "int", []any{st("1"), in(40)}, "ValueError: int() base must be >= 2 and <= 36, or 0"},
		{"int([])", "int", []any{lst()}, "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'"},
		{"float(' 1_0.5 ')", "float", []any{st(" 1_0.5 ")}, "10.5"},
		{"float('-iNF')", "float", []any{st("-iNF")}, "-inf"},
		{"float('1e500')", "float", []any{st("1e500")}, "inf"},
		{"float('.5')", "float", []any{st(".5")}, "0.5"},
		{"float('1_.5')", "float", []any{st("1_.5")}, "ValueError: could not convert string to float: '1_.5'"},
		{"float('0x10')", "float", []any{st("0x10")}, "ValueError: could not convert string to float: '0x10'"},
		{"float(10**400)", "float", []any{NewIntFromBig(new(big.Int).Exp(big.NewInt(10), big.NewInt(400), nil))}, "OverflowError: int too large to convert to float"},
		{"bool([0])", "bool", []any{lst(in(0))}, "True"},
		{"tuple([1, 2])", "tuple", []any{lst(in(1), in(2))}, "(1, 2)"},
		{"dict([[1, 2]], b=3)", "dict", []any{lst(lst(in(1), in(2))), "b", in(3)}, "{1: 2, 'b': 3}"},
		{"dict([(1, 2, 3)])", "dict", []any{lst(tup(in(1), in(2), in(3)))}, "ValueError: dictionary update sequence element #0 has length 3; 2 is required"},
		{"abs(-2**70)", "abs", []any{bigInt("-1180591620717411303424")}, "1180591620717411303424"},
		{"abs(True)", "abs", []any{True}, "1"},
		{"abs('a')", "abs", []any{st("a")}, "TypeError: bad operand type for abs(): 'str'"},
		{"min(3, 1, 2)", "min", []any{in(3), in(1), in(2)}, "1"},
		{"max([1, 5, 2])", "max", []any{lst(in(1), in(5), in(2))}, "5"},
		{"max('abc')", "max", []any{st("abc")}, "'c'"},
		{"max([], default=5)", "max", []any{lst(), "default", in(5)}, "5"},
		{"max([])", "max", []any{lst()}, "ValueError: max() iterable argument is empty"},
		{"min()", "min", nil, "TypeError: min expected at least 1 argument, got 0"},
		{"max(1, 2, default=3)", "max", []any{in(1), in(2), "default", in(3)}, "TypeError: Cannot specify a default for max() with multiple positional arguments"},
		{"max(['ab', 'c'], key=len)", "max", []any{lst(st("ab"), st("c")), "key", &Builtin{Name: "len", Fn: builtinLen}}, "'ab'"},
		{"sum([1, 2, 3.5])", "sum", []any{lst(in(1), in(2), fl(3.5))}, "6.5"},
		{"sum([0.1] * 10)", "sum", []any{NewList(repeatItems([]Object{fl(0.1)}, 10)...)}, "1.0"},
		{"sum([1e100, 1.0, -1e100])", "sum", []any{lst(fl(1e100), fl(1), fl(-1e100))}, "1.0"},
		{"sum([0.1, 0.2, 0.3])", "sum", []any{lst(fl(0.1), fl(0.2), fl(0.3))}, "0.6"},
		{"sum([[1], [2]], [])", "sum", []any{lst(lst(in(1)), lst(in(2))), lst()}, "[1, 2]"},
		{"sum([1], start=2)", "sum", []any{lst(in(1)), "start", in(2)}, "3"},
		{"sum([2**63, 1])", "sum", []any{lst(bigInt("9223372036854775808"), in(1))}, "9223372036854775809"},
		{"sum(['a'], '')", "sum", []any{lst(st("a")), st("")}, "TypeError: sum() can't sum strings [use ''.join(seq) instead]"},
		{"sum(['a'])", "sum", []any{lst(st("a"))}, "TypeError: unsupported operand type(s) for +: 'int' and 'str'"},
		{"isinstance(True, int)", "isinstance", []any{True, IntType}, "True"},
		{"isinstance(1, (str, (int,)))", "isinstance", []any{in(1), tup(StrType, tup(IntType))}, "True"},
		{"isinstance(1.0, int)", "isinstance", []any{fl(1), IntType}, "False"},
		{"isinstance(ValueError('x'), Exception)", "isinstance", []any{NewException(ValueErrorType, "x"), ExceptionType}, "True"},
		{"isinstance(1, 1)", "isinstance", []any{in(1), in(1)}, "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union"},
		{"repr('a')", "repr", []any{st("a")}, `"'a'"`},
		{"sorted([3, 1, 2])", "sorted", []any{nums}, "[1, 2, 3]"},
		{"sorted([3, 1, 2], reverse=True)", "sorted", []any{nums, "reverse", True}, "[3, 2, 1]"},
		{"sorted(['b', 'A', 'a'], key=str.lower) (stable)", "sorted", []any{lst(st("b"), st("A"), st("a")), "key", &Builtin{Name: "lower", Fn: func(a []Object, _ []string) (Object, error) {
			return NewStr(strings.ToLower(a[0].(*Str).S)), nil
		}}}, "['A', 'a', 'b']"},
		{"sorted([1, 'a'])", "sorted", []any{lst(in(1), st("a"))}, "TypeError: '<' not supported between instances of 'str' and 'int'"},
		{"list(enumerate('ab', 1))", "list", []any{mustCall("enumerate", st("ab"), in(1))}, "[(1, 'a'), (2, 'b')]"},
		{"list(zip([1, 2], 'ab'))", "list", []any{mustCall("zip", lst(in(1), in(2)), st("ab"))}, "[(1, 'a'), (2, 'b')]"},
		{"list(zip([1, 2], [1], strict=True))", "list", []any{mustCall("zip", lst(in(1), in(2)), lst(in(1)), "strict", True)}, "ValueError: zip() argument 2 is shorter than argument 1"},
		{"list(zip([1], [1], [1, 2], strict=True))", "list", []any{mustCall("zip", lst(in(1)), lst(in(1)), lst(in(1), in(2)), "strict", True)}, "ValueError: zip() argument 3 is longer than arguments 1-2"},
		{"list(reversed(range(3)))", "list", []any{mustCall("reversed", &Range{0, 3, 1})}, "[2, 1, 0]"},
		{"list(reversed({1: 2, 3: 4}))", "list", []any{mustCall("reversed", dict(in(1), in(2), in(3), in(4)))}, "[3, 1]"},
		{"list(map(len, ['ab', 'c']))", "list", []any{mustCall("map", &Builtin{Name: "len", Fn: builtinLen}, lst(st("ab"), st("c")))}, "[2, 1]"},
		{"list(filter(None, [0, 1, '', 2]))", "list", []any{mustCall("filter", None, lst(in(0), in(1), st(""), in(2)))}, "[1, 2]"},
		{"reversed(1)", "reversed", []any{in(1)}, "TypeError: 'int' object is not reversible"},
		{"divmod(-7, 2)", "divmod", []any{in(-7), in(2)}, "(-4, 1)"},
		{"divmod(-7.5, 2)", "divmod", []any{fl(-7.5), in(2)}, "(-4.0, 0.5)"},
		{"divmod(1, 0)", "divmod", []any{in(1), in(0)}, "ZeroDivisionError: division by zero"},
		{"divmod('a', 1)", "divmod", []any{st("a"), in(1)}, "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'"},
		{"pow(3, 4, 5)", "pow", []any{in(3), in(4), in(5)}, "1"},
		{"pow(3, -1, 7)", "pow", []any{in(3), in(-1), in(7)}, "5"},
		{"pow(-7, 2, 5)", "pow", []any{in(-7), in(2), in(5)}, "4"},
		{"pow(2, 3, -5)", "pow", []any{in(2), in(3), in(-5)}, "-2"},
		{"pow(2, -1, 4)", "pow", []any{in(2), in(-1), in(4)}, "ValueError: base is not invertible for the given modulus"},
		{"pow(2, 3, 0)", "pow", []any{in(2), in(3), in(0)}, "ValueError: pow() 3rd argument cannot be 0"},
		{"pow(2.0, 3, 4)", "pow", []any{fl(2), in(3), in(4)}, "TypeError: pow() 3rd argument not allowed unless all arguments are integers"},
		{"pow(2, 10)", "pow", []any{in(2), in(10)}, "1024"},
		{"round(2.5)", "round", []any{fl(2.5)}, "2"},
		{"round(-0.5)", "round", []any{fl(-0.5)}, "0"},
		{"round(1.5)", "round", []any{fl(1.5)}, "2"},
		{"round(2.675, 2)", "round", []any{fl(2.675), in(2)}, "2.67"},
		{"round(0.125, 2)", "round", []any{fl(0.125), in(2)}, "0.12"},
		{"round(1234.5, -2)", "round", []any{fl(1234.5), in(-2)}, "1200.0"},
		{"round(-0.4, 0)", "round", []any{fl(-0.4), in(0)}, "-0.0"},
		{"round(1.7976931348623157e308, -308)", "round", []any{fl(1.7976931348623157e308), in(-308)}, "OverflowError: rounded value too large to represent"},
		{"round(1250, -2)", "round", []any{in(1250), in(-2)}, "1200"},
		{"round(1350, -2)", "round", []any{in(1350), in(-2)}, "1400"},
		{"round(-1250, -2)", "round", []any{in(-1250), in(-2)}, "-1200"},
		{"round(15, -1)", "round", []any{in(15), in(-1)}, "20"},
		{"round(5, 2)", "round", []any{in(5), in(2)}, "5"},
		{"round(float('inf'))", "round", []any{fl(math.Inf(1))}, "OverflowError: cannot convert float infinity to integer"},
		{"round('a')", "round", []any{st("a")}, "TypeError: type str doesn't define __round__ method"},
		{"hex(-255)", "hex", []any{in(-255)}, "'-0xff'"},
		{"hex(2**70)", "hex", []any{bigInt("1180591620717411303424")}, "'0x400000000000000000'"},
		{"hex(1.5)", "hex", []any{fl(1.5)}, "TypeError: 'float' object cannot be interpreted as an integer"},
		{"bin(5)", "bin", []any{in(5)}, "'0b101'"},
		{"ord('é')", "ord", []any{st("é")}, "233"},
		{"ord('ab')", "ord", []any{st("ab")}, "TypeError: ord() expected a character, but string of length 2 found"},
		{"ord(1)", "ord", []any{in(1)}, "TypeError: ord() expected string of length 1, but int found"},
		{"chr(233)", "chr", []any{in(233)}, "'é'"},
		{"chr(-1)", "chr", []any{in(-1)}, "ValueError: chr() arg not in range(0x110000)"},
		{"type(True)", "type", []any{True}, "<class 'bool'>"},
		{"type(ValueError())", "type", []any{NewExceptionArgs(ValueErrorType)}, "<class 'ValueError'>"},
		{"type(ValueError)", "type", []any{ValueErrorType}, "<class 'type'>"},
		{"type(1, 2)", "type", []any{in(1), in(2)}, "TypeError: type() takes 1 or 3 arguments"},
		{"next(iter([]), 5)", "next", []any{mustCall("iter", lst()), in(5)}, "5"},
		{"next(iter([]))", "next", []any{mustCall("iter", lst())}, "StopIteration: "},
		{"next(1)", "next", []any{in(1)}, "TypeError: 'int' object is not an iterator"},
		{"iter(1)", "iter", []any{in(1)}, "TypeError: 'int' object is not iterable"},
		{"any([0, 1])", "any", []any{lst(in(0), in(1))}, "True"},
		{"all([])", "all", []any{lst()}, "True"},
		{"all([1, 0])", "all", []any{lst(in(1), in(0))}, "False"},
		{"print(1, foo=2)", "print", []any{in(1), "foo", in(2)}, "TypeError: print() got an unexpected keyword argument 'foo'"},
		{"print(1, sep=1)", "print", []any{in(1), "sep", in(1)}, "TypeError: sep must be None or a string, not int"},
		{"ValueError('x')", "ValueError", []any{st("x")}, "ValueError('x')"},
	}
	for _, tc := range tests {
		if got := show(callBuiltin(tc.name, tc.args...)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
}

func mustCall(name string, args ...any) Object {
	o, err := callBuiltin(name, args...)
	if err != nil {
		panic(err)
	}
	return o
}

func TestPrint(t *testing.T) {
	var out strings.Builder
	old := stdout
	SetStdout(&out)
	defer SetStdout(old)
	_, err := callBuiltin("print", st("a"), in(1), lst(st("b")), "sep", st("-"), "end", st("!\n"))
	if err != nil || out.String() != "a-1-['b']!\n" {
		t.Errorf("print: %q %v", out.String(), err)
	}
	out.Reset()
	_, _ = callBuiltin("print", in(1), in(2), "sep", None, "end", None)
	if out.String() != "1 2\n" {
		t.Errorf("print with None sep/end: %q", out.String())
	}
}

func TestCallHook(t *testing.T) {
	// The VM supplies CallHook to run Python functions; fake one that
	// negates its argument, as `lambda x: -x` would.
	neg := &Function{Name: "<lambda>", Qualname: "<lambda>"}
	old := CallHook
	defer func() { CallHook = old }()
	CallHook = func(f Object, args []Object, kwnames []string) (Object, error) {
		if f != Object(neg) {
			t.Fatalf("unexpected callee %v", f)
		}
		return UnaryNegative(args[0])
	}
	got := show(callBuiltin("sorted", lst(in(1), in(3), in(2)), "key", neg))
	if got != "[3, 2, 1]" {
		t.Errorf("sorted(key=lambda x: -x): %s", got)
	}
	got = show(callBuiltin("min", lst(in(3), in(1)), "key", neg))
	if got != "3" {
		t.Errorf("min(key=lambda x: -x): %s", got)
	}
	l := NewList(in(1), in(2))
	sortFn, _ := GetAttr(l, "sort")
	if _, err := Call(sortFn, []Object{neg}, []string{"key"}); err != nil || show(l, nil) != "[2, 1]" {
		t.Errorf("l.sort(key=...): %s %v", show(l, nil), err)
	}
}

func callMethod(o Object, name string, args ...any) (Object, error) {
	m, err := GetAttr(o, name)
	if err != nil {
		return nil, err
	}
	var pos []Object
	var kwnames []string
	var kwvals []Object
	for i := 0; i < len(args); i++ {
		if k, ok := args[i].(string); ok {
			kwnames = append(kwnames, k)
			kwvals = append(kwvals, args[i+1].(Object))
			i++
			continue
		}
		pos = append(pos, args[i].(Object))
	}
	return Call(m, append(pos, kwvals...), kwnames)
}

func TestMethods(t *testing.T) {
	tests := []struct {
		py   string
		self Object
		name string
		args []any
		want string
	}{
		{"'-'.join(['a', 'b'])", st("-"), "join", []any{lst(st("a"), st("b"))}, "'a-b'"},
		{"'a'.join('bc')", st("a"), "join", []any{st("bc")}, "'bac'"},
		{"'a'.join([1])", st("a"), "join", []any{lst(in(1))}, "TypeError: sequence item 0: expected str instance, int found"},
		{"'AbC'.upper()", st("AbC"), "upper", nil, "'ABC'"},
		{"'AbC'.lower()", st("AbC"), "lower", nil, "'abc'"},
		{"'a'.upper(1)", st("a"), "upper", []any{in(1)}, "TypeError: str.upper() takes no arguments (1 given)"},
		{"'  a b  c  '.split(None, 1)", st("  a b  c  "), "split", []any{None, in(1)}, "['a', 'b  c  ']"},
		{"' a b '.split()", st(" a b "), "split", nil, "['a', 'b']"},
		{"'a\\x1cb'.split()", st("a\x1cb"), "split", nil, "['a', 'b']"},
		{"' a  b '.split(' ')", st(" a  b "), "split", []any{st(" ")}, "['', 'a', '', 'b', '']"},
		{"'a,b,c'.split(',', maxsplit=1)", st("a,b,c"), "split", []any{st(","), "maxsplit", in(1)}, "['a', 'b,c']"},
		{"''.split('')", st(""), "split", []any{st("")}, "ValueError: empty separator"},
		{"'a'.split(1)", st("a"), "split", []any{in(1)}, "TypeError: must be str or None, not int"},
		{"' x '.strip()", st(" x "), "strip", nil, "'x'"},
		{"'xxaxx'.strip('x')", st("xxaxx"), "strip", []any{st("x")}, "'a'"},
		{"'  x'.lstrip()", st("  x"), "lstrip", nil, "'x'"},
		{"'a'.strip(1)", st("a"), "strip", []any{in(1)}, "TypeError: strip arg must be None or str"},
		{"'aaa'.replace('a', 'b', 2)", st("aaa"), "replace", []any{st("a"), st("b"), in(2)}, "'bba'"},
		{"'abc'.replace('', '-')", st("abc"), "replace", []any{st(""), st("-")}, "'-a-b-c-'"},
		{"'abc'.replace(1, 2)", st("abc"), "replace", []any{in(1), in(2)}, "TypeError: replace() argument 1 must be str, not int"},
		{"'abc'.startswith(('x', 'a'))", st("abc"), "startswith", []any{tup(st("x"), st("a"))}, "True"},
		{"'abc'.startswith('b', 1)", st("abc"), "startswith", []any{st("b"), in(1)}, "True"},
		{"'abc'.startswith('a', -10)", st("abc"), "startswith", []any{st("a"), in(-10)}, "True"},
		{"'abc'.startswith('', 3)", st("abc"), "startswith", []any{st(""), in(3)}, "True"},
		{"'abc'.startswith('', 5)", st("abc"), "startswith", []any{st(""), in(5)}, "False"},
		{"'abc'.endswith('b', 0, 2)", st("abc"), "endswith", []any{st("b"), in(0), in(2)}, "True"},
		{"'abc'.startswith(1)", st("abc"), "startswith", []any{in(1)}, "TypeError: startswith first arg must be str or a tuple of str, not int"},
		{"[].pop()", lst(), "pop", nil, "IndexError: pop from empty list"},
		{"[1].pop(5)", lst(in(1)), "pop", []any{in(5)}, "IndexError: pop index out of range"},
		{"[1, 2].pop(0)", lst(in(1), in(2)), "pop", []any{in(0)}, "1"},
		{"[].append()", lst(), "append", nil, "TypeError: list.append() takes exactly one argument (0 given)"},
		{"[1, 2, 3].index(2)", lst(in(1), in(2), in(3)), "index", []any{in(2)}, "1"},
		{"[1].index(2)", lst(in(1)), "index", []any{in(2)}, "ValueError: list.index(x): x not in list"},
		{"[1].remove(2)", lst(in(1)), "remove", []any{in(2)}, "ValueError: list.remove(x): x not in list"},
		{"{}.get(1, 2)", NewDict(), "get", []any{in(1), in(2)}, "2"},
		{"{}.get()", NewDict(), "get", nil, "TypeError: get expected at least 1 argument, got 0"},
		{"{1: 2}.pop(3, 4)", dict(in(1), in(2)), "pop", []any{in(3), in(4)}, "4"},
		{"{}.pop(1)", NewDict(), "pop", []any{in(1)}, "KeyError: 1"},
		{"{}.pop([])", NewDict(), "pop", []any{lst()}, "KeyError: []"},
		{"{1: 2, 3: 4}.items()", dict(in(1), in(2), in(3), in(4)), "items", nil, "dict_items([(1, 2), (3, 4)])"},
		{"{1: 2}.keys()", dict(in(1), in(2)), "keys", nil, "dict_keys([1])"},
		{"{1: 2}.values()", dict(in(1), in(2)), "values", nil, "dict_values([2])"},
		{"(1).foo", in(1), "foo", nil, "AttributeError: 'int' object has no attribute 'foo'"},
		{"[].foo", lst(), "foo", nil, "AttributeError: 'list' object has no attribute 'foo'"},
		{"int.foo", IntType, "foo", nil, "AttributeError: type object 'int' has no attribute 'foo'"},
	}
	for _, tc := range tests {
		if got := show(callMethod(tc.self, tc.name, tc.args...)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}

	// Mutating list and dict methods.
	l := NewList(in(3), in(1), in(2))
	steps := []struct {
		py   string
		name string
		args []any
	}{
		{"l.append(4)", "append", []any{in(4)}},
		{"l.extend((5, 6))", "extend", []any{tup(in(5), in(6))}},
		{"l.insert(-10, 0)", "insert", []any{in(-10), in(0)}},
		{"l.insert(10, 7)", "insert", []any{in(10), in(7)}},
		{"l.sort(reverse=True)", "sort", []any{"reverse", True}},
		{"l.pop()", "pop", nil},
	}
	for _, s := range steps {
		if _, err := callMethod(l, s.name, s.args...); err != nil {
			t.Fatalf("%s: %v", s.py, err)
		}
	}
	if got := show(l, nil); got != "[7, 6, 5, 4, 3, 2, 1]" {
		t.Errorf("after list methods: %s", got)
	}
	d := NewDict()
	v, _ := callMethod(d, "setdefault", in(1), lst())
	_, _ = callMethod(v, "append", in(2))
	if got := show(d, nil); got != "{1: [2]}" {
		t.Errorf("d.setdefault(1, []).append(2): %s", got)
	}
}

func TestParseNumbers(t *testing.T) {
	ints := []struct {
		s    string
		base int
		want string
	}{
		{"0b11", 2, "3"}, {"-0o17", 0, "-15"}, {"00", 0, "0"}, {"0_0", 0, "0"},
		{"123456789012345678901234567890", 10, "123456789012345678901234567890"},
		{"_1", 10, "ValueError: invalid literal for int() with base 10: '_1'"},
		{"1_", 10, "ValueError: invalid literal for int() with base 10: '1_'"},
		{"", 10, "ValueError: invalid literal for int() with base 10: ''"},
	}
	for _, tc := range ints {
		i, err := IntFromString(tc.s, tc.base)
		var o Object
		if err == nil {
			o = i
		}
		if got := show(o, err); got != tc.want {
			t.Errorf("int(%q, %d): got %s, want %s", tc.s, tc.base, got, tc.want)
		}
	}
	floats := map[string]string{
		"1_000.5e1_0": "10005000000000.0", "5.": "5.0", " nan ": "nan", "Infinity": "inf",
		"1e-500": "0.0", "1__0": "ValueError: could not convert string to float: '1__0'",
	}
	for s, want := range floats {
		f, err := FloatFromString(s)
		if got := show(NewFloat(f), err); got != want {
			t.Errorf("float(%q): got %s, want %s", s, got, want)
		}
	}
}

// The word an Int holds marks a multi-digit int with math.MinInt64, so that value itself is
// multi-digit: it must still read, print, compare and compute as -2**63, and come back from
// big arithmetic as the same representation.
func TestIntMinInt64(t *testing.T) {
	lo := NewInt(math.MinInt64)
	if v, ok := lo.Int64(); ok || v != 0 {
		t.Errorf("NewInt(MinInt64).Int64() = %d, %v; want the multi-digit form", v, ok)
	}
	if s, _ := Repr(lo); s != "-9223372036854775808" {
		t.Errorf("repr(-2**63) = %s", s)
	}
	viaBig := bigInt("-9223372036854775808")
	if eq, err := Equal(lo, viaBig); err != nil || !eq {
		t.Errorf("-2**63 == -2**63: %v %v", eq, err)
	}
	for _, c := range []struct {
		a, b Object
		op   int
		want string
	}{
		{lo, in(1), NB_ADD, "-9223372036854775807"},
		{in(math.MinInt64 + 1), in(-1), NB_ADD, "-9223372036854775808"},
		{lo, in(-1), NB_MULTIPLY, "9223372036854775808"},
		{lo, in(2), NB_FLOOR_DIVIDE, "-4611686018427387904"},
	} {
		r, err := BinaryOp(c.a, c.b, c.op)
		if s, _ := Repr(r); err != nil || s != c.want {
			t.Errorf("%v op %d %v = %s, %v; want %s", c.a, c.op, c.b, s, err, c.want)
		}
	}
}

// IntAdd, IntSubtract and IntMultiply take the machine-word path when the result fits and
// math/big otherwise: at the edges of int64 and at random, each must equal math/big's answer.
func TestIntArithmeticAgainstBig(t *testing.T) {
	edges := []int64{0, 1, -1, 2, -2, 3, 1 << 31, -(1 << 31), 1<<32 + 1, 3037000499, 3037000500, -3037000500,
		math.MaxInt64, math.MaxInt64 - 1, math.MinInt64, math.MinInt64 + 1, math.MaxInt64 / 2, math.MinInt64 / 2}
	rng := rand.New(rand.NewPCG(2026, 17))
	for range 2000 {
		edges = append(edges, int64(rng.Uint64())>>rng.IntN(64))
	}
	ops := []struct {
		name  string
		f     func(a, b *Int) *Int
		small func(a, b *Int) (int64, bool)
		ref   func(z, a, b *big.Int) *big.Int
	}{
		{"+", IntAdd, AddSmall, (*big.Int).Add}, {"-", IntSubtract, SubtractSmall, (*big.Int).Sub},
		{"*", IntMultiply, MultiplySmall, (*big.Int).Mul},
	}
	for i, a := range edges {
		for _, b := range edges[max(0, i-40) : i+1] {
			for _, op := range ops {
				got := op.f(NewInt(a), NewInt(b)).String()
				want := op.ref(new(big.Int), big.NewInt(a), big.NewInt(b))
				if got != want.String() {
					t.Fatalf("%d %s %d = %s, want %s", a, op.name, b, got, want)
				}
				// the one-word path (the runtime's LongAdd...) answers exactly when the operands and
				// the result fit in a word (an operand math.MinInt64 is multi-digit: the mark of
				// one; NewInt makes the result math.MinInt64 one)
				word := a != math.MinInt64 && b != math.MinInt64 && want.IsInt64()
				if v, ok := op.small(NewInt(a), NewInt(b)); ok != word ||
					ok && v != want.Int64() {
					t.Fatalf("%d %s %d: one-word path %d, %v; want %s", a, op.name, b, v, ok, want)
				}
			}
		}
	}
	// a multi-digit operand never takes the one-word path
	huge := NewIntFromBig(new(big.Int).Lsh(big.NewInt(1), 70))
	for _, op := range ops {
		if _, ok := op.small(huge, NewInt(0)); ok {
			t.Fatalf("2**70 %s 0 took the one-word path", op.name)
		}
	}
}

// IsCompact is CPython's one 30-bit digit: |v| < 2**30; multi-digit ints are not compact.
func TestIntIsCompact(t *testing.T) {
	for _, c := range []struct {
		v    int64
		want bool
	}{{0, true}, {1<<30 - 1, true}, {-(1<<30 - 1), true}, {1 << 30, false}, {-(1 << 30), false},
		{math.MaxInt64, false}, {math.MinInt64 + 1, false}} {
		i := NewInt(c.v)
		if i.IsCompact() != c.want || c.want && i.CompactValue() != c.v {
			t.Errorf("IsCompact(%d) = %v, want %v", c.v, i.IsCompact(), c.want)
		}
	}
	if NewInt(math.MinInt64).IsCompact() || NewIntFromBig(new(big.Int).Lsh(big.NewInt(1), 70)).IsCompact() {
		t.Error("a multi-digit int is compact")
	}
	var o Object = NewInt(12345)
	if AsInt(o) != o.(*Int) {
		t.Error("AsInt is not the *Int the object holds")
	}
}

// NewIntInline gives the small-int cache's object, an Int of the value from the current block, or
// nil (a used-up block, or math.MinInt64, a multi-digit int's mark): then NewInt.
func TestNewIntInline(t *testing.T) {
	if NewIntInline(7) != NewInt(7) {
		t.Error("a small int is not the cached object")
	}
	for v := int64(1000); v < 1000+3*intBlockLen; v++ {
		i := NewIntInline(v)
		if i == nil {
			i = NewInt(v) // the block was used up: NewInt starts a new one
		}
		if got, ok := i.Int64(); !ok || got != v {
			t.Fatalf("NewIntInline(%d) = %d, %v", v, got, ok)
		}
	}
	if NewIntInline(math.MinInt64) != nil {
		t.Error("math.MinInt64 taken from the block")
	}
}

// The type cache answers a lookup again from the entry of the type's version tag; setting or
// deleting an attribute of a class or of a base must be seen by the next lookup on a subclass.
func TestTypeLookupSeesClassChanges(t *testing.T) {
	base, err := NewClass("Base", nil, NewDict(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := NewClass("Sub", []*Type{base}, NewDict(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := func(step string, got, w Object) {
		t.Helper()
		if got != w {
			t.Fatalf("%s: Sub.Lookup(\"x\") = %v, want %v", step, got, w)
		}
	}
	want("before", sub.Lookup("x"), nil)
	want("cached miss", sub.Lookup("x"), nil)
	one, two := NewInt(1), NewInt(2)
	if err := SetAttr(base, "x", one); err != nil {
		t.Fatal(err)
	}
	want("set on the base", sub.Lookup("x"), one)
	if err := SetAttr(sub, "x", two); err != nil {
		t.Fatal(err)
	}
	want("set on the class", sub.Lookup("x"), two)
	if err := SetAttr(sub, "x", nil); err != nil {
		t.Fatal(err)
	}
	want("deleted from the class", sub.Lookup("x"), one)
	// a name with the same text at another address is the same name
	want("another copy of the name", sub.Lookup(string([]byte("x"))), one)
}

// A class nothing refers to any more is freed, though the type cache answered lookups on it and
// object lists it as a subclass: a program that makes classes in a loop, or runs again and
// again in one process, does not keep them all (and each one's module, through its methods).
func TestDeadClassIsFreed(t *testing.T) {
	cls, err := NewClass("Dying", nil, NewDict(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// the class reaches itself through an attribute, as through a method's globals
	if err := SetAttr(cls, "me", NewTuple(cls)); err != nil {
		t.Fatal(err)
	}
	if cls.Lookup("me") == nil {
		t.Fatal("Dying.me not found")
	}
	dead := weak.Make(cls)
	cls = nil
	live, err := NewClass("Live", nil, NewDict(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10 && dead.Value() != nil; i++ {
		runtime.GC()
		for deadline := time.Now().Add(time.Second); !typeCacheStale.Load() && time.Now().Before(deadline); {
			runtime.Gosched() // the collection's cleanup runs on its own goroutine
		}
		live.Lookup(strings.Repeat("x", i+1)) // a miss: it empties a stale cache
	}
	runtime.GC()
	if dead.Value() != nil {
		t.Fatal("a class nothing refers to is still alive after ten collections")
	}
}
