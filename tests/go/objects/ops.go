package objects

import (
	"errors"
	"math"
	"math/big"
	"strings"
)

// BINARY_OP opargs of CPython 3.14 (Include/opcode.h NB_*).
const (
	NB_ADD = iota
	NB_AND
	NB_FLOOR_DIVIDE
	NB_LSHIFT
	NB_MATRIX_MULTIPLY
	NB_MULTIPLY
	NB_REMAINDER
	NB_OR
	NB_POWER
	NB_RSHIFT
	NB_SUBTRACT
	NB_TRUE_DIVIDE
	NB_XOR
	NB_INPLACE_ADD
	NB_INPLACE_AND
	NB_INPLACE_FLOOR_DIVIDE
	NB_INPLACE_LSHIFT
	NB_INPLACE_MATRIX_MULTIPLY
	NB_INPLACE_MULTIPLY
	NB_INPLACE_REMAINDER
	NB_INPLACE_OR
	NB_INPLACE_POWER
	NB_INPLACE_RSHIFT
	NB_INPLACE_SUBTRACT
	NB_INPLACE_TRUE_DIVIDE
	NB_INPLACE_XOR
	NB_SUBSCR
)

// Rich comparison opargs (Py_LT ... Py_GE).
const (
	LT = iota
	LE
	EQ
	NE
	GT
	GE
)

var binarySymbols = [...]string{"+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"}
var compareSymbols = [...]string{"<", "<=", "==", "!=", ">", ">="}

// errNotImplemented is how the per-type operations say "not for these
// operand types" (Python's NotImplemented); BinaryOp turns it into the
// TypeError. It never escapes this package.
var errNotImplemented = errors.New("not implemented")

// BinaryOp executes BINARY_OP with the given oparg.
func BinaryOp(a, b Object, op int) (Object, error) {
	if op == NB_SUBSCR {
		return GetItem(a, b)
	}
	base, inplace := op, false
	if op >= NB_INPLACE_ADD && op <= NB_INPLACE_XOR {
		base, inplace = op-NB_INPLACE_ADD, true
	}
	if (isClassObject(a) || isClassObject(b)) && base >= NB_ADD && base <= NB_XOR {
		if r, ok, err := binarySpecial(a, b, base, inplace); ok {
			return r, err
		}
	}
	if inplace {
		// list and set are the mutable types here with in-place forms of their own: list +=
		// extends with any iterable, *= repeats in place; set |= &= -= ^= change the set.
		if l, ok := a.(*List); ok && (base == NB_ADD || base == NB_MULTIPLY) {
			return listInplace(l, b, base)
		}
		// An in-place repeat asks the right operand's repeat only when the left one's type has no
		// sequence methods at all (PyNumber_InPlaceMultiply): `d *= [1]` is no list repeat.
		if base == NB_MULTIPLY && !isSeq(a) && isSeq(b) {
			switch a.(type) {
			// tp_as_sequence with no sq_repeat; a class's instances always have one (a heap type's)
			case *Dict, *Set, *Range, *DictView, *Instance:
				return nil, typeErrorf("unsupported operand type(s) for *=: '%s' and '%s'", typeName(a), typeName(b))
			}
		}
		if s, ok := a.(*Set); ok && !s.frozen {
			if r, err := setInplace(s, b, base); err != errNotImplemented {
				return r, err
			}
		}
	}
	if base < NB_ADD || base > NB_XOR {
		return nil, NewException(RuntimeErrorType, "invalid BINARY_OP oparg %d", op)
	}
	if _, ok := a.(*Str); ok && base == NB_REMAINDER {
		return nil, &Unsupported{"str % args (printf-style formatting)"}
	}
	if _, ok := a.(*Bytes); ok && base == NB_REMAINDER {
		return nil, &Unsupported{"bytes % args (printf-style formatting)"}
	}
	r, err := binaryOp(a, b, base)
	if err == errNotImplemented {
		sym := binarySymbols[base]
		switch {
		case inplace:
			sym += "="
		case base == NB_POWER:
			sym = "** or pow()"
		}
		return nil, typeErrorf("unsupported operand type(s) for %s: '%s' and '%s'", sym, typeName(a), typeName(b))
	}
	return r, err
}

func binaryOp(a, b Object, op int) (Object, error) {
	if x, ok := toInt(a); ok {
		if y, ok := toInt(b); ok {
			// bool & | ^ bool stays a bool; everything else is int arithmetic.
			ba, aBool := a.(Bool)
			bb, bBool := b.(Bool)
			if aBool && bBool {
				switch op {
				case NB_AND:
					return ba && bb, nil
				case NB_OR:
					return ba || bb, nil
				case NB_XOR:
					return Bool(ba != bb), nil
				}
			}
			return intBinary(x, y, op)
		}
	}
	if isNumber(a) && isNumber(b) {
		return floatBinary(a, b, op)
	}
	_, aComplex := a.(*Complex)
	_, bComplex := b.(*Complex)
	if (aComplex || bComplex) && isComplexOperand(a) && isComplexOperand(b) {
		return complexBinary(a, b, op)
	}
	if _, ok := a.(*Set); ok {
		if _, ok := b.(*Set); ok {
			return setBinary(a, b, op)
		}
	}
	return seqBinary(a, b, op)
}

func intBinary(x, y *Int, op int) (Object, error) {
	switch op {
	case NB_ADD:
		return IntAdd(x, y), nil
	case NB_SUBTRACT:
		return IntSubtract(x, y), nil
	case NB_MULTIPLY:
		return IntMultiply(x, y), nil
	case NB_FLOOR_DIVIDE:
		q, _, err := intDivmod(x, y)
		if err != nil {
			return nil, err
		}
		return q, nil
	case NB_REMAINDER:
		_, r, err := intDivmod(x, y)
		if err != nil {
			return nil, err
		}
		return r, nil
	case NB_TRUE_DIVIDE:
		return intTrueDiv(x, y)
	case NB_POWER:
		return intPow(x, y)
	case NB_LSHIFT:
		r, err := intLshift(x, y)
		if err != nil {
			return nil, err
		}
		return r, nil
	case NB_RSHIFT:
		r, err := intRshift(x, y)
		if err != nil {
			return nil, err
		}
		return r, nil
	case NB_AND:
		return intAnd(x, y), nil
	case NB_OR:
		return intOr(x, y), nil
	case NB_XOR:
		return intXor(x, y), nil
	}
	return nil, errNotImplemented
}

// floatBinary handles number pairs where at least one side is a float.
func floatBinary(a, b Object, op int) (Object, error) {
	switch op {
	case NB_ADD, NB_SUBTRACT, NB_MULTIPLY, NB_TRUE_DIVIDE, NB_FLOOR_DIVIDE, NB_REMAINDER, NB_POWER:
	default:
		return nil, errNotImplemented // no bitwise ops or @ on floats
	}
	x, err := toFloat(a)
	if err != nil {
		return nil, err
	}
	y, err := toFloat(b)
	if err != nil {
		return nil, err
	}
	switch op {
	case NB_ADD:
		return NewFloat(x + y), nil
	case NB_SUBTRACT:
		return NewFloat(x - y), nil
	case NB_MULTIPLY:
		return NewFloat(x * y), nil
	case NB_TRUE_DIVIDE:
		if y == 0 {
			return nil, zeroDivision()
		}
		return NewFloat(x / y), nil
	case NB_POWER:
		return floatPow(x, y)
	}
	div, mod, err := floatDivmod(x, y)
	if err != nil {
		return nil, err
	}
	if op == NB_FLOOR_DIVIDE {
		return NewFloat(div), nil
	}
	return NewFloat(mod), nil
}

// isSeq reports the sequence types that support + and *.
func isSeq(o Object) bool {
	switch o.(type) {
	case *Str, *List, *Tuple, *Bytes:
		return true
	}
	return false
}

// seqBinary is concatenation and repetition of str, list, tuple and bytes.
func seqBinary(a, b Object, op int) (Object, error) {
	switch op {
	case NB_ADD:
		switch x := a.(type) {
		case *Str:
			if y, ok := b.(*Str); ok {
				return NewStr(x.S + y.S), nil
			}
		case *List:
			if y, ok := b.(*List); ok {
				return NewList(append(append([]Object(nil), x.Items...), y.Items...)...), nil
			}
		case *Tuple:
			if y, ok := b.(*Tuple); ok {
				return NewTuple(append(append([]Object(nil), x.Items...), y.Items...)...), nil
			}
		case *Bytes:
			if y, ok := b.(*Bytes); ok {
				return &Bytes{V: x.V + y.V}, nil
			}
			return nil, typeErrorf("can't concat %s to bytes", typeName(b))
		default:
			return nil, errNotImplemented
		}
		return nil, typeErrorf("can only concatenate %s (not \"%s\") to %s", typeName(a), typeName(b), typeName(a))
	case NB_MULTIPLY:
		seq, count := a, b
		if !isSeq(a) {
			seq, count = b, a
		}
		if !isSeq(seq) {
			return nil, errNotImplemented
		}
		n, ok := toInt(count)
		if !ok {
			return nil, typeErrorf("can't multiply sequence by non-int of type '%s'", typeName(count))
		}
		return repeatSeq(seq, n)
	}
	return nil, errNotImplemented
}

func repeatSeq(seq Object, n *Int) (Object, error) {
	switch s := seq.(type) {
	case *Str:
		c, err := repeatCount(n, len(s.S))
		if err != nil {
			return nil, err
		}
		return NewStr(strings.Repeat(s.S, c)), nil
	case *List:
		c, err := repeatCount(n, len(s.Items))
		if err != nil {
			return nil, err
		}
		return NewList(repeatItems(s.Items, c)...), nil
	case *Bytes:
		c, err := repeatCount(n, len(s.V))
		if err != nil {
			return nil, err
		}
		return &Bytes{V: strings.Repeat(s.V, c)}, nil
	}
	t := seq.(*Tuple)
	c, err := repeatCount(n, len(t.Items))
	if err != nil {
		return nil, err
	}
	return NewTuple(repeatItems(t.Items, c)...), nil
}

// listInplace is list += iterable and list *= n, which mutate the list.
func listInplace(l *List, b Object, op int) (Object, error) {
	if op == NB_ADD {
		items, err := iterToSlice(b)
		if err != nil {
			return nil, err
		}
		l.Items = append(l.Items, items...)
		return l, nil
	}
	n, ok := toInt(b)
	if !ok {
		return nil, typeErrorf("can't multiply sequence by non-int of type '%s'", typeName(b))
	}
	c, err := repeatCount(n, len(l.Items))
	if err != nil {
		return nil, err
	}
	l.Items = repeatItems(l.Items, c)
	return l, nil
}

// UnaryNegative is -o.
func UnaryNegative(o Object) (Object, error) {
	if i, ok := toInt(o); ok {
		return intNeg(i), nil
	}
	switch v := o.(type) {
	case *Float:
		return NewFloat(-v.V), nil
	case *Complex:
		return NewComplex(-v.Real, -v.Imag), nil
	}
	if r, ok, err := classUnary(o, "__neg__"); ok {
		return r, err
	}
	return nil, typeErrorf("bad operand type for unary -: '%s'", typeName(o))
}

// UnaryPositive is +o (turns a bool into an int).
func UnaryPositive(o Object) (Object, error) {
	if i, ok := toInt(o); ok {
		return i, nil
	}
	switch o.(type) {
	case *Float, *Complex:
		return o, nil
	}
	if r, ok, err := classUnary(o, "__pos__"); ok {
		return r, err
	}
	return nil, typeErrorf("bad operand type for unary +: '%s'", typeName(o))
}

// UnaryInvert is ~o.
func UnaryInvert(o Object) (Object, error) {
	if i, ok := toInt(o); ok {
		return intInvert(i), nil
	}
	if r, ok, err := classUnary(o, "__invert__"); ok {
		return r, err
	}
	return nil, typeErrorf("bad operand type for unary ~: '%s'", typeName(o))
}

// UnaryNot is `not o`. Truth testing cannot fail for the types modelled
// here, hence no error result.
func UnaryNot(o Object) Object {
	t, _ := Truthy(o)
	return Bool(!t)
}

// Truthy is Python's truth test: zero numbers, empty containers, None and
// False are false; everything else is true.
func Truthy(o Object) (bool, error) {
	switch v := o.(type) {
	case Bool:
		return bool(v), nil
	case NoneObject:
		return false, nil
	case *Int:
		return v.Sign() != 0, nil
	case *Float:
		return v.V != 0, nil // NaN is true
	case *Str:
		return v.S != "", nil
	case *Tuple:
		return len(v.Items) > 0, nil
	case *List:
		return len(v.Items) > 0, nil
	case *Dict:
		return v.used > 0, nil
	case *Range:
		return v.length() > 0, nil
	case *Set:
		return v.used > 0, nil
	case *Bytes:
		return v.V != "", nil
	case *Complex:
		return v.Real != 0 || v.Imag != 0, nil
	case *DictView:
		return v.dict.used > 0, nil
	}
	if isClassObject(o) {
		return classBool(o)
	}
	return true, nil
}

// RichCompare is a <op> b; the result is always a Bool here.
func RichCompare(a, b Object, op int) (Object, error) {
	if op < LT || op > GE {
		return nil, NewException(RuntimeErrorType, "invalid comparison oparg %d", op)
	}
	_, av := a.(*DictView)
	_, bv := b.(*DictView)
	if av || bv { // keys and items views compare as sets, values views by identity
		return nil, &Unsupported{What: "comparing dict views"}
	}
	if isClassObject(a) || isClassObject(b) {
		if r, ok, err := richCompareSpecial(a, b, op); ok {
			return r, err
		}
	}
	r, err := compare(a, b, op)
	if err != nil {
		return nil, err
	}
	return Bool(r), nil
}

// Equal is a == b.
func Equal(a, b Object) (bool, error) { return compare(a, b, EQ) }

// eqItem is the equality containers use (PyObject_RichCompareBool): an
// object is always equal to itself, even a NaN.
func eqItem(a, b Object) (bool, error) {
	if Is(a, b) {
		return true, nil
	}
	return compare(a, b, EQ)
}

// lessThan is a < b as a Go bool (used by sorting, min and max).
func lessThan(a, b Object) (bool, error) { return compare(a, b, LT) }

func cmpResult(c, op int) bool {
	switch op {
	case LT:
		return c < 0
	case LE:
		return c <= 0
	case EQ:
		return c == 0
	case NE:
		return c != 0
	case GT:
		return c > 0
	}
	return c >= 0
}

func compare(a, b Object, op int) (bool, error) {
	if isNumber(a) && isNumber(b) { // first: containers compare numbers most, and they are no class objects
		c, ordered := numCmp(a, b)
		if !ordered { // NaN: only != is true
			return op == NE, nil
		}
		return cmpResult(c, op), nil
	}
	if isClassObject(a) || isClassObject(b) {
		if r, ok, err := richCompareSpecial(a, b, op); ok {
			if err != nil {
				return false, err
			}
			return Truthy(r)
		}
	}
	// complex == number, from either side; complex has no order.
	if op == EQ || op == NE {
		c, other := a, b
		if _, ok := c.(*Complex); !ok {
			c, other = b, a
		}
		if z, ok := c.(*Complex); ok {
			if eq, ok := complexEqual(z, other); ok {
				return eq == (op == EQ), nil
			}
		}
	}
	switch x := a.(type) {
	case *Str:
		if y, ok := b.(*Str); ok {
			// Byte order of UTF-8 is code point order.
			return cmpResult(strings.Compare(x.S, y.S), op), nil
		}
	case *Tuple:
		if y, ok := b.(*Tuple); ok {
			return seqCompare(x.Items, y.Items, op)
		}
	case *List:
		if y, ok := b.(*List); ok {
			return seqCompare(x.Items, y.Items, op)
		}
	case *Slice:
		if y, ok := b.(*Slice); ok {
			return seqCompare([]Object{x.Start, x.Stop, x.Step}, []Object{y.Start, y.Stop, y.Step}, op)
		}
	case *Dict:
		if y, ok := b.(*Dict); ok && (op == EQ || op == NE) {
			eq, err := dictEqual(x, y)
			return eq == (op == EQ), err
		}
	case *Range:
		if y, ok := b.(*Range); ok && (op == EQ || op == NE) {
			return rangeEqual(x, y) == (op == EQ), nil
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			return setCompare(x, y, op)
		}
	case *Bytes:
		if y, ok := b.(*Bytes); ok {
			return cmpResult(strings.Compare(x.V, y.V), op), nil
		}
	}
	// Default object comparison: identity for ==/!=, no ordering.
	switch op {
	case EQ:
		return Is(a, b), nil
	case NE:
		return !Is(a, b), nil
	}
	return false, typeErrorf("'%s' not supported between instances of '%s' and '%s'", compareSymbols[op], typeName(a), typeName(b))
}

// numCmp compares two numbers exactly across int, bool and float.
// ordered is false if a NaN is involved.
func numCmp(a, b Object) (c int, ordered bool) {
	x, xInt := toInt(a)
	y, yInt := toInt(b)
	switch {
	case xInt && yInt:
		return intCmp(x, y), true
	case xInt:
		return cmpIntFloat(x, b.(*Float).V)
	case yInt:
		c, ok := cmpIntFloat(y, a.(*Float).V)
		return -c, ok
	}
	f, g := a.(*Float).V, b.(*Float).V
	switch {
	case math.IsNaN(f) || math.IsNaN(g):
		return 0, false
	case f < g:
		return -1, true
	case f > g:
		return 1, true
	}
	return 0, true
}

// seqCompare is lexicographic comparison: the first unequal pair decides,
// otherwise the lengths do.
func seqCompare(x, y []Object, op int) (bool, error) {
	if len(x) != len(y) && (op == EQ || op == NE) {
		return op == NE, nil
	}
	for i := 0; i < len(x) && i < len(y); i++ {
		eq, err := eqItem(x[i], y[i])
		if err != nil {
			return false, err
		}
		if !eq {
			switch op {
			case EQ:
				return false, nil
			case NE:
				return true, nil
			}
			return compare(x[i], y[i], op)
		}
	}
	return cmpResult(len(x)-len(y), op), nil
}

func dictEqual(x, y *Dict) (bool, error) {
	if x.used != y.used {
		return false, nil
	}
	for _, e := range x.entries {
		if e.Key == nil {
			continue
		}
		v, ok, err := y.Get(e.Key)
		if err != nil || !ok {
			return false, err
		}
		if eq, err := eqItem(e.Value, v); err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// rangeEqual compares ranges as sequences: range(0) == range(5, 5).
func rangeEqual(x, y *Range) bool {
	n := x.length()
	switch {
	case n != y.length():
		return false
	case n == 0:
		return true
	case x.Start != y.Start:
		return false
	}
	return n == 1 || x.Step == y.Step
}

// Contains is `item in container`.
func Contains(container, item Object) (bool, error) {
	if isClassObject(container) {
		if r, ok, err := callSpecial(container, "__contains__", item); ok {
			if err != nil {
				return false, err
			}
			return Truthy(r)
		}
		found := false
		err := forEach(container, func(x Object) (bool, error) {
			eq, err := eqItem(x, item)
			found = eq
			return eq, err
		})
		if x, ok := err.(*Exception); ok && x.Class == TypeErrorType && !isIterable(container) {
			err = typeErrorf("argument of type '%s' is not a container or iterable", typeName(container))
		}
		return found, err
	}
	switch c := container.(type) {
	case *List:
		return seqContains(c.Items, item)
	case *Tuple:
		return seqContains(c.Items, item)
	case *Dict:
		_, ok, err := c.Get(item)
		return ok, err
	case *DictView:
		return c.contains(item)
	case *Str:
		s, ok := item.(*Str)
		if !ok {
			return false, typeErrorf("'in <string>' requires string as left operand, not %s", typeName(item))
		}
		return strings.Contains(c.S, s.S), nil
	case *Range:
		return rangeContains(c, item)
	case *Set:
		return c.Contains(item)
	case *Bytes:
		return bytesContains(c, item)
	case Iterator:
		found := false
		err := forEach(c, func(x Object) (bool, error) {
			eq, err := eqItem(x, item)
			found = eq
			return eq, err
		})
		return found, err
	}
	return false, typeErrorf("argument of type '%s' is not a container or iterable", typeName(container))
}

func seqContains(items []Object, item Object) (bool, error) {
	for i := 0; i < len(items); i++ { // len re-read: comparisons may mutate
		eq, err := eqItem(items[i], item)
		if err != nil || eq {
			return eq, err
		}
	}
	return false, nil
}

// rangeContains answers ints arithmetically and compares anything else
// element by element, as CPython does (3.0 in range(5) is True).
func rangeContains(r *Range, item Object) (bool, error) {
	i, ok := toInt(item)
	if !ok {
		found := false
		err := forEach(r, func(x Object) (bool, error) {
			eq, err := Equal(x, item)
			found = eq
			return eq, err
		})
		return found, err
	}
	v, small := i.Int64()
	if !small {
		return false, nil
	}
	if r.Step > 0 {
		if v < r.Start || v >= r.Stop {
			return false, nil
		}
		return (uint64(v)-uint64(r.Start))%uint64(r.Step) == 0, nil
	}
	if v > r.Start || v <= r.Stop {
		return false, nil
	}
	return (uint64(r.Start)-uint64(v))%(-uint64(r.Step)) == 0, nil
}

// GetItem is container[key].
func GetItem(container, key Object) (Object, error) {
	if r, ok, err := callSpecial(container, "__getitem__", key); ok {
		return r, err
	}
	switch c := container.(type) {
	case *List:
		return seqGetItem(c.Items, key, "list")
	case *Tuple:
		return seqGetItem(c.Items, key, "tuple")
	case *Str:
		return strGetItem(c, key)
	case *Range:
		return rangeGetItem(c, key)
	case *Bytes:
		return bytesGetItem(c, key)
	case *Dict:
		v, ok, err := c.Get(key)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, keyError(key)
		}
		return v, nil
	case *Type:
		return nil, typeErrorf("type '%s' is not subscriptable", c.Name)
	}
	return nil, typeErrorf("'%s' object is not subscriptable", typeName(container))
}

// SetItem is container[key] = value.
func SetItem(container, key, value Object) error {
	if _, ok, err := callSpecial(container, "__setitem__", key, value); ok {
		return err
	}
	switch c := container.(type) {
	case *List:
		return listSetItem(c, key, value)
	case *Dict:
		return c.Set(key, value)
	}
	return typeErrorf("'%s' object does not support item assignment", typeName(container))
}

// DelItem is del container[key].
func DelItem(container, key Object) error {
	if _, ok, err := callSpecial(container, "__delitem__", key); ok {
		return err
	}
	switch c := container.(type) {
	case *List:
		return listDelItem(c, key)
	case *Dict:
		return c.Del(key)
	case *Tuple, *Str, *Range, *Bytes, *Set:
		return typeErrorf("'%s' object doesn't support item deletion", typeName(container))
	}
	return typeErrorf("'%s' object does not support item deletion", typeName(container))
}

// Len is len(o).
func Len(o Object) (int, error) {
	switch v := o.(type) {
	case *Str:
		return v.Len(), nil
	case *Tuple:
		return len(v.Items), nil
	case *List:
		return len(v.Items), nil
	case *Dict:
		return v.used, nil
	case *Range:
		return v.Len()
	case *Set:
		return v.used, nil
	case *Bytes:
		return len(v.V), nil
	case *DictView:
		return v.dict.used, nil
	}
	if n, ok, err := classLen(o); ok {
		return n, err
	}
	return 0, typeErrorf("object of type '%s' has no len()", typeName(o))
}

// Hash is hash(o).
func Hash(o Object) (int64, error) {
	h, bad := hashOf(o)
	if f, failed := bad.(*hashFailure); failed {
		return 0, f.err
	}
	if bad != nil {
		return 0, typeErrorf("unhashable type: '%s'", typeName(bad))
	}
	return h, nil
}

// hashOf hashes o, or returns the unhashable object it ran into (o itself
// or an element of a tuple).
func hashOf(o Object) (int64, Object) {
	switch v := o.(type) {
	case *Int:
		return intHash(v), nil
	case Bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case *Float:
		return floatHash(v.V), nil
	case *Str:
		return v.Hash(), nil
	case *Bytes:
		return strHash(v.V), nil // as CPython does, b'abc' hashes like 'abc'
	case *Complex:
		return complexHash(v), nil
	case *Set:
		if !v.frozen {
			return 0, o
		}
		return v.frozenHash(), nil
	case NoneObject:
		return 4238894112, nil // CPython 3.12+ uses this constant
	case *Tuple:
		return hashItems(v.Items)
	case *Slice:
		acc, bad := hashLanes([]Object{v.Start, v.Stop, v.Step}) // no length mixed in
		if bad != nil {
			return 0, bad
		}
		return xxFinish(acc), nil
	case *Range:
		// Equal ranges must hash equal: CPython hashes what == compares, as the tuple
		// (len, start, step) with None for what does not matter.
		n := v.length()
		switch n {
		case 0:
			return hashItems([]Object{NewInt(0), None, None})
		case 1:
			return hashItems([]Object{NewInt(1), NewInt(v.Start), None})
		}
		return hashItems([]Object{NewIntFromBig(new(big.Int).SetUint64(n)), NewInt(v.Start), NewInt(v.Step)})
	case *List, *Dict:
		return 0, o
	}
	if isClassObject(o) {
		h, err := classHash(o)
		if x, ok := err.(*Exception); ok && x.Class == TypeErrorType && o.Type().Lookup("__hash__") == Object(None) {
			return 0, o
		}
		if err != nil {
			return 0, &hashFailure{err}
		}
		return h, nil
	}
	return identityHash(o), nil
}

// hashFailure is what hashOf reports when a class's __hash__ raised: the error, to be raised as is.
type hashFailure struct{ err error }

func (*hashFailure) Type() *Type { return ObjectType }

// strHash is 64-bit FNV-1a. CPython randomises str hashes per process,
// so no particular values are expected.
func strHash(s string) int64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	if int64(h) == -1 {
		return -2
	}
	return int64(h)
}

// The primes of CPython's tuple hash, a variant of xxHash (Objects/tupleobject.c).
const (
	xxPrime1 uint64 = 11400714785074694791
	xxPrime2 uint64 = 14029467366897019727
	xxPrime5 uint64 = 2870177450012600261
)

// hashLanes feeds the items' hashes through xxHash's rounds, or returns the unhashable object it
// ran into.
func hashLanes(items []Object) (uint64, Object) {
	acc := xxPrime5
	for _, it := range items {
		h, bad := hashOf(it)
		if bad != nil {
			return 0, bad
		}
		acc += uint64(h) * xxPrime2
		acc = acc<<31 | acc>>33
		acc *= xxPrime1
	}
	return acc, nil
}

// xxFinish keeps -1 free, as CPython does with the value 1546275796.
func xxFinish(acc uint64) int64 {
	if acc == ^uint64(0) {
		return 1546275796
	}
	return int64(acc)
}

// hashItems is CPython's tuple hash, so tuples of numbers hash as in CPython and sets of them
// iterate in CPython's order.
func hashItems(items []Object) (int64, Object) {
	acc, bad := hashLanes(items)
	if bad != nil {
		return 0, bad
	}
	// The length, mangled to keep the historical hash(()).
	return xxFinish(acc + (uint64(len(items)) ^ (xxPrime5 ^ 3527539))), nil
}
