package vm

import (
	"fmt"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/stackref"
)

// Frame is an interpreter frame (CPython's _PyInterpreterFrame): what the generated harness and
// the translated bodies read and write. Python-to-Python calls push frames on the thread's frame
// stack and run them in the same eval loop; a generator owns its frame (Generator.IFrame).
type Frame struct {
	Code         []uint16       // the code units, quickened in place by the specializer (_PyFrame_GetBytecode)
	Stack        []stackref.Ref // the value stack: LocalsPlus after the locals
	SP           int            // stackpointer, as an index into Stack: saved while another frame runs
	InstrPtr     int            // instr_ptr: the instruction running, or where a suspended frame resumes
	NextInstr    int            // next_instr of the loop, kept in the frame
	Locals       []stackref.Ref // LocalsPlus: fast locals, cells and free variables
	Consts       objects.Object
	Names        objects.Object
	Globals      *objects.Dict
	Builtins     *objects.Dict
	LocalsNS     *objects.Dict // f_locals: the namespace of module and class code, nil in a function
	CodeObj      *Code         // f_executable
	Func         stackref.Ref  // f_funcobj: the function being run, Null for module code
	Previous     *Frame        // previous: the caller, or the entry frame of the eval loop
	ReturnOffset uint16        // return_offset: where the caller resumes, from its instr_ptr
	Owner        uint8         // owner: the thread's stack, a generator, or the eval loop itself

	LocalsPlus []stackref.Ref // localsplus: Locals then Stack, one array (kept for reuse when pooled)
	gen        *Generator     // the generator whose gi_iframe this is
	pooled     bool           // a frame of the thread's frame stack (pushFrame), not made by NewFrame
}

// Frame owners (CPython's _frameowner).
const (
	FrameOwnedByThread      uint8 = 0
	FrameOwnedByGenerator   uint8 = 1
	FrameOwnedByFrameObject uint8 = 2
	FrameOwnedByInterpreter uint8 = 3
)

// frameType is what a frame is when it sits on the value stack (a `new_frame` item).
var frameType = &objects.Type{Name: "_PyInterpreterFrame"}

// Type makes a frame storable in a stack reference, as CPython tags a frame pointer there.
func (*Frame) Type() *objects.Type { return frameType }

// StackPush pushes v onto f's stack (_PyFrame_StackPush).
// CPython: Include/internal/pycore_interpframe.h _PyFrame_StackPush
func (f *Frame) StackPush(v stackref.Ref) {
	f.Stack[f.SP] = v
	f.SP++
}

// initialize sets a frame up to run code for func (or module code: Func Null).
// CPython: Include/internal/pycore_interpframe.h _PyFrame_Initialize
func (f *Frame) initialize(code *Code, fn stackref.Ref, globals, builtins, locals *objects.Dict, previous *Frame) {
	// A frame of the thread's stack that last ran this code (a recursion, a call in a loop) has
	// its layout already: its slots were cleared when it was popped.
	if f.CodeObj != code {
		f.layOut(code)
	}
	f.start(fn, globals, builtins, locals, previous)
}

// layOut gives the frame the slots, code, constants and names of code.
func (f *Frame) layOut(code *Code) {
	n, size := len(code.LocalsPlusNames), code.FrameSize
	// One slot more than the frame needs: an argument slice at the top of a full stack
	// (st[sp:sp]) keeps a capacity, so its pointer stays in the array, where shift(args, -1)
	// finds self_or_null (Go points a slice of capacity 0 at the array's start).
	if cap(f.LocalsPlus) < size+1 {
		f.LocalsPlus = make([]stackref.Ref, size+1, (size+clearChunk)/clearChunk*clearChunk)
	}
	f.LocalsPlus = f.LocalsPlus[:size]
	f.Locals, f.Stack = f.LocalsPlus[:n:n], f.LocalsPlus[n:]
	f.Code, f.Consts, f.Names, f.CodeObj = code.Units, code.Consts, code.Names, code
	if !code.quickened {
		Quicken(code.Units)
		code.quickened = true
	}
}

// start sets what a call gives the frame: the function, its namespaces, the caller; the frame
// begins at its first instruction with an empty stack.
func (f *Frame) start(fn stackref.Ref, globals, builtins, locals *objects.Dict, previous *Frame) {
	f.Globals, f.Builtins, f.LocalsNS, f.Func = globals, builtins, locals, fn
	f.SP, f.InstrPtr, f.NextInstr, f.ReturnOffset = 0, 0, 0, 0
	f.Previous, f.Owner, f.gen = previous, FrameOwnedByThread, nil
}

// clear drops what the frame holds, so that Go's collector may free it
// (_PyFrame_ClearExceptCode).
func (f *Frame) clear() {
	// In whole chunks when the slots' capacity allows (a frame of the thread's stack: layOut
	// rounds it up): Go zeroes a fixed-size array in line, where clear() of memory with pointers
	// calls the runtime, about 60 instructions a call for a small frame.
	if n := (len(f.LocalsPlus) + clearChunk - 1) / clearChunk * clearChunk; n <= cap(f.LocalsPlus) {
		slots := f.LocalsPlus[:n]
		for i := 0; i < n; i += clearChunk {
			*(*[clearChunk]stackref.Ref)(slots[i:]) = [clearChunk]stackref.Ref{}
		}
	} else {
		clear(f.LocalsPlus)
	}
	f.Func, f.Previous, f.LocalsNS, f.gen = stackref.Null, nil, nil, nil
}

// clearChunk is how many slots clear zeroes at a time.
const clearChunk = 8

// NewFrame makes a heap frame for module code with the given globals and locals and a new
// builtins namespace (functions made by its code share it).
func NewFrame(code *Code, globals *objects.Dict, locals *objects.Dict) *Frame {
	f := &Frame{}
	f.initialize(code, stackref.Null, globals, newBuiltins(), locals, nil)
	return f
}

// newBuiltins is the builtins namespace of a program: the object model's builtins, and
// __build_class__, which runs a class body in the running thread state.
func newBuiltins() *objects.Dict {
	b := objects.Builtins()
	_ = b.Set(objects.NewStr("__build_class__"), &objects.Builtin{Name: "__build_class__",
		Fn: func(args []objects.Object, kwnames []string) (objects.Object, error) {
			if current == nil {
				return nil, &Unsupported{What: "a class statement outside the eval loop"}
			}
			return current.buildClass(args, kwnames)
		}})
	return b
}

// frameStack is the thread's data stack of frames (tstate->datastack_*): frames are pushed and
// popped in order, so each level keeps its Frame and its LocalsPlus for the next call at that
// depth, and a call allocates nothing once the stack is warm.
type frameStack struct {
	frames []*Frame
	top    int
}

// reusable is the next frame of the thread's stack when it last ran code, so that a call needs
// only start it (nil otherwise: pushFrame).
func (s *frameStack) reusable(code *Code) *Frame {
	if s.top < len(s.frames) && s.frames[s.top].CodeObj == code {
		s.top++
		return s.frames[s.top-1]
	}
	return nil
}

// pushFrame takes the next frame of the thread's stack for code.
// CPython: Include/internal/pycore_interpframe.h _PyFrame_PushUnchecked (_PyThreadState_PushFrame)
func (e *Eval) pushFrame(code *Code, fn stackref.Ref, globals, builtins, locals *objects.Dict, previous *Frame) *Frame {
	s := &e.frames
	if s.top == len(s.frames) {
		s.frames = append(s.frames, &Frame{})
	}
	f := s.frames[s.top]
	s.top++
	f.initialize(code, fn, globals, builtins, locals, previous)
	f.pooled = true
	return f
}

// PopFrame gives the thread's stack its top frame back, which must be f.
// CPython: Python/pystate.c _PyThreadState_PopFrame
func (e *Eval) PopFrame(ts *Eval, f *Frame) {
	if s := &e.frames; f.pooled { // not module code's frame (NewFrame), which its caller owns
		if s.top == 0 || s.frames[s.top-1] != f {
			panic(notTopFrame{f}) // its message made only then: Go inlines PopFrame into its callers
		}
		s.top--
	}
	f.clear()
}

// notTopFrame is the runtime fault of popping a frame that is not the top of the frame stack.
type notTopFrame struct{ f *Frame }

func (p notTopFrame) Error() string {
	return fmt.Sprintf("PopFrame of %s, which is not the top of the frame stack", p.f.CodeObj.Qualname)
}

// FrameClearAndPop ends a frame: a generator's frame is cleared in place (and the generator's
// exception state unlinked), a thread's frame is cleared and popped.
// CPython: Python/ceval.c _PyEval_FrameClearAndPop (clear_thread_frame, clear_gen_frame)
func (e *Eval) FrameClearAndPop(ts *Eval, f *Frame) {
	if f.Owner == FrameOwnedByThread {
		e.PopFrame(e, f)
		return
	}
	g := f.gen
	g.FrameState = FrameCleared
	e.ExcInfo = g.ExcState.PreviousItem
	g.ExcState.PreviousItem = nil
	g.ExcState.Value = nil
	f.clear()
	f.gen = g // the generator keeps its frame, cleared
}

// FrameCopy copies src into dst, the frame a generator owns; dst gets storage of its own.
// CPython: Include/internal/pycore_interpframe.h _PyFrame_Copy
func (e *Eval) FrameCopy(src, dst *Frame) {
	gen := dst.gen
	*dst = *src
	if n := len(src.LocalsPlus); n+1 <= len(gen.slots) { // the spare slot: see layOut
		dst.LocalsPlus = gen.slots[: n : n+1]
	} else {
		dst.LocalsPlus = make([]stackref.Ref, n, n+1)
	}
	copy(dst.LocalsPlus, src.LocalsPlus)
	n := len(src.Locals)
	dst.Locals, dst.Stack = dst.LocalsPlus[:n:n], dst.LocalsPlus[n:]
	dst.gen, dst.pooled = gen, false // the generator owns it; the thread's stack keeps src
}

// LoadIP sets where the running frame goes on: offset code units after its instr_ptr (LOAD_IP).
func (e *Eval) LoadIP(offset int) { e.Frame.NextInstr = e.Frame.InstrPtr + offset }

// BytecodeStart is the index of a frame's first code unit: code pointers are indices here.
func (e *Eval) BytecodeStart(f *Frame) int { return 0 }

// TagInt and UntagInt keep an int on the value stack, as CPython tags one in a _PyStackRef
// (the lasti a handler re-raises from).
func (e *Eval) TagInt(i int) stackref.Ref { return stackref.FromObject(objects.NewInt(int64(i))) }
func (e *Eval) UntagInt(r stackref.Ref) int {
	v, _ := r.AsObject().(*objects.Int).Int64()
	return int(v)
}

// WrapFrame puts a frame pointer on the value stack (PyStackRef_Wrap).
func (e *Eval) WrapFrame(f *Frame) stackref.Ref { return stackref.FromObject(f) }

// UnwrapFrame takes a frame pointer off the value stack (PyStackRef_Unwrap).
func (e *Eval) UnwrapFrame(r stackref.Ref) *Frame { return r.AsObject().(*Frame) }

// --- entering and leaving frames ---------------------------------------------------------------

// enterRecursivePy counts one more Python frame; it raises RecursionError when there is no room.
// CPython: Include/internal/pycore_ceval.h _Py_EnterRecursivePy, Python/ceval.c _Py_CheckRecursiveCallPy
func (e *Eval) enterRecursivePy() bool {
	e.RecursionRemaining--
	if e.RecursionRemaining < 0 {
		e.raise(objects.NewException(objects.RecursionErrorType, "maximum recursion depth exceeded"))
		return true
	}
	return false
}

// LeaveRecursiveCallPy counts a Python frame less (_Py_LeaveRecursiveCallPy).
func (e *Eval) LeaveRecursiveCallPy(ts *Eval) { e.RecursionRemaining++ }

// DispatchInlined enters new, which the body pushed with the running frame as its previous: the
// loop goes on in it (ExitFrame), or, with no room for another Python frame, new is unwound and
// the RecursionError is the calling instruction's (ExitError).
// CPython: Python/ceval_macros.h DISPATCH_INLINED, bytecodes.c label(start_frame) and label(exit_unwind)
func (e *Eval) DispatchInlined(new *Frame) Exit {
	e.Frame = new
	if e.enterRecursivePy() {
		e.LeaveRecursiveCallPy(e)
		e.Frame = new.Previous
		e.FrameClearAndPop(e, new)
		return ExitError
	}
	return ExitFrame
}

// ExitInterpreter is INTERPRETER_EXIT's `return result`: the eval loop ends with result.
func (e *Eval) ExitInterpreter(result objects.Object) Exit {
	e.evalResult = result
	return ExitReturn
}

// trampoline is the code of the eval loop's entry frame: a frame that returns into it resumes at
// instr_ptr 1 + its return offset, 0 for a return and 2 for a yield, and INTERPRETER_EXIT ends
// the loop. CPython: Python/ceval.c _Py_INTERPRETER_TRAMPOLINE_INSTRUCTIONS
var trampoline = []uint16{
	uint16(compile.NOP), uint16(compile.INTERPRETER_EXIT),
	uint16(compile.NOP), uint16(compile.INTERPRETER_EXIT),
}

// entryLocalsPlus is an entry frame's one local: where CPython's tier 2 keeps the executor that
// entered the eval loop (INTERPRETER_EXIT reads it); this runtime never enters from a trace, so
// every entry frame shares this NULL.
var entryLocalsPlus = make([]stackref.Ref, 1)

// Run executes f, which is not on any frame stack yet, to its end and returns its result, or the
// exception it raised. A feature this runtime lacks ends the run with its *Unsupported error.
func (e *Eval) Run(f *Frame) (objects.Object, error) {
	f.Previous = e.Frame
	if e.enterRecursivePy() {
		e.LeaveRecursiveCallPy(e)
		return nil, e.takeError()
	}
	return e.evalFrame(f)
}

// evalFrame runs frame, already pushed and counted by enterRecursivePy, in a new eval loop under
// an entry frame, until it returns (or yields, for a generator's frame) to that entry frame.
// CPython: Python/ceval.c _PyEval_EvalFrameDefault (its entry frame and its exits)
func (e *Eval) evalFrame(frame *Frame) (result objects.Object, err error) {
	entry := e.pushEntryFrame()
	frame.Previous = entry
	e.Frame = frame
	return e.evalFrom(entry, frame)
}

// pushEntryFrame is the entry frame of a new eval loop over the running frame: C keeps it in
// the C frame of _PyEval_EvalFrameDefault, this runtime one per depth of nested loops, made
// once and used again by every loop at that depth (a generator resumed from a builtin, a
// method called back from one: each entered a loop with a new entry frame). evalFrom gives it
// back when its loop ends.
func (e *Eval) pushEntryFrame() *Frame {
	if e.entryDepth == len(e.entryFrames) {
		e.entryFrames = append(e.entryFrames, &Frame{Code: trampoline, Stack: make([]stackref.Ref, 2),
			Owner: FrameOwnedByInterpreter, LocalsPlus: entryLocalsPlus})
	}
	entry := e.entryFrames[e.entryDepth]
	e.entryDepth++
	entry.InstrPtr, entry.NextInstr, entry.SP, entry.Previous = 1, 1, 0, e.Frame
	return entry
}

// evalFrom runs the loop in frame, whose frames end at entry, and gives the entry frame back.
func (e *Eval) evalFrom(entry, frame *Frame) (result objects.Object, err error) {
	saved := current
	current = e
	defer func() {
		current = saved
		e.entryDepth--
		if r := recover(); r != nil {
			u, ok := r.(*Unsupported)
			if !ok {
				panic(r)
			}
			e.unwindTo(entry)
			result, err = nil, u
		}
	}()
	var exit Exit
	if e.Hand {
		exit = e.runFrameHand(frame)
	} else {
		exit = e.runFrame(frame)
	}
	if exit == ExitReturn {
		r := e.evalResult
		e.evalResult = nil
		return r, nil
	}
	return nil, e.takeError()
}

// evalFrameThrow resumes a generator's frame by raising exc where it is suspended: the
// exception unwinds from there, to a handler in the frame or out of it.
// CPython: Python/ceval.c _PyEval_EvalFrameDefault with throwflag (label resume_with_error)
func (e *Eval) evalFrameThrow(frame *Frame, exc objects.Object) (objects.Object, error) {
	entry := e.pushEntryFrame()
	frame.Previous = entry
	e.Frame = frame
	e.exc = exc
	frame.NextInstr = frame.InstrPtr
	if !e.HandleException(frame) {
		e.entryDepth--
		return nil, e.takeError()
	}
	return e.evalFrom(entry, e.Frame)
}

// unwindTo pops every frame above entry after a Go panic left them (an unsupported feature).
func (e *Eval) unwindTo(entry *Frame) {
	for f := e.Frame; f != nil && f != entry; f = e.Frame {
		e.Frame = f.Previous
		e.FrameClearAndPop(e, f)
		e.LeaveRecursiveCallPy(e)
	}
	e.Frame = entry.Previous
}

// HandleException finds the handler of the raised exception: in f's exception table, or in its
// callers', which it unwinds to. With a handler, the stack is cut to the handler's depth, the
// exception pushed and the handler's frame (e.Frame) resumes there; with none before the eval
// loop's entry frame, the loop is done (false). A runtime fault unwinds every frame of the loop.
// CPython: Python/bytecodes.c label(exception_unwind) and label(exit_unwind)
func (e *Eval) HandleException(f *Frame) bool {
	for {
		if e.fault == nil && e.exc != nil {
			// Not frame->instr_ptr: RERAISE sets it to the re-raising instruction's lasti.
			if h, ok := findHandler(f.CodeObj.ExceptionTable, f.NextInstr-1); ok {
				for f.SP > h.depth {
					f.SP--
					f.Stack[f.SP] = stackref.Null
				}
				if h.lasti {
					f.StackPush(e.TagInt(f.InstrPtr))
				}
				f.StackPush(stackref.FromObject(e.exc))
				e.exc = nil
				f.NextInstr = h.target
				e.Frame = f
				return true
			}
		}
		for f.SP > 0 {
			f.SP--
			f.Stack[f.SP] = stackref.Null
		}
		e.LeaveRecursiveCallPy(e)
		dying := f
		f = dying.Previous
		e.Frame = f
		e.FrameClearAndPop(e, dying)
		f.ReturnOffset = 0
		if f.Owner == FrameOwnedByInterpreter {
			e.Frame = f.Previous
			return false
		}
		f.NextInstr = f.InstrPtr
	}
}

// current is the thread state running Python code, for the builtins that call back into it
// (objects.CallHook): one goroutine runs Python here, as one thread holds CPython's GIL.
var current *Eval

func init() {
	objects.CallHook = func(f objects.Object, args []objects.Object, kwnames []string) (objects.Object, error) {
		if current == nil {
			return nil, &Unsupported{What: "calling Python code outside the eval loop"}
		}
		return current.CallObject(f, args, kwnames)
	}
}

// initCleanup is the code of the shim frame CALL_ALLOC_AND_ENTER_INIT pushes under __init__: it
// checks that __init__ returned None and returns the new object (CPython's _Py_InitCleanup).
var initCleanup = &Code{Name: "__init__", Qualname: "__init__", Filename: "<shim>", StackSize: 2, FrameSize: 2,
	Units:  []uint16{uint16(compile.EXIT_INIT_CHECK), uint16(compile.RETURN_VALUE), uint16(compile.RESUME)},
	Consts: objects.NewTuple(), Names: objects.NewTuple(), quickened: true}

// FramePushTrampoline pushes a frame that runs code for no function, with stackdepth items
// already on its stack (the caller puts them there).
// CPython: Include/internal/pycore_interpframe.h _PyFrame_PushTrampolineUnchecked
func (e *Eval) FramePushTrampoline(ts *Eval, code *Code, stackdepth int, previous *Frame) *Frame {
	f := e.pushFrame(code, stackref.None, nil, nil, nil, previous)
	f.SP = stackdepth
	return f
}
