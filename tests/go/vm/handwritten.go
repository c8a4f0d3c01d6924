package vm

import (
	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// The ops mapping.toml lists under [bodies] handwritten, each with its reason there.

// op_MAYBE_INSTRUMENT re-instruments the code when sys.monitoring changed; this runtime has
// no monitoring, so there is never anything to do.
func op_MAYBE_INSTRUMENT(e *Eval, oparg uint32) (exit Exit) { return ExitNext }

// op_SET_FUNCTION_ATTRIBUTE sets the function attribute oparg names (MAKE_FUNCTION_DEFAULTS 1,
// KWDEFAULTS 2, ANNOTATIONS 4, CLOSURE 8, ANNOTATE 16) to attr; CPython stores through a byte
// offset into the function struct (_Py_FunctionAttributeOffsets), Go has named fields.
// CPython: Python/bytecodes.c SET_FUNCTION_ATTRIBUTE
func op_SET_FUNCTION_ATTRIBUTE(e *Eval, oparg uint32, attrSt stackref.Ref, funcIn stackref.Ref) (funcOut stackref.Ref, exit Exit) {
	fn, attr := funcIn.AsObject().(*objects.Function), attrSt.AsObject()
	switch oparg {
	case 1:
		fn.Defaults = attr.(*objects.Tuple)
	case 2:
		fn.KwDefaults = attr.(*objects.Dict)
	case 4:
		fn.Annotations = attr
	case 8:
		fn.Closure = attr.(*objects.Tuple)
	case 16:
		fn.Annotate = attr
		if a, ok := attr.(*objects.Function); ok { // gh-137814: the __annotate__ function's qualname
			a.Qualname = fn.Qualname + ".__annotate__"
		}
	}
	return funcIn, ExitNext
}

// DoRaise raises exc (a class is instantiated), with cause as __cause__; exc nil re-raises the
// exception being handled (a bare `raise`): 1 then, 0 otherwise (the exception is set either way).
// CPython: Python/ceval.c do_raise
func (e *Eval) DoRaise(ts *Eval, exc, cause objects.Object) int {
	if exc == nil {
		handled := e.topmostException()
		if handled == nil {
			e.raise(objects.NewException(objects.RuntimeErrorType, "No active exception to reraise"))
			return 0
		}
		e.exc = handled
		return 1
	}
	value, ok := raisable(e, exc, "exceptions must derive from BaseException")
	if !ok {
		return 0
	}
	if cause != nil {
		var fixed *objects.Exception
		if cause != objects.Object(objects.None) {
			if fixed, ok = raisable(e, cause, "exception causes must derive from BaseException"); !ok {
				return 0
			}
		}
		value.Cause, value.SuppressContext = fixed, true
	}
	e.setObject(value)
	return 0
}

// raisable is o as `raise` takes it, or false with the TypeError (notException) or the error of
// instantiating it raised.
func raisable(e *Eval, o objects.Object, notException string) (*objects.Exception, bool) {
	x, err := instantiate(e, o)
	if err == nil && x == nil {
		err = objects.NewException(objects.TypeErrorType, "%s", notException)
	}
	if err != nil {
		e.raise(err)
		return nil, false
	}
	return x, true
}

// instantiate is an exception instance as `raise` takes it: the instance itself, or a call of
// the class with no arguments; nil for what is neither.
func instantiate(e *Eval, o objects.Object) (*objects.Exception, error) {
	switch v := o.(type) {
	case *objects.Exception:
		return v, nil
	case *objects.Type:
		if !objects.IsSubtype(v, objects.BaseExceptionType) {
			return nil, nil
		}
		r, err := e.CallObject(v, nil, nil)
		if err != nil {
			return nil, err
		}
		x, ok := r.(*objects.Exception)
		if !ok {
			return nil, objects.NewException(objects.TypeErrorType,
				"calling %s should have returned an instance of BaseException, not %s", v.Name, r.Type().Name)
		}
		return x, nil
	}
	return nil, nil
}

// setObject raises value with the exception being handled as its __context__, unless that would
// make a cycle (_PyErr_SetObject).
// CPython: Python/errors.c _PyErr_SetObject
func (e *Eval) setObject(value *objects.Exception) {
	if handled, ok := e.topmostException().(*objects.Exception); ok && handled != value {
		// Cut the chain where it would come back to value (CPython's cycle check).
		for o := handled; o != nil; o = o.Context {
			if o.Context == value {
				o.Context = nil
				break
			}
		}
		value.Context = handled
	}
	e.exc = value
}
