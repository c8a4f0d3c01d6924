package vm

import (
	"math"

	"gopy.example/gopy/objects"
	"gopy.example/gopy/specialize"
)

// BinaryOpDescr is a _PyBinaryOpSpecializationDescr: for one BINARY_OP oparg, a guard on the
// operands' types and the action that computes the result without the generic dispatch.
// BINARY_OP_EXTEND keeps a reference to one in its cache.
type BinaryOpDescr struct {
	Oparg  int
	Guard  func(l, r objects.Object) int
	Action func(l, r objects.Object) objects.Object
}

var binaryOpDescrType = &objects.Type{Name: "_PyBinaryOpSpecializationDescr", Base: objects.ObjectType}

func (*BinaryOpDescr) Type() *objects.Type { return binaryOpDescrType }

func compactInt(o objects.Object) (int64, bool) {
	if !exactly(o, objects.IntType) {
		return 0, false
	}
	return compact(o)
}

func exactFloat(o objects.Object) (float64, bool) {
	if !exactly(o, objects.FloatType) {
		return 0, false
	}
	return o.(*objects.Float).V, true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The guards: two compact ints; a float that is no NaN and a compact int (either order); the
// true divisions also want a nonzero divisor.
// CPython: Python/specialize.c compactlongs_guard, float_compactlong_guard, compactlong_float_guard
func compactIntsGuard(l, r objects.Object) int {
	_, a := compactInt(l)
	_, b := compactInt(r)
	return boolInt(a && b)
}

func floatCompactIntGuard(l, r objects.Object) int {
	f, a := exactFloat(l)
	_, b := compactInt(r)
	return boolInt(a && !math.IsNaN(f) && b)
}

func nonzeroFloatCompactIntGuard(l, r objects.Object) int {
	f, a := exactFloat(l)
	i, b := compactInt(r)
	return boolInt(a && !math.IsNaN(f) && b && i != 0)
}

func compactIntFloatGuard(l, r objects.Object) int {
	_, a := compactInt(l)
	f, b := exactFloat(r)
	return boolInt(a && b && !math.IsNaN(f))
}

func nonzeroCompactIntFloatGuard(l, r objects.Object) int {
	_, a := compactInt(l)
	f, b := exactFloat(r)
	return boolInt(a && b && !math.IsNaN(f) && f != 0)
}

func intsAction(op func(a, b int64) int64) func(l, r objects.Object) objects.Object {
	return func(l, r objects.Object) objects.Object {
		a, _ := compact(l)
		b, _ := compact(r)
		return objects.NewInt(op(a, b))
	}
}

func floatIntAction(op func(a, b float64) float64) func(l, r objects.Object) objects.Object {
	return func(l, r objects.Object) objects.Object {
		i, _ := compact(r)
		return objects.NewFloat(op(l.(*objects.Float).V, float64(i)))
	}
}

func intFloatAction(op func(a, b float64) float64) func(l, r objects.Object) objects.Object {
	return func(l, r objects.Object) objects.Object {
		i, _ := compact(l)
		return objects.NewFloat(op(float64(i), r.(*objects.Float).V))
	}
}

func add(a, b float64) float64 { return a + b }
func sub(a, b float64) float64 { return a - b }
func mul(a, b float64) float64 { return a * b }
func div(a, b float64) float64 { return a / b }

// binaryOpExtendDescrs are CPython 3.14's binaryop_extend_descrs, in its order.
// CPython: Python/specialize.c binaryop_extend_descrs
var binaryOpExtendDescrs = []*BinaryOpDescr{
	{objects.NB_OR, compactIntsGuard, intsAction(func(a, b int64) int64 { return a | b })},
	{objects.NB_AND, compactIntsGuard, intsAction(func(a, b int64) int64 { return a & b })},
	{objects.NB_XOR, compactIntsGuard, intsAction(func(a, b int64) int64 { return a ^ b })},
	{objects.NB_INPLACE_OR, compactIntsGuard, intsAction(func(a, b int64) int64 { return a | b })},
	{objects.NB_INPLACE_AND, compactIntsGuard, intsAction(func(a, b int64) int64 { return a & b })},
	{objects.NB_INPLACE_XOR, compactIntsGuard, intsAction(func(a, b int64) int64 { return a ^ b })},
	{objects.NB_ADD, floatCompactIntGuard, floatIntAction(add)},
	{objects.NB_SUBTRACT, floatCompactIntGuard, floatIntAction(sub)},
	{objects.NB_TRUE_DIVIDE, nonzeroFloatCompactIntGuard, floatIntAction(div)},
	{objects.NB_MULTIPLY, floatCompactIntGuard, floatIntAction(mul)},
	{objects.NB_ADD, compactIntFloatGuard, intFloatAction(add)},
	{objects.NB_SUBTRACT, compactIntFloatGuard, intFloatAction(sub)},
	{objects.NB_TRUE_DIVIDE, nonzeroCompactIntFloatGuard, intFloatAction(div)},
	{objects.NB_MULTIPLY, compactIntFloatGuard, intFloatAction(mul)},
}

// specializeBinaryOpExtend is BINARY_OP_EXTEND with the first descriptor of the oparg whose
// guard the operands pass, kept in the cache.
// CPython: Python/specialize.c binary_op_extended_specialization
func specializeBinaryOpExtend(c *Code, instr int, l, r objects.Object, oparg uint32) specialize.BinaryOpTarget {
	for _, d := range binaryOpExtendDescrs {
		if d.Oparg == int(oparg) && d.Guard(l, r) != 0 {
			specialize.NewBinaryOpCache(c.Units, instr).SetExternalCache(c.cacheRef(d))
			return specialize.TargetBinaryOpExtend
		}
	}
	return specialize.BinaryOpTarget{}
}
