package objects

import (
	"math"
	"math/big"
	"strings"
	"sync"
)

// Complex is Python's complex: a pair of doubles.
type Complex struct {
	Real, Imag float64
}

var ComplexType = &Type{Name: "complex", Base: ObjectType}

func (*Complex) Type() *Type { return ComplexType }

// NewComplex returns complex(real, imag).
func NewComplex(real, imag float64) *Complex { return &Complex{Real: real, Imag: imag} }

// isComplexOperand reports what complex arithmetic accepts: complex, float, int and bool.
func isComplexOperand(o Object) bool {
	_, ok := o.(*Complex)
	return ok || isNumber(o)
}

// shortRepr is a double as complex's repr writes it: repr(float) without the ".0" of an
// integral value (2.0 -> "2"), with a "+" in front of non-negative values when sign is set. A
// NaN prints as nan whatever its sign bit.
func shortRepr(f float64, sign bool) string {
	var s string
	switch {
	case math.IsNaN(f):
		s = "nan"
	case math.IsInf(f, 0):
		s = "inf"
	default:
		s = formatGeneral(f, -1, 16, false, false)
	}
	switch {
	case !math.IsNaN(f) && math.Signbit(f):
		return "-" + s
	case sign:
		return "+" + s
	}
	return s
}

// complexRepr is repr(complex): 2j when the real part is +0.0, else (1+2j), (-0-1j), (nan+infj).
func complexRepr(c *Complex) string {
	if c.Real == 0 && !math.Signbit(c.Real) {
		return shortRepr(c.Imag, false) + "j"
	}
	return "(" + shortRepr(c.Real, false) + shortRepr(c.Imag, true) + "j)"
}

// complexHash is hash(complex): hash(real) + 1000003*hash(imag), so complex(x, 0) hashes as x.
func complexHash(c *Complex) int64 {
	h := uint64(floatHash(c.Real)) + 1000003*uint64(floatHash(c.Imag))
	if int64(h) == -1 {
		return -2
	}
	return int64(h)
}

// complexEqual is complex == other for a number other (ok false for anything else): an int
// equals a complex with no imaginary part whose real part it equals exactly.
func complexEqual(c *Complex, other Object) (eq, ok bool) {
	switch o := other.(type) {
	case *Complex:
		return c.Real == o.Real && c.Imag == o.Imag, true
	case *Float:
		return c.Real == o.V && c.Imag == 0, true
	}
	if i, isInt := toInt(other); isInt {
		if c.Imag != 0 {
			return false, true
		}
		cmp, ordered := cmpIntFloat(i, c.Real)
		return ordered && cmp == 0, true
	}
	return false, false
}

// complexParts is a complex operand as (real, imag) and whether it is a complex at all.
func complexParts(o Object) (re, im float64, isComplex bool, err error) {
	if c, ok := o.(*Complex); ok {
		return c.Real, c.Imag, true, nil
	}
	re, err = toFloat(o)
	return re, 0, false, err
}

// complexBinary is + - * / ** with a complex on at least one side and a number on the other.
// A real operand takes part as a real (3.14's mixed-mode rules, as C99's Annex G): 1 + (-0.0-0j)
// keeps the imaginary -0.0 and (inf+1j)*2 is (inf+2j), except on the right of / and **.
func complexBinary(a, b Object, op int) (Object, error) {
	switch op {
	case NB_ADD, NB_SUBTRACT, NB_MULTIPLY, NB_TRUE_DIVIDE, NB_POWER:
	default:
		return nil, errNotImplemented
	}
	ar, ai, ac, err := complexParts(a)
	if err != nil {
		return nil, err
	}
	br, bi, bc, err := complexParts(b)
	if err != nil {
		return nil, err
	}
	switch op {
	case NB_ADD:
		switch {
		case ac && bc:
			return NewComplex(ar+br, ai+bi), nil
		case ac:
			return NewComplex(ar+br, ai), nil
		}
		return NewComplex(br+ar, bi), nil
	case NB_SUBTRACT:
		switch {
		case ac && bc:
			return NewComplex(ar-br, ai-bi), nil
		case ac:
			return NewComplex(ar-br, ai), nil
		}
		return NewComplex(ar-br, -bi), nil
	case NB_MULTIPLY:
		switch {
		case ac && bc:
			// Each product is rounded on its own (no fused multiply-add), as in C.
			return NewComplex(float64(ar*br)-float64(ai*bi), float64(ar*bi)+float64(ai*br)), nil
		case ac:
			return NewComplex(ar*br, ai*br), nil
		}
		return NewComplex(br*ar, bi*ar), nil
	case NB_TRUE_DIVIDE:
		if !bc {
			if br == 0 {
				return nil, zeroDivision()
			}
			return NewComplex(ar/br, ai/br), nil
		}
		r, i, ok := complexQuot(ar, ai, br, bi)
		if !ok {
			return nil, zeroDivision()
		}
		return NewComplex(r, i), nil
	}
	return complexPow(ar, ai, br, bi)
}

// complexQuot is _Py_c_quot: Smith's division, scaled by the larger part of the divisor, with
// the infinities and zeros that come out as nan+nanj recovered (C11 Annex G.5.2). ok is false
// for a zero divisor.
func complexQuot(ar, ai, br, bi float64) (re, im float64, ok bool) {
	absR, absI := math.Abs(br), math.Abs(bi)
	switch {
	case absR >= absI:
		if absR == 0 {
			return 0, 0, false
		}
		ratio := bi / br
		denom := br + float64(bi*ratio)
		re = (ar + float64(ai*ratio)) / denom
		im = (ai - float64(ar*ratio)) / denom
	case absI >= absR:
		ratio := br / bi
		denom := float64(br*ratio) + bi
		re = (float64(ar*ratio) + ai) / denom
		im = (float64(ai*ratio) - ar) / denom
	default: // a NaN in the divisor
		re, im = math.NaN(), math.NaN()
	}
	if math.IsNaN(re) && math.IsNaN(im) {
		box := func(v float64) float64 {
			if math.IsInf(v, 0) {
				return math.Copysign(1, v)
			}
			return math.Copysign(0, v)
		}
		finite := func(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }
		switch {
		case (math.IsInf(ar, 0) || math.IsInf(ai, 0)) && finite(br) && finite(bi):
			x, y := box(ar), box(ai)
			re = math.Inf(1) * (float64(x*br) + float64(y*bi))
			im = math.Inf(1) * (float64(y*br) - float64(x*bi))
		case (math.IsInf(absR, 0) || math.IsInf(absI, 0)) && finite(ar) && finite(ai):
			x, y := box(br), box(bi)
			re = 0 * (float64(ar*x) + float64(ai*y))
			im = 0 * (float64(ai*x) - float64(ar*y))
		}
	}
	return re, im, true
}

func complexMul(ar, ai, br, bi float64) (float64, float64) {
	return float64(ar*br) - float64(ai*bi), float64(ar*bi) + float64(ai*br)
}

// complexPow is complex ** complex: repeated squaring for a small integral real exponent
// (|n| <= 100), else the polar form, with each C library function correctly rounded.
func complexPow(ar, ai, br, bi float64) (Object, error) {
	var re, im float64
	domain := false
	switch {
	case bi == 0 && br == math.Floor(br) && math.Abs(br) <= 100:
		n := int64(br)
		pr, pi := ar, ai
		if n < 0 {
			n = -n
		}
		re, im = 1, 0
		for mask := int64(1); mask > 0 && n >= mask; mask <<= 1 {
			if n&mask != 0 {
				re, im = complexMul(re, im, pr, pi)
			}
			pr, pi = complexMul(pr, pi, pr, pi)
		}
		if br < 0 {
			var ok bool
			if re, im, ok = complexQuot(1, 0, re, im); !ok {
				domain = true
			}
		}
	case ar == 0 && ai == 0: // (and the exponent is not 0, which the case above took)
		domain = bi != 0 || br < 0
	default:
		vabs := cHypot(ar, ai)
		length := cPow(vabs, br)
		at := cAtan2(ai, ar)
		phase := at * br
		if bi != 0 {
			length /= cExp(at * bi)
			phase += bi * cLog(vabs)
		}
		sin, cos := cSinCos(phase)
		re, im = length*cos, length*sin
	}
	switch {
	case domain:
		return nil, NewException(ZeroDivisionErrorType, "zero to a negative or complex power")
	case math.IsInf(re, 0) || math.IsInf(im, 0):
		return nil, overflowErrorf("complex exponentiation")
	}
	return NewComplex(re, im), nil
}

// cPow, cExp, cLog, cHypot, cAtan, cAtan2 and cSinCos are the C library functions CPython's math
// module, float ** and _Py_c_pow call: the C library's own (libm_cgo.go) in a build with cgo, so
// that the answers are CPython's bit for bit; without cgo, correctly rounded stand-ins (fastmath.go,
// with math/big near a rounding boundary), which glibc's answers are but for a few arguments in a
// thousand. Go's math package is often an ulp off, and further for results near zero such as
// cos(pi/2).
// C: pow (glibc libm).
func cPow(x, y float64) float64 {
	if withLibm {
		return libmPow(x, y)
	}
	if x > 0 && x != 1 && !math.IsInf(x, 0) && y != 0 && !math.IsInf(y, 0) && !math.IsNaN(y) {
		return powCorrect(x, y)
	}
	return math.Pow(x, y)
}

// C: exp (glibc libm), which CPython's math.exp and complex ** call.
func cExp(t float64) float64 {
	if withLibm {
		return libmExp(t)
	}
	if t == 0 || math.IsInf(t, 0) || math.IsNaN(t) || t > 710 || t < -746 {
		return math.Exp(t)
	}
	if r, ok := expFast(t); ok {
		return r
	}
	return expBig(t)
}

// expBig is exp(t) for finite t != 0 in (-746, 710), in big.Float at powPrec bits: the
// reference the fast path is tested against, and its fallback.
func expBig(t float64) float64 {
	r, _ := bigExp(newBig().SetFloat64(t)).Float64()
	return r
}

// C: log (glibc libm), which CPython's math.log and complex ** call.
func cLog(x float64) float64 {
	if withLibm {
		return libmLog(x)
	}
	if x <= 0 || x == 1 || math.IsInf(x, 0) || math.IsNaN(x) {
		return math.Log(x)
	}
	if r, ok := logFast(x); ok {
		return r
	}
	return logBig(x)
}

// logBig is ln(x) for finite x > 0, x != 1, in big.Float: the reference and the fallback.
func logBig(x float64) float64 {
	r, _ := bigLn(x).Float64()
	return r
}

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// C: hypot (glibc libm), which CPython's abs(complex) and complex ** call.
func cHypot(x, y float64) float64 {
	if withLibm {
		return libmHypot(x, y)
	}
	return hypotCorrect(x, y)
}

// hypotCorrect is sqrt(x*x + y*y) correctly rounded: what math.hypot gives (CPython computes it
// itself, in vector_norm, to within half an ulp almost always, and not with the C library's hypot).
// CPython: Modules/mathmodule.c math_hypot (vector_norm)
func hypotCorrect(x, y float64) float64 {
	if !finite(x) || !finite(y) || x == 0 || y == 0 {
		return math.Hypot(x, y)
	}
	bx, by := newBig().SetFloat64(x), newBig().SetFloat64(y)
	sum := newBig().Add(newBig().Mul(bx, bx), newBig().Mul(by, by))
	r, _ := sum.Sqrt(sum).Float64()
	return r
}

// bigAtanSeries is atan(z) = z - z³/3 + z⁵/5 - ... for small |z|.
func bigAtanSeries(z *big.Float) *big.Float {
	prec := z.Prec()
	z2 := new(big.Float).SetPrec(prec).Mul(z, z)
	term := new(big.Float).SetPrec(prec).Set(z)
	sum := new(big.Float).SetPrec(prec).Set(z)
	for k := int64(3); ; k += 2 {
		term.Mul(term, z2)
		term.Neg(term)
		q := new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetInt64(k))
		if q.Sign() == 0 || q.MantExp(nil) < sum.MantExp(nil)-int(prec)-8 {
			return sum
		}
		sum.Add(sum, q)
	}
}

// bigPiMachin is pi to prec bits, by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239).
func bigPiMachin(prec uint) *big.Float {
	at := func(n int64) *big.Float {
		z := new(big.Float).SetPrec(prec).Quo(new(big.Float).SetPrec(prec).SetInt64(1), new(big.Float).SetInt64(n))
		return bigAtanSeries(z)
	}
	a := at(5)
	a.Mul(a, new(big.Float).SetInt64(16))
	b := at(239)
	b.Mul(b, new(big.Float).SetInt64(4))
	return a.Sub(a, b)
}

// piCachePrec is enough for cSinCos's reduction of any float64 (powPrec plus the largest binary
// exponent, 1024) with room to spare; the series is summed once, 16 guard bits above that.
const piCachePrec = powPrec + 1100

var (
	piOnce  sync.Once
	piCache *big.Float
)

// bigPi is pi rounded to prec bits (prec <= piCachePrec), from one Machin evaluation kept for
// the life of the process: pi does not change, and recomputing it was most of a sin call's cost.
func bigPi(prec uint) *big.Float {
	piOnce.Do(func() {
		p := bigPiMachin(piCachePrec + 16)
		piCache = new(big.Float).SetPrec(piCachePrec).Set(p)
	})
	return new(big.Float).SetPrec(prec).Set(piCache)
}

// bigAtan is atan(z) for 0 <= z <= 1: halved with atan(z) = 2 atan(z / (1 + sqrt(1 + z²)))
// until the series converges fast.
func bigAtan(z *big.Float) *big.Float {
	prec := z.Prec()
	halvings := 0
	for z.Cmp(new(big.Float).SetFloat64(0.125)) > 0 {
		w := new(big.Float).SetPrec(prec).Mul(z, z)
		w.Add(w, new(big.Float).SetInt64(1))
		w.Sqrt(w)
		w.Add(w, new(big.Float).SetInt64(1))
		z = new(big.Float).SetPrec(prec).Quo(z, w)
		halvings++
	}
	r := bigAtanSeries(z)
	return r.SetMantExp(r, halvings)
}

// C: atan (glibc libm), which CPython's math.atan calls (its last bit differs from atan2(x, 1)'s
// at times).
func cAtan(x float64) float64 {
	if withLibm {
		return libmAtan(x)
	}
	return cAtan2(x, 1)
}

// C: atan2 (glibc libm), which CPython's math.atan2, math.atan (as atan2(x, 1)) and complex **
// call.
func cAtan2(y, x float64) float64 {
	if withLibm {
		return libmAtan2(y, x)
	}
	if !finite(x) || !finite(y) || x == 0 || y == 0 {
		return math.Atan2(y, x) // the exact cases: 0, ±pi, ±pi/2, ±pi/4, ±3pi/4
	}
	if r, ok := atan2Fast(y, x); ok {
		return r
	}
	return atan2Big(y, x)
}

// atan2Big is atan2(y, x) for finite nonzero x and y, in big.Float: the reference and the fallback.
func atan2Big(y, x float64) float64 {
	f, _ := atan2BigFloat(y, x).Float64()
	return f
}

// atan2BigFloat is atan2(y, x) for finite nonzero x and y at powPrec bits.
func atan2BigFloat(y, x float64) *big.Float {
	by, bx := newBig().SetFloat64(math.Abs(y)), newBig().SetFloat64(math.Abs(x))
	var r *big.Float
	if by.Cmp(bx) <= 0 {
		r = bigAtan(newBig().Quo(by, bx))
	} else { // atan(y/x) = pi/2 - atan(x/y)
		r = bigPi(powPrec)
		r.SetMantExp(r, -1)
		r.Sub(r, bigAtan(newBig().Quo(bx, by)))
	}
	if x < 0 {
		r.Sub(bigPi(powPrec), r)
	}
	if y < 0 {
		r.Neg(r)
	}
	return r
}

// bigSinCosSeries is sin(r) and cos(r) for |r| <= pi/4.
func bigSinCosSeries(r *big.Float) (sin, cos *big.Float) {
	prec := r.Prec()
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	series := func(first *big.Float, k int64) *big.Float {
		term := new(big.Float).SetPrec(prec).Set(first)
		sum := new(big.Float).SetPrec(prec).Set(first)
		for ; ; k += 2 {
			term.Mul(term, r2)
			term.Quo(term, new(big.Float).SetInt64(-k*(k+1)))
			if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(prec)-8 {
				return sum
			}
			sum.Add(sum, term)
		}
	}
	return series(r, 2), series(new(big.Float).SetPrec(prec).SetInt64(1), 1)
}

// cSinCos is sin(x) and cos(x).
// C: sin and cos (glibc libm), which CPython's math.sin, math.cos and complex ** call.
func cSinCos(x float64) (sin, cos float64) {
	if withLibm {
		return libmSin(x), libmCos(x)
	}
	if !finite(x) || x == 0 {
		return math.Sin(x), math.Cos(x)
	}
	if s, c, ok := sinCosFast(x); ok {
		return s, c
	}
	return sinCosBig(x)
}

// sinCosBig is sin(x) and cos(x) for finite x != 0 in big.Float, the argument reduced by pi/2
// with as many bits of pi as x needs: the reference and the fallback.
func sinCosBig(x float64) (sin, cos float64) {
	s, c := sinCosBigFloat(x)
	sin, _ = s.Float64()
	cos, _ = c.Float64()
	return sin, cos
}

// sinCosBigFloat is sin(x) and cos(x) for finite x != 0 before the final rounding.
func sinCosBigFloat(x float64) (sin, cos *big.Float) {
	_, exp := math.Frexp(x)
	prec := uint(powPrec)
	if exp > 0 {
		prec += uint(exp)
	}
	halfPi := bigPi(prec)
	halfPi.SetMantExp(halfPi, -1)
	bx := new(big.Float).SetPrec(prec).SetFloat64(x)
	kf := new(big.Float).SetPrec(prec).Quo(bx, halfPi)
	kInt, _ := kf.Int(nil) // truncated; round to nearest below
	rem := new(big.Float).SetPrec(prec).Sub(kf, new(big.Float).SetInt(kInt))
	if rem.Cmp(new(big.Float).SetFloat64(0.5)) > 0 {
		kInt.Add(kInt, big.NewInt(1))
	} else if rem.Cmp(new(big.Float).SetFloat64(-0.5)) < 0 {
		kInt.Sub(kInt, big.NewInt(1))
	}
	r := new(big.Float).SetPrec(prec).Mul(halfPi, new(big.Float).SetInt(kInt))
	r.Sub(bx, r)
	s, c := bigSinCosSeries(r)
	switch new(big.Int).And(kInt, big.NewInt(3)).Int64() {
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s, c = s.Neg(s), c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	return s, c
}

// complexAbs is abs(complex): the hypotenuse; infinite if either part is, even beside a NaN.
func complexAbs(c *Complex) (Object, error) {
	switch {
	case math.IsInf(c.Real, 0) || math.IsInf(c.Imag, 0):
		return NewFloat(math.Inf(1)), nil
	case math.IsNaN(c.Real) || math.IsNaN(c.Imag):
		return NewFloat(math.NaN()), nil
	}
	r := cHypot(c.Real, c.Imag) // C's hypot, as _Py_c_abs calls it
	if math.IsInf(r, 0) {
		return nil, overflowErrorf("absolute value too large")
	}
	return NewFloat(r), nil
}

// complexAttr is complex's real, imag and conjugate().
func complexAttr(c *Complex, name string) Object {
	switch name {
	case "real":
		return NewFloat(c.Real)
	case "imag":
		return NewFloat(c.Imag)
	case "conjugate":
		return boundNoArgs(c, "complex", name, func() Object { return NewComplex(c.Real, -c.Imag) })
	}
	return nil
}

// complexFromString is complex(s): a real part, an imaginary part ending in j (a bare j is 1j),
// or both, as one float literal each with the sign between them; optionally in parentheses, and
// with whitespace only around the whole (or just inside the parentheses).
func complexFromString(s string) (*Complex, error) {
	malformed := valueErrorf("complex() arg is a malformed string")
	t := strings.TrimFunc(s, isPySpace)
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && len(t) >= 2 {
		t = strings.TrimFunc(t[1:len(t)-1], isPySpace)
	}
	if t == "" || strings.IndexFunc(t, isPySpace) >= 0 {
		return nil, malformed
	}
	part := func(p string, imag bool) (float64, bool) {
		switch {
		case imag && (p == "" || p == "+"):
			return 1, true
		case imag && p == "-":
			return -1, true
		}
		v, err := FloatFromString(p)
		return v, err == nil
	}
	last := t[len(t)-1]
	if last != 'j' && last != 'J' {
		re, ok := part(t, false)
		if !ok {
			return nil, malformed
		}
		return NewComplex(re, 0), nil
	}
	body := t[:len(t)-1]
	split := -1 // the sign that starts the imaginary part, if a real part comes first
	for k := len(body) - 1; k > 0; k-- {
		if (body[k] == '+' || body[k] == '-') && body[k-1] != 'e' && body[k-1] != 'E' {
			split = k
			break
		}
	}
	re, reOK := 0.0, true
	imText := body
	if split > 0 {
		re, reOK = part(body[:split], false)
		imText = body[split:]
	}
	im, imOK := part(imText, true)
	if !reOK || !imOK {
		return nil, malformed
	}
	return NewComplex(re, im), nil
}
