package vm

import (
	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// Generator is a generator or coroutine object (CPython's PyGenObject and PyCoroObject): it owns
// its frame, which RETURN_GENERATOR copied out of the frame of the call, and which SEND_GEN,
// FOR_ITER_GEN and send() run in the eval loop until YIELD_VALUE or the return.
type Generator struct {
	IFrame     Frame   // gi_iframe: the generator's own frame
	FrameState int8    // gi_frame_state
	ExcState   ExcInfo // gi_exc_state: the exception being handled inside the generator
	Name       string  // gi_name
	Qualname   string  // gi_qualname
	typ        *objects.Type
	returned   objects.Object // the value of the last return, for next()'s StopIteration
	// slots hold a small frame's locals and stack, in the generator's own allocation, as
	// CPython's generator object ends with its frame's localsplus (a larger frame gets an array)
	slots [genFrameSlots]stackref.Ref
}

// genFrameSlots is how many slots of locals and stack a generator keeps in itself: most
// generator and coroutine frames need fewer.
const genFrameSlots = 8

// ReturnValue is what the generator returned last (objects.Returner).
func (g *Generator) ReturnValue() objects.Object { return g.returned }

// The generator frame states (CPython's PyFrameState).
const (
	FrameCreated            int8 = -3
	FrameSuspended          int8 = -2
	FrameSuspendedYieldFrom int8 = -1
	FrameExecuting          int8 = 0
	FrameCompleted          int8 = 1
	FrameCleared            int8 = 4
)

// The code flags that make a function return a generator or coroutine (co_flags).
const (
	coGenerator      = 0x20
	coCoroutine      = 0x80
	coIterableCoro   = 0x100
	coAsyncGenerator = 0x200
)

var (
	GeneratorType = &objects.Type{Name: "generator", Base: objects.ObjectType}
	CoroutineType = &objects.Type{Name: "coroutine", Base: objects.ObjectType}
)

func init() {
	builtinTypes[GeneratorType.Name] = GeneratorType
	builtinTypes[CoroutineType.Name] = CoroutineType
}

func (g *Generator) Type() *objects.Type { return g.typ }

// MakeCoro makes the generator or coroutine of a call of func, whose frame RETURN_GENERATOR then
// copies into it.
// CPython: Objects/genobject.c _Py_MakeCoro
func (e *Eval) MakeCoro(fn objects.Object) objects.Object {
	f := fn.(*objects.Function)
	flags := f.Code.(*Code).Flags
	g := &Generator{Name: f.Name, Qualname: f.Qualname, typ: GeneratorType}
	switch {
	case flags&coCoroutine != 0:
		g.typ = CoroutineType
	case flags&coAsyncGenerator != 0:
		unsupported("async generators")
	}
	g.IFrame.gen = g
	g.IFrame.Owner = FrameOwnedByGenerator
	return g
}

// GenFromFrame is the generator that owns f (_PyGen_GetGeneratorFromFrame).
func (e *Eval) GenFromFrame(f *Frame) objects.Object { return f.gen }

// GenCheckExact, GenCheck and CoroCheckExact are PyGen_CheckExact, PyGen_Check, PyCoro_CheckExact.
func (e *Eval) GenCheckExact(o objects.Object) bool  { return exactly(o, GeneratorType) }
func (e *Eval) GenCheck(o objects.Object) bool       { return exactly(o, GeneratorType) }
func (e *Eval) CoroCheckExact(o objects.Object) bool { return exactly(o, CoroutineType) }
func (e *Eval) StackRefGenCheck(r stackref.Ref) bool { return e.GenCheck(r.AsObject()) }

// send resumes g with arg (or with exc raised at its suspension point) and runs it until it
// yields (done false) or returns (done true, with its return value), or raises.
// CPython: Objects/genobject.c gen_send_ex2
func (g *Generator) send(e *Eval, arg objects.Object, exc objects.Object) (v objects.Object, done bool, err error) {
	switch {
	case g.FrameState == FrameCreated && arg != objects.Object(objects.None) && exc == nil:
		return nil, false, typeError("can't send non-None value to a just-started %s", g.typ.Name)
	case g.FrameState == FrameExecuting:
		return nil, false, objects.NewException(objects.ValueErrorType, "%s already executing", g.typ.Name)
	case g.FrameState >= FrameCompleted:
		if g.typ == CoroutineType && exc == nil {
			return nil, false, objects.NewException(objects.RuntimeErrorType, "cannot reuse already awaited coroutine")
		}
		if exc != nil {
			return nil, false, exc.(error)
		}
		return objects.None, true, nil
	}
	f := &g.IFrame
	f.StackPush(stackref.FromObject(arg))
	g.ExcState.PreviousItem = e.ExcInfo
	e.ExcInfo = &g.ExcState
	g.FrameState = FrameExecuting
	if e.enterRecursivePy() {
		e.LeaveRecursiveCallPy(e)
		return nil, false, e.takeError()
	}
	var result objects.Object
	if exc != nil {
		result, err = e.evalFrameThrow(f, exc)
	} else {
		result, err = e.evalFrame(f)
	}
	if err != nil {
		return nil, false, err
	}
	if g.FrameState == FrameSuspended || g.FrameState == FrameSuspendedYieldFrom {
		return result, false, nil
	}
	return result, true, nil
}

// Next is next(g): the next yielded value, or ok false when g returned.
// CPython: Objects/genobject.c gen_iternext
func (g *Generator) Next() (objects.Object, bool, error) {
	if g.typ != GeneratorType {
		return nil, false, typeError("'%s' object is not an iterator", g.typ.Name)
	}
	v, done, err := g.send(current, objects.None, nil)
	g.returned = nil
	if err != nil || done {
		if done {
			g.returned = v
		}
		return nil, false, err
	}
	return v, true, nil
}

// Attr gives a generator's methods: send, close, and its names.
func (g *Generator) Attr(name string) (objects.Object, bool, error) {
	switch name {
	case "send":
		return &objects.Builtin{Name: "send", Self: g, Fn: func(args []objects.Object, kw []string) (objects.Object, error) {
			if len(args) != 1 || len(kw) != 0 {
				return nil, typeError("%s.send() takes exactly one argument (%d given)", g.typ.Name, len(args))
			}
			v, done, err := g.send(current, args[0], nil)
			if err != nil {
				return nil, err
			}
			if done {
				return nil, stopIteration(v)
			}
			return v, nil
		}}, true, nil
	case "close":
		return &objects.Builtin{Name: "close", Self: g, Fn: func(args []objects.Object, kw []string) (objects.Object, error) {
			if len(args) != 0 || len(kw) != 0 {
				return nil, typeError("%s.close() takes no arguments (%d given)", g.typ.Name, len(args))
			}
			return g.close(current)
		}}, true, nil
	case "throw":
		return &objects.Builtin{Name: "throw", Self: g, Fn: func(args []objects.Object, kw []string) (objects.Object, error) {
			if len(args) < 1 || len(args) > 3 || len(kw) != 0 {
				return nil, typeError("throw expected at least 1 argument, got %d", len(args))
			}
			return g.throw(current, args)
		}}, true, nil
	case "__name__":
		return objects.NewStr(g.Name), true, nil
	case "__qualname__":
		return objects.NewStr(g.Qualname), true, nil
	}
	return nil, false, nil
}

// stopIteration is StopIteration(value), or a bare StopIteration for None.
// CPython: Objects/genobject.c _PyGen_SetStopIterationValue
func stopIteration(v objects.Object) error {
	if v == objects.Object(objects.None) {
		return objects.NewExceptionArgs(objects.StopIterationType)
	}
	return objects.NewExceptionArgs(objects.StopIterationType, v)
}

// StopIterationValue is a StopIteration's value (((PyStopIterationObject *)exc)->value).
func (e *Eval) StopIterationValue(exc objects.Object) objects.Object {
	return objects.StopIterationValue(exc.(*objects.Exception))
}

// FetchStopIterationValue takes the value of the StopIteration being raised, or None when
// nothing is raised: 0; -1 with any other exception left raised.
// CPython: Objects/genobject.c _PyGen_FetchStopIterationValue
func (e *Eval) FetchStopIterationValue(out *objects.Object) int {
	switch {
	case e.fault != nil:
		return -1
	case e.exc == nil:
		*out = objects.None
		return 0
	case objects.ExceptionMatches(e.exc, objects.StopIterationType):
		*out = e.StopIterationValue(e.exc)
		e.exc = nil
		return 0
	}
	return -1
}

// IterCheck is PyIter_Check: an object with a __next__ (a coroutine has none).
func (e *Eval) IterCheck(o objects.Object) bool {
	if g, ok := o.(*Generator); ok {
		return g.typ == GeneratorType
	}
	_, ok := o.(objects.Iterator)
	return ok
}

// GetAwaitable is the iterator `await o` drives: a coroutine itself (one no other await is
// driving), a generator marked as an iterable coroutine; anything else cannot be awaited here.
// CPython: Python/ceval.c _PyEval_GetAwaitable, Objects/genobject.c _PyCoro_GetAwaitableIter
func (e *Eval) GetAwaitable(o objects.Object, where int) objects.Object {
	g, ok := o.(*Generator)
	switch {
	case ok && g.typ == CoroutineType:
		if g.FrameState == FrameSuspendedYieldFrom { // _PyGen_yf: it is awaiting something itself
			return e.fail(objects.NewException(objects.RuntimeErrorType, "coroutine is being awaited already"))
		}
		return g
	case ok && g.IFrame.CodeObj != nil && g.IFrame.CodeObj.Flags&coIterableCoro != 0:
		return g
	}
	if where != 0 {
		unsupported("async with")
	}
	// No type of this runtime has __await__ (classes would look it up here).
	return e.fail(typeError("'%s' object can't be awaited", o.Type().Name))
}

// CallMethodOneArg is o.name(arg) (PyObject_CallMethodOneArg).
func (e *Eval) CallMethodOneArg(o, name, arg objects.Object) objects.Object {
	m := e.GetAttr(o, name)
	if m == nil {
		return nil
	}
	return e.result(e.CallObject(m, []objects.Object{arg}, nil))
}

// stopIterationError turns a StopIteration raised inside a generator into the RuntimeError
// CPython raises for it (INTRINSIC_STOPITERATION_ERROR); any other exception stays.
// CPython: Python/intrinsics.c stopiteration_error
func (e *Eval) stopIterationError(exc objects.Object) objects.Object {
	x, ok := exc.(*objects.Exception)
	if !ok || !objects.IsSubtype(x.Class, objects.StopIterationType) {
		return exc
	}
	what := "generator"
	if e.Frame.CodeObj.Flags&coCoroutine != 0 {
		what = "coroutine"
	}
	err := objects.NewException(objects.RuntimeErrorType, "%s raised StopIteration", what)
	err.Cause, err.Context = x, x
	return err
}

// throw raises an exception in g where it is suspended, and gives what g yields next.
// CPython: Objects/genobject.c gen_throw, _gen_throw
func (g *Generator) throw(e *Eval, args []objects.Object) (objects.Object, error) {
	typ := args[0]
	if len(args) > 1 && args[1] != objects.Object(objects.None) {
		if _, isClass := typ.(*objects.Type); isClass { // throw(type, value): the value is the argument
			v, err := e.CallObject(typ, args[1:2], nil)
			if err != nil {
				return nil, err
			}
			typ = v
		}
	}
	exc, err := instantiate(e, typ)
	if err != nil {
		return nil, err
	}
	if exc == nil {
		return nil, typeError("exceptions must be classes or instances deriving from BaseException, not %s", typ.Type().Name)
	}
	v, done, err := g.throwExc(e, exc, true)
	if err != nil {
		return nil, err
	}
	if done {
		return nil, stopIteration(v)
	}
	return v, nil
}

// throwExc raises exc in g. A generator suspended in `yield from` (or `await`) passes it to the
// iterator it delegates to first: what that one yields, g yields; what it raises (its
// StopIteration included) is raised in g, where the bytecode's CLEANUP_THROW handler takes it.
// CPython: Objects/genobject.c _gen_throw
func (g *Generator) throwExc(e *Eval, exc *objects.Exception, closeOnGenExit bool) (objects.Object, bool, error) {
	if g.FrameState == FrameSuspendedYieldFrom {
		yf := g.IFrame.Stack[g.IFrame.SP-1].AsObject()
		state := g.FrameState
		g.FrameState = FrameExecuting
		var err error
		if closeOnGenExit && objects.IsSubtype(exc.Class, objects.GeneratorExitType) {
			err = closeIter(e, yf)
		} else if sub, ok := yf.(*Generator); ok {
			var v objects.Object
			var done bool
			v, done, err = sub.throwExc(e, exc, closeOnGenExit)
			if err == nil && !done {
				g.FrameState = state
				return v, false, nil
			}
			if err == nil {
				err = stopIteration(v)
			}
		} else {
			err = exc // an iterator of the object model has no throw(): raise it here
		}
		g.FrameState = state
		if err != nil {
			x, ok := err.(*objects.Exception)
			if !ok {
				return nil, false, err
			}
			exc = x
		}
	}
	return g.send(e, objects.None, exc)
}

// closeIter closes the iterator a generator delegates to (gen_close_iter).
func closeIter(e *Eval, yf objects.Object) error {
	if sub, ok := yf.(*Generator); ok {
		_, err := sub.close(e)
		return err
	}
	return nil // the object model's iterators have no close()
}

// close raises GeneratorExit in g where it is suspended: None when g lets it end g, g's return
// value when g returns, a RuntimeError when g yields again.
// CPython: Objects/genobject.c gen_close
func (g *Generator) close(e *Eval) (objects.Object, error) {
	switch {
	case g.FrameState == FrameCreated:
		g.FrameState = FrameCompleted
		return objects.None, nil
	case g.FrameState >= FrameCompleted:
		return objects.None, nil
	}
	thrown := objects.NewExceptionArgs(objects.GeneratorExitType)
	if g.FrameState == FrameSuspendedYieldFrom {
		state := g.FrameState
		g.FrameState = FrameExecuting
		err := closeIter(e, g.IFrame.Stack[g.IFrame.SP-1].AsObject())
		g.FrameState = state
		if err != nil {
			x, ok := err.(*objects.Exception)
			if !ok {
				return nil, err
			}
			thrown = x // closing the delegate failed: that error is raised in g instead
		}
	}
	v, done, err := g.send(e, objects.None, thrown)
	switch {
	case err != nil:
		if x, ok := err.(*objects.Exception); ok && objects.IsSubtype(x.Class, objects.GeneratorExitType) {
			return objects.None, nil
		}
		return nil, err
	case !done:
		return nil, objects.NewException(objects.RuntimeErrorType, "%s ignored GeneratorExit", g.typ.Name)
	}
	return v, nil
}

// tracebackType is the type of the placeholder a raised exception's traceback is here: the
// runtime keeps no tracebacks, so anything but its identity is unsupported (missingAttribute).
var tracebackType = &objects.Type{Name: "traceback", Base: objects.ObjectType}

type traceback struct{}

func (*traceback) Type() *objects.Type { return tracebackType }

// ExceptionTraceback is a raised exception's __traceback__ (PyException_GetTraceback).
func (e *Eval) ExceptionTraceback(exc objects.Object) objects.Object { return &traceback{} }

// IsTaggedInt reports the int a handler's lasti is kept as (PyStackRef_IsTaggedInt).
func (e *Eval) IsTaggedInt(r stackref.Ref) bool { return exactly(r.AsObject(), objects.IntType) }
