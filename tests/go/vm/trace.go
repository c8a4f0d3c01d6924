package vm

import (
	"fmt"

	"gopy.example/gopy/compile"
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
}

// Guards that keep a trace on the fall-through path of a conditional jump: the trace goes on
// when the jump is not taken (CPython's BRANCH_TO_GUARD, not-taken column).
var branchGuard = map[compile.Opcode]compile.Uop{
	compile.POP_JUMP_IF_FALSE:    compile.UOP_GUARD_IS_TRUE_POP,
	compile.POP_JUMP_IF_TRUE:     compile.UOP_GUARD_IS_FALSE_POP,
	compile.POP_JUMP_IF_NONE:     compile.UOP_GUARD_IS_NOT_NONE_POP,
	compile.POP_JUMP_IF_NOT_NONE: compile.UOP_GUARD_IS_NONE_POP,
}

// The tier-1 jumps of an iteration that tier 2 replaces by a guard (OPARG_REPLACED).
var replacedUop = map[compile.Uop]compile.Uop{
	compile.UOP_ITER_JUMP_RANGE: compile.UOP_GUARD_NOT_EXHAUSTED_RANGE,
	compile.UOP_ITER_JUMP_LIST:  compile.UOP_GUARD_NOT_EXHAUSTED_LIST,
	compile.UOP_ITER_JUMP_TUPLE: compile.UOP_GUARD_NOT_EXHAUSTED_TUPLE,
	compile.UOP_FOR_ITER:        compile.UOP_FOR_ITER_TIER_TWO,
	compile.UOP_ITER_NEXT_LIST:  compile.UOP_ITER_NEXT_LIST_TIER_TWO,
}

// The micro-ops that switch the running frame: CPython's projection follows them into the callee
// or the caller; this one ends the loop's projection there (calls are traced by the speed work).
var framed = map[compile.Uop]bool{
	compile.UOP_PUSH_FRAME: true, compile.UOP_RETURN_VALUE: true, compile.UOP_YIELD_VALUE: true,
	compile.UOP_RETURN_GENERATOR: true,
}

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
func ProjectLoop(c *Code, jump int) ([]compile.UOpInstruction, error) {
	code := c.Units
	op := compile.Opcode(code[jump] & 0xff)
	if specialize.FamilyHead[op] != compile.JUMP_BACKWARD && op != compile.JUMP_BACKWARD {
		return nil, fmt.Errorf("instruction %d is %v, not JUMP_BACKWARD", jump, op)
	}
	start := jump + 1 + int(compile.Caches[compile.JUMP_BACKWARD]) - int(code[jump]>>8)
	var trace []compile.UOpInstruction
	for i := start; i < jump; {
		op, oparg := compile.Opcode(code[i]&0xff), uint32(code[i]>>8)
		next := i + Size(c, i)
		if op == compile.EXTENDED_ARG || op == compile.ENTER_EXECUTOR {
			return nil, fmt.Errorf("instruction %d (%v): this projection stops there", i, op)
		}
		if guard, ok := branchGuard[op]; ok {
			trace = append(trace, compile.UOpInstruction{Opcode: guard, Oparg: uint16(oparg), Target: uint32(i)})
			i = next
			continue
		}
		exp := compile.MacroExpansionTable[op]
		if exp.NUops == 0 {
			return nil, fmt.Errorf("instruction %d (%v) has no tier-2 expansion", i, op)
		}
		for _, x := range exp.Uops[:exp.NUops] {
			if framed[x.Uop] {
				return nil, fmt.Errorf("instruction %d (%v) switches frames: this projection stops there", i, op)
			}
			u := compile.UOpInstruction{Opcode: x.Uop, Oparg: uint16(oparg), Target: uint32(i)}
			switch x.Size {
			case compile.OPARG_SIMPLE:
			case compile.OPARG_TOP:
				u.Oparg = uint16(oparg >> 4)
			case compile.OPARG_BOTTOM:
				u.Oparg = uint16(oparg & 15)
			case compile.OPARG_CACHE_1, compile.OPARG_CACHE_2, compile.OPARG_CACHE_4:
				u.Operand0 = cells(code, i+1+int(x.Offset), int(x.Size))
			case compile.OPERAND1_1, compile.OPERAND1_2, compile.OPERAND1_4:
				u.Operand1 = cells(code, i+1+int(x.Offset), int(x.Size)-int(compile.OPERAND1_1)+1)
			case compile.OPARG_REPLACED:
				r, ok := replacedUop[x.Uop]
				if !ok {
					return nil, fmt.Errorf("instruction %d (%v): no tier-2 replacement for %v", i, op, x.Uop)
				}
				u.Opcode = r
			default:
				return nil, fmt.Errorf("instruction %d (%v): operand kind %d", i, op, x.Size)
			}
			trace = append(trace, u)
		}
		if op == compile.CALL_LIST_APPEND {
			next++ // its POP_TOP is skipped: the tier-1 body does it (SKIP_OVER), the projection here, as CPython's
		}
		i = next
	}
	return trace, nil
}

// InstallExecutor turns the JUMP_BACKWARD at jump into an ENTER_EXECUTOR that runs trace.
func InstallExecutor(code *Code, jump int, trace []compile.UOpInstruction) *Executor {
	ex := &Executor{Trace: trace, Jump: jump, Replaced: code.Units[jump]}
	code.Executors = append(code.Executors, ex)
	code.Units[jump] = uint16(len(code.Executors)-1)<<8 | uint16(compile.ENTER_EXECUTOR)
	return ex
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

// InitialJumpBackoff is initial_jump_backoff_counter().
func (e *Eval) InitialJumpBackoff() uint16 {
	return jumpBackwardInitialValue<<backoffBits | jumpBackwardInitialBackoff
}

// RestartBackoff is restart_backoff_counter: the counter waits twice as long after a failure.
func (e *Eval) RestartBackoff(c uint16) uint16 { return backoff(c) }

// OptimizeHook optimizes a projected trace with the generated optimizer (set by the command
// that runs programs: the optimizer package imports this one); nil runs traces as projected.
var OptimizeHook func(e *Eval, code *Code, trace []compile.UOpInstruction) ([]compile.UOpInstruction, error)

// OptimizerOptimize is _PyOptimizer_Optimize for the hot JUMP_BACKWARD_JIT at start: the loop is
// projected (ProjectLoop), optimized, and installed as an ENTER_EXECUTOR; 1 with *out set, or 0
// when the loop does not project (a call, a nested loop already in tier 2), and tier 1 goes on.
// CPython: Python/optimizer.c _PyOptimizer_Optimize
func (e *Eval) OptimizerOptimize(f *Frame, start int, out **Executor, chainDepth int) int {
	trace, err := ProjectLoop(f.CodeObj, start)
	if err == nil && OptimizeHook != nil {
		trace, err = OptimizeHook(e, f.CodeObj, trace)
	}
	if err != nil {
		e.Stats.TracesRefused++
		return 0
	}
	*out = InstallExecutor(f.CodeObj, start, trace)
	e.Stats.TracesBuilt++
	return 1
}

// GotoTierTwo runs ex's trace from its top until a micro-op exits, then resumes tier 1 at that
// micro-op's instruction (GOTO_TIER_TWO, and the trace's exits and deopts).
func (e *Eval) GotoTierTwo(ex *Executor) Exit {
	f := e.Frame
	e.Stats.TracesEntered++
	for {
		var exit Exit
		var pc int
		if e.HandTrace {
			exit, pc = e.runTraceHand(f, ex.Trace)
		} else {
			exit, pc = e.runTrace(f, ex.Trace)
		}
		if exit == ExitNext {
			ex.Iterations++
			continue
		}
		ex.Exits++
		target := int(ex.Trace[pc].Target)
		switch exit {
		case ExitDeopt:
			f.NextInstr = target
			return ExitDispatch
		case ExitError: // the exception table is looked up at the instruction that raised
			f.InstrPtr, f.NextInstr = target, target+1
			return ExitError
		}
		e.fault = fmt.Errorf("micro-op %v left its trace with exit %d", ex.Trace[pc].Opcode, exit)
		return ExitError
	}
}
