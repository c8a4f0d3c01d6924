package objects

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Float is Python's float (an IEEE 754 double).
type Float struct {
	V float64
}

func (*Float) Type() *Type { return FloatType }

// NewFloat returns the Python float v.
func NewFloat(v float64) *Float {
	if floatUsed == floatBlockLen {
		floatBlock, floatUsed = new([floatBlockLen]Float), 0
	}
	f := &floatBlock[floatUsed]
	floatUsed++
	f.V = v
	return f
}

// floatBlock is the last block of Floats allocated, of which floatUsed are taken: as with ints
// (intBlock), one allocation of a pointer-free block serves floatBlockLen results, where CPython
// takes a float from its freelist. (A live Float keeps its block's 256 bytes alive.)
var (
	floatBlock *[floatBlockLen]Float
	floatUsed  = floatBlockLen
)

const floatBlockLen = 32

// isNumber reports whether o takes part in numeric operations
// (int, bool, float).
func isNumber(o Object) bool {
	switch o.(type) {
	case *Int, Bool, *Float:
		return true
	}
	return false
}

// toFloat converts a number to float64 (OverflowError for huge ints).
func toFloat(o Object) (float64, error) {
	if f, ok := o.(*Float); ok {
		return f.V, nil
	}
	i, _ := toInt(o)
	return intToFloat(i)
}

// floatDivmod is Python's float divmod: the remainder has the divisor's
// sign, and the quotient is the floor of the exact quotient, corrected for
// the rounding error in (x - mod) / y.
func floatDivmod(x, y float64) (float64, float64, error) {
	if y == 0 {
		return 0, 0, zeroDivision()
	}
	mod := math.Mod(x, y) // C fmod: sign of x
	div := (x - mod) / y
	if mod != 0 {
		if (y < 0) != (mod < 0) {
			mod += y
			div--
		}
	} else {
		mod = math.Copysign(0, y)
	}
	if div != 0 {
		floor := math.Floor(div)
		if div-floor > 0.5 {
			floor++
		}
		div = floor
	} else {
		div = math.Copysign(0, x/y)
	}
	return div, mod, nil
}

// floatPow is float ** float with CPython's error cases.
func floatPow(x, y float64) (Object, error) {
	switch {
	case y == 0:
		return NewFloat(1), nil // even for nan
	case x == 0 && y < 0:
		return nil, NewException(ZeroDivisionErrorType, "zero to a negative power")
	case x < 0 && !math.IsInf(x, 0) && !math.IsInf(y, 0) && !math.IsNaN(y) && y != math.Trunc(y):
		// A negative number to a fractional power is complex, as complex ** complex computes it.
		return complexPow(x, 0, y, 0)
	}
	var r float64
	if x != 1 && x != 0 && !math.IsInf(x, 0) && !math.IsNaN(x) && !math.IsInf(y, 0) && !math.IsNaN(y) {
		// Finite, non-trivial: C's pow of |x|, the sign put back after, as float_pow does.
		r = cPow(math.Abs(x), y)
		if x < 0 && math.Mod(y, 2) != 0 { // odd integer exponent keeps the sign
			r = -r
		}
	} else {
		r = math.Pow(x, y) // C99 special cases, which Go follows
	}
	if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) && !math.IsNaN(x) && !math.IsNaN(y) {
		// CPython surfaces errno ERANGE as OverflowError(34, '...').
		return nil, NewExceptionArgs(OverflowErrorType, NewInt(34), NewStr("Numerical result out of range"))
	}
	return NewFloat(r), nil
}

// cmpIntFloat compares an int with a float exactly (no rounding of the
// int), returning ok=false when f is NaN.
func cmpIntFloat(i *Int, f float64) (c int, ok bool) {
	switch {
	case math.IsNaN(f):
		return 0, false
	case math.IsInf(f, 1):
		return -1, true
	case math.IsInf(f, -1):
		return 1, true
	}
	const exact = 1 << 53
	if v, small := i.Int64(); small && v >= -exact && v <= exact {
		fv := float64(v)
		switch {
		case fv < f:
			return -1, true
		case fv > f:
			return 1, true
		}
		return 0, true
	}
	r := new(big.Rat).SetFloat64(f) // exact for finite f
	return new(big.Rat).SetInt(i.bigView()).Cmp(r), true
}

// floatHash follows CPython: a float equal to an integer hashes like that
// int, and other finite values hash as the rational m/2**k modulo 2**61-1.
func floatHash(f float64) int64 {
	switch {
	case math.IsInf(f, 1):
		return 314159
	case math.IsInf(f, -1):
		return -314159
	case math.IsNaN(f):
		return 0 // CPython uses identity for NaN; any constant is consistent
	}
	// |f| = mant * 2^exp with an integer mant < 2^53, and the hash is |f| modulo the prime
	// P = 2^61 - 1, the same for an int and a float of equal value. Since 2^61 = 1 (mod P),
	// 2^exp is 2^(exp mod 61), and multiplying by it rotates a residue's 61 bits.
	m, e := math.Frexp(math.Abs(f))
	mant, exp := uint64(m*(1<<53)), e-53
	s := uint((exp%61 + 61) % 61)
	h := int64((mant<<s)&hashModulus | mant>>(61-s))
	if f < 0 {
		h = -h
	}
	if h == -1 {
		h = -2
	}
	return h
}

// floatDigits returns the significant decimal digits of |f| rounded to prec
// digits (prec < 0: the shortest string that round-trips) and the position
// of the decimal point: |f| ≈ 0.DIGITS × 10**decpt. f must be finite.
func floatDigits(f float64, prec int) (digits string, decpt int) {
	p := prec - 1 // digits after the point in 'e' format
	if prec < 0 {
		p = -1
	}
	s := strconv.FormatFloat(math.Abs(f), 'e', p, 64)
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	return strings.Replace(mant, ".", "", 1), e + 1
}

// floatRepr is repr(float): the shortest round-tripping digits, in fixed
// notation when the decimal exponent is in [-4, 16) and with ".0" added to
// integral values, otherwise in exponent notation (1e+16, 1.5e-05).
func floatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	s := formatGeneral(f, -1, 16, false, true)
	if math.Signbit(f) {
		s = "-" + s
	}
	return s
}

// formatGeneral formats |f| the way 'g'-style conversions do: digits
// rounded to prec significant digits (prec < 0 = shortest), exponent
// notation when the exponent is < -4 or >= sciAt. alt keeps trailing zeros
// and the decimal point ('#'); dot0 adds ".0" to integral fixed results.
func formatGeneral(f float64, prec, sciAt int, alt, dot0 bool) string {
	digits, decpt := floatDigits(f, prec)
	if alt && len(digits) < prec {
		digits += strings.Repeat("0", prec-len(digits))
	}
	if !alt {
		digits = strings.TrimRight(digits, "0")
		if digits == "" {
			digits = "0"
		}
	}
	exp := decpt - 1
	if exp < -4 || exp >= sciAt {
		s := digits[:1]
		if len(digits) > 1 || alt {
			s += "." + digits[1:]
		}
		return s + formatExponent(exp)
	}
	var intPart, frac string
	switch {
	case decpt <= 0:
		intPart, frac = "0", strings.Repeat("0", -decpt)+digits
	case decpt >= len(digits):
		intPart = digits + strings.Repeat("0", decpt-len(digits))
	default:
		intPart, frac = digits[:decpt], digits[decpt:]
	}
	switch {
	case frac != "":
		return intPart + "." + frac
	case dot0:
		return intPart + ".0"
	case alt:
		return intPart + "."
	}
	return intPart
}

// formatExponent renders e+NN / e-NN with at least two digits, as C does.
func formatExponent(exp int) string {
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	s := strconv.Itoa(exp)
	if len(s) < 2 {
		s = "0" + s
	}
	return "e" + sign + s
}

// FloatFromString implements float(s): decimal literals with optional
// exponent and single underscores between digits, or inf/infinity/nan in
// any case, all with optional sign and surrounding whitespace.
func FloatFromString(s string) (float64, error) {
	t := strings.TrimFunc(s, isPySpace)
	body := strings.TrimLeft(t, "+-")
	if len(t)-len(body) <= 1 {
		switch strings.ToLower(body) {
		case "inf", "infinity":
			if strings.HasPrefix(t, "-") {
				return math.Inf(-1), nil
			}
			return math.Inf(1), nil
		case "nan":
			return math.NaN(), nil
		}
		if clean, ok := cleanFloatLiteral(t); ok {
			// Out-of-range values come back as ±Inf or 0 with an error that
			// Python does not raise, so the error is ignored.
			v, _ := strconv.ParseFloat(clean, 64)
			return v, nil
		}
	}
	r := []rune(quoteStr(s, false))
	if len(r) > 200 {
		r = r[:200]
	}
	return 0, valueErrorf("could not convert string to float: %s", string(r))
}

// cleanFloatLiteral validates [sign] digits [. digits] [e [sign] digits]
// (with at least one mantissa digit) and strips the underscores.
func cleanFloatLiteral(s string) (string, bool) {
	var b strings.Builder
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		b.WriteByte(s[i])
		i++
	}
	// digitRun copies digits with single underscores between them.
	digitRun := func() int {
		n := 0
		for i < len(s) {
			if s[i] >= '0' && s[i] <= '9' {
				b.WriteByte(s[i])
				i++
				n++
			} else if s[i] == '_' && n > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
			} else {
				break
			}
		}
		return n
	}
	n := digitRun()
	if i < len(s) && s[i] == '.' {
		b.WriteByte('.')
		i++
		n += digitRun()
	}
	if n == 0 {
		return "", false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		b.WriteByte('e')
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			b.WriteByte(s[i])
			i++
		}
		if digitRun() == 0 {
			return "", false
		}
	}
	return b.String(), i == len(s)
}

// floatAttr is a float's attribute (real, imag) or method (is_integer, conjugate), nil for both
// if it is neither.
// CPython: Objects/floatobject.c float_methods, float_getset
func floatAttr(f *Float, name string) (Object, *Builtin) {
	switch name {
	case "real":
		return NewFloat(f.V), nil
	case "imag":
		return NewFloat(0), nil
	case "is_integer":
		return nil, boundNoArgs(f, "float", name, func() Object { return Bool(!math.IsInf(f.V, 0) && f.V == math.Trunc(f.V)) })
	case "conjugate":
		return nil, boundNoArgs(f, "float", name, func() Object { return NewFloat(f.V) })
	}
	return nil, nil
}
