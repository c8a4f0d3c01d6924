package vm

import (
	"fmt"
	"strconv"
	"strings"

	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// The functions mapping.toml maps CPython's API to (asserted in runtime_api_gen.go). They
// follow CPython's convention: a failing call sets the current exception and returns nil
// (or -1), and the body's ERROR_IF turns that into the harness's error exit.

// fail sets err as the current exception and returns nil, for one-line error returns.
func (e *Eval) fail(err error) objects.Object {
	e.raise(err)
	return nil
}

func (e *Eval) result(o objects.Object, err error) objects.Object {
	if err != nil {
		return e.fail(err)
	}
	return o
}

// Local is the address of fast local i (GETLOCAL).
func (e *Eval) Local(i int) *stackref.Ref { return &e.Frame.Locals[i] }

// TupleItem is item i of a tuple (GETITEM, PyTuple_GetItem).
func (e *Eval) TupleItem(t objects.Object, i int) objects.Object { return t.(*objects.Tuple).Items[i] }

// Globals, Builtins and LocalsDict are the frame's namespaces (GLOBALS(), BUILTINS(), LOCALS()).
func (e *Eval) Globals() objects.Object  { return e.Frame.Globals }
func (e *Eval) Builtins() objects.Object { return e.Frame.Builtins }
func (e *Eval) LocalsDict() objects.Object {
	if e.Frame.LocalsNS == nil {
		return nil
	}
	return e.Frame.LocalsNS
}

// JumpBy moves the next instruction (JUMPBY).
func (e *Eval) JumpBy(n int) { e.Frame.NextInstr += n }

// FrameCode is the frame's code object (_PyFrame_GetCode).
func (e *Eval) FrameCode(f *Frame) *Code { return f.CodeObj }

// None, True and False are the singletons.
func (e *Eval) None() objects.Object  { return objects.None }
func (e *Eval) True() objects.Object  { return objects.True }
func (e *Eval) False() objects.Object { return objects.False }

// ExcType is the exception type of that name.
func (e *Eval) ExcType(name string) objects.Object {
	if t, ok, _ := objects.Builtins().Get(objects.NewStr(name)); ok {
		return t
	}
	panic("no exception type " + name)
}

// --- abstract object API ------------------------------------------------------------------

func (e *Eval) BinaryOp(oparg uint32, a, b objects.Object) objects.Object {
	return e.result(objects.BinaryOp(a, b, int(oparg)))
}

func (e *Eval) RichCompare(a, b objects.Object, op int) objects.Object {
	return e.result(objects.RichCompare(a, b, op))
}

func (e *Eval) IsTrue(o objects.Object) int {
	t, err := objects.Truthy(o)
	if err != nil {
		e.raise(err)
		return -1
	}
	return boolToInt(t)
}

func (e *Eval) NumberNegative(o objects.Object) objects.Object {
	return e.result(objects.UnaryNegative(o))
}

func (e *Eval) NumberInvert(o objects.Object) objects.Object { return e.result(objects.UnaryInvert(o)) }

func (e *Eval) GetIter(o objects.Object) objects.Object { return e.result(objects.GetIter(o)) }

func (e *Eval) GetItem(o, key objects.Object) objects.Object {
	return e.result(objects.GetItem(o, key))
}

func (e *Eval) SetItem(o, key, value objects.Object) int {
	if err := objects.SetItem(o, key, value); err != nil {
		e.raise(err)
		return -1
	}
	return 0
}

func exactly(o objects.Object, t *objects.Type) bool { return o != nil && o.Type() == t }

// The exact-type checks of the guards. A builtin type's objects are one Go type each and no class
// derives from these builtins here, so a Go type assertion is the check (cheaper than Type()).
func (e *Eval) DictCheckExact(o objects.Object) bool    { _, ok := o.(*objects.Dict); return ok }
func (e *Eval) LongCheckExact(o objects.Object) bool    { _, ok := o.(*objects.Int); return ok }
func (e *Eval) FloatCheckExact(o objects.Object) bool   { _, ok := o.(*objects.Float); return ok }
func (e *Eval) UnicodeCheckExact(o objects.Object) bool { _, ok := o.(*objects.Str); return ok }
func (e *Eval) ListCheckExact(o objects.Object) bool    { _, ok := o.(*objects.List); return ok }
func (e *Eval) TupleCheckExact(o objects.Object) bool   { _, ok := o.(*objects.Tuple); return ok }

func (e *Eval) StackRefBoolCheck(r stackref.Ref) bool {
	_, ok := r.AsObject().(objects.Bool)
	return ok
}

func (e *Eval) LongFromInt64(v int64) objects.Object { return objects.NewInt(v) }
func (e *Eval) LongFromInt(v int) objects.Object     { return objects.NewInt(int64(v)) }

// LongAdd, LongSubtract and LongMultiply are _PyLong_Add, _PyLong_Subtract and
// _PyLong_Multiply: the bodies call them on two exact ints (their guards checked), and they
// take a machine-word path when the result fits, as CPython's compact ints do. That path is
// written here, an int from the current block included, so that a result costs no call
// (objects.IntAdd and NewInt's new block are too big to inline).
func (e *Eval) LongAdd(a, b objects.Object) objects.Object {
	x, y := objects.AsInt(a), objects.AsInt(b)
	if s, ok := objects.AddSmall(x, y); ok {
		if i := objects.NewIntInline(s); i != nil {
			return i
		}
		return objects.NewInt(s)
	}
	return objects.IntAdd(x, y)
}

func (e *Eval) LongSubtract(a, b objects.Object) objects.Object {
	x, y := objects.AsInt(a), objects.AsInt(b)
	if d, ok := objects.SubtractSmall(x, y); ok {
		if i := objects.NewIntInline(d); i != nil {
			return i
		}
		return objects.NewInt(d)
	}
	return objects.IntSubtract(x, y)
}

func (e *Eval) LongMultiply(a, b objects.Object) objects.Object {
	x, y := objects.AsInt(a), objects.AsInt(b)
	if p, ok := objects.MultiplySmall(x, y); ok {
		if i := objects.NewIntInline(p); i != nil {
			return i
		}
		return objects.NewInt(p)
	}
	return objects.IntMultiply(x, y)
}

// --- names and errors ---------------------------------------------------------------------

func lookup(d *objects.Dict, name objects.Object) (objects.Object, bool) {
	if d == nil {
		return nil, false
	}
	v, ok, _ := d.Get(name) // names are str: no unhashable key can fail here
	return v, ok
}

func (e *Eval) nameError(name objects.Object) {
	missingBuiltin(name)
	s, _ := objects.StrOf(name)
	e.raise(objects.NewException(objects.NameErrorType, "name '%s' is not defined", s))
}

// LoadName looks name up in the frame's locals, globals, then builtins (_PyEval_LoadName).
func (e *Eval) LoadName(ts *Eval, f *Frame, name objects.Object) objects.Object {
	for _, d := range []*objects.Dict{f.LocalsNS, f.Globals, f.Builtins} {
		if v, ok := lookup(d, name); ok {
			return v
		}
	}
	e.nameError(name)
	return nil
}

// LoadGlobalStackRef looks name up in globals then builtins (_PyEval_LoadGlobalStackRef).
func (e *Eval) LoadGlobalStackRef(globals, builtins, name objects.Object, res []stackref.Ref) {
	for _, d := range []objects.Object{globals, builtins} {
		if v, ok := lookup(d.(*objects.Dict), name); ok {
			res[0] = stackref.FromObject(v)
			return
		}
	}
	e.nameError(name)
	res[0] = stackref.Null
}

func (e *Eval) ErrOccurred(ts *Eval) bool { return e.exc != nil || e.fault != nil }

func (e *Eval) ExceptionMatches(ts *Eval, typ objects.Object) int {
	return boolToInt(e.exc != nil && objects.ExceptionMatches(e.exc, typ))
}

func (e *Eval) ErrClear(ts *Eval) { e.exc = nil }

func (e *Eval) FormatExcCheckArg(ts *Eval, typ objects.Object, format string, name objects.Object) {
	s, _ := objects.StrOf(name)
	e.raise(objects.NewException(typ.(*objects.Type), format, s))
}

func (e *Eval) ErrSetString(ts *Eval, typ objects.Object, msg string) {
	e.raise(objects.NewException(typ.(*objects.Type), "%s", msg))
}

// LoadUintptr reads a word (_Py_atomic_load_uintptr_relaxed); one goroutine runs Python here.
func (e *Eval) LoadUintptr(p *uintptr) uintptr { return *p }

// HandlePending would run signal handlers and GC requests; the eval breaker is never set.
func (e *Eval) HandlePending(ts *Eval) int { return 0 }

// SetOpcode rewrites the opcode of the running instruction (this_instr->op.code = op).
func (e *Eval) SetOpcode(op uint8) {
	code := e.Frame.Code
	code[e.Frame.InstrPtr] = code[e.Frame.InstrPtr]&0xff00 | uint16(op)
	e.Stats.Produced[op]++
}

// SmallInt is CPython's preallocated small int i - 5 (&_PyLong_SMALL_INTS[i]).
func (e *Eval) SmallInt(i int) objects.Object { return objects.SmallInt(i) }

// IsImmortal reports the objects CPython never frees: here the singletons and small ints.
// Only LOAD_CONST asks, of a constant: CPython makes the singletons, the small ints, the empty
// tuple and bytes, one-character strings and the empty one immortal (and its statically allocated
// identifiers, _Py_ID(reverse) and the like, which this runtime does not list: a known difference
// of the quickened-code oracle).
func (e *Eval) IsImmortal(o objects.Object) bool {
	switch v := o.(type) {
	case objects.NoneObject, objects.Bool, objects.EllipsisObject:
		return true
	case *objects.Int:
		n, ok := v.Int64()
		return ok && n >= -5 && n <= 256
	case *objects.Tuple:
		return len(v.Items) == 0
	case *objects.Bytes:
		return len(v.V) <= 1
	case *objects.Str:
		r := []rune(v.S)
		// A constant made of name characters is interned; it is the immortal string when a
		// code object's names (co_names, co_varnames, ...) interned it first (intern_strings).
		return len(r) == 0 || len(r) == 1 && r[0] < 256 || allNameChars(v.S) && objects.IsImmortalInterned(v.S)
	}
	return false
}

// allNameChars reports a string the compiler interns as a constant: ASCII letters, digits and _.
// CPython: Objects/codeobject.c all_name_chars
func allNameChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func objectsOf(refs []stackref.Ref) []objects.Object {
	out := make([]objects.Object, len(refs))
	for i, r := range refs {
		out[i] = r.AsObject()
	}
	return out
}

// ListFromStackRefs builds a list of n stack items (_PyList_FromStackRefStealOnSuccess).
func (e *Eval) ListFromStackRefs(refs []stackref.Ref, n int) objects.Object {
	return objects.NewList(objectsOf(refs[:n])...)
}

// TupleFromStackRefs builds a tuple of n stack items (_PyTuple_FromStackRefStealOnSuccess).
func (e *Eval) TupleFromStackRefs(refs []stackref.Ref, n int) objects.Object {
	return objects.NewTuple(objectsOf(refs[:n])...)
}

// pyFormat renders a PyUnicode_FromFormat format: %U, %S are str(), %R is repr(), %s a C
// string or str(), %d an integer; a precision (%.100s) truncates.
func pyFormat(format string, args []any) string {
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 >= len(format) {
			b.WriteByte(format[i])
			continue
		}
		j := i + 1
		for j < len(format) && (format[j] == '.' || format[j] >= '0' && format[j] <= '9' || format[j] == 'l' || format[j] == 'z') {
			j++
		}
		if j >= len(format) {
			break
		}
		verb := format[j]
		if verb == '%' {
			b.WriteByte('%')
			i = j
			continue
		}
		var text string
		if next < len(args) {
			switch v := args[next].(type) {
			case objects.Object:
				if verb == 'R' {
					text, _ = objects.Repr(v)
				} else if verb == 'T' { // the object's type's name
					text = v.Type().Name
				} else {
					text, _ = objects.StrOf(v)
				}
			default:
				text = fmt.Sprint(v)
			}
		}
		next++
		if dot := strings.IndexByte(format[i:j], '.'); dot >= 0 {
			if n, err := strconv.Atoi(format[i+dot+1 : j]); err == nil && len(text) > n {
				text = text[:n]
			}
		}
		b.WriteString(text)
		i = j
	}
	return b.String()
}

// ErrFormat raises typ with a PyErr_Format-style message (_PyErr_Format).
func (e *Eval) ErrFormat(ts *Eval, typ objects.Object, format string, args ...any) {
	e.raise(objects.NewException(typ.(*objects.Type), "%s", pyFormat(format, args)))
}

// ErrFormat2 is PyErr_Format: it raises and returns NULL.
func (e *Eval) ErrFormat2(typ objects.Object, format string, args ...any) objects.Object {
	e.ErrFormat(e, typ, format, args...)
	return nil
}
