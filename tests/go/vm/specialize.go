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
	unreachable        = 15 // UNREACHABLE_BACKOFF: a counter at 0 with any backoff below it triggers
	maxBackoff         = 12
	warmupValue        = 1
	warmupBackoff      = 1
	cooldownValue      = 52
	cooldownBackoff    = 0
	counterWarmup      = warmupValue<<backoffBits | warmupBackoff
	counterCooldown    = cooldownValue<<backoffBits | cooldownBackoff
	counterUnreachable = unreachable
)

// Quicken arms the adaptive counter of every instruction whose family has one, through the
// family's cache view, as CPython does when it creates a code object (_PyCode_Quicken).
func Quicken(code []uint16) {
	for i := 0; i < len(code); i += 1 + int(compile.Caches[compile.Deopt[compile.Opcode(code[i]&0xff)]]) {
		c := uint16(counterWarmup)
		if compile.Opcode(code[i]&0xff) == compile.JUMP_BACKWARD {
			c = initialJumpBackoff()
		}
		specialize.SetAdaptiveCounter(code, i, c)
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

// specialized fills a family's generated skeleton (specialize/skeletons_gen.go): the instruction
// becomes target with its counter cooled down (CPython's specialize()), or, for the zero target
// (no specialization), stays the head with its counter backed off (unspecialize()). rewrite and
// counter are the family's Specialize and Counter functions, which write only the family's
// opcodes and only through its cache view.
func specialized[T comparable](e *Eval, instr int, target, head T, rewrite func([]uint16, int, T, uint16),
	counter func([]uint16, int) uint16) {
	code := e.Frame.Code
	var none T
	if target == none {
		rewrite(code, instr, head, backoff(counter(code, instr)))
		return
	}
	rewrite(code, instr, target, counterCooldown)
	e.Stats.Produced[code[instr]&0xff]++
}

// SpecializeBinaryOp specializes BINARY_OP for int and float + - * and str +.
func (e *Eval) SpecializeBinaryOp(lhs, rhs stackref.Ref, instr int, oparg uint32, locals []stackref.Ref) {
	l, r := lhs.AsObject(), rhs.AsObject()
	raw := oparg
	if oparg >= objects.NB_INPLACE_ADD && oparg <= objects.NB_INPLACE_XOR && !exactly(l, objects.StrType) {
		oparg -= objects.NB_INPLACE_ADD // `s += i` on numbers specializes as `s + i` does
	}
	var t specialize.BinaryOpTarget
	switch {
	case exactly(l, objects.IntType) && exactly(r, objects.IntType):
		t = map[uint32]specialize.BinaryOpTarget{objects.NB_ADD: specialize.TargetBinaryOpAddInt,
			objects.NB_SUBTRACT: specialize.TargetBinaryOpSubtractInt, objects.NB_MULTIPLY: specialize.TargetBinaryOpMultiplyInt}[oparg]
	case exactly(l, objects.FloatType) && exactly(r, objects.FloatType):
		t = map[uint32]specialize.BinaryOpTarget{objects.NB_ADD: specialize.TargetBinaryOpAddFloat,
			objects.NB_SUBTRACT: specialize.TargetBinaryOpSubtractFloat, objects.NB_MULTIPLY: specialize.TargetBinaryOpMultiplyFloat}[oparg]
	case exactly(l, objects.StrType) && exactly(r, objects.StrType) && (oparg == objects.NB_ADD || oparg == objects.NB_INPLACE_ADD):
		t = specialize.TargetBinaryOpAddUnicode
		// s = s + t / s += t into the same local: extend it in place and skip the STORE_FAST
		next := instr + 1 + specialize.BinaryOpCacheSize
		if compile.Opcode(e.Frame.Code[next]&0xff) == compile.STORE_FAST && locals[e.Frame.Code[next]>>8].AsObject() == l {
			t = specialize.TargetBinaryOpInplaceAddUnicode
		}
	case oparg == objects.NB_SUBSCR:
		t = specializeSubscr(l, r)
	}
	if t == (specialize.BinaryOpTarget{}) {
		t = specializeBinaryOpExtend(e.Frame.CodeObj, instr, l, r, raw)
	}
	specialized(e, instr, t, specialize.TargetBinaryOp, specialize.SpecializeBinaryOp, specialize.CounterBinaryOp)
}

// specializeSubscr picks BINARY_OP's subscript member: a list, tuple or str by a non-negative
// compact int, a dict, a list by a slice. CPython: Python/specialize.c _Py_Specialize_BinaryOp (NB_SUBSCR)
func specializeSubscr(container, sub objects.Object) specialize.BinaryOpTarget {
	if exactly(sub, objects.IntType) {
		if v, ok := compact(sub); ok && v >= 0 {
			switch {
			case exactly(container, objects.ListType):
				return specialize.TargetBinaryOpSubscrListInt
			case exactly(container, objects.TupleType):
				return specialize.TargetBinaryOpSubscrTupleInt
			case exactly(container, objects.StrType):
				return specialize.TargetBinaryOpSubscrStrInt
			}
		}
	}
	switch {
	case exactly(container, objects.DictType):
		return specialize.TargetBinaryOpSubscrDict
	case exactly(container, objects.ListType) && exactly(sub, objects.SliceType):
		return specialize.TargetBinaryOpSubscrListSlice
	}
	return specializeSubscrGetitem(container)
}

// SpecializeCompareOp specializes COMPARE_OP for int, float and str operands.
func (e *Eval) SpecializeCompareOp(lhs, rhs stackref.Ref, instr int, oparg uint32) {
	l, r := lhs.AsObject(), rhs.AsObject()
	var t specialize.CompareOpTarget
	switch {
	case exactly(l, objects.IntType) && exactly(r, objects.IntType):
		t = specialize.TargetCompareOpInt
	case exactly(l, objects.FloatType) && exactly(r, objects.FloatType):
		t = specialize.TargetCompareOpFloat
	case exactly(l, objects.StrType) && exactly(r, objects.StrType):
		t = specialize.TargetCompareOpStr
	}
	specialized(e, instr, t, specialize.TargetCompareOp, specialize.SpecializeCompareOp, specialize.CounterCompareOp)
}

// SpecializeToBool specializes TO_BOOL for bool, int, list, None and str.
func (e *Eval) SpecializeToBool(value stackref.Ref, instr int) {
	var t specialize.ToBoolTarget
	switch v := value.AsObject(); {
	case exactly(v, objects.BoolType):
		t = specialize.TargetToBoolBool
	case exactly(v, objects.IntType):
		t = specialize.TargetToBoolInt
	case exactly(v, objects.ListType):
		t = specialize.TargetToBoolList
	case v == objects.Object(objects.None):
		t = specialize.TargetToBoolNone
	case exactly(v, objects.StrType):
		t = specialize.TargetToBoolStr
	case alwaysTrue(v.Type()):
		if version := typeVersion(v.Type()); version != 0 {
			specialize.NewToBoolCache(e.Frame.Code, instr).SetVersion(version)
			t = specialize.TargetToBoolAlwaysTrue
		}
	}
	specialized(e, instr, t, specialize.TargetToBool, specialize.SpecializeToBool, specialize.CounterToBool)
}

// SpecializeCall chooses CALL's specialization for the callable and the number of arguments
// (self included) as CPython 3.14 does; a Python function's version goes in the cache.
// CPython: Python/specialize.c _Py_Specialize_Call
func (e *Eval) SpecializeCall(callable stackref.Ref, instr int, nargs int) {
	t := specialize.TargetCallNonPyGeneral
	switch c := callable.AsObject().(type) {
	case *objects.Builtin:
		t = specializeCCall(e, c, nargs)
	case *objects.Function:
		t = e.specializePyCall(c, instr, nargs, specialize.TargetCallPyExactArgs, specialize.TargetCallPyGeneral)
	case *objects.Type:
		t = specializeClassCall(c, nargs, int(e.Frame.Code[instr]>>8))
		if c.IsHeap() {
			t = specializeHeapClassCall(e, c, instr)
		}
	case *objects.MethodDescr:
		t = specializeMethodDescriptor(e, c, instr, nargs)
	case *objects.Method:
		t = specialize.CallTarget{} // a bound builtin: CPython fails it (SPEC_FAIL_CALL_BOUND_METHOD)
		if f, ok := c.Func.(*objects.Function); ok {
			t = e.specializePyCall(f, instr, nargs+1, specialize.TargetCallBoundMethodExactArgs,
				specialize.TargetCallBoundMethodGeneral)
		}
	}
	specialized(e, instr, t, specialize.TargetCall, specialize.SpecializeCall, specialize.CounterCall)
}

// SpecializeCallKw chooses CALL_KW's specialization (_Py_Specialize_CallKw).
func (e *Eval) SpecializeCallKw(callable stackref.Ref, instr int, nargs int) {
	t := specialize.TargetCallKwNonPy
	switch c := callable.AsObject().(type) {
	case *objects.Function:
		t = e.specializePyCallKw(c, instr, specialize.TargetCallKwPy)
	case *objects.Method:
		t = specialize.CallKwTarget{}
		if f, ok := c.Func.(*objects.Function); ok {
			t = e.specializePyCallKw(f, instr, specialize.TargetCallKwBoundMethod)
		}
	}
	specialized(e, instr, t, specialize.TargetCallKw, specialize.SpecializeCallKw, specialize.CounterCallKw)
}

// pyCallVersion is the version a call of f caches, or false when f cannot be specialized
// (module-level code, no version left).
// CPython: Python/specialize.c function_kind, _PyFunction_GetVersionForCurrentState
func pyCallVersion(f *objects.Function) (uint32, bool) {
	return f.Version, f.Code.(*Code).Flags&coOptimized != 0 && f.Version >= 2
}

// specializePyCall picks exact (no *args, **kwargs or keyword-only parameters, and nargs, the
// bound self included, fills them) or general for a Python function, and caches its version.
// CPython: Python/specialize.c specialize_py_call
func (e *Eval) specializePyCall(f *objects.Function, instr, nargs int, exact, general specialize.CallTarget) specialize.CallTarget {
	version, ok := pyCallVersion(f)
	if !ok {
		return specialize.CallTarget{}
	}
	specialize.NewCallCache(e.Frame.Code, instr).SetFuncVersion(version)
	code := f.Code.(*Code)
	if code.Flags&(coVarargs|coVarkeywords) == 0 && code.KwOnlyArgCount == 0 && code.ArgCount == nargs {
		return exact
	}
	return general
}

// specializePyCallKw caches a Python function's version for CALL_KW (specialize_py_call_kw).
func (e *Eval) specializePyCallKw(f *objects.Function, instr int, target specialize.CallKwTarget) specialize.CallKwTarget {
	version, ok := pyCallVersion(f)
	if !ok {
		return specialize.CallKwTarget{}
	}
	specialize.NewCallCache(e.Frame.Code, instr).SetFuncVersion(version)
	return target
}

// specializeCCall picks by the builtin's calling convention (specialize_c_call).
func specializeCCall(e *Eval, b *objects.Builtin, nargs int) specialize.CallTarget {
	switch e.CFunctionFlags(b) {
	case MethO:
		if nargs != 1 {
			return specialize.CallTarget{}
		}
		if objects.Object(b) == e.CallableCache("len") {
			return specialize.TargetCallLen
		}
		return specialize.TargetCallBuiltinO
	case MethFastcall:
		if nargs == 2 && objects.Object(b) == e.CallableCache("isinstance") {
			return specialize.TargetCallIsinstance
		}
		return specialize.TargetCallBuiltinFast
	case MethFastcall | MethKeywords:
		return specialize.TargetCallBuiltinFastWithKeywords
	}
	return specialize.TargetCallNonPyGeneral
}

// specializeClassCall picks for a call of a builtin type (specialize_class_call): the one-argument
// str, type and tuple calls have their own instructions, a type with a vectorcall slot
// CALL_BUILTIN_CLASS.
func specializeClassCall(t *objects.Type, nargs, oparg int) specialize.CallTarget {
	if nargs == 1 && oparg == 1 {
		switch t {
		case objects.StrType:
			return specialize.TargetCallStr1
		case objects.TypeType:
			return specialize.TargetCallType1
		case objects.TupleType:
			return specialize.TargetCallTuple1
		}
	}
	if typeVectorcall[t.Name] || objects.IsSubtype(t, objects.BaseExceptionType) { // exceptions: BaseException_vectorcall
		return specialize.TargetCallBuiltinClass
	}
	return specialize.TargetCallNonPyGeneral
}

// specializeMethodDescriptor picks by the method's calling convention; list.append whose result
// is dropped (the next instruction is POP_TOP) is CALL_LIST_APPEND.
// CPython: Python/specialize.c specialize_method_descriptor
func specializeMethodDescriptor(e *Eval, d *objects.MethodDescr, instr, nargs int) specialize.CallTarget {
	switch d.Flags {
	case MethNoargs:
		if nargs != 1 {
			return specialize.CallTarget{}
		}
		return specialize.TargetCallMethodDescriptorNoargs
	case MethO:
		if nargs != 2 {
			return specialize.CallTarget{}
		}
		code := e.Frame.Code
		next := instr + 1 + int(compile.Caches[compile.CALL])
		if objects.Object(d) == e.CallableCache("list.append") && code[instr]>>8 == 1 &&
			compile.Opcode(code[next]&0xff) == compile.POP_TOP {
			return specialize.TargetCallListAppend
		}
		return specialize.TargetCallMethodDescriptorO
	case MethFastcall:
		return specialize.TargetCallMethodDescriptorFast
	case MethFastcall | MethKeywords:
		return specialize.TargetCallMethodDescriptorFastWithKeywords
	}
	return specialize.TargetCallNonPyGeneral
}

// SpecializeLoadGlobal specializes LOAD_GLOBAL to LOAD_GLOBAL_MODULE (the name is a global)
// or LOAD_GLOBAL_BUILTIN (a builtin), caching the dicts' keys versions and the entry's index.
func (e *Eval) SpecializeLoadGlobal(globals, builtins objects.Object, instr int, name objects.Object) {
	g, b := globals.(*objects.Dict), builtins.(*objects.Dict)
	cache := specialize.NewLoadGlobalCache(e.Frame.Code, instr)
	var t specialize.LoadGlobalTarget
	if i := g.EntryIndex(name); i >= 0 && i < 1<<16 {
		cache.SetModuleKeysVersion(uint16(g.KeysVersion()))
		cache.SetIndex(uint16(i))
		t = specialize.TargetLoadGlobalModule
	} else if i := b.EntryIndex(name); i >= 0 && i < 1<<16 {
		cache.SetModuleKeysVersion(uint16(g.KeysVersion()))
		cache.SetBuiltinKeysVersion(uint16(b.KeysVersion()))
		cache.SetIndex(uint16(i))
		t = specialize.TargetLoadGlobalBuiltin
	}
	specialized(e, instr, t, specialize.TargetLoadGlobal, specialize.SpecializeLoadGlobal, specialize.CounterLoadGlobal)
}

// SpecializeForIter chooses FOR_ITER's specialization by the iterator's type.
// CPython: Python/specialize.c _Py_Specialize_ForIter
func (e *Eval) SpecializeForIter(iter stackref.Ref, instr int, oparg uint32) {
	var t specialize.ForIterTarget
	switch it := iter.AsObject(); {
	case exactly(it, objects.ListIterType):
		t = specialize.TargetForIterList
	case exactly(it, objects.TupleIterType):
		t = specialize.TargetForIterTuple
	case exactly(it, objects.RangeIterType):
		t = specialize.TargetForIterRange
	case exactly(it, GeneratorType) && oparg <= 1<<15-1:
		t = specialize.TargetForIterGen
	}
	specialized(e, instr, t, specialize.TargetForIter, specialize.SpecializeForIter, specialize.CounterForIter)
}

// SpecializeSend chooses SEND_GEN for a generator or coroutine receiver.
// CPython: Python/specialize.c _Py_Specialize_Send
func (e *Eval) SpecializeSend(receiver stackref.Ref, instr int) {
	var t specialize.SendTarget
	if r := receiver.AsObject(); exactly(r, GeneratorType) || exactly(r, CoroutineType) {
		t = specialize.TargetSendGen
	}
	specialized(e, instr, t, specialize.TargetSend, specialize.SpecializeSend, specialize.CounterSend)
}

// SpecializeStoreSubscr chooses STORE_SUBSCR_LIST_INT for a list and an index in it, and
// STORE_SUBSCR_DICT for a dict. CPython: Python/specialize.c _Py_Specialize_StoreSubscr
func (e *Eval) SpecializeStoreSubscr(container, sub stackref.Ref, instr int) {
	var t specialize.StoreSubscrTarget
	c, s := container.AsObject(), sub.AsObject()
	switch {
	case exactly(c, objects.ListType) && exactly(s, objects.IntType):
		if v, ok := compact(s); ok && v >= 0 && int(v) < len(c.(*objects.List).Items) {
			t = specialize.TargetStoreSubscrListInt
		}
	case exactly(c, objects.DictType):
		t = specialize.TargetStoreSubscrDict
	}
	specialized(e, instr, t, specialize.TargetStoreSubscr, specialize.SpecializeStoreSubscr,
		specialize.CounterStoreSubscr)
}

// SpecializeUnpackSequence chooses UNPACK_SEQUENCE's specialization for a tuple or list of
// exactly oparg items. CPython: Python/specialize.c _Py_Specialize_UnpackSequence
func (e *Eval) SpecializeUnpackSequence(seq stackref.Ref, instr int, oparg uint32) {
	var t specialize.UnpackSequenceTarget
	switch s := seq.AsObject().(type) {
	case *objects.Tuple:
		if exactly(s, objects.TupleType) && len(s.Items) == int(oparg) {
			t = specialize.TargetUnpackSequenceTuple
			if oparg == 2 {
				t = specialize.TargetUnpackSequenceTwoTuple
			}
		}
	case *objects.List:
		if exactly(s, objects.ListType) && len(s.Items) == int(oparg) {
			t = specialize.TargetUnpackSequenceList
		}
	}
	specialized(e, instr, t, specialize.TargetUnpackSequence, specialize.SpecializeUnpackSequence,
		specialize.CounterUnpackSequence)
}

// SpecializeContainsOp chooses CONTAINS_OP_DICT for a dict and CONTAINS_OP_SET for a set or
// frozenset on the right of `in`.
// CPython: Python/specialize.c _Py_Specialize_ContainsOp
func (e *Eval) SpecializeContainsOp(value stackref.Ref, instr int) {
	var t specialize.ContainsOpTarget
	switch v := value.AsObject(); {
	case exactly(v, objects.DictType):
		t = specialize.TargetContainsOpDict
	case exactly(v, objects.SetType) || exactly(v, objects.FrozenSetType):
		t = specialize.TargetContainsOpSet
	}
	specialized(e, instr, t, specialize.TargetContainsOp, specialize.SpecializeContainsOp,
		specialize.CounterContainsOp)
}
