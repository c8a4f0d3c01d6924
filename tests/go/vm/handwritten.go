package vm

import (
	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// The ops mapping.toml lists under [bodies] handwritten: this runtime runs each call in a Go
// call of its own frame loop, so returning is a Go return.

// op_RETURN_VALUE ends the frame with retval (bytecodes.c's _RETURN_VALUE pops the frame and
// pushes retval onto the caller's stack; here the caller's Go call receives it).
func op_RETURN_VALUE(e *Eval, oparg uint32, retval stackref.Ref) (res stackref.Ref, exit Exit) {
	e.Frame.Result = retval
	return stackref.Null, ExitReturn
}

// op_MAYBE_INSTRUMENT re-instruments the code when sys.monitoring changed; this runtime has
// no monitoring, so there is never anything to do.
func op_MAYBE_INSTRUMENT(e *Eval, oparg uint32) (exit Exit) { return ExitNext }

// op_DO_CALL calls callable with self_or_null (when set) and args: a Python function runs in a
// Go call of its own frame loop (CPython pushes its frame with DISPATCH_INLINED), anything else
// through its Go implementation (PyObject_Vectorcall).
func op_DO_CALL(e *Eval, oparg uint32, callable stackref.Ref, selfOrNull stackref.Ref, args []stackref.Ref) (res stackref.Ref, exit Exit) {
	all := objectsOf(args)
	if !selfOrNull.IsNull() {
		all = append([]objects.Object{selfOrNull.AsObject()}, all...)
	}
	v, err := e.Call(callable.AsObject(), all)
	if err != nil {
		e.raise(err)
		return stackref.Null, ExitError
	}
	return stackref.FromObject(v), ExitNext
}

// Call calls f with positional args.
func (e *Eval) Call(f objects.Object, args []objects.Object) (objects.Object, error) {
	fn, ok := f.(*objects.Function)
	if !ok {
		return objects.Call(f, args, nil)
	}
	code := fn.Code.(*Code)
	if len(args) != code.ArgCount {
		return nil, objects.NewException(objects.TypeErrorType, "%s() takes %d positional arguments but %d were given",
			code.Name, code.ArgCount, len(args))
	}
	frame := NewFrame(code, fn.Globals, nil)
	if e.Frame != nil {
		frame.Builtins = e.Frame.Builtins // one builtins namespace per program, as CPython's interpreter has
	}
	frame.Func = stackref.FromObject(fn)
	for i, a := range args {
		frame.Locals[i] = stackref.FromObject(a)
	}
	return e.Run(frame)
}

// op_SET_FUNCTION_ATTRIBUTE sets the function attribute oparg names (MAKE_FUNCTION_DEFAULTS 1,
// KWDEFAULTS 2, ANNOTATIONS 4, CLOSURE 8, ANNOTATE 16) to attr; CPython stores through a byte
// offset into the function struct.
func op_SET_FUNCTION_ATTRIBUTE(e *Eval, oparg uint32, attrSt stackref.Ref, funcIn stackref.Ref) (funcOut stackref.Ref, exit Exit) {
	fn, attr := funcIn.AsObject().(*objects.Function), attrSt.AsObject()
	switch oparg {
	case 1:
		fn.Defaults = attr.(*objects.Tuple)
	case 2:
		fn.KwDefaults = attr.(*objects.Dict)
	case 8:
		fn.Closure = attr.(*objects.Tuple)
	default:
		panic(&Unsupported{"annotations"})
	}
	return funcIn, ExitNext
}
