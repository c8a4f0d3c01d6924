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

// fastCase is one fast path under test: the arguments of trial i (nil skips it), where the fast
// path is meant to serve (its fallbacks there are counted), the fast path and the big.Float
// reference (their results compared bit for bit), and, on the trials it chooses, the
// double-double's error before rounding, normalised as claimed is (the bound it must stay under).
type fastCase struct {
	name     string
	seed     int64
	claimed  float64
	args     func(r *rand.Rand, i int) []float64
	inDomain func(a []float64) bool
	fast     func(a []float64) ([]float64, bool)
	ref      func(a []float64) []float64
	ddErr    func(a []float64, i int) (float64, bool)
}

func (c fastCase) run(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(c.seed))
	var st fallbackStats
	worst := 0.0
	for i, n := 0, fastN(); i < n; i++ {
		a := c.args(r, i)
		if a == nil {
			continue
		}
		got, ok := c.fast(a)
		if c.inDomain(a) {
			st.tried++
			if !ok {
				st.fell++
			}
		}
		if !ok {
			continue
		}
		want := c.ref(a)
		for j := range got {
			if math.Float64bits(got[j]) != math.Float64bits(want[j]) {
				t.Fatalf("%s%v: fast %v, big %v", c.name, a, got, want)
			}
		}
		if e, measured := c.ddErr(a, i); measured {
			worst = math.Max(worst, e)
		}
	}
	t.Logf("%s: worst error of the double-double %g (2^%.1f; claimed 2^%.0f)", c.name, worst, math.Log2(worst), math.Log2(c.claimed))
	if worst > c.claimed {
		t.Errorf("%s: error %g above the claimed bound", c.name, worst)
	}
	st.check(t, c.name, 0.01)
}

// one adapts a fast path of one result to fastCase's slices.
func one(v float64, ok bool) ([]float64, bool) { return []float64{v}, ok }

func TestFastExp(t *testing.T) {
	fastCase{name: "exp", seed: 1, claimed: 0x1p-96,
		args: func(r *rand.Rand, i int) []float64 {
			switch i % 5 {
			case 0:
				return []float64{(r.Float64()*2 - 1) * 708}
			case 1:
				return []float64{(r.Float64()*2 - 1) * 3}
			case 2:
				return []float64{logUniform(r, -60, 0)}
			case 3:
				x := 700 + r.Float64()*9 // results near overflow
				if r.Intn(2) == 0 {
					x = -708 + r.Float64()*10 // near the subnormal range
				}
				return []float64{x}
			}
			return []float64{float64(r.Intn(1400)-700) * math.Ln2 * (1 + (r.Float64()-0.5)*1e-12)}
		},
		// The fast path serves results from 2^-960 (e^-665.4) to 2^1024 (e^709.08, less a hair).
		inDomain: func(a []float64) bool { return a[0] > -665 && a[0] < 709 },
		fast:     func(a []float64) ([]float64, bool) { return one(expFast(a[0])) },
		ref:      func(a []float64) []float64 { return []float64{expBig(a[0])} },
		ddErr: func(a []float64, i int) (float64, bool) {
			if i%8 != 0 {
				return 0, false
			}
			h, l, _ := expDD(a[0], 0)
			return relErr(h, l, bigExp(newBig().SetFloat64(a[0]))), true
		},
	}.run(t)
}

func TestFastLog(t *testing.T) {
	fastCase{name: "log", seed: 2, claimed: 0x1p-97,
		args: func(r *rand.Rand, i int) []float64 {
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
				return nil
			}
			return []float64{x}
		},
		inDomain: func([]float64) bool { return true },
		fast:     func(a []float64) ([]float64, bool) { return one(logFast(a[0])) },
		ref:      func(a []float64) []float64 { return []float64{logBig(a[0])} },
		ddErr: func(a []float64, i int) (float64, bool) {
			if i%8 != 0 {
				return 0, false
			}
			h, l := logDD(a[0])
			return relErr(h, l, bigLn(a[0])), true
		},
	}.run(t)
}

// TestFastPow's error is relative to the result and divided by (1 + |y ln a|).
func TestFastPow(t *testing.T) {
	fastCase{name: "pow", seed: 3, claimed: 0x1p-96,
		args: func(r *rand.Rand, i int) []float64 {
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
				return nil
			}
			return []float64{a, y}
		},
		inDomain: func(a []float64) bool { lt := a[1] * math.Log(a[0]); return lt > -665 && lt < 709 },
		fast:     func(a []float64) ([]float64, bool) { return one(powFast(a[0], a[1])) },
		ref:      func(a []float64) []float64 { return []float64{powBig(a[0], a[1])} },
		ddErr: func(a []float64, i int) (float64, bool) {
			if i%8 != 0 {
				return 0, false
			}
			h, l, th, _ := powDD(a[0], a[1])
			ref := newBig().SetFloat64(a[1])
			ref.Mul(ref, bigLn(a[0]))
			return relErr(h, l, bigExp(ref)) / (1 + math.Abs(th)), true
		},
	}.run(t)
}

// TestFastPowInt's arguments are a and n; its error is relative to the result and divided by
// (|n| + 2).
func TestFastPowInt(t *testing.T) {
	fastCase{name: "pow int", seed: 4, claimed: 0x1p-100,
		args: func(r *rand.Rand, i int) []float64 {
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
			return []float64{a, float64(k)}
		},
		inDomain: func(a []float64) bool {
			_, e := math.Frexp(a[0])
			return abs(int(a[1]))*(abs(e)+1) <= 900
		},
		fast: func(a []float64) ([]float64, bool) { return one(powIntFast(a[0], int(a[1]))) },
		ref:  func(a []float64) []float64 { return []float64{powExactIntBig(a[0], int(a[1]))} },
		ddErr: func(a []float64, i int) (float64, bool) {
			k := int(a[1])
			if i%4 != 0 || abs(k) < 3 {
				return 0, false
			}
			h, l, _ := powIntDD(a[0], k)
			ref := new(big.Float).SetPrec(4000).SetFloat64(a[0])
			p := new(big.Float).SetPrec(4000).SetInt64(1)
			for j := 0; j < abs(k); j++ {
				p.Mul(p, ref)
			}
			if k < 0 {
				p.Quo(new(big.Float).SetPrec(4000).SetInt64(1), p)
			}
			return relErr(h, l, p) / float64(abs(k)+2), true
		},
	}.run(t)
}

// TestFastSinCos's error is the larger of sin's and cos's beyond the absolute part of the bound,
// relative to the result (claimed 2^-96 plus 2^-134 absolute).
func TestFastSinCos(t *testing.T) {
	fastCase{name: "sin, cos", seed: 5, claimed: 0x1p-96,
		args: func(r *rand.Rand, i int) []float64 {
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
				return nil
			}
			return []float64{x}
		},
		inDomain: func(a []float64) bool { ax := math.Abs(a[0]); return ax >= 0x1p-400 && ax <= 0x1p20 },
		fast: func(a []float64) ([]float64, bool) {
			s, c, ok := sinCosFast(a[0])
			return []float64{s, c}, ok
		},
		ref: func(a []float64) []float64 { s, c := sinCosBig(a[0]); return []float64{s, c} },
		ddErr: func(a []float64, i int) (float64, bool) {
			if i%8 != 0 {
				return 0, false
			}
			sh, sl, ch, cl, errAbs, _ := sinCosDD(a[0])
			bs, bc := sinCosBigFloat(a[0])
			es, _ := bs.Float64()
			ec, _ := bc.Float64()
			return math.Max(math.Max(0, relErr(sh, sl, bs)-errAbs/64/math.Abs(es)),
				math.Max(0, relErr(ch, cl, bc)-errAbs/64/math.Abs(ec))), true
		},
	}.run(t)
}

// TestFastAtan2's arguments are y and x.
func TestFastAtan2(t *testing.T) {
	fastCase{name: "atan2", seed: 6, claimed: 0x1p-96,
		args: func(r *rand.Rand, i int) []float64 {
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
				return nil
			}
			return []float64{y, x}
		},
		inDomain: func(a []float64) bool {
			num, den := math.Min(math.Abs(a[0]), math.Abs(a[1])), math.Max(math.Abs(a[0]), math.Abs(a[1]))
			return num >= 0x1p-900 && num/den >= 0x1p-900
		},
		fast: func(a []float64) ([]float64, bool) { return one(atan2Fast(a[0], a[1])) },
		ref:  func(a []float64) []float64 { return []float64{atan2Big(a[0], a[1])} },
		ddErr: func(a []float64, i int) (float64, bool) {
			if i%8 != 0 {
				return 0, false
			}
			h, l, _ := atan2DD(a[0], a[1])
			return relErr(h, l, atan2BigFloat(a[0], a[1])), true
		},
	}.run(t)
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
