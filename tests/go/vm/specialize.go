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
	if oparg >= objects.NB_INPLACE_ADD && oparg <= objects.NB_INPLACE_XOR && !exactly(l, objects.StrType) {
		oparg -= objects.NB_INPLACE_ADD // `s += i` on numbers specializes as `s + i` does
	}
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
	if oparg >= objects.NB_INPLACE_ADD && oparg <= objects.NB_INPLACE_XOR && !exactly(l, objects.StrType) {
		oparg -= objects.NB_INPLACE_ADD // `s += i` on numbers specializes as `s + i` does
	}
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

// SpecializeCall chooses CALL's specialization for the callable and the number of arguments
// (self included) as CPython 3.14 does; a Python function's version goes in the cache.
// CPython: Python/specialize.c _Py_Specialize_Call
func (e *Eval) SpecializeCall(callable stackref.Ref, instr int, nargs int) {
	op := compile.CALL_NON_PY_GENERAL
	switch c := callable.AsObject().(type) {
	case *objects.Builtin:
		op = specializeCCall(e, c, nargs)
	case *objects.Function:
		op = e.specializePyCall(c, instr, nargs, false, compile.CALL_PY_EXACT_ARGS, compile.CALL_PY_GENERAL)
	case *objects.Type:
		op = specializeClassCall(c, nargs, int(e.Frame.Code[instr]>>8))
	case *objects.MethodDescr:
		op = specializeMethodDescriptor(e, c, instr, nargs)
	case *objects.Method:
		op = 0 // a bound builtin: CPython fails it (SPEC_FAIL_CALL_BOUND_METHOD)
		if f, ok := c.Func.(*objects.Function); ok {
			op = e.specializePyCall(f, instr, nargs, true, compile.CALL_BOUND_METHOD_EXACT_ARGS,
				compile.CALL_BOUND_METHOD_GENERAL)
		}
	}
	e.rewriteCall(instr, op)
}

// specializeMethodDescriptor picks by the method's calling convention; list.append whose result
// is dropped (the next instruction is POP_TOP) is CALL_LIST_APPEND.
// CPython: Python/specialize.c specialize_method_descriptor
func specializeMethodDescriptor(e *Eval, d *objects.MethodDescr, instr, nargs int) compile.Opcode {
	switch d.Flags {
	case MethNoargs:
		if nargs != 1 {
			return 0
		}
		return compile.CALL_METHOD_DESCRIPTOR_NOARGS
	case MethO:
		if nargs != 2 {
			return 0
		}
		code := e.Frame.Code
		next := instr + 1 + int(compile.Caches[compile.CALL])
		if objects.Object(d) == e.CallableCache("list.append") && code[instr]>>8 == 1 &&
			compile.Opcode(code[next]&0xff) == compile.POP_TOP {
			return compile.CALL_LIST_APPEND
		}
		return compile.CALL_METHOD_DESCRIPTOR_O
	case MethFastcall:
		return compile.CALL_METHOD_DESCRIPTOR_FAST
	case MethFastcall | MethKeywords:
		return compile.CALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS
	}
	return compile.CALL_NON_PY_GENERAL
}

// SpecializeCallKw chooses CALL_KW's specialization (_Py_Specialize_CallKw).
func (e *Eval) SpecializeCallKw(callable stackref.Ref, instr int, nargs int) {
	op := compile.CALL_KW_NON_PY
	switch c := callable.AsObject().(type) {
	case *objects.Function:
		op = e.specializePyCall(c, instr, nargs, false, compile.CALL_KW_PY, compile.CALL_KW_PY)
	case *objects.Method:
		op = 0
		if f, ok := c.Func.(*objects.Function); ok {
			op = e.specializePyCall(f, instr, nargs, true, compile.CALL_KW_BOUND_METHOD, compile.CALL_KW_BOUND_METHOD)
		}
	}
	e.rewriteCall(instr, op)
}

// rewriteCall is rewrite for the CALL and CALL_KW families: the counter through their cache
// view (_PyCallCache), as the function version is written.
func (e *Eval) rewriteCall(instr int, op compile.Opcode) {
	code := e.Frame.Code
	cache := specialize.NewCallCache(code, instr)
	if op != 0 {
		code[instr] = code[instr]&0xff00 | uint16(op)
		cache.SetCounter(counterCooldown)
		return
	}
	cache.SetCounter(backoff(cache.Counter()))
}

// specializePyCall picks exact (the parameters are positional only in effect and nargs fills
// them) or general for a Python function, and caches its version; 0 when the function cannot be
// specialized (module-level code, no version left).
// CPython: Python/specialize.c specialize_py_call, function_kind
func (e *Eval) specializePyCall(f *objects.Function, instr, nargs int, bound bool, exact, general compile.Opcode) compile.Opcode {
	code := f.Code.(*Code)
	if code.Flags&coOptimized == 0 || f.Version < 2 {
		return 0
	}
	simple := code.Flags&(coVarargs|coVarkeywords) == 0 && code.KwOnlyArgCount == 0
	specialize.NewCallCache(e.Frame.Code, instr).SetFuncVersion(f.Version)
	if bound {
		nargs++ // the bound method's self comes first
	}
	if simple && code.ArgCount == nargs {
		return exact
	}
	return general
}

// specializeCCall picks by the builtin's calling convention (specialize_c_call).
func specializeCCall(e *Eval, b *objects.Builtin, nargs int) compile.Opcode {
	switch e.CFunctionFlags(b) {
	case MethO:
		if nargs != 1 {
			return 0
		}
		if objects.Object(b) == e.CallableCache("len") {
			return compile.CALL_LEN
		}
		return compile.CALL_BUILTIN_O
	case MethFastcall:
		if nargs == 2 && objects.Object(b) == e.CallableCache("isinstance") {
			return compile.CALL_ISINSTANCE
		}
		return compile.CALL_BUILTIN_FAST
	case MethFastcall | MethKeywords:
		return compile.CALL_BUILTIN_FAST_WITH_KEYWORDS
	}
	return compile.CALL_NON_PY_GENERAL
}

// specializeClassCall picks for a call of a builtin type (specialize_class_call): the one-argument
// str, type and tuple calls have their own instructions, a type with a vectorcall slot
// CALL_BUILTIN_CLASS.
func specializeClassCall(t *objects.Type, nargs, oparg int) compile.Opcode {
	if builtinTypes[t.Name] != t {
		return compile.CALL_NON_PY_GENERAL // no classes of Python code yet
	}
	if nargs == 1 && oparg == 1 {
		switch t {
		case objects.StrType:
			return compile.CALL_STR_1
		case objects.TypeType:
			return compile.CALL_TYPE_1
		case objects.TupleType:
			return compile.CALL_TUPLE_1
		}
	}
	if typeVectorcall[t.Name] {
		return compile.CALL_BUILTIN_CLASS
	}
	return compile.CALL_NON_PY_GENERAL
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

// SpecializeForIter chooses FOR_ITER's specialization by the iterator's type.
// CPython: Python/specialize.c _Py_Specialize_ForIter
func (e *Eval) SpecializeForIter(iter stackref.Ref, instr int, oparg uint32) {
	var op compile.Opcode
	switch it := iter.AsObject(); {
	case exactly(it, objects.ListIterType):
		op = compile.FOR_ITER_LIST
	case exactly(it, objects.TupleIterType):
		op = compile.FOR_ITER_TUPLE
	case exactly(it, objects.RangeIterType):
		op = compile.FOR_ITER_RANGE
	case exactly(it, GeneratorType) && oparg <= 1<<15-1:
		op = compile.FOR_ITER_GEN
	}
	e.rewrite(instr, op, op != 0)
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
