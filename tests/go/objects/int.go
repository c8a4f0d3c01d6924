package objects

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unsafe"
)

// Int is Python's int: arbitrary precision, with an int64 fast path.
//
// An Int is one machine word, so that it holds no pointer and the garbage collector never
// scans it: small holds the value, except bigMark, which says the Int is the head of a multiDigitInt
// holding the digits. Invariant: an Int is big exactly when its value is not an int64 other
// than bigMark, so every value has one representation and the common case never allocates a
// big.Int. (CPython draws the same line between compact and multi-digit longs:
// _PyLong_IsCompact.)
type Int struct {
	small int64
}

// multiDigitInt is an Int whose value needs more than a word: the Int is its first field, so a *Int
// that points at one is a pointer to the start of the multiDigitInt and keeps the digits alive.
type multiDigitInt struct {
	Int
	digits *big.Int
}

// bigMark is the small value that marks a multiDigitInt's head (math.MinInt64 itself is a multiDigitInt).
const bigMark = math.MinInt64

func (*Int) Type() *Type { return IntType }

const (
	smallIntMin = -5
	smallIntMax = 256
	// maxStrDigits is CPython's default sys.get_int_max_str_digits().
	maxStrDigits = 4300
	// maxResultBits caps results of **, << and a sequence's repeat so that a runaway program
	// stops (resultTooLarge) instead of exhausting the test machine.
	maxResultBits = 1 << 30
	// intBlockLen is how many Ints one allocation provides.
	intBlockLen = 32
)

// resultTooLarge is what the runtime says of a result past maxResultBits: CPython builds it while
// the machine has the memory (a 2 GB str on this one), so a MemoryError here would be a different
// answer, not the same one; the runtime lacks the room, and says so.
func resultTooLarge() error {
	return &Unsupported{What: "a result of more than 2**30 bits or items (the test runtime's memory cap)"}
}

// smallInts mirrors CPython's small-int cache, so that `is` gives the
// same answers as CPython for -5..256.
var smallInts = func() (c [smallIntMax - smallIntMin + 1]*Int) {
	for i := range c {
		c[i] = &Int{small: int64(i + smallIntMin)}
	}
	return c
}()

// intBlock is the last block of Ints allocated, of which intUsed are taken: new ints come from
// it, as CPython 3.14 takes them from its ints freelist, so that one allocation of a pointer-free
// block serves intBlockLen results. (A live Int keeps its block's 256 bytes alive.) Taking one
// writes only the count, an int, which needs no write barrier while the collector marks.
var (
	intBlock *[intBlockLen]Int
	intUsed  = intBlockLen
)

// NewIntInline is NewInt for a caller that Go inlines it into: the small-int cache and the
// current block, with no call. nil when the block is used up or v is bigMark: NewInt then.
func NewIntInline(v int64) *Int {
	if uint64(v-smallIntMin) < uint64(len(smallInts)) {
		return smallInts[v-smallIntMin]
	}
	if intUsed == intBlockLen || v == bigMark {
		return nil
	}
	return fromBlock(v)
}

// fromBlock is the next Int of the current block, which has one left, holding v.
func fromBlock(v int64) *Int {
	i := &intBlock[intUsed]
	intUsed++
	i.small = v
	return i
}

// SmallInt is the preallocated int at index i of the small-int cache (the value i - 5).
// CPython: Include/internal/pycore_long.h _PyLong_SMALL_INTS
func SmallInt(i int) *Int { return smallInts[i] }

// AsInt is C's cast `(PyLongObject *)o`: the *Int in o, unchecked. Only for a caller that a
// guard told o is an int: the cast, unlike a type assertion, keeps the runtime functions the
// specialized instructions call small enough for Go to inline into the interpreter loop.
func AsInt(o Object) *Int { return (*Int)((*[2]unsafe.Pointer)(unsafe.Pointer(&o))[1]) }

// AddSmall, SubtractSmall and MultiplySmall are the one-word cases of IntAdd, IntSubtract and
// IntMultiply: the result, and false when an operand is multi-digit or the result overflows.
func AddSmall(a, b *Int) (int64, bool) {
	s := a.small + b.small
	// Without overflow the sum moves in the direction of b's sign.
	return s, (s > a.small) == (b.small > 0) && !a.isBig() && !b.isBig()
}

func SubtractSmall(a, b *Int) (int64, bool) {
	d := a.small - b.small
	return d, (d < a.small) == (b.small > 0) && !a.isBig() && !b.isBig()
}

func MultiplySmall(a, b *Int) (int64, bool) {
	p, ok := mul64(a.small, b.small)
	return p, ok && !a.isBig() && !b.isBig()
}

// compactMax is the largest magnitude CPython keeps in a single 30-bit digit.
const compactMax = 1<<30 - 1

// IsCompact reports an int CPython stores in a single digit (a "compact" int, which its
// specialized int instructions require). A multi-digit Int's head (bigMark) is not.
// CPython: Include/cpython/longintrepr.h _PyLong_IsCompact
func (i *Int) IsCompact() bool { return uint64(i.small+compactMax) <= 2*compactMax }

// CompactValue is the value of a compact int (IsCompact).
// CPython: Include/cpython/longintrepr.h _PyLong_CompactValue
func (i *Int) CompactValue() int64 { return i.small }

// NewInt returns the Python int v (a shared object for -5..256). It is small enough for Go
// to inline the cached case into the callers.
// CPython: Objects/longobject.c PyLong_FromLongLong (get_small_int)
func NewInt(v int64) *Int {
	if uint64(v-smallIntMin) < uint64(len(smallInts)) {
		return smallInts[v-smallIntMin]
	}
	return newMediumInt(v)
}

// newMediumInt is an int outside the small-int cache.
// CPython: Objects/longobject.c _PyLong_FromMedium
func newMediumInt(v int64) *Int {
	if v == bigMark {
		return newMultiDigitInt(big.NewInt(v))
	}
	if intUsed == intBlockLen {
		intBlock, intUsed = new([intBlockLen]Int), 0
	}
	return fromBlock(v)
}

// NewIntFromBig returns b as a Python int, normalised to the int64 form
// when it fits. The Int takes ownership of b; do not modify it afterwards.
func NewIntFromBig(b *big.Int) *Int {
	if b.IsInt64() && b.Int64() != bigMark {
		return NewInt(b.Int64())
	}
	return newMultiDigitInt(b)
}

func newMultiDigitInt(b *big.Int) *Int {
	return &(&multiDigitInt{Int{bigMark}, b}).Int
}

// isBig reports an Int whose value is in a multiDigitInt's digits.
func (i *Int) isBig() bool { return i.small == bigMark }

// digits is the value of a big Int (isBig), not to be modified.
func (i *Int) digits() *big.Int { return (*multiDigitInt)(unsafe.Pointer(i)).digits }

// Int64 returns the value and true if it fits in an int64.
func (i *Int) Int64() (int64, bool) {
	if i.isBig() {
		return 0, false
	}
	return i.small, true
}

// Big returns the value as a fresh big.Int that the caller may modify.
func (i *Int) Big() *big.Int {
	if i.isBig() {
		return new(big.Int).Set(i.digits())
	}
	return big.NewInt(i.small)
}

// bigView returns the value as a big.Int that must not be modified.
func (i *Int) bigView() *big.Int {
	if i.isBig() {
		return i.digits()
	}
	return big.NewInt(i.small)
}

// Sign returns -1, 0 or +1.
func (i *Int) Sign() int {
	if i.isBig() {
		return i.digits().Sign()
	}
	switch {
	case i.small < 0:
		return -1
	case i.small > 0:
		return 1
	}
	return 0
}

// String is the decimal form, without Python's digit limit (for Go use).
func (i *Int) String() string {
	if i.isBig() {
		return i.digits().String()
	}
	return strconv.FormatInt(i.small, 10)
}

// toInt accepts the int-like objects: int and bool (bool subclasses int).
func toInt(o Object) (*Int, bool) {
	switch v := o.(type) {
	case *Int:
		return v, true
	case Bool:
		if v {
			return NewInt(1), true
		}
		return NewInt(0), true
	}
	return nil, false
}

// IntAdd is a + b.
// CPython: Objects/longobject.c _PyLong_Add
func IntAdd(a, b *Int) *Int {
	if !a.isBig() && !b.isBig() {
		s := a.small + b.small
		// Without overflow the sum moves in the direction of b's sign.
		if (s > a.small) == (b.small > 0) {
			return NewInt(s)
		}
	}
	return NewIntFromBig(new(big.Int).Add(a.bigView(), b.bigView()))
}

// IntSubtract is a - b.
// CPython: Objects/longobject.c _PyLong_Subtract
func IntSubtract(a, b *Int) *Int {
	if !a.isBig() && !b.isBig() {
		d := a.small - b.small
		if (d < a.small) == (b.small > 0) {
			return NewInt(d)
		}
	}
	return NewIntFromBig(new(big.Int).Sub(a.bigView(), b.bigView()))
}

// mul64 multiplies and reports whether the product fit in int64.
func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	// The signed high word is the unsigned one less b when a is negative and less a when b is;
	// the product fits when it is the sign extension of the low word.
	shi := int64(hi)
	if a < 0 {
		shi -= b
	}
	if b < 0 {
		shi -= a
	}
	return int64(lo), shi == int64(lo)>>63
}

// IntMultiply is a * b.
// CPython: Objects/longobject.c _PyLong_Multiply
func IntMultiply(a, b *Int) *Int {
	if !a.isBig() && !b.isBig() {
		if p, ok := mul64(a.small, b.small); ok {
			return NewInt(p)
		}
	}
	return NewIntFromBig(new(big.Int).Mul(a.bigView(), b.bigView()))
}

func intNeg(a *Int) *Int {
	if !a.isBig() && a.small != math.MinInt64 {
		return NewInt(-a.small)
	}
	return NewIntFromBig(new(big.Int).Neg(a.bigView()))
}

func intAbs(a *Int) *Int {
	if a.Sign() < 0 {
		return intNeg(a)
	}
	return a
}

// intDivmod is Python's divmod on ints: the quotient rounds toward negative
// infinity, so the remainder takes the divisor's sign.
func intDivmod(a, b *Int) (*Int, *Int, error) {
	if b.Sign() == 0 {
		return nil, nil, zeroDivision()
	}
	if !a.isBig() && !b.isBig() && !(a.small == math.MinInt64 && b.small == -1) {
		q, r := a.small/b.small, a.small%b.small
		if r != 0 && (r < 0) != (b.small < 0) {
			q--
			r += b.small
		}
		return NewInt(q), NewInt(r), nil
	}
	q, r := new(big.Int).QuoRem(a.bigView(), b.bigView(), new(big.Int))
	if r.Sign() != 0 && r.Sign() != b.Sign() {
		q.Sub(q, big.NewInt(1))
		r.Add(r, b.bigView())
	}
	return NewIntFromBig(q), NewIntFromBig(r), nil
}

// intTrueDiv is int / int: the correctly rounded float quotient.
func intTrueDiv(a, b *Int) (Object, error) {
	if b.Sign() == 0 {
		return nil, zeroDivision()
	}
	// Both operands exactly representable: one IEEE division rounds once.
	const exact = 1 << 53
	if !a.isBig() && !b.isBig() && a.small >= -exact && a.small <= exact && b.small >= -exact && b.small <= exact {
		return NewFloat(float64(a.small) / float64(b.small)), nil
	}
	f, _ := new(big.Rat).SetFrac(a.bigView(), b.bigView()).Float64()
	if math.IsInf(f, 0) {
		return nil, overflowErrorf("integer division result too large for a float")
	}
	return NewFloat(f), nil
}

// smallPow computes base**exp (exp >= 0) by squaring, failing on overflow.
func smallPow(base, exp int64) (int64, bool) {
	result := int64(1)
	for exp > 0 {
		var ok bool
		if exp&1 == 1 {
			if result, ok = mul64(result, base); !ok {
				return 0, false
			}
		}
		exp >>= 1
		if exp > 0 {
			// base is still needed, so if squaring overflows so would the result.
			if base, ok = mul64(base, base); !ok {
				return 0, false
			}
		}
	}
	return result, true
}

// intPow is int ** int. A negative exponent makes it a float operation,
// as in CPython.
func intPow(a, b *Int) (Object, error) {
	if b.Sign() < 0 {
		x, err := intToFloat(a)
		if err != nil {
			return nil, err
		}
		y, err := intToFloat(b)
		if err != nil {
			return nil, err
		}
		return floatPow(x, y)
	}
	if !a.isBig() && !b.isBig() {
		if r, ok := smallPow(a.small, b.small); ok {
			return NewInt(r), nil
		}
	}
	if bits := intAbs(a).bigView().BitLen(); bits > 1 {
		e, ok := b.Int64()
		if !ok || e > maxResultBits/int64(bits-1) {
			return nil, resultTooLarge()
		}
	}
	return NewIntFromBig(new(big.Int).Exp(a.bigView(), b.bigView(), nil)), nil
}

func intLshift(a, b *Int) (*Int, error) {
	if b.Sign() < 0 {
		return nil, valueErrorf("negative shift count")
	}
	if a.Sign() == 0 {
		return NewInt(0), nil
	}
	n, ok := b.Int64()
	if !ok {
		return nil, overflowErrorf("too many digits in integer")
	}
	if n > maxResultBits {
		return nil, resultTooLarge()
	}
	if !a.isBig() && n < 63 {
		if r := a.small << n; r>>n == a.small {
			return NewInt(r), nil
		}
	}
	return NewIntFromBig(new(big.Int).Lsh(a.bigView(), uint(n))), nil
}

// intRshift is an arithmetic shift, i.e. floor division by 2**n.
func intRshift(a, b *Int) (*Int, error) {
	if b.Sign() < 0 {
		return nil, valueErrorf("negative shift count")
	}
	n, ok := b.Int64()
	if !ok {
		n = math.MaxInt64 // shifts everything out either way
	}
	if !a.isBig() {
		if n > 63 {
			n = 63
		}
		return NewInt(a.small >> n), nil
	}
	return NewIntFromBig(new(big.Int).Rsh(a.digits(), uint(n))), nil
}

// Bitwise operations use two's-complement semantics on negative numbers,
// which math/big also implements.
func intAnd(a, b *Int) *Int {
	if !a.isBig() && !b.isBig() {
		return NewInt(a.small & b.small)
	}
	return NewIntFromBig(new(big.Int).And(a.bigView(), b.bigView()))
}

func intOr(a, b *Int) *Int {
	if !a.isBig() && !b.isBig() {
		return NewInt(a.small | b.small)
	}
	return NewIntFromBig(new(big.Int).Or(a.bigView(), b.bigView()))
}

func intXor(a, b *Int) *Int {
	if !a.isBig() && !b.isBig() {
		return NewInt(a.small ^ b.small)
	}
	return NewIntFromBig(new(big.Int).Xor(a.bigView(), b.bigView()))
}

func intInvert(a *Int) *Int {
	if !a.isBig() {
		return NewInt(^a.small)
	}
	return NewIntFromBig(new(big.Int).Not(a.digits()))
}

func intCmp(a, b *Int) int {
	if !a.isBig() && !b.isBig() {
		switch {
		case a.small < b.small:
			return -1
		case a.small > b.small:
			return 1
		}
		return 0
	}
	return a.bigView().Cmp(b.bigView())
}

// intToFloat converts with round-half-even, raising OverflowError like
// CPython when the value is beyond the float range.
func intToFloat(a *Int) (float64, error) {
	if !a.isBig() {
		return float64(a.small), nil
	}
	f, _ := new(big.Float).SetInt(a.digits()).Float64()
	if math.IsInf(f, 0) {
		return 0, overflowErrorf("int too large to convert to float")
	}
	return f, nil
}

// hashModulus is CPython's numeric hash modulus 2**61-1. Using the same
// definition makes hash(n) agree with CPython and, more importantly, makes
// equal ints and floats hash equal.
const hashModulus = 1<<61 - 1

func intHash(a *Int) int64 {
	var h int64
	if !a.isBig() {
		u := uint64(a.small)
		if a.small < 0 {
			u = uint64(-a.small) // also right for MinInt64, via wraparound
		}
		h = int64(u % hashModulus)
	} else {
		m := new(big.Int).Abs(a.digits())
		h = m.Mod(m, big.NewInt(hashModulus)).Int64()
	}
	if a.Sign() < 0 {
		h = -h
	}
	if h == -1 {
		h = -2 // -1 is reserved as an error marker in CPython
	}
	return h
}

// intToDecimal is str(int), enforcing CPython's 4300-digit limit.
func intToDecimal(a *Int) (string, error) {
	if !a.isBig() {
		return strconv.FormatInt(a.small, 10), nil
	}
	// 14300 bits always means more than 4300 digits: skip the conversion.
	s := ""
	if a.digits().BitLen() <= 14300 {
		s = a.digits().String()
	}
	if n := len(strings.TrimPrefix(s, "-")); s == "" || n > maxStrDigits {
		return "", valueErrorf("Exceeds the limit (%d digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit", maxStrDigits)
	}
	return s, nil
}

// intToBase formats |a| in base 2, 8 or 16 (no prefix, no sign).
func intToBase(a *Int, base int) string {
	if !a.isBig() {
		u := uint64(a.small)
		if a.small < 0 {
			u = uint64(-a.small)
		}
		return strconv.FormatUint(u, base)
	}
	return new(big.Int).Abs(a.digits()).Text(base)
}

// IntFromString implements int(s, base): surrounding whitespace, a sign,
// an optional 0x/0o/0b prefix (required to pick the base when base is 0)
// and single underscores between digits.
func IntFromString(s string, base int) (*Int, error) {
	if base != 0 && (base < 2 || base > 36) {
		return nil, valueErrorf("int() base must be >= 2 and <= 36, or 0")
	}
	invalid := func() error {
		r := []rune(quoteStr(s, false))
		if len(r) > 200 {
			r = r[:200]
		}
		return valueErrorf("invalid literal for int() with base %d: %s", base, string(r))
	}
	t := strings.TrimFunc(s, isPySpace)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	b, prefixed := base, false
	if len(t) >= 2 && t[0] == '0' {
		pb := map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2, 'B': 2}[t[1]]
		if pb != 0 && (base == 0 || base == pb) {
			b, prefixed, t = pb, true, t[2:]
		}
	}
	if b == 0 {
		b = 10
	}
	var digits strings.Builder
	lastUnderscore := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == '_' {
			// "_" may separate digits, or follow a base prefix.
			if lastUnderscore || (i == 0 && !prefixed) {
				return nil, invalid()
			}
			lastUnderscore = true
			continue
		}
		if digitValue(c) >= b {
			return nil, invalid()
		}
		digits.WriteByte(c)
		lastUnderscore = false
	}
	d := digits.String()
	if d == "" || lastUnderscore {
		return nil, invalid()
	}
	// With base 0, "010" is rejected (it would be an old-style octal).
	if base == 0 && !prefixed && d[0] == '0' && strings.Trim(d, "0") != "" {
		return nil, invalid()
	}
	if b&(b-1) != 0 && len(d) > maxStrDigits {
		return nil, valueErrorf("Exceeds the limit (%d digits) for integer string conversion: value has %d digits; use sys.set_int_max_str_digits() to increase the limit", maxStrDigits, len(d))
	}
	if neg {
		d = "-" + d
	}
	if v, err := strconv.ParseInt(d, b, 64); err == nil {
		return NewInt(v), nil
	}
	v, ok := new(big.Int).SetString(d, b)
	if !ok {
		return nil, invalid()
	}
	return NewIntFromBig(v), nil
}

// digitValue is the value of an ASCII digit or letter, or 99.
func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

// intAttr is an int's attribute (real, imag, numerator, denominator) or method (bit_length,
// bit_count, conjugate, is_integer), nil for both if it is neither.
// CPython: Objects/longobject.c long_methods, long_getset
func intAttr(i *Int, name string) (Object, *Builtin) {
	switch name {
	case "real", "numerator":
		return NewIntFromBig(i.Big()), nil
	case "imag":
		return NewInt(0), nil
	case "denominator":
		return NewInt(1), nil
	case "bit_length":
		return nil, boundNoArgs(i, "int", name, func() Object { return NewInt(int64(new(big.Int).Abs(i.Big()).BitLen())) })
	case "bit_count":
		return nil, boundNoArgs(i, "int", name, func() Object {
			n := 0
			for _, w := range new(big.Int).Abs(i.Big()).Bits() {
				n += bits.OnesCount(uint(w))
			}
			return NewInt(int64(n))
		})
	case "conjugate":
		return nil, boundNoArgs(i, "int", name, func() Object { return NewIntFromBig(i.Big()) })
	case "is_integer":
		return nil, boundNoArgs(i, "int", name, func() Object { return True })
	}
	return nil, nil
}
