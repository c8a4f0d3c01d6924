package objects

import (
	"math"
	"math/big"
	"testing"
)

// Rows as in objects_test.go: the Python modelled and CPython 3.14's answer.

func cx(re, im float64) *Complex { return NewComplex(re, im) }

func TestComplexRepr(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	negZero := math.Copysign(0, -1)
	tests := []struct {
		py   string
		c    *Complex
		want string
	}{
		{"2j", cx(0, 2), "2j"},
		{"1.5j", cx(0, 1.5), "1.5j"},
		{"1+2j", cx(1, 2), "(1+2j)"},
		{"1-2j", cx(1, -2), "(1-2j)"},
		{"-2j  (that is -(2j): the real part is -0.0)", cx(negZero, -2), "(-0-2j)"},
		{"complex(0.0, -0.0)", cx(0, negZero), "-0j"},
		{"complex(-0.0, 0.0)", cx(negZero, 0), "(-0+0j)"},
		{"complex(1e16, 1e-5)", cx(1e16, 1e-5), "(1e+16+1e-05j)"},
		{"complex(0.5, 1e300)", cx(0.5, 1e300), "(0.5+1e+300j)"},
		{"complex(inf, -inf)", cx(inf, -inf), "(inf-infj)"},
		{"complex(1, -nan)", cx(1, math.Copysign(nan, -1)), "(1+nanj)"},
		{"complex(nan, 0)", cx(nan, 0), "(nan+0j)"},
		{"complex(1, 0)", cx(1, 0), "(1+0j)"},
	}
	for _, tc := range tests {
		if got := show(tc.c, nil); got != tc.want {
			t.Errorf("repr(%s): got %s, want %s", tc.py, got, tc.want)
		}
	}
}

func TestComplexArithmetic(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		py   string
		a, b Object
		op   int
		want string
	}{
		{"(1+2j) + (3-1j)", cx(1, 2), cx(3, -1), NB_ADD, "(4+1j)"},
		{"(1+2j) * (3-1j)", cx(1, 2), cx(3, -1), NB_MULTIPLY, "(5+5j)"},
		{"(1+2j) / (3-1j)", cx(1, 2), cx(3, -1), NB_TRUE_DIVIDE, "(0.1+0.7000000000000001j)"},
		{"(1+2j) - 1", cx(1, 2), in(1), NB_SUBTRACT, "2j"},
		{"1 - (1+2j)", in(1), cx(1, 2), NB_SUBTRACT, "-2j"},
		{"2 * (1+2j)", in(2), cx(1, 2), NB_MULTIPLY, "(2+4j)"},
		{"(1+2j) / 2", cx(1, 2), in(2), NB_TRUE_DIVIDE, "(0.5+1j)"},
		{"1 / (1+1j)", in(1), cx(1, 1), NB_TRUE_DIVIDE, "(0.5-0.5j)"},
		{"True + 1j", True, cx(0, 1), NB_ADD, "(1+1j)"},
		// 3.14's mixed-mode rules (gh-69639): a real operand is not made complex first.
		{"2 - 0j", in(2), cx(0, 0), NB_SUBTRACT, "(2-0j)"},
		{"complex(inf, 1) * 2", cx(inf, 1), in(2), NB_MULTIPLY, "(inf+2j)"},
		{"complex(-0.0, -0.0) + 1", cx(math.Copysign(0, -1), math.Copysign(0, -1)), in(1), NB_ADD, "(1-0j)"},
		{"(1+2j) ** 2", cx(1, 2), in(2), NB_POWER, "(-3+4j)"},
		{"(1+2j) ** -2", cx(1, 2), in(-2), NB_POWER, "(-0.12-0.16j)"},
		{"2j ** 0.5", cx(0, 2), fl(0.5), NB_POWER, "(1.0000000000000002+1j)"},
		{"(1+2j) ** (0.5-1.5j)", cx(1, 2), cx(0.5, -1.5), NB_POWER, "(6.248604836334073-4.784858580631062j)"},
		{"(3+4j) ** 1.7", cx(3, 4), fl(1.7), NB_POWER, "(-0.08646980586422434+15.425604212223215j)"},
		{"2 ** 1j", in(2), cx(0, 1), NB_POWER, "(0.7692389013639721+0.6389612763136348j)"},
		{"(-2.0) ** 0.5", fl(-2), fl(0.5), NB_POWER, "(8.659560562354934e-17+1.4142135623730951j)"},
		{"(-1e10) ** 0.3", fl(-1e10), fl(0.3), NB_POWER, "(587.785252292473+809.0169943749472j)"},
		{"0j ** -1", cx(0, 0), in(-1), NB_POWER, "ZeroDivisionError: zero to a negative or complex power"},
		{"0j ** 1j", cx(0, 0), cx(0, 1), NB_POWER, "ZeroDivisionError: zero to a negative or complex power"},
		{"0j ** 0", cx(0, 0), in(0), NB_POWER, "(1+0j)"},
		{"1j / 0", cx(0, 1), in(0), NB_TRUE_DIVIDE, "ZeroDivisionError: division by zero"},
		{"1j / 0j", cx(0, 1), cx(0, 0), NB_TRUE_DIVIDE, "ZeroDivisionError: division by zero"},
		{"(1+2j) // 1", cx(1, 2), in(1), NB_FLOOR_DIVIDE, "TypeError: unsupported operand type(s) for //: 'complex' and 'int'"},
		{"(1+1j) % 2", cx(1, 1), in(2), NB_REMAINDER, "TypeError: unsupported operand type(s) for %: 'complex' and 'int'"},
		{"1j + 'a'", cx(0, 1), st("a"), NB_ADD, "TypeError: unsupported operand type(s) for +: 'complex' and 'str'"},
		{"[1] * 1j", lst(in(1)), cx(0, 1), NB_MULTIPLY, "TypeError: can't multiply sequence by non-int of type 'complex'"},
		{"1j + 10**400", cx(0, 1), NewIntFromBig(new(big.Int).Exp(big.NewInt(10), big.NewInt(400), nil)), NB_ADD, "OverflowError: int too large to convert to float"},
	}
	for _, tc := range tests {
		if got := show(BinaryOp(tc.a, tc.b, tc.op)); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
}

func TestComplexOther(t *testing.T) {
	tests := []struct {
		py   string
		run  func() (Object, error)
		want string
	}{
		{"-(1+2j)", func() (Object, error) { return UnaryNegative(cx(1, 2)) }, "(-1-2j)"},
		{"+(1+2j)", func() (Object, error) { return UnaryPositive(cx(1, 2)) }, "(1+2j)"},
		{"~1j", func() (Object, error) { return UnaryInvert(cx(0, 1)) }, "TypeError: bad operand type for unary ~: 'complex'"},
		{"abs(3+4j)", func() (Object, error) { return callBuiltin("abs", cx(3, 4)) }, "5.0"},
		{"abs(complex(1e308, 1e308))", func() (Object, error) { return callBuiltin("abs", cx(1e308, 1e308)) }, "1.4142135623730951e+308"},
		{"abs(complex(1.7e308, 1.7e308))", func() (Object, error) { return callBuiltin("abs", cx(1.7e308, 1.7e308)) }, "OverflowError: absolute value too large"},
		{"abs(complex(inf, nan))", func() (Object, error) { return callBuiltin("abs", cx(math.Inf(1), math.NaN())) }, "inf"},
		{"(1+2j).conjugate()", func() (Object, error) { return callMethod(cx(1, 2), "conjugate") }, "(1-2j)"},
		{"(1+2j).real", func() (Object, error) { return GetAttr(cx(1, 2), "real") }, "1.0"},
		{"(1+2j).imag", func() (Object, error) { return GetAttr(cx(1, 2), "imag") }, "2.0"},
		{"1j.foo", func() (Object, error) { return GetAttr(cx(0, 1), "foo") }, "AttributeError: 'complex' object has no attribute 'foo'"},
		{"complex(1, 0) == 1", func() (Object, error) { return RichCompare(cx(1, 0), in(1), EQ) }, "True"},
		{"1 == complex(1, 0)", func() (Object, error) { return RichCompare(in(1), cx(1, 0), EQ) }, "True"},
		{"complex(1, 0) == 1.0", func() (Object, error) { return RichCompare(cx(1, 0), fl(1), EQ) }, "True"},
		{"2**53+1 == complex(2**53, 0)", func() (Object, error) { return RichCompare(in(1<<53+1), cx(1<<53, 0), EQ) }, "False"},
		{"1j != 1j", func() (Object, error) { return RichCompare(cx(0, 1), cx(0, 1), NE) }, "False"},
		{"1j == 'a'", func() (Object, error) { return RichCompare(cx(0, 1), st("a"), EQ) }, "False"},
		{"(1+2j) < 1", func() (Object, error) { return RichCompare(cx(1, 2), in(1), LT) }, "TypeError: '<' not supported between instances of 'complex' and 'int'"},
		{"bool(0j)", func() (Object, error) { return callBuiltin("bool", cx(0, 0)) }, "False"},
		{"hash(1+2j)", func() (Object, error) { return callBuiltin("hash", cx(1, 2)) }, "2000007"},
		{"hash(1.5-2.5j)", func() (Object, error) { return callBuiltin("hash", cx(1.5, -2.5)) }, "-2305843009215693957"},
		{"hash(complex(3, 0)) == hash(3)", func() (Object, error) {
			a, _ := Hash(cx(3, 0))
			return Bool(a == 3), nil
		}, "True"},
		{"{1+0j, 1}", func() (Object, error) { return orNil(NewSet(lst(cx(1, 0), in(1)))) }, "{(1+0j)}"},
		{"complex()", func() (Object, error) { return callBuiltin("complex") }, "0j"},
		{"complex(1, 2)", func() (Object, error) { return callBuiltin("complex", in(1), in(2)) }, "(1+2j)"},
		{"complex(1j, 1j)", func() (Object, error) { return callBuiltin("complex", cx(0, 1), cx(0, 1)) }, "(-1+1j)"},
		{"complex(imag=2)", func() (Object, error) { return callBuiltin("complex", "imag", in(2)) }, "2j"},
		{"complex('1+2j')", func() (Object, error) { return callBuiltin("complex", st("1+2j")) }, "(1+2j)"},
		{"complex(' (1-2.5e3j) ')", func() (Object, error) { return callBuiltin("complex", st(" (1-2.5e3j) ")) }, "(1-2500j)"},
		{"complex('1e5+1e-5j')", func() (Object, error) { return callBuiltin("complex", st("1e5+1e-5j")) }, "(100000+1e-05j)"},
		{"complex('j')", func() (Object, error) { return callBuiltin("complex", st("j")) }, "1j"},
		{"complex('-j')", func() (Object, error) { return callBuiltin("complex", st("-j")) }, "-1j"},
		{"complex('infj')", func() (Object, error) { return callBuiltin("complex", st("infj")) }, "infj"},
		{"complex('1 + 2j')", func() (Object, error) { return callBuiltin("complex", st("1 + 2j")) }, "ValueError: complex() arg is a malformed string"},
		{"complex('x')", func() (Object, error) { return callBuiltin("complex", st("x")) }, "ValueError: complex() arg is a malformed string"},
		{"complex([])", func() (Object, error) { return callBuiltin("complex", lst()) }, "TypeError: complex() argument must be a string or a number, not list"},
		{"complex(1, [])", func() (Object, error) { return callBuiltin("complex", in(1), lst()) }, "TypeError: complex() argument 'imag' must be a real number, not list"},
		{"complex('1', 2)", func() (Object, error) { return callBuiltin("complex", st("1"), in(2)) }, "TypeError: complex() argument 'real' must be a real number, not str"},
	}
	for _, tc := range tests {
		if got := show(tc.run()); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.py, got, tc.want)
		}
	}
}
