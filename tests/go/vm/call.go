package vm

import (
	"strconv"
	"strings"

	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// Code flags the argument binder reads (co_flags).
const (
	coOptimized   = 0x1
	coVarargs     = 0x4
	coVarkeywords = 0x8
)

// VectorcallPyFunction is what a Python function's vectorcall slot holds: _PyFunction_Vectorcall,
// which lets CALL push the function's frame in the running loop instead of calling it.
const VectorcallPyFunction uintptr = 1

// FunctionVectorcall is a function's vectorcall slot (func->vectorcall).
func (e *Eval) FunctionVectorcall(f objects.Object) uintptr { return VectorcallPyFunction }

// FunctionSetVersion gives a new function its code's version and enters it in the function
// version cache, where trace projection finds the function a CALL cached the version of.
// CPython: Objects/funcobject.c _PyFunction_SetVersion
func (e *Eval) FunctionSetVersion(f objects.Object, version uint32) {
	fn := f.(*objects.Function)
	fn.Version = version
	if version != 0 {
		e.funcVersions[version%funcVersionCacheSize] = fn
	}
}

// funcVersionCacheSize is FUNC_VERSION_CACHE_SIZE: a function's slot is its version modulo it.
const funcVersionCacheSize = 1 << 12

// FunctionLookupByVersion is the function whose version is version, if the cache still holds
// it (a later function of another version may have taken its slot).
// CPython: Objects/funcobject.c _PyFunction_LookupByVersion
func (e *Eval) FunctionLookupByVersion(version uint32) *objects.Function {
	if fn := e.funcVersions[version%funcVersionCacheSize]; fn != nil && fn.Version == version {
		return fn
	}
	return nil
}

// FunctionVersion is a function's version (func_version); 0 when cleared.
func (e *Eval) FunctionVersion(f objects.Object) uint32 { return f.(*objects.Function).Version }

// FramePushUnchecked pushes a frame for the function in fn, with its first nullLocalsFrom locals
// left for the caller to fill and the rest unbound.
// CPython: Include/internal/pycore_interpframe.h _PyFrame_PushUnchecked
func (e *Eval) FramePushUnchecked(ts *Eval, fn stackref.Ref, nullLocalsFrom int, previous *Frame) *Frame {
	f := fn.AsObject().(*objects.Function)
	code := f.Code.(*Code)
	if frame := e.frames.reusable(code); frame != nil { // a recursion, a call in a loop: no call more
		frame.start(fn, f.Globals, f.Builtins, nil, previous)
		return frame
	}
	return e.pushFrame(code, fn, f.Globals, f.Builtins, nil, previous)
}

// FramePushAndInit pushes a frame for the function in fn and binds the arguments to its
// parameters: args holds argcount positional values, then one value per name of kwnames (a
// tuple of str, or nil). On a binding error the frame is popped again and nil returned.
// CPython: Python/ceval.c _PyEvalFramePushAndInit
func (e *Eval) FramePushAndInit(ts *Eval, fn stackref.Ref, locals objects.Object, args []stackref.Ref, argcount int,
	kwnames objects.Object, previous *Frame) *Frame {
	f := fn.AsObject().(*objects.Function)
	var ns *objects.Dict
	if locals != nil {
		ns = locals.(*objects.Dict)
	}
	frame := e.pushFrame(f.Code.(*Code), fn, f.Globals, f.Builtins, ns, previous)
	var names []objects.Object
	if kwnames != nil {
		names = kwnames.(*objects.Tuple).Items
	}
	if err := initializeLocals(f, frame.Locals, args, argcount, names); err != nil {
		e.raise(err)
		e.PopFrame(e, frame)
		return nil
	}
	return frame
}

// initializeLocals binds positional, keyword, default, keyword-only, *args and **kwargs
// parameters as CPython does, with its messages for what does not fit.
// CPython: Python/ceval.c initialize_locals
func initializeLocals(f *objects.Function, locals []stackref.Ref, args []stackref.Ref, argcount int,
	kwnames []objects.Object) error {
	co := f.Code.(*Code)
	total := co.ArgCount + co.KwOnlyArgCount
	var kwdict *objects.Dict
	if co.Flags&coVarkeywords != 0 {
		kwdict = objects.NewDict()
		i := total
		if co.Flags&coVarargs != 0 {
			i++
		}
		locals[i] = stackref.FromObject(kwdict)
	}
	n := min(argcount, co.ArgCount)
	copy(locals[:n], args[:n])
	if co.Flags&coVarargs != 0 {
		extra := []objects.Object{}
		for _, a := range args[n:argcount] {
			extra = append(extra, a.AsObject())
		}
		locals[total] = stackref.FromObject(objects.NewTuple(extra...))
	}
	for i, keyword := range kwnames {
		value := args[argcount+i]
		name, ok := keyword.(*objects.Str)
		if !ok {
			return typeError("%s() keywords must be strings", f.Qualname)
		}
		j := co.PosOnlyArgCount
		for ; j < total; j++ {
			if co.LocalsPlusNames[j] == name.S {
				break
			}
		}
		if j == total {
			if kwdict == nil {
				if co.PosOnlyArgCount > 0 {
					if err := positionalOnlyPassedAsKeyword(f, kwnames); err != nil {
						return err
					}
				}
				if s := objects.Suggestion(co.LocalsPlusNames[co.PosOnlyArgCount:total], name.S); s != "" {
					return typeError("%s() got an unexpected keyword argument '%s'. Did you mean '%s'?", f.Qualname, name.S, s)
				}
				return typeError("%s() got an unexpected keyword argument '%s'", f.Qualname, name.S)
			}
			if err := kwdict.Set(keyword, value.AsObject()); err != nil {
				return err
			}
			continue
		}
		if !locals[j].IsNull() {
			return typeError("%s() got multiple values for argument '%s'", f.Qualname, name.S)
		}
		locals[j] = value
	}
	if argcount > co.ArgCount && co.Flags&coVarargs == 0 {
		return tooManyPositional(f, argcount, locals)
	}
	if argcount < co.ArgCount {
		defcount := 0
		if f.Defaults != nil {
			defcount = len(f.Defaults.Items)
		}
		m := co.ArgCount - defcount
		missing := 0
		for i := argcount; i < m; i++ {
			if locals[i].IsNull() {
				missing++
			}
		}
		if missing > 0 {
			return missingArguments(f, "positional", 0, m, locals)
		}
		i := max(n-m, 0)
		for ; i < defcount; i++ {
			if locals[m+i].IsNull() {
				locals[m+i] = stackref.FromObject(f.Defaults.Items[i])
			}
		}
	}
	if co.KwOnlyArgCount > 0 {
		missing := 0
		for i := co.ArgCount; i < total; i++ {
			if !locals[i].IsNull() {
				continue
			}
			if f.KwDefaults != nil {
				def, ok, err := f.KwDefaults.Get(objects.NewStr(co.LocalsPlusNames[i]))
				if err != nil {
					return err
				}
				if ok {
					locals[i] = stackref.FromObject(def)
					continue
				}
			}
			missing++
		}
		if missing > 0 {
			return missingArguments(f, "keyword-only", co.ArgCount, total, locals)
		}
	}
	return nil
}

func typeError(format string, args ...any) error {
	return objects.NewException(objects.TypeErrorType, format, args...)
}

// tooManyPositional is the TypeError of a call with more positional arguments than parameters.
// CPython: Python/ceval.c too_many_positional
func tooManyPositional(f *objects.Function, given int, locals []stackref.Ref) error {
	co := f.Code.(*Code)
	kwonlyGiven := 0
	for i := co.ArgCount; i < co.ArgCount+co.KwOnlyArgCount; i++ {
		if !locals[i].IsNull() {
			kwonlyGiven++
		}
	}
	defcount := 0
	if f.Defaults != nil {
		defcount = len(f.Defaults.Items)
	}
	var sig string
	plural := co.ArgCount != 1
	if defcount > 0 {
		plural = true
		sig = itoa(co.ArgCount-defcount) + " to " + itoa(co.ArgCount)
		sig = "from " + sig
	} else {
		sig = itoa(co.ArgCount)
	}
	kwonlySig := ""
	if kwonlyGiven > 0 {
		kwonlySig = " positional argument" + pluralS(given != 1) + " (and " + itoa(kwonlyGiven) +
			" keyword-only argument" + pluralS(kwonlyGiven != 1) + ")"
	}
	verb := "were"
	if given == 1 && kwonlyGiven == 0 {
		verb = "was"
	}
	return typeError("%s() takes %s positional argument%s but %d%s %s given", f.Qualname, sig, pluralS(plural),
		given, kwonlySig, verb)
}

// missingArguments is the TypeError naming the parameters in [start, end) left unbound.
// CPython: Python/ceval.c missing_arguments, format_missing
func missingArguments(f *objects.Function, kind string, start, end int, locals []stackref.Ref) error {
	co := f.Code.(*Code)
	names := []string{}
	for i := start; i < end; i++ {
		if locals[i].IsNull() {
			names = append(names, "'"+co.LocalsPlusNames[i]+"'")
		}
	}
	var list string
	switch n := len(names); n {
	case 1:
		list = names[0]
	case 2:
		list = names[0] + " and " + names[1]
	default:
		list = strings.Join(names[:n-2], ", ") + ", " + names[n-2] + ", and " + names[n-1]
	}
	return typeError("%s() missing %d required %s argument%s: %s", f.Qualname, len(names), kind,
		pluralS(len(names) != 1), list)
}

// positionalOnlyPassedAsKeyword is the TypeError of positional-only parameters given by name.
// CPython: Python/ceval.c positional_only_passed_as_keyword
func positionalOnlyPassedAsKeyword(f *objects.Function, kwnames []objects.Object) error {
	co := f.Code.(*Code)
	given := []string{}
	for k := 0; k < co.PosOnlyArgCount; k++ {
		for _, kw := range kwnames {
			if s, ok := kw.(*objects.Str); ok && s.S == co.LocalsPlusNames[k] {
				given = append(given, s.S)
				break
			}
		}
	}
	if len(given) == 0 {
		return nil
	}
	return typeError("%s() got some positional-only arguments passed as keyword arguments: '%s'", f.Qualname,
		strings.Join(given, ", "))
}

func pluralS(plural bool) string {
	if plural {
		return "s"
	}
	return ""
}

func itoa(i int) string { return strconv.Itoa(i) }

// --- calls from Go ---------------------------------------------------------------------------------

// CallObject calls any callable with vectorcall arguments (the last len(kwnames) of args are the
// keyword arguments): a Python function runs in an eval loop of its own, as CPython's
// _PyFunction_Vectorcall does when C code calls it.
// CPython: Objects/call.c PyObject_Vectorcall, Python/ceval.c _PyEval_Vector
func (e *Eval) CallObject(f objects.Object, args []objects.Object, kwnames []string) (objects.Object, error) {
	fn, ok := f.(*objects.Function)
	if !ok {
		return objects.Call(f, args, kwnames)
	}
	refs := make([]stackref.Ref, len(args))
	for i, a := range args {
		refs[i] = stackref.FromObject(a)
	}
	var names objects.Object
	if len(kwnames) > 0 {
		items := make([]objects.Object, len(kwnames))
		for i, k := range kwnames {
			items[i] = objects.NewStr(k)
		}
		names = objects.NewTuple(items...)
	}
	code := fn.Code.(*Code)
	var locals objects.Object
	if code.Flags&coOptimized == 0 {
		locals = fn.Globals
	}
	return e.runFunction(fn, locals, refs, len(args)-len(kwnames), names)
}

// runFunction pushes a frame for fn with its arguments bound (and locals, for a class body or
// module-level code) and runs it in an eval loop of its own, with the recursion check.
// CPython: Python/ceval.c _PyEval_Vector
func (e *Eval) runFunction(fn *objects.Function, locals objects.Object, args []stackref.Ref, argcount int,
	kwnames objects.Object) (objects.Object, error) {
	frame := e.FramePushAndInit(e, stackref.FromObject(fn), locals, args, argcount, kwnames, e.Frame)
	if frame == nil {
		return nil, e.takeError()
	}
	if e.enterRecursivePy() {
		e.LeaveRecursiveCallPy(e)
		e.PopFrame(e, frame)
		return nil, e.takeError()
	}
	return e.evalFrame(frame)
}

// Call calls f with positional args.
func (e *Eval) Call(f objects.Object, args []objects.Object) (objects.Object, error) {
	return e.CallObject(f, args, nil)
}

// Vectorcall calls f with the first nargsf (less PY_VECTORCALL_ARGUMENTS_OFFSET) of args as
// positional arguments and, after them, one value per name of kwnames (PyObject_Vectorcall).
func (e *Eval) Vectorcall(f objects.Object, args []objects.Object, nargsf uint64, kwnames objects.Object) objects.Object {
	nargs := int(nargsf &^ (1 << 63))
	var names []string
	if kwnames != nil {
		for _, k := range kwnames.(*objects.Tuple).Items {
			names = append(names, k.(*objects.Str).S)
		}
	}
	return e.result(e.CallObject(f, args[:nargs+len(names)], names))
}

// PositionalCount is co_argcount, for the optimizer, which knows no Code type (CodeArgCount).
func (c *Code) PositionalCount() int { return c.ArgCount }

// functionStr names a callable in a call's error messages: `f()`, `len()`.
// CPython: Objects/call.c _PyObject_FunctionStr
func functionStr(f objects.Object) string {
	switch v := f.(type) {
	case *objects.Function: // module.qualname(), the module being its globals' __name__
		if m, ok, _ := v.Globals.Get(objects.NewStr("__name__")); ok {
			if s, ok := m.(*objects.Str); ok && s.S != "builtins" {
				return s.S + "." + v.Qualname + "()"
			}
		}
		return v.Qualname + "()"
	case *objects.Builtin:
		return v.Name + "()"
	case *objects.Type:
		return v.Name + "()"
	}
	s, _ := objects.Repr(f)
	return s
}

// FormatKwargsError words a failed merge of a call's **mapping.
// CPython: Python/ceval.c _PyEval_FormatKwargsError
func (e *Eval) FormatKwargsError(ts *Eval, f, kwargs objects.Object) {
	switch {
	case e.fault != nil:
	case objects.ExceptionMatches(e.exc, objects.TypeErrorType) && !isMapping(kwargs):
		e.exc = objects.NewException(objects.TypeErrorType, "%s argument after ** must be a mapping, not %s",
			functionStr(f), kwargs.Type().Name)
	case objects.ExceptionMatches(e.exc, objects.KeyErrorType):
		key := e.exc.(*objects.Exception).Args[0]
		if s, ok := key.(*objects.Str); ok {
			e.exc = objects.NewException(objects.TypeErrorType, "%s got multiple values for keyword argument '%s'",
				functionStr(f), s.S)
		}
	}
}

func isMapping(o objects.Object) bool { _, ok := o.(*objects.Dict); return ok }

// MethodCheck is PyMethod_Check.
func (e *Eval) MethodCheck(o objects.Object) bool { _, ok := o.(*objects.Method); return ok }

// ObjectCall calls f with a tuple of positional arguments and a dict of keyword arguments
// (nil for none): PyObject_Call.
func (e *Eval) ObjectCall(f, args, kwargs objects.Object) objects.Object {
	all := append([]objects.Object(nil), args.(*objects.Tuple).Items...)
	var names []string
	if kwargs != nil {
		d := kwargs.(*objects.Dict)
		for _, k := range d.Keys() {
			v, _, _ := d.Get(k)
			names = append(names, k.(*objects.Str).S)
			all = append(all, v)
		}
	}
	return e.result(e.CallObject(f, all, names))
}

// FramePushAndInitEx pushes a frame for a call with a tuple of positional arguments and a dict of
// keyword arguments (CALL_FUNCTION_EX).
// CPython: Python/ceval.c _PyEvalFramePushAndInit_Ex
func (e *Eval) FramePushAndInitEx(ts *Eval, fn stackref.Ref, locals objects.Object, nargs int, callargs, kwargs objects.Object,
	previous *Frame) *Frame {
	args := []stackref.Ref{}
	for _, a := range callargs.(*objects.Tuple).Items {
		args = append(args, stackref.FromObject(a))
	}
	var kwnames objects.Object
	if kwargs != nil {
		d := kwargs.(*objects.Dict)
		names := []objects.Object{}
		for _, k := range d.Keys() {
			v, _, _ := d.Get(k)
			names = append(names, k)
			args = append(args, stackref.FromObject(v))
		}
		if len(names) > 0 {
			kwnames = objects.NewTuple(names...)
		}
	}
	return e.FramePushAndInit(e, fn, locals, args, nargs, kwnames, previous)
}

// specialMethods are _Py_SpecialMethods, by LOAD_SPECIAL's oparg: the name and the TypeError of
// an object without it.
var specialMethods = []struct{ name, protocol string }{
	{"__enter__", "context manager"}, {"__exit__", "context manager"},
	{"__aenter__", "asynchronous context manager"}, {"__aexit__", "asynchronous context manager"},
}

// SpecialMethodName is _Py_SpecialMethods[i].name.
func (e *Eval) SpecialMethodName(i int) objects.Object { return objects.NewStr(specialMethods[i].name) }

// SpecialMethodError is _Py_SpecialMethods[i].error, a format of the object (%T: its type).
func (e *Eval) SpecialMethodError(i int) string {
	m := specialMethods[i]
	return "'%T' object does not support the " + m.protocol + " protocol (missed " + m.name + " method)"
}

// SpecialMethodErrorSuggestion is the message for an object that has the other protocol;
// no type of this runtime has either, so it is never chosen (SpecialMethodCanSuggest).
func (e *Eval) SpecialMethodErrorSuggestion(i int) string { return e.SpecialMethodError(i) }

// SpecialMethodCanSuggest reports an object that has the other (sync or async) protocol.
func (e *Eval) SpecialMethodCanSuggest(o objects.Object, i int) bool { return false }

// LookupSpecialMethod looks name up on the type of method_and_self[1] (the object), as `with`
// does: 1 found, 0 not found, -1 an error. A function stays unbound in [0] with the object as
// self in [1]; another descriptor is bound and [1] becomes NULL.
// CPython: Objects/typeobject.c _PyObject_LookupSpecialMethod
func (e *Eval) LookupSpecialMethod(name objects.Object, methodAndSelf []stackref.Ref) int {
	self := methodAndSelf[1].AsObject()
	t := self.Type()
	if !t.IsHeap() {
		return 0
	}
	d := t.Lookup(name.(*objects.Str).S)
	if d == nil {
		return 0
	}
	if _, isFunc := d.(*objects.Function); isFunc {
		methodAndSelf[0] = stackref.FromObject(d)
		return 1
	}
	v, err := objects.BindDescr(d, self, t)
	if err != nil {
		e.raise(err)
		return -1
	}
	methodAndSelf[0] = stackref.FromObject(v)
	methodAndSelf[1] = stackref.Null
	return 1
}
