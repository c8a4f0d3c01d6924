package vm

import (
	"fmt"
	"math/bits"
	"slices"
	"weak"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/specialize"
)

// Tier 2 in the test runtime: a loop's instructions are projected into a trace of micro-ops,
// with compile.MacroExpansionTable giving each instruction's micro-ops and where its cache
// entries go, as CPython's translate_bytecode_to_trace does; the loop's JUMP_BACKWARD becomes
// an ENTER_EXECUTOR that runs the trace with the generated runTrace.

// Executor is a projected loop (CPython's _PyExecutorObject): the trace, and the JUMP_BACKWARD
// it replaced.
type Executor struct {
	Trace      []compile.UOpInstruction
	Jump       int    // the index of the JUMP_BACKWARD the ENTER_EXECUTOR stands on
	Replaced   uint16 // that instruction's code unit
	Iterations int    // times the trace ran to its end
	Exits      int    // times it left early (a guard failed, or the loop ended)
	// Valid is vm_data.valid: false once an object the optimizer relied on changed (a class whose
	// version guard it removed). The code has its JUMP_BACKWARD back then, and a trace running
	// leaves at its next _CHECK_VALIDITY.
	Valid bool
	// dependencies are the objects whose change invalidates the executor (CPython keeps a bloom
	// filter of them, vm_data.bloom: a trace here depends on a few, and a list is exact).
	dependencies []objects.Object
	code         *Code // the code whose loop it runs
}

// executors are the executors that depend on something (interp->executor_list_head), weakly: an
// executor lives as long as its code does.
var executors []weak.Pointer[Executor]

// linkExecutor adds ex to the executors; dead and invalid ones are dropped when the list is full,
// before it grows.
// CPython: Python/optimizer.c link_executor
func linkExecutor(ex *Executor) {
	if len(executors) == cap(executors) {
		live := executors[:0]
		for _, w := range executors {
			if x := w.Value(); x != nil && x.Valid {
				live = append(live, w)
			}
		}
		clear(executors[len(live):])
		executors = live
	}
	executors = append(executors, weak.Make(ex))
}

// InvalidateDependency invalidates every executor that depends on o: a watcher calls it when o
// changes (the optimizer's type watcher, for a class).
// CPython: Python/optimizer.c _Py_Executors_InvalidateDependency
func InvalidateDependency(o objects.Object) {
	var hit []*Executor // found first, then cleared, as CPython's: clearing changes the list
	for _, w := range executors {
		if ex := w.Value(); ex != nil && ex.Valid && slices.Contains(ex.dependencies, o) {
			hit = append(hit, ex)
		}
	}
	for _, ex := range hit {
		ex.clear()
	}
}

// clear invalidates ex and gives its code back the instruction its ENTER_EXECUTOR replaced: the
// loop runs in tier 1 and warms up again. The executor stays in the code's list of executors
// (CPython frees its slot), which the counts of traces run read.
// CPython: Python/optimizer.c executor_clear, _Py_ExecutorDetach
func (ex *Executor) clear() {
	ex.Valid = false
	ex.code.Units[ex.Jump] = ex.Replaced
}

// ExecutorValid is current_executor->vm_data.valid, for _CHECK_VALIDITY.
func (e *Eval) ExecutorValid() bool { return e.running.Valid }

// The guards that keep a trace on one path of a conditional jump: [0] the jump not taken, [1]
// taken (CPython's BRANCH_TO_GUARD).
var branchGuard = map[compile.Opcode][2]compile.Uop{
	compile.POP_JUMP_IF_FALSE:    {compile.UOP_GUARD_IS_TRUE_POP, compile.UOP_GUARD_IS_FALSE_POP},
	compile.POP_JUMP_IF_TRUE:     {compile.UOP_GUARD_IS_FALSE_POP, compile.UOP_GUARD_IS_TRUE_POP},
	compile.POP_JUMP_IF_NONE:     {compile.UOP_GUARD_IS_NOT_NONE_POP, compile.UOP_GUARD_IS_NONE_POP},
	compile.POP_JUMP_IF_NOT_NONE: {compile.UOP_GUARD_IS_NONE_POP, compile.UOP_GUARD_IS_NOT_NONE_POP},
}

// jumpLikely is whether a conditional jump at i took its jump in more than 8 of the last 16 times
// it ran (the history RECORD_BRANCH_TAKEN keeps in its cache): the direction a trace follows.
// CPython: Python/optimizer.c translate_bytecode_to_trace (POP_JUMP_IF_*)
func jumpLikely(code []uint16, i int) bool { return bits.OnesCount16(code[i+1]) > 8 }

// The tier-1 jumps of an iteration that tier 2 replaces by a guard (OPARG_REPLACED).
var replacedUop = map[compile.Uop]compile.Uop{
	compile.UOP_ITER_JUMP_RANGE: compile.UOP_GUARD_NOT_EXHAUSTED_RANGE,
	compile.UOP_ITER_JUMP_LIST:  compile.UOP_GUARD_NOT_EXHAUSTED_LIST,
	compile.UOP_ITER_JUMP_TUPLE: compile.UOP_GUARD_NOT_EXHAUSTED_TUPLE,
	compile.UOP_FOR_ITER:        compile.UOP_FOR_ITER_TIER_TWO,
	compile.UOP_ITER_NEXT_LIST:  compile.UOP_ITER_NEXT_LIST_TIER_TWO,
}

// traceStackSize is TRACE_STACK_SIZE: how many calls deep a projection follows.
const traceStackSize = 5

// cells reads n code units at i as one little-endian number, as CPython's read_u16/u32/u64 do.
func cells(code []uint16, i, n int) uint64 {
	var v uint64
	for k := n - 1; k >= 0; k-- {
		v = v<<16 | uint64(code[i+k])
	}
	return v
}

// Size is the number of code units of the instruction at i: 1 and its family's cache entries
// (a specialized opcode has the cache of its family head; an ENTER_EXECUTOR the size of the
// jump it replaced).
func Size(code *Code, i int) int {
	op := compile.Opcode(code.Units[i] & 0xff)
	if op == compile.ENTER_EXECUTOR {
		op = compile.Opcode(code.Executors[code.Units[i]>>8].Replaced & 0xff)
	}
	return 1 + int(compile.Caches[compile.Deopt[op]])
}

// ProjectLoop is the trace of one iteration of the loop closed by the JUMP_BACKWARD at jump:
// every instruction from the jump's target up to the jump, each micro-op targeting its
// instruction, so that an exit resumes tier 1 there with the stack as that instruction found it.
//
// Like CPython's translate_bytecode_to_trace, it follows calls: at a CALL whose expansion pushes
// a frame (_PUSH_FRAME), the projection goes on in the code of the function the CALL's cache
// names by version (FunctionLookupByVersion), from its first instruction to its RETURN_VALUE, and
// then after the CALL in the caller; the micro-ops of the callee target the callee's
// instructions. A _SET_IP before the CALL gives the caller's frame the instruction it returns
// after (CPython adds one before every instruction that can escape and keeps the ones that
// matter; here a frame's instruction pointer matters only across a call, because every exit
// from a trace sets it). The projection refuses (and the loop stays in tier 1) what CPython's
// would end the trace at: a call it cannot resolve or that recurses, a loop or a generator in the
// callee, a return from the loop's own frame.
// CPython: Python/optimizer.c translate_bytecode_to_trace
func ProjectLoop(e *Eval, c *Code, jump int) ([]compile.UOpInstruction, error) {
	code := c.Units
	op := compile.Opcode(code[jump] & 0xff)
	if specialize.FamilyHead[op] != compile.JUMP_BACKWARD && op != compile.JUMP_BACKWARD {
		return nil, fmt.Errorf("instruction %d is %v, not JUMP_BACKWARD", jump, op)
	}
	type caller struct {
		code *Code
		next int // where the projection goes on in it after the callee returns
	}
	var callers []caller // CPython's trace_stack
	var trace []compile.UOpInstruction
	cur := c
	for i := jump + 1 + int(compile.Caches[compile.JUMP_BACKWARD]) - int(code[jump]>>8); len(callers) > 0 || i < jump; {
		code := cur.Units
		if i >= len(code) {
			return nil, fmt.Errorf("%s: the projection ran past the end of the code", cur.Name)
		}
		op, oparg := compile.Opcode(code[i]&0xff), uint32(code[i]>>8)
		next := i + Size(cur, i)
		if op == compile.EXTENDED_ARG || op == compile.ENTER_EXECUTOR {
			return nil, fmt.Errorf("instruction %d (%v): this projection stops there", i, op)
		}
		trace = append(trace, compile.UOpInstruction{Opcode: compile.UOP_CHECK_VALIDITY, Target: uint32(i)})
		if guards, ok := branchGuard[op]; ok {
			// The guard's target is the jump itself: a failed guard runs it again in tier 1, with
			// the condition still on the stack.
			if !jumpLikely(code, i) {
				trace = append(trace, compile.UOpInstruction{Opcode: guards[0], Oparg: uint16(oparg), Target: uint32(i)})
				i = next
				continue
			}
			if len(callers) == 0 && next+int(oparg) > jump {
				return nil, fmt.Errorf("instruction %d (%v): its likelier direction leaves the loop", i, op)
			}
			trace = append(trace, compile.UOpInstruction{Opcode: guards[1], Oparg: uint16(oparg), Target: uint32(i)})
			i = next + int(oparg)
			continue
		}
		if specialize.FamilyHead[op] == compile.JUMP_BACKWARD || op == compile.JUMP_BACKWARD {
			return nil, fmt.Errorf("instruction %d (%v) of %s: a loop in a called function", i, op, cur.Name)
		}
		exp := compile.MacroExpansionTable[op]
		if exp.NUops == 0 {
			return nil, fmt.Errorf("instruction %d (%v) has no tier-2 expansion", i, op)
		}
		var callee *objects.Function
		for _, x := range exp.Uops[:exp.NUops] {
			switch x.Uop {
			case compile.UOP_PUSH_FRAME:
				var err error
				if callee, err = traceCallee(e, cur, i, op, len(callers)); err != nil {
					return nil, err
				}
				trace = append(trace, compile.UOpInstruction{Opcode: compile.UOP_SET_IP, Target: uint32(i),
					Operand0: c.cacheRef(codeUnit{i})})
			case compile.UOP_RETURN_VALUE:
				if len(callers) == 0 {
					return nil, fmt.Errorf("instruction %d (%v): a return from the loop's own frame", i, op)
				}
			case compile.UOP_YIELD_VALUE, compile.UOP_RETURN_GENERATOR:
				return nil, fmt.Errorf("instruction %d (%v) of %s: a generator", i, op, cur.Name)
			}
		}
		for _, x := range exp.Uops[:exp.NUops] {
			u := compile.UOpInstruction{Opcode: x.Uop, Oparg: uint16(oparg), Target: uint32(i)}
			switch x.Size {
			case compile.OPARG_SIMPLE:
			case compile.OPARG_TOP:
				u.Oparg = uint16(oparg >> 4)
			case compile.OPARG_BOTTOM:
				u.Oparg = uint16(oparg & 15)
			case compile.OPARG_CACHE_1, compile.OPARG_CACHE_2:
				u.Operand0 = cells(code, i+1+int(x.Offset), int(x.Size))
			case compile.OPARG_CACHE_4: // an object (every 64-bit cache field is): numbered in c, as the trace's
				u.Operand0 = c.cacheRef(cur.cacheObject(cells(code, i+1+int(x.Offset), 4)))
			case compile.OPERAND1_1, compile.OPERAND1_2, compile.OPERAND1_4:
				// The second operand of the micro-op just added (_LOAD_GLOBAL_MODULE's index), not a
				// micro-op of its own.
				trace[len(trace)-1].Operand1 = cells(code, i+1+int(x.Offset), int(x.Size)-int(compile.OPERAND1_1)+1)
				continue
			case compile.OPARG_SAVE_RETURN_OFFSET: // the caller goes on this far after the instruction
				u.Oparg = uint16(1 + x.Offset)
			case compile.OPARG_REPLACED:
				r, ok := replacedUop[x.Uop]
				if !ok {
					return nil, fmt.Errorf("instruction %d (%v): no tier-2 replacement for %v", i, op, x.Uop)
				}
				u.Opcode = r
			default:
				return nil, fmt.Errorf("instruction %d (%v): operand kind %d", i, op, x.Size)
			}
			// The frame a push enters and a return goes back to, for the optimizer (get_code):
			// the function called, the caller's code.
			switch x.Uop {
			case compile.UOP_PUSH_FRAME:
				u.Operand0 = c.cacheRef(callee)
			case compile.UOP_RETURN_VALUE:
				u.Operand0 = c.cacheRef(callers[len(callers)-1].code)
			}
			trace = append(trace, u)
		}
		switch op {
		case compile.CALL_LIST_APPEND:
			next++ // its POP_TOP is skipped: the tier-1 body does it (SKIP_OVER), the projection here, as CPython's
		case compile.BINARY_OP_INPLACE_ADD_UNICODE:
			// The STORE_FAST after it is skipped and its local is the micro-op's operand (the tier-2
			// body reads CURRENT_OPERAND0() where the tier-1 one reads the next instruction).
			trace[len(trace)-1].Operand0 = uint64(code[next] >> 8)
			next++
		}
		switch {
		case callee != nil:
			callers = append(callers, caller{cur, next})
			cur, i = callee.Code.(*Code), 0
		case op == compile.RETURN_VALUE:
			top := callers[len(callers)-1]
			callers = callers[:len(callers)-1]
			cur, i = top.code, top.next
		default:
			i = next
		}
	}
	// and the JUMP_BACKWARD's, which ends the iteration
	trace = append(trace, compile.UOpInstruction{Opcode: compile.UOP_CHECK_VALIDITY, Target: uint32(jump)})
	RemoveUnneededChecks(trace)
	return trace, nil
}

// RemoveUnneededChecks turns each _CHECK_VALIDITY into _NOP unless a micro-op since the last one
// kept may have run code that changed what the executor depends on (UopRunsCode: CPython's
// escaping micro-ops less those that only decref, which runs no code here). The projection puts
// one before every instruction, as CPython's does, and keeps what this leaves; the optimizer's pass
// calls it again on the optimized trace, whose rewritten micro-ops may escape no longer.
// CPython: Python/optimizer_analysis.c remove_unneeded_uops (its _CHECK_VALIDITY part)
func RemoveUnneededChecks(trace []compile.UOpInstruction) {
	escaped := false
	for i := range trace {
		switch u := &trace[i]; {
		case u.Opcode == compile.UOP_CHECK_VALIDITY:
			if !escaped {
				u.Opcode = compile.UOP_NOP
			}
			escaped = false
		case UopRunsCode[u.Opcode]:
			escaped = true
		}
	}
}

// traceCallee is the function a projected CALL at i pushes a frame for: the one its cache names
// by version, when the function version cache still has it, not recursive and not too deep.
// CPython: Python/optimizer.c translate_bytecode_to_trace (_PUSH_FRAME)
func traceCallee(e *Eval, cur *Code, i int, op compile.Opcode, depth int) (*objects.Function, error) {
	if head := specialize.FamilyHead[op]; head != compile.CALL && head != compile.CALL_KW || op == compile.CALL_ALLOC_AND_ENTER_INIT {
		return nil, fmt.Errorf("instruction %d (%v): the projection follows calls of functions only", i, op)
	}
	fn := e.FunctionLookupByVersion(specialize.NewCallCache(cur.Units, i).FuncVersion())
	switch {
	case fn == nil:
		return nil, fmt.Errorf("instruction %d (%v): the function called is not in the version cache", i, op)
	case fn.Code.(*Code) == cur:
		return nil, fmt.Errorf("instruction %d (%v): a recursive call", i, op)
	case depth+1 >= traceStackSize:
		return nil, fmt.Errorf("instruction %d (%v): calls nested deeper than %d", i, op, traceStackSize)
	}
	return fn, nil
}

// UopNames is the executor's trace, its micro-ops by name.
func (ex *Executor) UopNames() []string {
	names := make([]string, len(ex.Trace))
	for k, u := range ex.Trace {
		names[k] = compile.UopName[u.Opcode]
	}
	return names
}

// InstallExecutor turns the JUMP_BACKWARD at jump into an ENTER_EXECUTOR that runs trace, valid
// until one of dependencies changes (the objects the optimizer relied on). The executor leaves out
// the trace's _NOPs (what the optimizer removed, the projection's NOT_TAKEN), as CPython's copies
// only the micro-ops its trace uses: a _NOP would cost a dispatch per iteration. An executor that
// depends on nothing leaves out its _CHECK_VALIDITYs too: nothing can invalidate it (CPython's
// can also be invalidated all at once, by monitoring, which this runtime does not have).
// CPython: Python/optimizer.c make_executor_from_uops (compute_used), _Py_ExecutorInit
func InstallExecutor(code *Code, jump int, trace []compile.UOpInstruction, dependencies ...objects.Object) *Executor {
	used := make([]compile.UOpInstruction, 0, len(trace))
	for _, u := range trace {
		if u.Opcode != compile.UOP_NOP && (u.Opcode != compile.UOP_CHECK_VALIDITY || len(dependencies) > 0) {
			used = append(used, u)
		}
	}
	ex := &Executor{Trace: used, Jump: jump, Replaced: code.Units[jump], Valid: true, dependencies: dependencies, code: code}
	if len(dependencies) > 0 {
		linkExecutor(ex)
	}
	code.Executors = append(code.Executors, ex)
	code.Units[jump] = uint16(len(code.Executors)-1)<<8 | uint16(compile.ENTER_EXECUTOR)
	return ex
}

// Specialized is c's code units as tier 1's specializer left them: each ENTER_EXECUTOR is the
// instruction it replaced (what CPython's dis shows for a code object with executors, and what
// a build without tier 2 would have kept).
func (c *Code) Specialized() []uint16 {
	units := append([]uint16(nil), c.Units...)
	for i, u := range units {
		if compile.Opcode(u&0xff) == compile.ENTER_EXECUTOR && int(u>>8) < len(c.Executors) {
			units[i] = c.Executors[u>>8].Replaced
		}
	}
	return units
}

// op_ENTER_EXECUTOR runs the loop's trace (CPython's GOTO_TIER_TWO and the trace's exits).
func op_ENTER_EXECUTOR(e *Eval, oparg uint32) (exit Exit) {
	return e.GotoTierTwo(e.Frame.CodeObj.Executors[oparg])
}

// JUMP_BACKWARD's counter as _PyCode_Quicken starts it and as _JIT restarts it after building a
// trace (initial_jump_backoff_counter): a loop is hot for tier 2 after 4096 iterations.
const (
	jumpBackwardInitialValue   = 4095
	jumpBackwardInitialBackoff = 12
)

// JumpWarmup is the value JUMP_BACKWARD's counter starts from: a loop is hot after JumpWarmup+1
// iterations. It is CPython's; vmrun -tier2-warmup lowers it, so that short loops run as traces
// too (a stress test of tier 2: CPython's own tests lower it through _testinternalcapi).
var JumpWarmup uint16 = jumpBackwardInitialValue

// InitialJumpBackoff is initial_jump_backoff_counter(), for the bodies.
func (e *Eval) InitialJumpBackoff() uint16 { return initialJumpBackoff() }

// initialJumpBackoff is initial_jump_backoff_counter(): JUMP_BACKWARD's counter when the code is
// quickened and after a trace was built.
func initialJumpBackoff() uint16 { return JumpWarmup<<backoffBits | jumpBackwardInitialBackoff }

// RestartBackoff is restart_backoff_counter: the counter waits twice as long after a failure.
func (e *Eval) RestartBackoff(c uint16) uint16 { return backoff(c) }

// maxExecutorsSize is MAX_EXECUTORS_SIZE: the executors a code object may have had (an invalidated
// one keeps its slot, as in CPython, where its slot is emptied but not reused).
// CPython: Python/optimizer.c has_space_for_executor
const maxExecutorsSize = 256

// OptimizeHook optimizes a projected trace with the generated optimizer (set by the command
// that runs programs: the optimizer package imports this one), and says what the optimized
// trace depends on; nil runs traces as projected.
var OptimizeHook func(e *Eval, code *Code, trace []compile.UOpInstruction) ([]compile.UOpInstruction, []objects.Object, error)

// OptimizerOptimize is _PyOptimizer_Optimize for the hot JUMP_BACKWARD_JIT at start: the loop is
// projected (ProjectLoop), optimized, and installed as an ENTER_EXECUTOR; 1 with *out set, or 0
// when the loop does not project (a call, a nested loop already in tier 2), and tier 1 goes on.
// CPython: Python/optimizer.c _PyOptimizer_Optimize
func (e *Eval) OptimizerOptimize(f *Frame, start int, out **Executor, chainDepth int) int {
	if len(f.CodeObj.Executors) >= maxExecutorsSize { // a loop invalidated again and again stays in tier 1
		e.Stats.TracesRefused++
		return 0
	}
	trace, err := ProjectLoop(e, f.CodeObj, start)
	var dependencies []objects.Object
	if err == nil && OptimizeHook != nil {
		trace, dependencies, err = OptimizeHook(e, f.CodeObj, trace)
	}
	if err != nil {
		e.Stats.TracesRefused++
		return 0
	}
	*out = InstallExecutor(f.CodeObj, start, trace, dependencies...)
	e.Stats.TracesBuilt++
	return 1
}

// GotoTierTwo runs ex's trace from its top until a micro-op exits, then resumes tier 1 at that
// micro-op's instruction (GOTO_TIER_TWO, and the trace's exits and deopts), in the frame that
// runs then: a trace that follows a call may exit in the callee. The tier-1 harness takes the
// frame from e.Frame after it.
func (e *Eval) GotoTierTwo(ex *Executor) Exit {
	loop := e.Frame
	e.Stats.TracesEntered++
	// the operands' objects are numbered in the loop's code; a trace run by a call out of this
	// one (a builtin calling back into Python) has its own, and this one's come back after it
	outer := e.running
	e.running = ex
	defer func() { e.running = outer }()
	for {
		var exit Exit
		var pc int
		if e.HandTrace {
			exit, pc = e.runTraceHand(loop, ex.Trace)
		} else {
			exit, pc = e.runTrace(loop, ex.Trace)
		}
		if exit == ExitNext {
			ex.Iterations++
			continue
		}
		ex.Exits++
		f, target := e.Frame, int(ex.Trace[pc].Target)
		switch exit {
		case ExitDeopt:
			f.InstrPtr, f.NextInstr = target, target
			return ExitDispatch
		case ExitError: // the exception table is looked up at the instruction that raised
			f.InstrPtr, f.NextInstr = target, target+1
			return ExitError
		}
		e.fault = fmt.Errorf("micro-op %v left its trace with exit %d", ex.Trace[pc].Opcode, exit)
		return ExitError
	}
}
