package vm

import (
	"math/big"
	"strconv"

	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// The rest of the surface mapping.toml names. What this runtime has is implemented; what it
// does not have (sys.monitoring, imports, generators and coroutines, pattern matching, managed
// dicts) panics with *Unsupported, which Run turns into a one-line error naming it.

func unsupported(what string) { panic(&Unsupported{What: what}) }

// --- type checks ---------------------------------------------------------------------------

// PyFunction_Check: a function's type has no subclasses, so the Go type is the answer, without
// the interface call of exactly (which keeps this a leaf Go inlines into the interpreter loop).
func (e *Eval) FunctionCheck(o objects.Object) bool { _, ok := o.(*objects.Function); return ok }
func (e *Eval) TypeCheck(o objects.Object) bool     { _, ok := o.(*objects.Type); return ok }
func (e *Eval) BuiltinCheckExact(o objects.Object) bool {
	return exactly(o, objects.BuiltinFunctionType)
}
func (e *Eval) SliceCheck(o objects.Object) bool { return exactly(o, objects.SliceType) }
func (e *Eval) StackRefFunctionCheck(r stackref.Ref) bool {
	_, ok := r.AsObject().(*objects.Function)
	return ok
}

// TypeFlags are a type's tp_flags.
func (e *Eval) TypeFlags(t objects.Object) uint64 { return t.(*objects.Type).Flags }

func (e *Eval) TypeHasFeature(t objects.Object, flag uint64) bool { return e.TypeFlags(t)&flag != 0 }

// TypeIter is tp_iter: every type of this runtime that GetIter accepts has one.
func (e *Eval) TypeIter(t objects.Object) func(objects.Object) objects.Object {
	return func(o objects.Object) objects.Object { return e.GetIter(o) }
}

// --- ints, floats, strings ------------------------------------------------------------------

// compact is the value of an int CPython stores in one digit, and whether o is one. The bodies
// ask only of an object a guard found to be an int (objects.AsInt, C's cast).
func compact(o objects.Object) (int64, bool) {
	i := objects.AsInt(o)
	return i.CompactValue(), i.IsCompact()
}

func (e *Eval) LongIsCompact(o objects.Object) bool { return objects.AsInt(o).IsCompact() }
func (e *Eval) LongIsNonNegativeCompact(o objects.Object) bool {
	v, ok := compact(o)
	return ok && v >= 0
}
func (e *Eval) LongCompactValue(o objects.Object) int { return int(objects.AsInt(o).CompactValue()) }
func (e *Eval) LongIsZero(o objects.Object) bool      { return o.(*objects.Int).Sign() == 0 }

func (e *Eval) FloatValue(o objects.Object) float64      { return o.(*objects.Float).V }
func (e *Eval) FloatFromDouble(v float64) objects.Object { return objects.NewFloat(v) }
func (e *Eval) FloatFromDoubleConsumeInputs(l, r stackref.Ref, v float64) stackref.Ref {
	return stackref.FromObject(objects.NewFloat(v))
}

func (e *Eval) UnicodeEqual(a, b objects.Object) int {
	return boolToInt(a.(*objects.Str).S == b.(*objects.Str).S)
}
func (e *Eval) UnicodeConcat(a, b objects.Object) objects.Object {
	return e.result(objects.BinaryOp(a, b, objects.NB_ADD))
}

// UnicodeJoin joins n strings with sep (_PyUnicode_JoinArray).
func (e *Eval) UnicodeJoin(sep objects.Object, items []objects.Object, n int) objects.Object {
	out, s := "", sep.(*objects.Str).S
	for i, it := range items[:n] {
		if i > 0 {
			out += s
		}
		out += it.(*objects.Str).S
	}
	return objects.NewStr(out)
}

func (e *Eval) EmptyStr() objects.Object            { return objects.EmptyStr }
func (e *Eval) InternedStr(s string) objects.Object { return objects.NewStr(s) }
func (e *Eval) Str(o objects.Object) objects.Object {
	s, err := objects.StrOf(o)
	return e.result(objects.NewStr(s), err)
}
func (e *Eval) Repr(o objects.Object) objects.Object {
	s, err := objects.Repr(o)
	return e.result(objects.NewStr(s), err)
}
func (e *Eval) ASCII(o objects.Object) objects.Object {
	s, err := objects.ASCII(o)
	return e.result(objects.NewStr(s), err)
}

// --- containers -----------------------------------------------------------------------------

func (e *Eval) SequenceTuple(o objects.Object) objects.Object {
	it := e.GetIter(o)
	if it == nil {
		return nil
	}
	items := []objects.Object{}
	for {
		v, ok, err := objects.IterNext(it)
		if err != nil {
			return e.fail(err)
		}
		if !ok {
			return objects.NewTuple(items...)
		}
		items = append(items, v)
	}
}

func (e *Eval) Length(o objects.Object) int {
	n, err := objects.Len(o)
	if err != nil {
		e.raise(err)
		return -1
	}
	return n
}

func (e *Eval) status(err error) int {
	if err != nil {
		e.raise(err)
		return -1
	}
	return 0
}

func (e *Eval) DelItem(o, key objects.Object) int { return e.status(objects.DelItem(o, key)) }

// SetAttr is o.name = v (PyObject_SetAttr), or del o.name with v nil.
func (e *Eval) SetAttr(o, name, v objects.Object) int {
	return e.status(objects.SetAttr(o, name.(*objects.Str).S, v))
}

func (e *Eval) DelAttr(o, name objects.Object) int { return e.SetAttr(o, name, nil) }

// DictGetItemRef looks key up: 1 found (*out set), 0 missing, -1 error (PyDict_GetItemRef).
func (e *Eval) DictGetItemRef(d, key objects.Object, out *objects.Object) int {
	v, ok, err := d.(*objects.Dict).Get(key)
	switch {
	case err != nil:
		e.raise(err)
		return -1
	case !ok:
		*out = nil
		return 0
	}
	*out = v
	return 1
}

func (e *Eval) MappingGetOptionalItem(m, key objects.Object, out *objects.Object) int {
	if d, ok := m.(*objects.Dict); ok {
		return e.DictGetItemRef(d, key, out)
	}
	v, err := objects.GetItem(m, key)
	if err != nil {
		if exc, ok := err.(*objects.Exception); ok && objects.IsSubtype(exc.Class, objects.KeyErrorType) {
			*out = nil
			return 0
		}
		e.raise(err)
		return -1
	}
	*out = v
	return 1
}

func (e *Eval) DictPop(d, key objects.Object, out []objects.Object) int {
	unsupported("dict.pop through DELETE_* opcodes")
	return -1
}

func (e *Eval) DictUpdate(d, other objects.Object) int {
	src, ok := other.(*objects.Dict)
	if !ok {
		e.raise(objects.NewException(objects.TypeErrorType, "'%s' object is not a mapping", other.Type().Name))
		return -1
	}
	for _, k := range src.Keys() {
		v, _, _ := src.Get(k)
		if err := d.(*objects.Dict).Set(k, v); err != nil {
			e.raise(err)
			return -1
		}
	}
	return 0
}

// DictMergeEx merges other's items into d: override 1 replaces, 0 keeps, 2 raises KeyError(key)
// on a key d has (the ** of a call: FormatKwargsError words it).
// CPython: Objects/dictobject.c _PyDict_MergeEx
func (e *Eval) DictMergeEx(d, other objects.Object, override int) int {
	if override == 1 {
		return e.DictUpdate(d, other)
	}
	src, ok := other.(*objects.Dict)
	if !ok {
		e.raise(objects.NewException(objects.TypeErrorType, "'%s' object is not a mapping", other.Type().Name))
		return -1
	}
	dst := d.(*objects.Dict)
	for _, k := range src.Keys() {
		if _, has, _ := dst.Get(k); has {
			if override == 2 {
				e.SetKeyError(k)
				return -1
			}
			continue
		}
		v, _, _ := src.Get(k)
		if err := dst.Set(k, v); err != nil {
			e.raise(err)
			return -1
		}
	}
	return 0
}

func (e *Eval) SliceNew(start, stop, step objects.Object) objects.Object {
	return objects.NewSlice(start, stop, step)
}
func (e *Eval) BuildSlice(start, stop objects.Object) objects.Object {
	return objects.NewSlice(start, stop, objects.None)
}

func (e *Eval) CellSwap(c, v objects.Object) objects.Object {
	cell := c.(*objects.Cell)
	old := cell.Ref
	cell.Ref = v
	return old
}

// --- iterators ------------------------------------------------------------------------------

func (e *Eval) ListIterSeq(it objects.Object) objects.Object  { return it.(*objects.ListIter).Seq() }
func (e *Eval) ListIterIndex(it objects.Object) int           { return it.(*objects.ListIter).Index() }
func (e *Eval) SetListIterIndex(it objects.Object, i int)     { it.(*objects.ListIter).SetIndex(i) }
func (e *Eval) TupleIterSeq(it objects.Object) objects.Object { return it.(*objects.TupleIter).Seq() }
func (e *Eval) TupleIterIndex(it objects.Object) int          { return it.(*objects.TupleIter).Index() }
func (e *Eval) SetTupleIterIndex(it objects.Object, i int)    { it.(*objects.TupleIter).SetIndex(i) }

// --- functions and code ---------------------------------------------------------------------

func (e *Eval) FunctionCode(f objects.Object) objects.Object {
	return f.(*objects.Function).Code.(*Code)
}
func (e *Eval) CodeNames(c *Code) objects.Object {
	names := make([]objects.Object, len(c.LocalsPlusNames))
	for i, n := range c.LocalsPlusNames {
		names[i] = objects.NewStr(n)
	}
	return objects.NewTuple(names...)
}
func (e *Eval) FrameBytecode(f *Frame) []uint16 { return f.Code }

// HasStackSpace reports room for a frame of n slots (_PyThreadState_HasStackSpace): the frame
// stack grows as needed.
func (e *Eval) HasStackSpace(ts *Eval, n int) bool { return true }

// CheckArgsIterable refuses a *args that cannot be iterated, in the words of a call.
// CPython: Python/ceval.c _Py_Check_ArgsIterable
func (e *Eval) CheckArgsIterable(ts *Eval, f, args objects.Object) int {
	if _, err := objects.GetIter(args); err != nil {
		e.raise(objects.NewException(objects.TypeErrorType, "%s argument after * must be an iterable, not %s",
			functionStr(f), args.Type().Name))
		return -1
	}
	return 0
}
func (e *Eval) LockObject(o objects.Object) bool { return true }
func (e *Eval) FatalError(msg string)            { panic("Py_FatalError: " + msg) }

// --- what this runtime does not have --------------------------------------------------------

func (e *Eval) InstrumentedJump(src, dst, event int) { unsupported("sys.monitoring") }
func (e *Eval) CallInstrumentation(ts *Eval, event int, f *Frame, instr int) int {
	unsupported("sys.monitoring")
	return -1
}
func (e *Eval) CallInstrumentationArg(ts *Eval, event int, f *Frame, instr int, arg objects.Object) int {
	unsupported("sys.monitoring")
	return -1
}

// ImportName is `import NAME` of a builtin module (math), kept per thread state as sys.modules
// keeps it; any other import is unsupported.
// CPython: Python/ceval.c _PyEval_ImportName (PyImport_ImportModuleLevelObject)
func (e *Eval) ImportName(ts *Eval, f *Frame, name, fromlist, level objects.Object) objects.Object {
	n := name.(*objects.Str).S
	if lv, ok := level.(*objects.Int); !ok || lv.Sign() != 0 {
		unsupported("relative import")
	}
	if m, ok := e.modules[n]; ok {
		return m
	}
	m := objects.ImportModule(n)
	if m == nil {
		unsupported("import " + n)
	}
	if e.modules == nil {
		e.modules = map[string]*objects.Module{}
	}
	e.modules[n] = m
	return m
}

// ImportFrom is `from module import name`: the module's attribute.
// CPython: Python/ceval.c _PyEval_ImportFrom
func (e *Eval) ImportFrom(ts *Eval, module, name objects.Object) objects.Object {
	n := name.(*objects.Str).S
	v, err := objects.GetAttr(module, n)
	if x, ok := err.(*objects.Exception); ok && objects.IsSubtype(x.Class, objects.AttributeErrorType) {
		m := module.(*objects.Module)
		err = objects.NewException(objects.ImportErrorType, "cannot import name '%s' from '%s' (unknown location)", n, m.Name)
	}
	return e.result(v, err)
}
func (e *Eval) GetANext(o objects.Object) objects.Object { unsupported("async iteration"); return nil }

func (e *Eval) MatchClass(ts *Eval, subject, typ objects.Object, n int, names objects.Object) objects.Object {
	unsupported("match statements")
	return nil
}
func (e *Eval) MatchKeys(ts *Eval, subject, keys objects.Object) objects.Object {
	unsupported("match statements")
	return nil
}

// ExhaustListIter and ExhaustTupleIter are `it->it_seq = NULL`: only NULL is ever stored.
func (e *Eval) ExhaustListIter(it, seq objects.Object)  { it.(*objects.ListIter).Exhaust() }
func (e *Eval) ExhaustTupleIter(it, seq objects.Object) { it.(*objects.TupleIter).Exhaust() }

// --- exceptions being handled -------------------------------------------------------------

// ExcInfo is the exception being handled (CPython's _PyErr_StackItem): what `except` sees.
type ExcInfo struct {
	Value        objects.Object // exc_value: None or nil when nothing is being handled
	PreviousItem *ExcInfo       // previous_item: the state of the frames below a running generator
}

// topmostException is the exception being handled, looking through the generators' states
// (_PyErr_GetTopmostException).
func (e *Eval) topmostException() objects.Object {
	for info := e.ExcInfo; info != nil; info = info.PreviousItem {
		if info.Value != nil && info.Value != objects.Object(objects.None) {
			return info.Value
		}
	}
	return nil
}

// SetKeyError raises KeyError(key) (_PyErr_SetKeyError).
func (e *Eval) SetKeyError(key objects.Object) {
	e.raise(objects.NewExceptionArgs(objects.KeyErrorType, key))
}

// SetRaisedException makes exc the raised exception (_PyErr_SetRaisedException).
func (e *Eval) SetRaisedException(ts *Eval, exc objects.Object) { e.exc = exc }

// --- dicts as LOAD_GLOBAL's specializations read them ----------------------------------------

// --- comparisons, calls, the rest --------------------------------------------------------------

// ComparisonBit is the bit COMPARE_OP's specializations test against oparg's mask: 1 unordered,
// 2 less, 4 greater, 8 equal.
func (e *Eval) ComparisonBit(x, y float64) int {
	if x < y {
		return 2
	}
	if x > y {
		return 4
	}
	if x == y {
		return 8
	}
	return 1 // unordered (a NaN)
}

func (e *Eval) SequenceCheck(o objects.Object) bool {
	switch o.(type) {
	case *objects.List, *objects.Tuple, *objects.Str:
		return true
	}
	return false
}
func (e *Eval) ListItem(l objects.Object, i int) objects.Object { return l.(*objects.List).Items[i] }
func (e *Eval) FunctionGlobals(f objects.Object) objects.Object { return f.(*objects.Function).Globals }
func (e *Eval) IsType(o, t objects.Object) bool                 { return o.Type() == t }

func (e *Eval) CallInstrumentationExc2(ts *Eval, event int, f *Frame, instr int, a, b objects.Object) {
	unsupported("sys.monitoring")
}
func (e *Eval) CallInstrumentation2(ts *Eval, event int, f *Frame, instr int, a, b objects.Object) int {
	unsupported("sys.monitoring")
	return -1
}
func (e *Eval) MonitorStopIteration(ts *Eval, f *Frame, instr int, v objects.Object) {
	unsupported("sys.monitoring")
}
func (e *Eval) CellGetRef(c objects.Object) objects.Object { return c.(*objects.Cell).Ref }

// Intrinsic1 and Intrinsic2 are CALL_INTRINSIC_1/2's functions, by oparg.
func (e *Eval) Intrinsic1(which uint32, ts *Eval, v objects.Object) objects.Object {
	switch which {
	case 3: // INTRINSIC_STOPITERATION_ERROR
		return e.stopIterationError(v)
	case 5: // INTRINSIC_UNARY_POSITIVE
		return e.result(objects.UnaryPositive(v))
	case 6: // INTRINSIC_LIST_TO_TUPLE
		return objects.NewTuple(v.(*objects.List).Items...)
	}
	unsupported("intrinsic function " + strconv.Itoa(int(which)))
	return nil
}

func (e *Eval) Intrinsic2(which uint32, ts *Eval, a, b objects.Object) objects.Object {
	unsupported("intrinsic function " + strconv.Itoa(int(which)) + " of two arguments")
	return nil
}

// LongDigits are an int's 30-bit digits, least significant first (long_value.ob_digit). A
// compact int's one digit is handed out in the Eval's own one-digit array, not allocated: the
// bodies read ob_digit[0] (a subscript's index) at once and keep no slice.
func (e *Eval) LongDigits(o objects.Object) []uint32 {
	if v, ok := compact(o); ok {
		e.digit[0] = uint32(max(v, -v))
		return e.digit[:]
	}
	return longDigits(o)
}

// longDigits are a multi-digit int's digits.
func longDigits(o objects.Object) []uint32 {
	b := new(big.Int).Abs(o.(*objects.Int).Big())
	digits := []uint32{}
	mask := big.NewInt(1<<30 - 1)
	for b.Sign() > 0 {
		digits = append(digits, uint32(new(big.Int).And(b, mask).Uint64()))
		b.Rsh(b, 30)
	}
	if len(digits) == 0 {
		digits = append(digits, 0)
	}
	return digits
}

// UnicodeAppend is PyUnicode_Append(&left, right): *left becomes left + right (nil on an error).
func (e *Eval) UnicodeAppend(left *objects.Object, right objects.Object) {
	r, err := objects.BinaryOp(*left, right, objects.NB_ADD)
	if err != nil {
		e.raise(err)
		*left = nil
		return
	}
	*left = r
}
