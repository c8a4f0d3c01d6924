package objects

import (
	"math"
	"math/big"
	"math/rand"
	"os"
	"strconv"
	"testing"
)

// The fast paths of fastmath.go against the big.Float references, bit for bit, on random
// arguments from several ranges; and their double-double results against the references
// before rounding, to check that the error bounds they claim hold with room to spare.
// GOPY_FASTMATH_N sets the number of arguments per function (default 20000, to keep the
// package's tests quick; the references cost tens of microseconds each).

func fastN() int {
	if s := os.Getenv("GOPY_FASTMATH_N"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
	}
	return 20000
}

// logUniform is ±2^U(lo, hi) with a random mantissa.
func logUniform(r *rand.Rand, lo, hi float64) float64 {
	x := math.Exp2(lo + (hi-lo)*r.Float64())
	if r.Intn(2) == 0 {
		x = -x
	}
	return x
}

// fallbackStats counts fast-path refusals on arguments where the fast path is meant to serve.
type fallbackStats struct{ tried, fell int }

func (f *fallbackStats) check(t *testing.T, name string, limit float64) {
	t.Helper()
	rate := float64(f.fell) / float64(f.tried)
	t.Logf("%s: %d of %d fell back (%.4f%%)", name, f.fell, f.tried, 100*rate)
	if rate > limit {
		t.Errorf("%s: fallback rate %.4f above %.4f: the fast path is (nearly) dead", name, rate, limit)
	}
}

// relErr is |h + l - ref| / |ref| in float64 (enough for comparing with 2^-90-ish bounds).
func relErr(h, l float64, ref *big.Float) float64 {
	d := new(big.Float).SetPrec(300).SetFloat64(h)
	d.Add(d, new(big.Float).SetFloat64(l))
	d.Sub(d, ref)
	q, _ := new(big.Float).SetPrec(300).Quo(d, ref).Float64()
	return math.Abs(q)
}

func TestFastExp(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(1))
	n := fastN()
	var st fallbackStats
	worst := 0.0
	for i := 0; i < n; i++ {
		var x float64
		switch i % 5 {
		case 0:
			x = (r.Float64()*2 - 1) * 708
		case 1:
			x = (r.Float64()*2 - 1) * 3
		case 2:
			x = logUniform(r, -60, 0)
		case 3:
			x = 700 + r.Float64()*9 // results near overflow
			if r.Intn(2) == 0 {
				x = -708 + r.Float64()*10 // near the subnormal range
			}
		case 4:
			x = float64(r.Intn(1400)-700) * math.Ln2 * (1 + (r.Float64()-0.5)*1e-12)
		}
		got, ok := expFast(x)
		// The fast path serves results from 2^-960 (e^-665.4) to 2^1024 (e^709.08, less a hair).
		if x > -665 && x < 709 {
			st.tried++
			if !ok {
				st.fell++
			}
		}
		if !ok {
			continue
		}
		if want := expBig(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("exp(%v): fast %v, big %v", x, got, want)
		}
		if i%8 == 0 {
			h, l, _ := expDD(x, 0)
			worst = math.Max(worst, relErr(h, l, bigExp(newBig().SetFloat64(x))))
		}
	}
	t.Logf("exp: worst relative error of the double-double %g (2^%.1f; claimed 2^-96)", worst, math.Log2(worst))
	if worst > 0x1p-96 {
		t.Errorf("exp error %g above the claimed bound", worst)
	}
	st.check(t, "exp", 0.01)
}

func TestFastLog(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(2))
	n := fastN()
	var st fallbackStats
	worst := 0.0
	for i := 0; i < n; i++ {
		var x float64
		switch i % 4 {
		case 0:
			x = math.Abs(logUniform(r, -1074, 1024))
		case 1:
			x = 1 + (r.Float64()-0.5)*math.Exp2(-float64(r.Intn(52))) // near 1
		case 2:
			x = r.Float64() * 4
		case 3:
			x = math.Abs(logUniform(r, -2, 2))
		}
		if x <= 0 || x == 1 || math.IsInf(x, 0) {
			continue
		}
		got, ok := logFast(x)
		st.tried++
		if !ok {
			st.fell++
			continue
		}
		if want := logBig(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("log(%v): fast %v, big %v", x, got, want)
		}
		if i%8 == 0 {
			h, l := logDD(x)
			worst = math.Max(worst, relErr(h, l, bigLn(x)))
		}
	}
	t.Logf("log: worst relative error of the double-double %g (2^%.1f; claimed 2^-97)", worst, math.Log2(worst))
	if worst > 0x1p-97 {
		t.Errorf("log error %g above the claimed bound", worst)
	}
	st.check(t, "log", 0.01)
}

func TestFastPow(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(3))
	n := fastN()
	var st fallbackStats
	worst := 0.0 // relative error divided by (1 + |t|)
	for i := 0; i < n; i++ {
		var a, y float64
		switch i % 5 {
		case 0: // nbody's x ** -1.5 and friends
			a = math.Abs(logUniform(r, -20, 20))
			y = []float64{-1.5, 0.5, 1.5, -0.5, 2.5, 1.0 / 3}[r.Intn(6)]
		case 1:
			a = r.Float64() * 10
			y = (r.Float64() - 0.5) * 20
		case 2: // near 1 with large exponents
			a = 1 + (r.Float64()-0.5)*math.Exp2(-float64(r.Intn(50)))
			y = logUniform(r, 0, 50)
		case 3: // results near overflow and underflow
			a = math.Abs(logUniform(r, -100, 100))
			y = (700 - r.Float64()*20) / math.Log(a)
			if r.Intn(2) == 0 {
				y = -y
			}
		case 4: // integral exponents beyond 64 and wide ranges
			a = math.Abs(logUniform(r, -1000, 1000))
			y = math.Round(logUniform(r, 6, 10))
		}
		if a == 1 || a == 0 || y == 0 || (y == math.Trunc(y) && math.Abs(y) <= 64) {
			continue
		}
		got, ok := powFast(a, y)
		if lt := y * math.Log(a); lt > -665 && lt < 709 {
			st.tried++
			if !ok {
				st.fell++
			}
		}
		if !ok {
			continue
		}
		if want := powBig(a, y); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("pow(%v, %v): fast %v, big %v", a, y, got, want)
		}
		if i%8 == 0 {
			h, l, th, _ := powDD(a, y)
			ref := newBig().SetFloat64(y)
			ref.Mul(ref, bigLn(a))
			worst = math.Max(worst, relErr(h, l, bigExp(ref))/(1+math.Abs(th)))
		}
	}
	t.Logf("pow: worst relative error / (1 + |y ln a|) %g (2^%.1f; claimed 2^-96)", worst, math.Log2(worst))
	if worst > 0x1p-96 {
		t.Errorf("pow error %g above the claimed bound", worst)
	}
	st.check(t, "pow", 0.01)
}

func TestFastPowInt(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(4))
	n := fastN()
	var st fallbackStats
	worst := 0.0 // relative error / (|n| + 2)
	for i := 0; i < n; i++ {
		var a float64
		switch i % 4 {
		case 0:
			a = math.Abs(logUniform(r, -10, 10))
		case 1:
			a = float64(r.Intn(1000) + 1) // small integers: exact results and ties
		case 2:
			a = 1 + (r.Float64()-0.5)*1e-8
		case 3:
			a = math.Abs(logUniform(r, -1074, 1024))
		}
		k := r.Intn(64) + 1
		if r.Intn(2) == 0 {
			k = -k
		}
		if i%3 == 0 {
			k = []int{2, 3, -1, -2, 4, -3}[r.Intn(6)]
		}
		got, ok := powIntFast(a, k)
		_, e := math.Frexp(a)
		if abs(k)*(abs(e)+1) <= 900 {
			st.tried++
			if !ok {
				st.fell++
			}
		}
		if !ok {
			continue
		}
		if want := powExactIntBig(a, k); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("pow(%v, %d): fast %v, big %v", a, k, got, want)
		}
		if i%4 == 0 && abs(k) >= 3 {
			h, l, _ := powIntDD(a, k)
			ref := new(big.Float).SetPrec(4000).SetFloat64(a)
			p := new(big.Float).SetPrec(4000).SetInt64(1)
			for j := 0; j < abs(k); j++ {
				p.Mul(p, ref)
			}
			if k < 0 {
				p.Quo(new(big.Float).SetPrec(4000).SetInt64(1), p)
			}
			worst = math.Max(worst, relErr(h, l, p)/float64(abs(k)+2))
		}
	}
	t.Logf("pow int: worst relative error / (|n| + 2) %g (2^%.1f; claimed 2^-100)", worst, math.Log2(worst))
	if worst > 0x1p-100 {
		t.Errorf("pow int error %g above the claimed bound", worst)
	}
	st.check(t, "pow int", 0.01)
}

func TestFastSinCos(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(5))
	n := fastN()
	var st fallbackStats
	worstS, worstC := 0.0, 0.0
	for i := 0; i < n; i++ {
		var x float64
		switch i % 6 {
		case 0:
			x = (r.Float64()*2 - 1) * 10
		case 1:
			x = logUniform(r, -60, 3)
		case 2:
			x = logUniform(r, 3, 20)
		case 3: // near multiples of pi/2
			k := float64(r.Intn(1 << 20))
			x = k*math.Pi/2 + (r.Float64()-0.5)*math.Exp2(-float64(r.Intn(40)))
		case 4: // the nearest float64s to multiples of pi/2
			x = float64(r.Intn(1<<12)) * math.Pi / 2
		case 5:
			x = (r.Float64()*2 - 1) * 1000
		}
		if x == 0 {
			continue
		}
		s, c, ok := sinCosFast(x)
		if ax := math.Abs(x); ax >= 0x1p-400 && ax <= 0x1p20 {
			st.tried++
			if !ok {
				st.fell++
			}
		}
		if !ok {
			continue
		}
		ws, wc := sinCosBig(x)
		if math.Float64bits(s) != math.Float64bits(ws) || math.Float64bits(c) != math.Float64bits(wc) {
			t.Fatalf("sin, cos(%v): fast %v %v, big %v %v", x, s, c, ws, wc)
		}
		if i%8 == 0 {
			sh, sl, ch, cl, errAbs, _ := sinCosDD(x)
			bs, bc := sinCosBigFloat(x)
			es, _ := bs.Float64()
			ec, _ := bc.Float64()
			// the error beyond the absolute part, relative to the result
			worstS = math.Max(worstS, math.Max(0, relErr(sh, sl, bs)-errAbs/64/math.Abs(es)))
			worstC = math.Max(worstC, math.Max(0, relErr(ch, cl, bc)-errAbs/64/math.Abs(ec)))
		}
	}
	t.Logf("sin, cos: worst relative error %g, %g (2^%.1f, 2^%.1f; claimed 2^-96 + 2^-134 absolute)",
		worstS, worstC, math.Log2(worstS), math.Log2(worstC))
	if worstS > 0x1p-96 || worstC > 0x1p-96 {
		t.Errorf("sin/cos error above the claimed bound")
	}
	st.check(t, "sin/cos", 0.01)
}

func TestFastAtan2(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(6))
	n := fastN()
	var st fallbackStats
	worst := 0.0
	for i := 0; i < n; i++ {
		var y, x float64
		switch i % 4 {
		case 0:
			y, x = logUniform(r, -5, 5), logUniform(r, -5, 5)
		case 1: // atan(x) = atan2(x, 1)
			y, x = logUniform(r, -40, 40), 1
		case 2: // ratio near the table points and near 1
			x = logUniform(r, -100, 100)
			y = x * (float64(r.Intn(129)-64)/64 + (r.Float64()-0.5)*1e-10)
		case 3:
			y, x = logUniform(r, -500, 500), logUniform(r, -500, 500)
		}
		if x == 0 || y == 0 {
			continue
		}
		got, ok := atan2Fast(y, x)
		num, den := math.Min(math.Abs(x), math.Abs(y)), math.Max(math.Abs(x), math.Abs(y))
		if num >= 0x1p-900 && num/den >= 0x1p-900 {
			st.tried++
			if !ok {
				st.fell++
			}
		}
		if !ok {
			continue
		}
		if want := atan2Big(y, x); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("atan2(%v, %v): fast %v, big %v", y, x, got, want)
		}
		if i%8 == 0 {
			h, l, _ := atan2DD(y, x)
			worst = math.Max(worst, relErr(h, l, atan2BigFloat(y, x)))
		}
	}
	t.Logf("atan2: worst relative error %g (2^%.1f; claimed 2^-96)", worst, math.Log2(worst))
	if worst > 0x1p-96 {
		t.Errorf("atan2 error above the claimed bound")
	}
	st.check(t, "atan2", 0.01)
}

// TestPiCache checks the cached pi against the uncached Machin evaluation at the precisions
// the callers use, to the last bit but a few: they differ only by Machin's own roundings.
func TestPiCache(t *testing.T) {
	for _, prec := range []uint{53, powPrec, powPrec + 1, powPrec + 64, powPrec + 700, powPrec + 1024} {
		a, b := bigPi(prec), bigPiMachin(prec)
		d := new(big.Float).SetPrec(prec).Sub(a, b)
		if d.Sign() != 0 && d.MantExp(nil) > 2-int(prec)+4 {
			t.Errorf("pi at %d bits: cached and computed differ by %v", prec, d)
		}
	}
}

// TestFastTableEdges covers the arguments just below the first table point's half-way mark
// (1/128), where rounding r*64 + 0.5 picks the entry j = 1 and r - 1/64 is not a float64.
func TestFastTableEdges(t *testing.T) {
	for _, x := range []float64{0x1p-7, math.Nextafter(0x1p-7, 0), math.Nextafter(math.Nextafter(0x1p-7, 0), 0),
		3 * 0x1p-8, math.Nextafter(3*0x1p-8, 0), math.Nextafter(3*0x1p-8, 1)} {
		if s, c, ok := sinCosFast(x); ok {
			ws, wc := sinCosBig(x)
			if s != ws || c != wc {
				t.Errorf("sin, cos(%v): fast %v %v, big %v %v", x, s, c, ws, wc)
			}
		}
		for _, d := range []float64{1, 3, 1e10} {
			if r, ok := atan2Fast(x*d, d); ok && r != atan2Big(x*d, d) {
				t.Errorf("atan2(%v, %v): fast %v, big %v", x*d, d, r, atan2Big(x*d, d))
			}
		}
		h, l, _, _, _, _ := sinCosDD(x)
		s, _ := sinCosBigFloat(x)
		if e := relErr(h, l, s); e > 0x1p-96 {
			t.Errorf("sin(%v): double-double error %g", x, e)
		}
		h, l, _ = atan2DD(x, 1)
		if e := relErr(h, l, atan2BigFloat(x, 1)); e > 0x1p-96 {
			t.Errorf("atan(%v): double-double error %g", x, e)
		}
	}
}
