package objects

import (
	"math"
	"math/big"
	"sync"
)

// Fast paths for the correctly rounded C library stand-ins (cExp, cLog, powCorrect, powExactInt,
// cSinCos, cAtan2). Each evaluates its function in double-double arithmetic (a value is an
// unevaluated sum hi + lo of two float64s, about 106 bits) together with a bound on the error
// that is several hundred times the error analysis's figure, and returns ok only when every real
// number within that bound of the double-double rounds to the same float64 (Ziv's rounding
// test). That float64 is then the correctly rounded result, which is what the big.Float paths
// return, so the answer is the same bit for bit; when the test fails (the true value is too
// close to a midpoint between two float64s, or the argument is outside the range the analysis
// covers) the caller falls back to big.Float. The tables of constants are computed once, from
// the big.Float routines, the first time they are needed.
//
// Notation in the comments: u = 2^-53, the unit roundoff of float64.

// twoSum is s + e = a + b exactly, s = fl(a + b) (Knuth). The explicit float64 conversions forbid
// the compiler from fusing a product into these additions, which would break exactness.
func twoSum(a, b float64) (s, e float64) {
	s = float64(a + b)
	bb := float64(s - a)
	e = float64(a-float64(s-bb)) + float64(b-bb)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b| (or a == 0) (Dekker).
func fastTwoSum(a, b float64) (s, e float64) {
	s = float64(a + b)
	e = b - float64(s-a)
	return s, e
}

// twoProd is p + e = a * b exactly, p = fl(a * b), barring underflow: the fused multiply-add
// computes a*b - p with a single rounding, and that difference is representable.
func twoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	e = math.FMA(a, b, -p)
	return p, e
}

// ddMul is (ah + al)(bh + bl), relative error below 8u² (the product al*bl, at most u²|ab|,
// is dropped; three roundings of terms of size u|ab| add at most 3u²).
func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p, e := twoProd(ah, bh)
	e += ah*bl + al*bh
	return fastTwoSum(p, e)
}

// ddMulD is (ah + al) * b, relative error below 3u².
func ddMulD(ah, al, b float64) (float64, float64) {
	p, e := twoProd(ah, b)
	e += al * b
	return fastTwoSum(p, e)
}

// ddAdd is (ah + al) + (bh + bl), relative error below 3u² of the result whatever the signs
// (the accurate sum of Joldes, Muller and Popescu, which both twoSums make safe under
// cancellation).
func ddAdd(ah, al, bh, bl float64) (float64, float64) {
	s, e := twoSum(ah, bh)
	t, f := twoSum(al, bl)
	e += t
	s, e = fastTwoSum(s, e)
	e += f
	return fastTwoSum(s, e)
}

// ddAddD is (ah + al) + b, relative error below 2u² of the result.
func ddAddD(ah, al, b float64) (float64, float64) {
	s, e := twoSum(ah, b)
	e += al
	return fastTwoSum(s, e)
}

// zivRound reports whether every real within err of h + l rounds (to nearest) to h. h + l must
// be normalized (h = fl(h + l)), which every routine here ensures with a final fastTwoSum.
// The interval must stay strictly inside the half-gaps to h's neighbours: half an ulp of h away
// from zero, and the same towards zero except at a power of two, where the float64s below are
// twice as dense. A tie is never accepted, so exact midpoints fall back to big.Float, which
// rounds them to even. Results below 2^-969 are refused: their half-gap would not be a normal
// float64, and lo parts there lose bits to underflow.
func zivRound(h, l, err float64) bool {
	b := math.Float64bits(h) &^ (1 << 63)
	ex := b >> 52
	if ex < 54 || ex >= 0x7ff {
		return false
	}
	half := math.Float64frombits((ex - 53) << 52) // half an ulp of h: 2^(E-53)
	// fl(a + err) is at most 2u below the exact sum, so the margin keeps the test safe.
	const safe = 1 - 0x1p-50
	if b&(1<<52-1) == 0 {
		away := l // l's component away from zero
		if h < 0 {
			away = -l
		}
		return away+err < half*safe && err-away < half/2*safe
	}
	return math.Abs(l)+err < half*safe
}

// dd is a double-double constant.
type dd struct{ hi, lo float64 }

// ddOf rounds a big.Float (of at least 110 bits' accuracy) to a double-double: hi is the
// nearest float64 and lo the nearest to the rest, so |x - hi - lo| <= 2^-107 |x|.
func ddOf(x *big.Float) dd {
	hi, _ := x.Float64()
	rest := new(big.Float).SetPrec(x.Prec()).Sub(x, new(big.Float).SetFloat64(hi))
	lo, _ := rest.Float64()
	return dd{hi, lo}
}

// ddRecip returns 1/k as a double-double.
func ddRecip(k int64) dd {
	return ddOf(newBig().Quo(newBig().SetInt64(1), newBig().SetInt64(k)))
}

// ---------------------------------------------------------------- exp

// expN is the number of table entries per octave: exp(x) = 2^k * 2^(j/expN) * exp(r) with
// |r| <= ln2/(2 expN) < 2^-9.5, so eight Taylor terms reach 2^-104.
const expN = 256

var (
	expOnce sync.Once
	expTab  [expN]dd // 2^(j/expN)
	// expC is ln2/expN in three parts: m*expC[0] and m*expC[1] are formed exactly by twoProd,
	// and what the three parts leave out of ln2/expN is below 2^-165.
	expC    [3]float64
	expInvC float64 // expN/ln2, only to choose m (its rounding moves r by a hair)
	expCoef [5]dd   // 1/k! for k = 0..4
)

func expInit() {
	expOnce.Do(func() {
		// 2^(1/2^i) by repeated square roots, and 2^(j/256) as products of those: 192 bits.
		var roots [8]*big.Float
		r := newBig().SetInt64(2)
		for i := 0; i < 8; i++ {
			r = newBig().Sqrt(r)
			roots[7-i] = r // roots[b] = 2^(2^b/256)
		}
		for j := 0; j < expN; j++ {
			p := newBig().SetInt64(1)
			for b := 0; b < 8; b++ {
				if j&(1<<b) != 0 {
					p.Mul(p, roots[b])
				}
			}
			expTab[j] = ddOf(p)
		}
		c := newBig().Quo(bigLn2, newBig().SetInt64(expN))
		for i := range expC {
			expC[i], _ = c.Float64()
			c.Sub(c, newBig().SetFloat64(expC[i]))
		}
		expInvC = expN / math.Ln2
		fact := int64(1)
		for k := int64(0); k < 5; k++ {
			if k > 0 {
				fact *= k
			}
			expCoef[k] = ddRecip(fact)
		}
	})
}

// expDD is exp(xh + xl) as a double-double for |xh| < 709 and |xl| <= ulp(xh), with relative
// error below 2^-96; ok is false when the result would not be a normal float64 with room for
// its lo part (2^k outside [2^-960, 2^1023]; the rest, 2^(j/expN) exp(r), is below 2).
//
// Error analysis: m = round(x expN/ln2); r = x - m ln2/expN is formed from exact products
// (twoProd) and exact or double-double sums, all of magnitude below 2^-8, so its error is
// below 2^-110 absolute (the ln2 parts omit < 2^18 * 2^-165). exp(r) is the Taylor polynomial
// to r^8 (remainder < 2^-104): terms from r^5 on in float64 (their rounding is below
// 2^-47.5 * 2^-7 * 2^-50 < 2^-104), the rest by double-double Horner, each step within 11u²
// of its value and damped by |r| < 2^-9.5 for the next, so within 2^-100; the table entry is
// within 2^-107 and the final product adds 8u². The sum is below 2^-99; 2^-96 is claimed.
func expDD(xh, xl float64) (h, l float64, ok bool) {
	expInit()
	m := math.Round(xh * expInvC)
	mi := int64(m)
	k := mi >> 8 // floor(m / expN); the low bits pick the table entry
	if k < -960 || k > 1023 {
		return 0, 0, false
	}
	p1, e1 := twoProd(m, expC[0])
	rh, rl := twoSum(xh, -p1) // exact
	p2, e2 := twoProd(m, expC[1])
	rh, rl = ddAddD(rh, rl, -e1)
	rh, rl = ddAddD(rh, rl, xl)
	rh, rl = ddAddD(rh, rl, -p2)
	rl -= e2 + m*expC[2]
	rh, rl = fastTwoSum(rh, rl)

	t := ((1.0/40320*rh+1.0/5040)*rh+1.0/720)*rh + 1.0/120
	qh, ql := ddMulD(rh, rl, t)
	for c := 4; c >= 0; c-- {
		qh, ql = ddAdd(expCoef[c].hi, expCoef[c].lo, qh, ql)
		if c > 0 {
			qh, ql = ddMul(qh, ql, rh, rl)
		}
	}
	e := expTab[mi&(expN-1)]
	h, l = ddMul(e.hi, e.lo, qh, ql)
	scale := math.Float64frombits(uint64(k+1023) << 52)
	return h * scale, l * scale, true
}

// expFast is exp(x) for finite x, correctly rounded, or ok = false.
// C: exp (glibc libm).
func expFast(x float64) (float64, bool) {
	if !(x > -708 && x < 709) {
		return 0, false
	}
	h, l, ok := expDD(x, 0)
	if !ok || !zivRound(h, l, math.Abs(h)*0x1p-90) {
		return 0, false
	}
	return h, true
}

// ---------------------------------------------------------------- log

var (
	logOnce sync.Once
	// logInv[i] is fl(256/i) and logTab[i] = -ln(logInv[i]) for i in [181, 362], the points
	// i/256 covering [sqrt(1/2), sqrt(2)]: ln m = -ln(inv) + log1p(m*inv - 1).
	logInv  [363]float64
	logTab  [363]dd
	logLn2  [3]float64 // ln 2 in three parts
	logCoef [7]dd      // (-1)^(k+1)/k for k = 1..6
)

func logInit() {
	logOnce.Do(func() {
		for i := 181; i <= 362; i++ {
			inv := 256 / float64(i)
			logInv[i] = inv
			if inv != 1 {
				l := bigLn(inv)
				logTab[i] = ddOf(l.Neg(l))
			}
		}
		c := newBig().Set(bigLn2)
		for i := range logLn2 {
			logLn2[i], _ = c.Float64()
			c.Sub(c, newBig().SetFloat64(logLn2[i]))
		}
		for k := int64(1); k <= 6; k++ {
			logCoef[k] = ddRecip(k)
			if k%2 == 0 {
				logCoef[k] = dd{-logCoef[k].hi, -logCoef[k].lo}
			}
		}
	})
}

// logDD is ln(x) for finite x > 0 as a double-double with relative error below 2^-97.
//
// Error analysis: x = 2^e m, m in [sqrt(1/2), sqrt(2)], i = round(256 m), inv = fl(256/i);
// z = m*inv - 1 is exact as a double-double (twoProd, and p - 1 is exact by Sterbenz since
// p is within 1% of 1), |z| < 2^-8.4. log1p(z) is its series to z^12 (remainder relative
// < 2^-105): terms z^7.. in float64 (relative 2^-53.8 of the sum, rounded within 2^-51, so
// 2^-104.8), the rest by double-double Horner within 2^-101. e ln2 has error below
// |e| 2^-106 (three-part ln2, exact first product), the table 2^-107 relative. The three
// terms partly cancel only when e = 0 (then |ln m| >= |table| / 2) or e = ±1 with m on the
// other side of 1 (|ln x| >= ln2/2 >= |ln m|), so relative errors grow at most threefold:
// below 2^-99 in all; 2^-97 is claimed.
func logDD(x float64) (h, l float64) {
	logInit()
	b := math.Float64bits(x)
	e := int(b>>52) - 1023
	if b>>52 == 0 { // subnormal: scale into the normal range first
		b = math.Float64bits(x * 0x1p54)
		e = int(b>>52) - 1023 - 54
	}
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52) // [1, 2)
	if m > math.Sqrt2 {
		m /= 2
		e++
	}
	i := int(m*256 + 0.5)
	p, pe := twoProd(m, logInv[i])
	zh, zl := twoSum(p-1, pe)

	t := -1.0 / 12
	t = t*zh + 1.0/11
	t = t*zh - 1.0/10
	t = t*zh + 1.0/9
	t = t*zh - 1.0/8
	t = t*zh + 1.0/7
	qh, ql := ddMulD(zh, zl, t)
	for c := 6; c >= 1; c-- {
		qh, ql = ddAdd(logCoef[c].hi, logCoef[c].lo, qh, ql)
		qh, ql = ddMul(qh, ql, zh, zl)
	}
	if e != 0 {
		fe := float64(e)
		ah, al := twoProd(fe, logLn2[0])
		al += fe * logLn2[1]
		al += fe * logLn2[2]
		ah, al = fastTwoSum(ah, al)
		ah, al = ddAdd(ah, al, logTab[i].hi, logTab[i].lo)
		return ddAdd(ah, al, qh, ql)
	}
	return ddAdd(logTab[i].hi, logTab[i].lo, qh, ql)
}

// logFast is ln(x) for finite x > 0, x != 1, correctly rounded, or ok = false.
// C: log (glibc libm).
func logFast(x float64) (float64, bool) {
	h, l := logDD(x)
	if !zivRound(h, l, math.Abs(h)*0x1p-90) {
		return 0, false
	}
	return h, true
}

// ---------------------------------------------------------------- pow

// powFast is a**y = exp(y ln a) for finite a > 0, a != 1, finite y != 0, correctly rounded,
// or ok = false.
// C: pow (glibc libm).
//
// Error: t = y ln a is formed with the relative error of ln a (2^-97) and 4u², so its absolute
// error is below |t| 2^-96.9; that becomes a relative error of the result, to which exp adds
// 2^-96. The bound used, (1 + |t|) 2^-88, is over 200 times that.
func powFast(a, y float64) (float64, bool) {
	h, l, th, ok := powDD(a, y)
	if !ok || !zivRound(h, l, math.Abs(h)*(1+math.Abs(th))*0x1p-88) {
		return 0, false
	}
	return h, true
}

// powDD is powFast's double-double result and y ln a (for the bound), before the rounding test.
func powDD(a, y float64) (h, l, t float64, ok bool) {
	lh, ll := logDD(a)
	th, tl := twoProd(y, lh)
	tl += y * ll
	th, tl = fastTwoSum(th, tl)
	if !(th > -708 && th < 709) {
		return 0, 0, 0, false
	}
	h, l, ok = expDD(th, tl)
	return h, l, th, ok
}

// powIntFast is a**n for finite a > 0 and 0 < |n| <= 64, correctly rounded, or ok = false.
// C: pow (glibc libm) with an integral exponent.
//
// a*a and 1/a are single IEEE operations, correctly rounded by definition (checked here to be
// normal and finite, so no underflow or overflow rule is involved). Other n multiply by
// repeated squaring in double-double: each product within 8u² and the errors compounding at
// most 2|n| times, so within |n| 2^-102, and a reciprocal adds 4u²; the bound used is
// (|n| + 2) 2^-92. The operands stay within [2^-900, 2^900] so that no lo part underflows.
func powIntFast(a float64, n int) (float64, bool) {
	switch n {
	case 1:
		return a, true
	case 2, -1:
		r := a * a
		if n == -1 {
			r = 1 / a
		}
		if r >= 0x1p-1021 && r <= math.MaxFloat64 {
			return r, true
		}
		return 0, false
	}
	h, l, ok := powIntDD(a, n)
	if !ok || !zivRound(h, l, math.Abs(h)*float64(abs(n)+2)*0x1p-92) {
		return 0, false
	}
	return h, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// powIntDD is powIntFast's double-double a**n for |n| >= 3, before the rounding test.
func powIntDD(a float64, n int) (h, l float64, ok bool) {
	an := abs(n)
	_, e := math.Frexp(a)
	if e < 0 {
		e = -e
	}
	if an*(e+1) > 900 {
		return 0, 0, false
	}
	rh, rl := 1.0, 0.0
	bh, bl := a, 0.0
	for k := an; ; {
		if k&1 != 0 {
			rh, rl = ddMul(rh, rl, bh, bl)
		}
		if k >>= 1; k == 0 {
			break
		}
		bh, bl = ddMul(bh, bl, bh, bl)
	}
	if n < 0 {
		// 1/(rh + rl): q = fl(1/rh), then the remainder 1 - q(rh + rl), whose first part
		// 1 - q*rh is exact (twoProd, and Sterbenz for 1 - p).
		q := 1 / rh
		p, pe := twoProd(q, rh)
		rem := float64(1-p) - pe - q*rl
		rh, rl = fastTwoSum(q, rem*q)
	}
	return rh, rl, true
}

// ---------------------------------------------------------------- sin, cos

var (
	trigOnce sync.Once
	// sinTab[j], cosTab[j] are sin(j/64), cos(j/64) for j = 0..51 (51/64 > pi/4 + 1/128).
	sinTab, cosTab [52]dd
	// pio2C is pi/2 in three float64 parts (Cody and Waite): k*pio2C[0] and k*pio2C[1] are
	// formed exactly by twoProd, and the parts leave out less than 2^-159.
	pio2C        [3]float64
	pio2DD, piDD dd
	sinCoef      [3]dd // 1, -1/6, 1/120
	cosCoef      [3]dd // 1, -1/2, 1/24
)

func trigInit() {
	trigOnce.Do(func() {
		for j := range sinTab {
			s, c := bigSinCosSeries(newBig().SetFloat64(float64(j) / 64))
			sinTab[j], cosTab[j] = ddOf(s), ddOf(c)
		}
		p := bigPi(powPrec + 64)
		piDD = ddOf(p)
		p.SetMantExp(p, -1)
		pio2DD = ddOf(p)
		for i := range pio2C {
			pio2C[i], _ = p.Float64()
			p.Sub(p, new(big.Float).SetFloat64(pio2C[i]))
		}
		sixth := ddRecip(6)
		sinCoef = [3]dd{{1, 0}, {-sixth.hi, -sixth.lo}, ddRecip(120)}
		cosCoef = [3]dd{{1, 0}, {-0.5, 0}, ddRecip(24)}
	})
}

// sinCosFast is sin(x) and cos(x) for finite x, both correctly rounded, or ok = false.
// C: sin and cos (glibc libm).
//
// Range: 2^-400 <= |x| <= 2^20 (beyond, the reduction needs more than three parts of pi/2,
// and the big.Float path does it). x = k pi/2 + r with k = round(2x/pi):
// r = ((x - fl(k P0)) - err(k P0) - k P1 - k P2) where the first difference is exact (Sterbenz)
// and the second product exact (twoProd); the remaining roundings are below
// 2^-104 |r| + 2^-134, and pi/2 - P0 - P1 - P2 contributes k 2^-159 <= 2^-139. So r has
// absolute error below 2^-104 |r| + 2^-133, however much x - k pi/2 cancels: a tiny r (x near
// a multiple of pi/2) simply makes the absolute part large relative to the result, and the
// rounding test then falls back.
//
// Then r = r0 + d with r0 = j/64 from a table of sin and cos, |d| <= 1/128, and
// sin r = sin r0 cos d + cos r0 sin d, cos r = cos r0 cos d - sin r0 sin d. The series of sin d
// and cos d run to d^11 and d^12 (remainders < 2^-110), the terms from d^7 and d^6 in float64
// (rounding below 2^-103 relative), the rest double-double (within 2^-101). The two products
// cancel at most threefold (|d| <= r0/2 when j > 0), so sin r and cos r are within 2^-98
// relative plus the reduction's error. The bound used is 2^-90 relative plus 2^-128 absolute.
func sinCosFast(x float64) (sin, cos float64, ok bool) {
	sh, sl, ch, cl, errAbs, ok := sinCosDD(x)
	if !ok || !zivRound(sh, sl, math.Abs(sh)*0x1p-90+errAbs) || !zivRound(ch, cl, math.Abs(ch)*0x1p-90+errAbs) {
		return 0, 0, false
	}
	return sh, ch, true
}

// sinCosDD is sinCosFast's double-double sin(x) and cos(x) and the absolute part of their
// error bound, before the rounding test.
func sinCosDD(x float64) (sh, sl, ch, cl, errAbs float64, ok bool) {
	ax := math.Abs(x)
	if !(ax >= 0x1p-400 && ax <= 0x1p20) {
		return 0, 0, 0, 0, 0, false
	}
	trigInit()
	k := math.Round(x * (2 / math.Pi))
	rh, rl := x, 0.0
	if k != 0 {
		p1, e1 := twoProd(k, pio2C[0])
		// Exact: for |k| >= 2 x and p1 are within a factor 2 (Sterbenz); for |k| = 1 x may be
		// a hair below p1/2, but both are multiples of ulp(x) and |x - p1| < 1.
		s := x - p1
		p2, e2 := twoProd(k, pio2C[1])
		ah, ae := twoSum(s, -e1)
		bh, be := twoSum(ah, -p2)
		lo := ae + be - e2 - k*pio2C[2]
		rh, rl = twoSum(bh, lo)
		errAbs = 0x1p-128
	}
	neg := rh < 0
	if neg {
		rh, rl = -rh, -rl
	}
	j := int(rh*64 + 0.5)
	// d = r - j/64. The leading difference is usually exact (Sterbenz), but not when rh is a
	// hair below 1/128 and the rounding of rh*64 + 0.5 picks j = 1, so it is a twoSum.
	dh, de := twoSum(rh, -float64(j)/64)
	dh, dl := ddAddD(dh, de, rl)
	uh, ul := ddMul(dh, dl, dh, dl)

	// sin d = d (1 - u/6 + u²/120 - u³/7! + u⁴/9! - u⁵/11!)
	ts := (-1.0/39916800*uh+1.0/362880)*uh - 1.0/5040
	sh, sl = ddMulD(uh, ul, ts)
	for c := 2; c >= 0; c-- {
		sh, sl = ddAdd(sinCoef[c].hi, sinCoef[c].lo, sh, sl)
		if c > 0 {
			sh, sl = ddMul(sh, sl, uh, ul)
		}
	}
	sh, sl = ddMul(sh, sl, dh, dl)
	// cos d = 1 - u/2 + u²/24 - u³/720 + u⁴/8! - u⁵/10! + u⁶/12!
	tc := ((1.0/479001600*uh-1.0/3628800)*uh+1.0/40320)*uh - 1.0/720
	ch, cl = ddMulD(uh, ul, tc)
	for c := 2; c >= 0; c-- {
		ch, cl = ddAdd(cosCoef[c].hi, cosCoef[c].lo, ch, cl)
		if c > 0 {
			ch, cl = ddMul(ch, cl, uh, ul)
		}
	}
	if j > 0 {
		s0, c0 := sinTab[j], cosTab[j]
		xh, xl := ddMul(s0.hi, s0.lo, ch, cl)
		yh, yl := ddMul(c0.hi, c0.lo, sh, sl)
		zh, zl := ddMul(c0.hi, c0.lo, ch, cl)
		wh, wl := ddMul(s0.hi, s0.lo, sh, sl)
		sh, sl = ddAdd(xh, xl, yh, yl)
		ch, cl = ddAdd(zh, zl, -wh, -wl)
	}
	if neg {
		sh, sl = -sh, -sl
	}
	switch int64(k) & 3 {
	case 1:
		sh, sl, ch, cl = ch, cl, -sh, -sl
	case 2:
		sh, sl, ch, cl = -sh, -sl, -ch, -cl
	case 3:
		sh, sl, ch, cl = -ch, -cl, sh, sl
	}
	return sh, sl, ch, cl, errAbs, true
}

// ---------------------------------------------------------------- atan2

var (
	atanOnce sync.Once
	atanTab  [65]dd // atan(j/64)
	atanCoef [4]dd  // 1, -1/3, 1/5, -1/7
)

func atanInit() {
	atanOnce.Do(func() {
		trigInit() // for pi and pi/2
		for j := 1; j <= 64; j++ {
			atanTab[j] = ddOf(bigAtan(newBig().SetFloat64(float64(j) / 64)))
		}
		atanCoef[0] = dd{1, 0}
		for k := int64(1); k < 4; k++ {
			c := ddRecip(2*k + 1)
			if k%2 == 1 {
				c = dd{-c.hi, -c.lo}
			}
			atanCoef[k] = c
		}
	})
}

// atan2Fast is atan2(y, x) for finite nonzero x and y, correctly rounded, or ok = false.
// C: atan2 (glibc libm).
//
// q = min/max of |x|, |y| in [2^-900, 1], as a double-double (the division's remainder is
// exact by fma), within 2u². atan q = atan(j/64) + atan(d), d = (q - j/64)/(1 + q j/64),
// |d| <= 2^-7: the numerator is formed exactly (twoSum), the division within
// 6u²; an error in q of ε|q| moves atan q by at most ε|q| <= 1.3 ε atan q. atan d is its
// series to d^15 (remainder < 2^-116 relative), the terms from d^9 in float64 (2^-111), the
// rest double-double (2^-101). The sum with the table entry cancels at most threefold, and
// pi/2 - r and pi - r do not cancel (r <= pi/4 and pi/2 respectively). Within 2^-98 in all;
// the bound used is 2^-90 relative.
func atan2Fast(y, x float64) (float64, bool) {
	h, l, ok := atan2DD(y, x)
	if !ok || !zivRound(h, l, math.Abs(h)*0x1p-90) {
		return 0, false
	}
	return h, true
}

// atan2DD is atan2Fast's double-double result before the rounding test.
func atan2DD(y, x float64) (h, l float64, ok bool) {
	ay, ax := math.Abs(y), math.Abs(x)
	swap := ay > ax
	num, den := ay, ax
	if swap {
		num, den = ax, ay
	}
	if !(num >= 0x1p-900) {
		return 0, 0, false
	}
	qh := num / den
	if !(qh >= 0x1p-900) {
		return 0, 0, false
	}
	atanInit()
	ql := math.FMA(-qh, den, num) / den
	j := int(qh*64 + 0.5)
	dh, dl := qh, ql
	if j > 0 {
		q0 := float64(j) / 64
		nh, ne := twoSum(qh, -q0) // exact even when qh is a hair below 1/128 and j = 1
		nh, nl := ddAddD(nh, ne, ql)
		ph, pl := twoProd(qh, q0)
		pl += ql * q0
		Dh, Dl := ddAddD(ph, pl, 1)
		// d = n / D: the first quotient, then the remainder n - dh D over D.
		dh = nh / Dh
		p, pe := twoProd(dh, Dh)
		rem := float64(nh-p) - pe + nl - dh*Dl
		dh, dl = fastTwoSum(dh, rem/Dh)
	}
	uh, ul := ddMul(dh, dl, dh, dl)
	// atan d = d (1 - u/3 + u²/5 - u³/7 + u⁴/9 - u⁵/11 + u⁶/13 - u⁷/15)
	t := ((-1.0/15*uh+1.0/13)*uh-1.0/11)*uh + 1.0/9
	ah, al := ddMulD(uh, ul, t)
	for c := 3; c >= 0; c-- {
		ah, al = ddAdd(atanCoef[c].hi, atanCoef[c].lo, ah, al)
		if c > 0 {
			ah, al = ddMul(ah, al, uh, ul)
		}
	}
	ah, al = ddMul(ah, al, dh, dl)
	if j > 0 {
		ah, al = ddAdd(atanTab[j].hi, atanTab[j].lo, ah, al)
	}
	if swap {
		ah, al = ddAdd(pio2DD.hi, pio2DD.lo, -ah, -al)
	}
	if x < 0 {
		ah, al = ddAdd(piDD.hi, piDD.lo, -ah, -al)
	}
	if y < 0 {
		ah, al = -ah, -al
	}
	return ah, al, true
}
