// Package vm is the test runtime casesgen's generated interpreter runs on: the hand-written
// part of a tiny gopy. The generated files (eval_dispatch_gen.go, op_signatures_gen.go,
// op_bodies_gen.go, runtime_api_gen.go) reach this code only through the names that
// pyproject.toml's [tool.casesgen.go] and mapping.toml give them.
package vm

import (
	"fmt"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// Code is a code object as CPython 3.14 compiled it (see load.go).
type Code struct {
	Name, Qualname, Filename string
	Units                    []uint16 // co_code as (opcode | oparg<<8) code units
	Consts, Names            *objects.Tuple
	LocalsPlusNames          []string
	LocalsPlusKinds          []byte
	ArgCount                 int
	StackSize                int
	Flags                    int
	ExceptionTable           []byte
	Executors                []*Executor // the traces ENTER_EXECUTOR instructions run (co_executors)
	InstrumentationVersion   uintptr     // _co_instrumentation_version: no monitoring, always 0
	quickened                bool
}

// Frame is one activation of a code object: what the generated harness reads and writes.
type Frame struct {
	Code      []uint16 // the code units, quickened in place by the specializer
	Stack     []stackref.Ref
	SP        int // number of items on Stack
	InstrPtr  int // index of the instruction being run (CPython's frame->instr_ptr)
	NextInstr int // index of the next one (next_instr)
	Locals    []stackref.Ref
	Consts    objects.Object
	Names     objects.Object
	Globals   *objects.Dict
	Builtins  *objects.Dict
	LocalsNS  *objects.Dict // the namespace of module-level code, nil in a function
	CodeObj   *Code
	Func      stackref.Ref // the function being run (frame->f_funcobj), Null for module code
	Result    stackref.Ref // what RETURN_VALUE returned
}

// Eval is the thread state: the running frame and the raised exception.
type Eval struct {
	Frame *Frame
	exc   objects.Object // CPython's tstate->current_exception
	fault error          // a failure of the runtime itself (not translated, unsupported)
	depth int

	Tracing       int                     // tstate->tracing: this runtime never traces
	EvalBreaker   uintptr                 // tstate->eval_breaker: no signals, no GC requests, no monitoring
	EvalFrameHook func()                  // interp->eval_frame: no PEP 523 frame evaluator is ever installed
	ExcInfo       *ExcInfo                // tstate->exc_info: the exception being handled
	PrevInstr     int                     // prev_instr: only instrumentation reads it
	Deopts        int                     // guard failures so far (what CPython's UPDATE_MISS_STATS counts)
	uop           *compile.UOpInstruction // the trace micro-op running in tier 2
	Hand          bool                    // run frames with runFrameHand (handswitch.go), benchmarks/vm.py's reference loop
	HandTrace     bool                    // run traces with runTraceHand (handtrace.go), benchmarks/tier2.py's reference executor
}

// Unsupported is the error of an operation the test runtime does not have.
type Unsupported struct{ What string }

func (u *Unsupported) Error() string { return "unsupported in the test runtime: " + u.What }

// NotTranslatedError is the error of an op whose body casesgen could not translate.
type NotTranslatedError struct{ Op, Reason string }

func (n *NotTranslatedError) Error() string {
	return fmt.Sprintf("%s: not translated: %s", n.Op, n.Reason)
}

// NewFrame makes a frame for code with the given globals (and, for module code, locals), and a
// new builtins namespace (a call shares its caller's).
func NewFrame(code *Code, globals *objects.Dict, locals *objects.Dict) *Frame {
	return &Frame{
		Code:     code.Units, // shared by every frame: the specializer rewrites the code object itself
		Stack:    make([]stackref.Ref, code.StackSize),
		Locals:   make([]stackref.Ref, len(code.LocalsPlusNames)),
		Consts:   code.Consts,
		Names:    code.Names,
		Globals:  globals,
		Builtins: objects.Builtins(),
		LocalsNS: locals,
		CodeObj:  code,
	}
}

// Run executes f to its end and returns its result, or the exception it raised. A feature
// this runtime lacks ends the run with its *Unsupported error.
func (e *Eval) Run(f *Frame) (result objects.Object, err error) {
	if !f.CodeObj.quickened {
		Quicken(f.Code)
		f.CodeObj.quickened = true
	}
	saved := e.Frame
	e.Frame = f
	e.depth++
	defer func() {
		e.Frame = saved
		e.depth--
		if r := recover(); r != nil {
			u, ok := r.(*Unsupported)
			if !ok {
				panic(r)
			}
			result, err = nil, u
		}
	}()
	if e.depth > 200 {
		e.raise(objects.NewException(objects.RecursionErrorType, "maximum recursion depth exceeded"))
		return nil, e.takeError()
	}
	var exit Exit
	if e.Hand {
		exit = e.runFrameHand(f)
	} else {
		exit = e.runFrame(f)
	}
	if exit == ExitReturn {
		return f.Result.AsObject(), nil
	}
	return nil, e.takeError()
}

func (e *Eval) takeError() error {
	if e.fault != nil {
		err := e.fault
		e.fault = nil
		return err
	}
	if exc, ok := e.exc.(*objects.Exception); ok {
		e.exc = nil
		return exc
	}
	return fmt.Errorf("frame failed with no exception set")
}

// raise sets the current exception (CPython's _PyErr_SetRaisedException).
func (e *Eval) raise(err error) {
	if exc, ok := err.(*objects.Exception); ok {
		e.exc = exc
		return
	}
	e.fault = err
}

// --- what the harness calls (asserted in runtime_api_gen.go) ---------------------------------

// HandleException looks the raising instruction up in the exception table; with a handler,
// it unwinds the stack to the handler's depth, pushes the exception and jumps there.
func (e *Eval) HandleException(f *Frame) bool {
	if e.fault != nil || e.exc == nil {
		return false
	}
	h, ok := findHandler(f.CodeObj.ExceptionTable, f.InstrPtr)
	if !ok {
		return false
	}
	for f.SP > h.depth {
		f.SP--
		f.Stack[f.SP] = stackref.Null
	}
	if h.lasti {
		f.Stack[f.SP] = stackref.FromObject(objects.NewInt(int64(f.InstrPtr)))
		f.SP++
	}
	f.Stack[f.SP] = stackref.FromObject(e.exc)
	f.SP++
	e.exc = nil
	f.NextInstr = h.target
	return true
}

// RecordDeopt counts a guard failure of the specialized instruction op at instr.
func (e *Eval) RecordDeopt(instr int, op compile.Opcode) { e.Deopts++ }

// UnknownOpcode fails on an opcode the loop has no arm for.
func (e *Eval) UnknownOpcode(f *Frame, op int) Exit {
	e.fault = fmt.Errorf("%s:%d: unknown opcode %d", f.CodeObj.Filename, f.InstrPtr, op)
	return ExitError
}

// NotTranslated is what the stub of an untranslated body returns.
func (e *Eval) NotTranslated(op, reason string) Exit {
	e.fault = &NotTranslatedError{op, reason}
	return ExitError
}

// ReadCacheObject reads an object a specializer stored in the inline cache; this runtime's
// specializer stores none.
func (e *Eval) ReadCacheObject(code []uint16, i int) objects.Object {
	e.fault = &Unsupported{"object pointers in inline caches"}
	return nil
}

// WrapFrame puts a frame pointer on the value stack; frames are Go calls here.
func (e *Eval) WrapFrame(f *Frame) stackref.Ref {
	e.fault = &Unsupported{"frames on the value stack"}
	return stackref.Null
}

// UnwrapFrame takes a frame pointer off the value stack; frames are Go calls here.
func (e *Eval) UnwrapFrame(r stackref.Ref) *Frame {
	e.fault = &Unsupported{"frames on the value stack"}
	return nil
}

// NewEval is a thread state with nothing raised and nothing being handled.
func NewEval() *Eval { return &Eval{ExcInfo: &ExcInfo{}} }

// SetCurrentUop tells the bodies which trace micro-op runs (CURRENT_OPERAND0(), CURRENT_TARGET()).
func (e *Eval) SetCurrentUop(u *compile.UOpInstruction) { e.uop = u }

// UnknownUop fails on a micro-op the executor has no case for.
func (e *Eval) UnknownUop(f *Frame, op int) Exit {
	e.fault = fmt.Errorf("unknown micro-op %d", op)
	return ExitError
}

// OperandObject is an object an optimizer stored in a trace operand; this runtime stores none.
func (e *Eval) OperandObject(v uint64) objects.Object {
	panic(&Unsupported{"object pointers in trace operands"})
}
