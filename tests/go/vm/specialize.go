package vm

import (
	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/specialize"
	"gopy.example/gopy/stackref"
)

// Adaptive counters as CPython lays them out (pycore_backoff.h): 12 bits of value, 4 of
// backoff exponent; an instruction specializes when the value reaches zero.
const (
	backoffBits        = 4
	unreachable        = 7
	maxBackoff         = 12
	warmupValue        = 1
	warmupBackoff      = 1
	cooldownValue      = 52
	cooldownBackoff    = 0
	counterWarmup      = warmupValue<<backoffBits | warmupBackoff
	counterCooldown    = cooldownValue<<backoffBits | cooldownBackoff
	counterUnreachable = unreachable
)

// Quicken arms the adaptive counter of every instruction whose cache starts with one, as
// CPython does when it creates a code object (_PyCode_Quicken).
func Quicken(code []uint16) {
	for i := 0; i < len(code); {
		op := compile.Opcode(code[i] & 0xff)
		n := int(compile.Caches[compile.Deopt[op]])
		if n > 0 && specialize.FamilyOf(op) != nil {
			code[i+1] = counterWarmup
		}
		i += 1 + n
	}
}

// CounterTriggers reports a counter that reached zero (ADAPTIVE_COUNTER_TRIGGERS).
func (e *Eval) CounterTriggers(c uint16) bool { return c < counterUnreachable }

// AdvanceCounter counts one execution down (ADVANCE_ADAPTIVE_COUNTER).
func (e *Eval) AdvanceCounter(c *uint16) { *c -= 1 << backoffBits }

// backoff restarts a counter after a failed specialization, waiting twice as long as before.
func backoff(c uint16) uint16 {
	b := int(c & (1<<backoffBits - 1))
	if b < maxBackoff {
		b++
	}
	return uint16((1<<b-1)<<backoffBits | b)
}

// rewrite turns the instruction at instr into op (on success) or backs its counter off.
func (e *Eval) rewrite(instr int, op compile.Opcode, ok bool) {
	code := e.Frame.Code
	if ok {
		code[instr] = code[instr]&0xff00 | uint16(op)
		code[instr+1] = counterCooldown
		return
	}
	code[instr+1] = backoff(code[instr+1])
}

// SpecializeBinaryOp specializes BINARY_OP for int and float + - * and str +.
func (e *Eval) SpecializeBinaryOp(lhs, rhs stackref.Ref, instr int, oparg uint32, locals []stackref.Ref) {
	l, r := lhs.AsObject(), rhs.AsObject()
	var op compile.Opcode
	switch {
	case exactly(l, objects.IntType) && exactly(r, objects.IntType):
		op = map[uint32]compile.Opcode{objects.NB_ADD: compile.BINARY_OP_ADD_INT, objects.NB_SUBTRACT: compile.BINARY_OP_SUBTRACT_INT,
			objects.NB_MULTIPLY: compile.BINARY_OP_MULTIPLY_INT}[oparg]
	case exactly(l, objects.FloatType) && exactly(r, objects.FloatType):
		op = map[uint32]compile.Opcode{objects.NB_ADD: compile.BINARY_OP_ADD_FLOAT, objects.NB_SUBTRACT: compile.BINARY_OP_SUBTRACT_FLOAT,
			objects.NB_MULTIPLY: compile.BINARY_OP_MULTIPLY_FLOAT}[oparg]
	case exactly(l, objects.StrType) && exactly(r, objects.StrType) && oparg == objects.NB_ADD:
		op = compile.BINARY_OP_ADD_UNICODE
	}
	e.rewrite(instr, op, op != 0)
}

// SpecializeCompareOp specializes COMPARE_OP for int, float and str operands.
func (e *Eval) SpecializeCompareOp(lhs, rhs stackref.Ref, instr int, oparg uint32) {
	l, r := lhs.AsObject(), rhs.AsObject()
	var op compile.Opcode
	switch {
	case exactly(l, objects.IntType) && exactly(r, objects.IntType):
		op = compile.COMPARE_OP_INT
	case exactly(l, objects.FloatType) && exactly(r, objects.FloatType):
		op = compile.COMPARE_OP_FLOAT
	case exactly(l, objects.StrType) && exactly(r, objects.StrType):
		op = compile.COMPARE_OP_STR
	}
	e.rewrite(instr, op, op != 0)
}

// SpecializeToBool specializes TO_BOOL for bool, int, list, None and str.
func (e *Eval) SpecializeToBool(value stackref.Ref, instr int) {
	var op compile.Opcode
	switch v := value.AsObject(); {
	case exactly(v, objects.BoolType):
		op = compile.TO_BOOL_BOOL
	case exactly(v, objects.IntType):
		op = compile.TO_BOOL_INT
	case exactly(v, objects.ListType):
		op = compile.TO_BOOL_LIST
	case v == objects.Object(objects.None):
		op = compile.TO_BOOL_NONE
	case exactly(v, objects.StrType):
		op = compile.TO_BOOL_STR
	}
	e.rewrite(instr, op, op != 0)
}

// The families this specializer leaves generic: each backs its counter off, as CPython does
// after a failed specialization, so the generic instruction keeps running.

func (e *Eval) SpecializeCall(callable stackref.Ref, instr int, nargs int) {
	e.rewrite(instr, 0, false)
}

// SpecializeLoadGlobal specializes LOAD_GLOBAL to LOAD_GLOBAL_MODULE (the name is a global)
// or LOAD_GLOBAL_BUILTIN (a builtin), caching the dicts' keys versions and the entry's index.
func (e *Eval) SpecializeLoadGlobal(globals, builtins objects.Object, instr int, name objects.Object) {
	g, b := globals.(*objects.Dict), builtins.(*objects.Dict)
	cache := specialize.NewLoadGlobalCache(e.Frame.Code, instr)
	if i := g.EntryIndex(name); i >= 0 && i < 1<<16 {
		cache.SetModuleKeysVersion(uint16(g.KeysVersion()))
		cache.SetIndex(uint16(i))
		e.rewrite(instr, compile.LOAD_GLOBAL_MODULE, true)
		return
	}
	if i := b.EntryIndex(name); i >= 0 && i < 1<<16 {
		cache.SetModuleKeysVersion(uint16(g.KeysVersion()))
		cache.SetBuiltinKeysVersion(uint16(b.KeysVersion()))
		cache.SetIndex(uint16(i))
		e.rewrite(instr, compile.LOAD_GLOBAL_BUILTIN, true)
		return
	}
	e.rewrite(instr, 0, false)
}

func (e *Eval) SpecializeForIter(iter stackref.Ref, instr int, oparg uint32) {
	_, isRange := iter.AsObject().(*objects.RangeIter)
	e.rewrite(instr, compile.FOR_ITER_RANGE, isRange)
}

func (e *Eval) SpecializeLoadAttr(owner stackref.Ref, instr int, name objects.Object) {
	e.rewrite(instr, 0, false)
}

func (e *Eval) SpecializeStoreSubscr(container, sub stackref.Ref, instr int) {
	e.rewrite(instr, 0, false)
}

func (e *Eval) SpecializeUnpackSequence(seq stackref.Ref, instr int, oparg uint32) {
	e.rewrite(instr, 0, false)
}

func (e *Eval) SpecializeStoreAttr(owner stackref.Ref, instr int, name objects.Object) {
	e.rewrite(instr, 0, false)
}

func (e *Eval) SpecializeContainsOp(value stackref.Ref, instr int) { e.rewrite(instr, 0, false) }
