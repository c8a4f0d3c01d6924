package objects

import (
	"math"
	"math/big"
)

// CPython's float ** delegates to the C library's pow(), which on glibc is
// almost always correctly rounded; Go's math.Pow is often one ulp off. A
// build with cgo calls pow() itself (cPow); without cgo, powCorrect gives
// the correctly rounded result, from fastmath.go's double-double paths or,
// near a rounding boundary, from math/big at powPrec bits rounded once.

const powPrec = 192 // bits; far beyond the 53 needed, so one rounding suffices

// powCorrect returns a**y for finite a > 0, a != 1, and finite y != 0, correctly rounded: C's
// pow (cPow) in a build without the C library.
func powCorrect(a, y float64) float64 {
	if y == math.Trunc(y) && math.Abs(y) <= 64 {
		return powExactInt(a, int(y))
	}
	if r, ok := powFast(a, y); ok {
		return r
	}
	return powBig(a, y)
}

// powBig is powCorrect in big.Float throughout: the reference the fast paths are tested
// against, and their fallback.
func powBig(a, y float64) float64 {
	if y == math.Trunc(y) && math.Abs(y) <= 64 {
		return powExactIntBig(a, int(y))
	}
	t := new(big.Float).SetPrec(powPrec).SetFloat64(y)
	t.Mul(t, bigLn(a))
	// exp would overflow or underflow to zero; skip the expensive part.
	if f, _ := t.Float64(); f > 710 {
		return math.Inf(1)
	} else if f < -746 {
		return 0
	}
	r, _ := bigExp(t).Float64()
	return r
}

// powExactInt is a**n for finite a > 0 and 0 < |n| <= 64, correctly rounded.
// C: pow (glibc libm) with an integral exponent.
func powExactInt(a float64, n int) float64 {
	if r, ok := powIntFast(a, n); ok {
		return r
	}
	return powExactIntBig(a, n)
}

// powExactIntBig forms a**n exactly (53 bits per factor is always enough)
// and rounds once, which also gets ties right.
func powExactIntBig(a float64, n int) float64 {
	neg := n < 0
	if neg {
		n = -n
	}
	prec := uint(53*n + 64)
	r := new(big.Float).SetPrec(prec).SetInt64(1)
	base := new(big.Float).SetPrec(prec).SetFloat64(a)
	for n > 0 {
		if n&1 == 1 {
			r.Mul(r, base)
		}
		if n >>= 1; n > 0 {
			base.Mul(base, base)
		}
	}
	if neg {
		// The quotient is rounded at prec bits first, but that cannot
		// move it across a float64 rounding boundary in practice.
		r.Quo(new(big.Float).SetPrec(prec).SetInt64(1), r)
	}
	f, _ := r.Float64()
	return f
}

func newBig() *big.Float { return new(big.Float).SetPrec(powPrec) }

// bigAtanhSeries returns 2*atanh(z) = 2(z + z³/3 + z⁵/5 + ...) for small |z|;
// ln(m) = 2*atanh((m-1)/(m+1)).
func bigAtanhSeries(z *big.Float) *big.Float {
	z2 := newBig().Mul(z, z)
	term := newBig().Set(z)
	sum := newBig().Set(z)
	for k := int64(3); ; k += 2 {
		term.Mul(term, z2)
		q := newBig().Quo(term, newBig().SetInt64(k))
		if q.Sign() == 0 || q.MantExp(nil) < sum.MantExp(nil)-powPrec-8 {
			break
		}
		sum.Add(sum, q)
	}
	return sum.Mul(sum, newBig().SetInt64(2))
}

var bigLn2 = func() *big.Float {
	third := newBig().Quo(newBig().SetInt64(1), newBig().SetInt64(3)) // ln 2 = 2 atanh(1/3)
	return bigAtanhSeries(third)
}()

// bigLn returns ln(x) for finite x > 0: x = m·2^e with m in [√½, √2).
func bigLn(x float64) *big.Float {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m, e = m*2, e-1 // exact
	}
	bm := newBig().SetFloat64(m)
	one := newBig().SetInt64(1)
	z := newBig().Quo(newBig().Sub(bm, one), newBig().Add(bm, one))
	r := bigAtanhSeries(z)
	return r.Add(r, newBig().Mul(bigLn2, newBig().SetInt64(int64(e))))
}

// bigExp returns e**t for moderate t: t = k·ln2 + r, e**r by its Taylor
// series after scaling r down by 2**8 and squaring back.
func bigExp(t *big.Float) *big.Float {
	kf, _ := newBig().Quo(t, bigLn2).Float64()
	k := int64(math.Round(kf))
	r := newBig().Sub(t, newBig().Mul(bigLn2, newBig().SetInt64(k)))
	const halvings = 8
	r.SetMantExp(r, -halvings)
	sum := newBig().SetInt64(1)
	term := newBig().SetInt64(1)
	for n := int64(1); ; n++ {
		term.Mul(term, r)
		term.Quo(term, newBig().SetInt64(n))
		if term.Sign() == 0 || term.MantExp(nil) < -powPrec-8 {
			break
		}
		sum.Add(sum, term)
	}
	for i := 0; i < halvings; i++ {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}
