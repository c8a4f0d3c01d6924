// Package vm is the test runtime casesgen's generated interpreter runs on: the hand-written
// part of a tiny gopy. The generated files (eval_dispatch_gen.go, op_signatures_gen.go,
// op_bodies_gen.go, runtime_api_gen.go) reach this code only through the names that
// pyproject.toml's [tool.casesgen.go] and mapping.toml give them.
package vm

import (
	"fmt"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
)

// Code is a code object as CPython 3.14 compiled it (see load.go).
type Code struct {
	Name, Qualname, Filename string
	Units                    []uint16 // co_code as (opcode | oparg<<8) code units
	Consts, Names            *objects.Tuple
	LocalsPlusNames          []string
	LocalsPlusKinds          []byte
	ArgCount                 int // co_argcount: positional parameters, the positional-only ones included
	PosOnlyArgCount          int // co_posonlyargcount
	KwOnlyArgCount           int // co_kwonlyargcount
	StackSize                int
	FrameSize                int    // co_framesize: localsplus and stack, in stack slots
	Version                  uint32 // co_version: the version its functions start with (_PyFunction_SetVersion)
	Flags                    int
	ExceptionTable           []byte
	Executors                []*Executor // the traces ENTER_EXECUTOR instructions run (co_executors)
	// cacheObjects are the objects its specializers stored in its inline caches, and its traces
	// in their operands, by the reference number those hold (cacheRef).
	cacheObjects           []objects.Object
	InstrumentationVersion uintptr // _co_instrumentation_version: no monitoring, always 0
	quickened              bool
}

// Eval is the thread state (CPython's PyThreadState): the running frame, the frame stack, the
// raised exception and the exception being handled.
type Eval struct {
	Frame *Frame         // tstate->current_frame
	exc   objects.Object // CPython's tstate->current_exception
	fault error          // a failure of the runtime itself (not translated, unsupported)
	digit [1]uint32      // a compact int's ob_digit, as LongDigits hands it out

	entryFrames []*Frame // the entry frames of nested eval loops, by depth (pushEntryFrame)
	entryDepth  int      // the eval loops running

	frames             frameStack     // the thread's data stack of frames (frame.go)
	RecursionRemaining int            // tstate->py_recursion_remaining
	evalResult         objects.Object // what INTERPRETER_EXIT returned
	commonConsts       []objects.Object
	commonFrom         *objects.Dict              // the builtins commonConsts were taken from
	modules            map[string]*objects.Module // sys.modules: the builtin modules imported so far

	Tracing       int                     // tstate->tracing: this runtime never traces
	EvalBreaker   uintptr                 // tstate->eval_breaker: no signals, no GC requests, no monitoring
	EvalFrameHook func()                  // interp->eval_frame: no PEP 523 frame evaluator is ever installed
	ExcInfo       *ExcInfo                // tstate->exc_info: the exception being handled
	PrevInstr     int                     // prev_instr: only instrumentation reads it
	Deopts        int                     // guard failures so far (what CPython's UPDATE_MISS_STATS counts)
	Stats         Stats                   // per-opcode counts (stats.go)
	uop           *compile.UOpInstruction // the trace micro-op running in tier 2
	running       *Executor               // the executor a trace runs in (the tier-2 interpreter's current_executor)
	Hand          bool                    // run frames with runFrameHand (handswitch.go), benchmarks/vm.py's reference loop
	HandTrace     bool                    // run traces with runTraceHand (handtrace.go), benchmarks/tier2.py's reference executor
	// JIT is interp->jit: JUMP_BACKWARD specializes to JUMP_BACKWARD_JIT, whose hot loops run as
	// traces in tier 2 (vm-diff --tier2).
	JIT bool
	// CurrentExecutor is tstate->current_executor: the executor a trace runs in, nil in tier 1.
	CurrentExecutor objects.Object
	// funcVersions is interp->func_state.func_version_cache (FunctionLookupByVersion).
	funcVersions [funcVersionCacheSize]*objects.Function
}

// RecursionLimit is sys.getrecursionlimit()'s default (Py_DEFAULT_RECURSION_LIMIT).
const RecursionLimit = 1000

// Unsupported is the error of an operation the test runtime does not have (the object model's).
type Unsupported = objects.Unsupported

// NotTranslatedError is the error of an op whose body casesgen could not translate.
type NotTranslatedError struct{ Op, Reason string }

func (n *NotTranslatedError) Error() string {
	return fmt.Sprintf("%s: not translated: %s", n.Op, n.Reason)
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

// RecordDeopt counts a guard failure of the specialized instruction op at instr.
func (e *Eval) RecordDeopt(instr int, op compile.Opcode) {
	e.Deopts++
	e.Stats.Deopts[op]++
}

// UnknownOpcodeError is the failure of a loop with no arm for an opcode.
type UnknownOpcodeError struct {
	Where  string
	Opcode int
}

func (u *UnknownOpcodeError) Error() string {
	return fmt.Sprintf("%s: unknown opcode %d", u.Where, u.Opcode)
}

// UnknownOpcode fails on an opcode the loop has no arm for.
func (e *Eval) UnknownOpcode(f *Frame, op int) Exit {
	e.fault = &UnknownOpcodeError{fmt.Sprintf("%s:%d", f.CodeObj.Filename, f.InstrPtr), op}
	return ExitError
}

// NotTranslated is what the stub of an untranslated body returns.
func (e *Eval) NotTranslated(op, reason string) Exit {
	e.fault = &NotTranslatedError{op, reason}
	return ExitError
}

// ReadCacheObject reads the reference number of an object a specializer stored in the four
// cache cells from code[i] on, where the cache has no typed view of that field (the running
// frame's code: the one these cells are in).
func (e *Eval) ReadCacheObject(code []uint16, i int) objects.Object {
	return e.CacheObject(uint64(code[i]) | uint64(code[i+1])<<16 | uint64(code[i+2])<<32 | uint64(code[i+3])<<48)
}

// NewEval is a thread state with nothing raised and nothing being handled.
func NewEval() *Eval { return &Eval{ExcInfo: &ExcInfo{}, RecursionRemaining: RecursionLimit} }

// SetCurrentUop tells the bodies which trace micro-op runs (CURRENT_OPERAND0(), CURRENT_TARGET()).
func (e *Eval) SetCurrentUop(u *compile.UOpInstruction) { e.uop = u }

// UnknownUopError is the failure of an executor with no case for a micro-op (the hand-written
// reference executor covers only the micro-ops of the benchmark's traces).
type UnknownUopError struct{ Uop int }

func (u *UnknownUopError) Error() string { return fmt.Sprintf("unknown micro-op %d", u.Uop) }

// UnknownUop fails on a micro-op the executor has no case for.
func (e *Eval) UnknownUop(f *Frame, op int) Exit {
	e.fault = &UnknownUopError{op}
	return ExitError
}

// CurrentOperand0 is the running trace micro-op's operand0 (CURRENT_OPERAND0()).
func (e *Eval) CurrentOperand0() uint64 { return e.uop.Operand0 }

// codeUnit is a trace operand that CPython holds as a pointer to an instruction (_SET_IP's
// instr_ptr): the instruction's index in its code, kept as an object under a reference number.
type codeUnit struct{ index int }

func (codeUnit) Type() *objects.Type { return objects.ObjectType }

// CodeUnitIndex is the instruction index a codeUnit operand holds ((_Py_CODEUNIT *)instr_ptr).
func (e *Eval) CodeUnitIndex(o objects.Object) int { return o.(codeUnit).index }

// OperandObject is an object a trace operand holds: a reference number in the code of the loop
// the running trace belongs to (ProjectLoop gives the objects of a callee's caches a number there).
func (e *Eval) OperandObject(v uint64) objects.Object {
	if o := e.running.code.cacheObject(v); o != nil {
		return o
	}
	panic(&Unsupported{What: "object pointers in trace operands"})
}
