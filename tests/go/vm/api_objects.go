package vm

import (
	"unicode/utf8"

	"unsafe"

	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// More of the object API mapping.toml maps to: types, iteration, containers, functions, cells.

// TypeOf is an object's type (Py_TYPE).
func (e *Eval) TypeOf(o objects.Object) objects.Object {
	if inst, ok := o.(*objects.Instance); ok { // what the attribute guards ask most, without an interface call
		return inst.Class
	}
	return o.Type()
}

// TypeOfRef is the type of a stack reference's object (PyStackRef_TYPE).
func (e *Eval) TypeOfRef(r stackref.Ref) objects.Object { return r.AsObject().Type() }

// TypeByName is the builtin type of that name, or a type nothing has (a type this runtime lacks).
func (e *Eval) TypeByName(name string) objects.Object {
	if t, ok := builtinTypes[name]; ok {
		return t
	}
	t := &objects.Type{Name: name}
	builtinTypes[name] = t // the same object every time: guards compare types by identity
	return t
}

var builtinTypes = map[string]*objects.Type{}

func init() {
	for _, t := range []*objects.Type{objects.IntType, objects.BoolType, objects.FloatType, objects.StrType,
		objects.TupleType, objects.ListType, objects.DictType, objects.RangeType, objects.RangeIterType,
		objects.FunctionType, objects.NoneType, objects.TypeType, objects.SliceType, objects.SetType,
		objects.FrozenSetType, objects.BytesType, objects.ComplexType} {
		builtinTypes[t.Name] = t
	}
}

// TypeName is a type's name (tp_name).
func (e *Eval) TypeName(t objects.Object) string { return t.(*objects.Type).Name }

// IterNextFunc is a type's tp_iternext: nil for a type that is no iterator, else a function
// that returns the next item, or nil at the end (with no exception) or on an error (with one).
func (e *Eval) IterNextFunc(t objects.Object) func(objects.Object) objects.Object {
	return func(it objects.Object) objects.Object {
		v, ok, err := objects.IterNext(it)
		if err != nil {
			return e.fail(err)
		}
		if !ok {
			return nil
		}
		return v
	}
}

// MonitorRaise reports a raise to sys.monitoring, which this runtime does not have.
func (e *Eval) MonitorRaise(ts *Eval, f *Frame, instr int) {}

// ObjectsOf is the objects of stack items (STACKREFS_TO_PYOBJECTS).
func (e *Eval) ObjectsOf(refs []stackref.Ref, n int) []objects.Object { return objectsOf(refs[:n]) }

// ConversionFailed is false: converting stack items to objects cannot fail here.
func (e *Eval) ConversionFailed(objs []objects.Object) bool { return objs == nil }

// DictFromItems builds a dict from n keys and values taken every step items (_PyDict_FromItems).
func (e *Eval) DictFromItems(keys []objects.Object, keyStep int, values []objects.Object, valueStep int, n int) objects.Object {
	d := objects.NewDict()
	for i := 0; i < n; i++ {
		if err := d.Set(keys[i*keyStep], values[i*valueStep]); err != nil {
			return e.fail(err)
		}
	}
	return d
}

// ListExtend appends every item of iterable to list and returns None (_PyList_Extend).
func (e *Eval) ListExtend(list, iterable objects.Object) objects.Object {
	it, err := objects.GetIter(iterable)
	if err != nil {
		return e.fail(err)
	}
	l := list.(*objects.List)
	for {
		v, ok, err := objects.IterNext(it)
		if err != nil {
			return e.fail(err)
		}
		if !ok {
			return objects.None
		}
		l.Items = append(l.Items, v)
	}
}

// ListAppend appends v (_PyList_AppendTakeRef).
func (e *Eval) ListAppend(list, v objects.Object) int {
	l := list.(*objects.List)
	l.Items = append(l.Items, v)
	return 0
}

// TupleSize and ListSize are the lengths (PyTuple_GET_SIZE, PyList_GET_SIZE).
func (e *Eval) TupleSize(t objects.Object) int { return len(t.(*objects.Tuple).Items) }
func (e *Eval) ListSize(l objects.Object) int  { return len(l.(*objects.List).Items) }

// FunctionNew makes a function of a code object (PyFunction_New).
// CPython: Objects/funcobject.c PyFunction_New (its builtins are the running frame's)
func (e *Eval) FunctionNew(code, globals objects.Object) objects.Object {
	c := code.(*Code)
	return &objects.Function{Name: c.Name, Qualname: c.Qualname, Code: c, Globals: globals.(*objects.Dict),
		Builtins: e.Frame.Builtins}
}

// FunctionClosure is a function's closure tuple (func_closure).
func (e *Eval) FunctionClosure(f objects.Object) objects.Object { return f.(*objects.Function).Closure }

// MethodSelf and MethodFunc are a bound method's parts (im_self, im_func).
func (e *Eval) MethodSelf(m objects.Object) objects.Object { return m.(*objects.Method).Self }
func (e *Eval) MethodFunc(m objects.Object) objects.Object { return m.(*objects.Method).Func }

// Format is format(value, spec) (PyObject_Format); spec nil means "".
func (e *Eval) Format(value, spec objects.Object) objects.Object {
	s := ""
	if spec != nil {
		s, _ = objects.StrOf(spec)
	}
	return e.result(objects.Format(value, s))
}

// GetAttr is getattr(o, name) (PyObject_GetAttr).
func (e *Eval) GetAttr(o, name objects.Object) objects.Object {
	s := name.(*objects.Str).S // a name of the code (co_names): always a str
	v, err := objects.GetAttr(o, s)
	if x, ok := err.(*objects.Exception); ok && x.Class == objects.AttributeErrorType {
		if d := missingAttribute(o, s); d != nil {
			return d
		}
	}
	return e.result(v, err)
}

// LoadAttrMethod is LOAD_ATTR's method form (_Py_LoadAttr_StackRefSteal): the attribute,
// already bound, and NULL in self_or_null[0].
// A method of a builtin type loads as the type's method descriptor with the object as self,
// as CPython's does (list.append and xs), so that CALL passes xs as the first argument.
// CPython: Objects/object.c _PyObject_GetMethod
func (e *Eval) LoadAttrMethod(ts *Eval, owner stackref.Ref, name objects.Object, selfOrNull []stackref.Ref) stackref.Ref {
	selfOrNull[0] = stackref.Null
	o := owner.AsObject()
	if f := objects.UnboundMethod(o, name.(*objects.Str).S); f != nil {
		selfOrNull[0] = owner // a function of the class: pushed unbound, with the object as self
		return stackref.FromObject(f)
	}
	v := e.GetAttr(o, name)
	if v == nil {
		return stackref.Null
	}
	if b, ok := v.(*objects.Builtin); ok && b.Self != nil && b.Self == o {
		if _, isType := o.(*objects.Type); !isType {
			selfOrNull[0] = owner
			return stackref.FromObject(methodDescr(o.Type(), name.(*objects.Str).S))
		}
	}
	return stackref.FromObject(v)
}

// CellNew, CellGet and CellSet are closure cells (PyCell_New, _PyCell_GetStackRef, PyCell_SetTakeRef).
func (e *Eval) CellNew(v objects.Object) objects.Object { return &objects.Cell{Ref: v} }
func (e *Eval) CellGet(c objects.Object) stackref.Ref {
	return stackref.FromObject(c.(*objects.Cell).Ref)
}
func (e *Eval) CellSet(c, v objects.Object) { c.(*objects.Cell).Ref = v }

// FormatExcUnbound raises the NameError of a free variable read before it was set.
func (e *Eval) FormatExcUnbound(ts *Eval, code *Code, oparg uint32) {
	e.raise(objects.NewException(objects.NameErrorType,
		"cannot access free variable '%s' where it is not associated with a value in enclosing scope",
		code.LocalsPlusNames[oparg]))
}

// UnpackIterable unpacks seq onto the value stack (_PyEval_UnpackIterableStackRef): exactly
// argcnt items for UNPACK_SEQUENCE (argcntafter -1); for UNPACK_EX (`a, *b, c = seq`: argcnt
// items before the star, argcntafter after it) argcnt items, a list of the rest, and the last
// argcntafter items taken back off that list. Items go downwards from top, which is C's pointer
// just past the instruction's outputs given as the slice that starts there (the bodies'
// convention: C's p + n is tail(p, n)); so the first item lands in top[-1], on top of the stack.
// It returns 1, or 0 with the exception raised (and the slots it had filled emptied again);
// CPython's messages, and how many items it pulls from an iterator, are kept.
func (e *Eval) UnpackIterable(ts *Eval, seq objects.Object, argcnt int, argcntafter int, top []stackref.Ref) int {
	total := argcnt
	if argcntafter >= 0 {
		total += 1 + argcntafter
	}
	out := e.stackBelow(top, total)
	if items, ok := exactItems(seq); ok && argcntafter == -1 && len(items) == argcnt {
		// the items of an exact list or tuple of the right length, as iterating it gives them
		// (without an iterator; the other cases iterate, for CPython's errors)
		for i, v := range items {
			out[total-1-i] = stackref.FromObject(v)
		}
		return 1
	}
	written := 0
	push := func(v objects.Object) { // *--sp = v
		written++
		out[total-written] = stackref.FromObject(v)
	}
	fail := func(err error) int {
		e.raise(err)
		for i := 1; i <= written; i++ {
			out[total-i] = stackref.Null
		}
		return 0
	}
	valueError := func(format string, args ...any) int {
		return fail(objects.NewException(objects.ValueErrorType, format, args...))
	}
	it, err := objects.GetIter(seq)
	if err != nil {
		if exc, ok := err.(*objects.Exception); ok && objects.ExceptionMatches(exc, objects.TypeErrorType) {
			err = objects.NewException(objects.TypeErrorType, "cannot unpack non-iterable %s object", seq.Type().Name)
		}
		return fail(err)
	}
	for i := 0; i < argcnt; i++ {
		v, ok, err := objects.IterNext(it)
		switch {
		case err != nil:
			return fail(err)
		case !ok && argcntafter == -1:
			return valueError("not enough values to unpack (expected %d, got %d)", argcnt, i)
		case !ok:
			return valueError("not enough values to unpack (expected at least %d, got %d)", argcnt+argcntafter, i)
		}
		push(v)
	}
	if argcntafter == -1 {
		// The iterator must be exhausted now: one more item is too many.
		_, ok, err := objects.IterNext(it)
		if err != nil {
			return fail(err)
		}
		if !ok {
			return 1
		}
		switch seq.(type) {
		case *objects.List, *objects.Tuple, *objects.Dict:
			if n, _ := objects.Len(seq); n > argcnt {
				return valueError("too many values to unpack (expected %d, got %d)", argcnt, n)
			}
		}
		return valueError("too many values to unpack (expected %d)", argcnt)
	}
	rest := objects.NewList()
	for {
		v, ok, err := objects.IterNext(it)
		if err != nil {
			return fail(err)
		}
		if !ok {
			break
		}
		rest.Items = append(rest.Items, v)
	}
	push(rest)
	ll := len(rest.Items)
	if ll < argcntafter {
		return valueError("not enough values to unpack (expected at least %d, got %d)", argcnt+argcntafter, argcnt+ll)
	}
	for j := argcntafter; j > 0; j-- {
		push(rest.Items[ll-j])
	}
	rest.Items = rest.Items[:ll-argcntafter]
	return 1
}

// exactItems are the items of a list or tuple (always exact here: the runtime has no subclasses
// of builtin types, whose own __iter__ would have to be asked).
func exactItems(o objects.Object) ([]objects.Object, bool) {
	switch v := o.(type) {
	case *objects.List:
		return v.Items, true
	case *objects.Tuple:
		return v.Items, true
	}
	return nil, false
}

// stackBelow is the n value-stack slots just under top, a C pointer into the stack handed over
// as the slice that starts there (so C's top[-n] .. top[-1], which Go cannot index).
func (e *Eval) stackBelow(top []stackref.Ref, n int) []stackref.Ref {
	if n == 0 {
		return nil
	}
	if cap(top) == 0 {
		// Slicing an array to an empty tail at its very end keeps the array's start as the
		// pointer (Go avoids pointing past an allocation), so top no longer says where it is: it
		// is the end of the running frame's stack, the array the harness slices it from.
		st := e.Frame.Stack[:cap(e.Frame.Stack)]
		if unsafe.SliceData(top) != unsafe.SliceData(e.Frame.Stack) {
			panic("UnpackIterable: top is not a slice of the running frame's stack")
		}
		return st[len(st)-n:]
	}
	var zero stackref.Ref
	start := unsafe.Add(unsafe.Pointer(unsafe.SliceData(top)), -n*int(unsafe.Sizeof(zero)))
	return unsafe.Slice((*stackref.Ref)(start), n)
}

// GivenExceptionMatches is except-clause matching (PyErr_GivenExceptionMatches).
func (e *Eval) GivenExceptionMatches(exc, typ objects.Object) int {
	return boolToInt(objects.ExceptionMatches(exc, typ))
}

// CheckExceptTypeValid refuses an except clause naming something that is no exception type.
// CPython: Python/ceval.c _PyEval_CheckExceptTypeValid
func (e *Eval) CheckExceptTypeValid(ts *Eval, typ objects.Object) int {
	items := []objects.Object{typ}
	if t, ok := typ.(*objects.Tuple); ok {
		items = t.Items
	}
	for _, it := range items {
		if c, ok := it.(*objects.Type); !ok || !objects.IsSubtype(c, objects.BaseExceptionType) {
			e.raise(objects.NewException(objects.TypeErrorType,
				"catching classes that do not inherit from BaseException is not allowed"))
			return -1
		}
	}
	return 0
}

// IsNone, Is and Contains are `is None`, `is` and `in`.
func (e *Eval) IsNone(o objects.Object) bool { return o == objects.Object(objects.None) }
func (e *Eval) Is(a, b objects.Object) bool  { return objects.Is(a, b) }
func (e *Eval) Contains(container, item objects.Object) int {
	ok, err := objects.Contains(container, item)
	if err != nil {
		e.raise(err)
		return -1
	}
	return boolToInt(ok)
}

// CommonConsts are the objects LOAD_COMMON_CONSTANT loads, by oparg (interp->common_consts,
// in the order of opcode._common_constants): AssertionError, NotImplementedError and the
// builtins tuple, all, any, list and set, as the program's builtins hold them (so that
// `all is <common constant all>` holds, as 3.14's inlined all() over a generator expects).
func (e *Eval) CommonConsts() []objects.Object {
	b := e.Frame.Builtins
	if e.commonConsts == nil || e.commonFrom != b {
		e.commonConsts, e.commonFrom = nil, b
		for _, name := range []string{"AssertionError", "NotImplementedError", "tuple", "all", "any", "list", "set"} {
			v, ok, _ := b.Get(objects.NewStr(name))
			if !ok {
				v = objects.None // not a builtin any more: nothing is that constant
			}
			e.commonConsts = append(e.commonConsts, v)
		}
	}
	return e.commonConsts
}

// ConversionFuncs are the conversions of f-string fields by CONVERT_VALUE's oparg
// (_PyEval_ConversionFuncs: FVC_STR 1, FVC_REPR 2, FVC_ASCII 3).
func (e *Eval) ConversionFuncs() []func(objects.Object) objects.Object {
	return []func(objects.Object) objects.Object{nil, e.Str, e.Repr, e.ASCII}
}

// TupleItems and ListItems are the items of a tuple or list (_PyTuple_ITEMS, _PyList_ITEMS).
func (e *Eval) TupleItems(t objects.Object) []objects.Object { return t.(*objects.Tuple).Items }
func (e *Eval) ListItems(l objects.Object) []objects.Object  { return l.(*objects.List).Items }

// UnicodeLength is a str's length in code points (PyUnicode_GET_LENGTH).
func (e *Eval) UnicodeLength(s objects.Object) int { return utf8.RuneCountInString(s.(*objects.Str).S) }

// UnicodeReadChar is the code point at index i (PyUnicode_READ_CHAR).
func (e *Eval) UnicodeReadChar(s objects.Object, i int) uint32 {
	for j, r := range []rune(s.(*objects.Str).S) {
		if j == i {
			return uint32(r)
		}
	}
	return 0
}

// ASCIIStrings are the one-character strings of the 128 ASCII characters, each one object
// (_Py_SINGLETON(strings).ascii).
func (e *Eval) ASCIIStrings() []objects.Object {
	if asciiStrings == nil {
		for c := range 128 {
			asciiStrings = append(asciiStrings, objects.NewStr(string(rune(c))))
		}
	}
	return asciiStrings
}

var asciiStrings []objects.Object

// ArrayLength is the number of items of a C array (Py_ARRAY_LENGTH).
func (e *Eval) ArrayLength(a []objects.Object) int { return len(a) }
