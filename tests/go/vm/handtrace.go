package vm

import (
	"gopy.example/gopy/compile"
	"gopy.example/gopy/stackref"
)

// runTraceHand is the reference executor of benchmarks/tier2.py: a hand-written switch over
// exactly the micro-ops the traces of benchmarks/programs/*.py contain, before and after the
// optimizer (which turns guards into _NOP), calling the same body functions as the generated
// runTrace (eval_uops_gen.go), with the stack handled by hand. It keeps runTrace's contract: it
// runs trace on f from its first micro-op (none of its micro-ops reads CURRENT_OPERAND0(), so
// none calls e.SetCurrentUop), keeps f.SP in the local sp and writes it back on return, and
// returns the exit and the index of the micro-op that took it, or ExitNext and len(trace) at the
// trace's end. Any other micro-op is e.UnknownUop. Eval.HandTrace makes op_ENTER_EXECUTOR use it.
func (e *Eval) runTraceHand(f *Frame, trace []compile.UOpInstruction) (Exit, int) {
	st, sp := f.Stack, f.SP
	for pc := range trace {
		u := &trace[pc]
		oparg := uint32(u.Oparg)
		var exit Exit
		switch u.Opcode {
		case compile.UOP_NOP: // what the optimizer leaves of a guard it proved
			if exit = op_NOP(e, oparg); exit != ExitNext {
				break
			}
			continue

		// --- locals and constants
		case compile.UOP_LOAD_FAST_BORROW: // [] -> [value]
			if st[sp], exit = op_LOAD_FAST_BORROW(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.UOP_LOAD_SMALL_INT: // [] -> [value]
			if st[sp], exit = op_LOAD_SMALL_INT(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.UOP_STORE_FAST: // [value] -> []
			if exit = op_STORE_FAST(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			continue

		// --- guards on the two top items: they read, pop nothing
		case compile.UOP_GUARD_TOS_INT:
			if exit = op_GUARD_TOS_INT(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_GUARD_NOS_INT:
			if exit = op_GUARD_NOS_INT(e, oparg, st[sp-2]); exit != ExitNext {
				break
			}
			continue

		// --- int arithmetic and comparison: [left, right] -> [res]
		case compile.UOP_BINARY_OP_ADD_INT:
			var res stackref.Ref
			if res, exit = op_BINARY_OP_ADD_INT(e, oparg, st[sp-2], st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue
		case compile.UOP_BINARY_OP_SUBTRACT_INT:
			var res stackref.Ref
			if res, exit = op_BINARY_OP_SUBTRACT_INT(e, oparg, st[sp-2], st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue
		case compile.UOP_BINARY_OP_MULTIPLY_INT:
			var res stackref.Ref
			if res, exit = op_BINARY_OP_MULTIPLY_INT(e, oparg, st[sp-2], st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue
		case compile.UOP_COMPARE_OP_INT:
			var res stackref.Ref
			if res, exit = op_COMPARE_OP_INT(e, oparg, st[sp-2], st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue

		// --- a while loop's condition: [flag] -> [], exits when the loop ends
		case compile.UOP_GUARD_IS_TRUE_POP:
			if exit = op_GUARD_IS_TRUE_POP(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			continue

		// --- a for loop over a range: [iter] -> [iter, next], exits when it is exhausted
		case compile.UOP_ITER_CHECK_RANGE:
			if exit = op_ITER_CHECK_RANGE(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_GUARD_NOT_EXHAUSTED_RANGE:
			if exit = op_GUARD_NOT_EXHAUSTED_RANGE(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_ITER_NEXT_RANGE:
			if st[sp], exit = op_ITER_NEXT_RANGE(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp++
			continue

		default:
			exit = e.UnknownUop(f, int(u.Opcode))
		}
		f.SP = sp
		return exit, pc
	}
	f.SP = sp
	return ExitNext, len(trace)
}
