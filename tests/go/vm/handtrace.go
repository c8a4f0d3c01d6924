package vm

import (
	"gopy.example/gopy/compile"
	"gopy.example/gopy/stackref"
)

// runTraceHand is the reference executor of benchmarks/tier2.py: a hand-written switch over
// exactly the micro-ops the traces of benchmarks/programs/*.py contain, before and after the
// optimizer, calling the same body functions as the generated runTrace (eval_uops_gen.go), with
// the stack handled by hand. It keeps runTrace's contract: it runs trace on f from its first
// micro-op, following the trace into a callee's frame and back (_PUSH_FRAME, _RETURN_VALUE), keeps
// the running frame's SP in the local sp and writes it back on return, and returns the exit and the
// index of the micro-op that took it, or ExitNext and len(trace) at the trace's end. A micro-op's
// operand is passed to its body as runTrace passes it (none calls e.SetCurrentUop). Any other
// micro-op is e.UnknownUop (tests/test_tier2.py checks there is none in the benchmark's traces).
// Eval.HandTrace makes op_ENTER_EXECUTOR use it.
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

		// --- a trace whose optimizer relied on a class: still valid?
		case compile.UOP_CHECK_VALIDITY:
			if exit = op_CHECK_VALIDITY(e, oparg); exit != ExitNext {
				break
			}
			continue

		// --- the stack
		case compile.UOP_POP_TOP: // [value] -> []
			if exit = op_POP_TOP(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			continue
		case compile.UOP_COPY: // [bottom, ...] -> [bottom, ..., top]
			if st[sp], exit = op_COPY(e, oparg, st[sp-int(oparg)]); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.UOP_SWAP: // [bottom, ..., top] -> [top, ..., bottom]
			if st[sp-int(oparg)], st[sp-1], exit = op_SWAP(e, oparg, st[sp-int(oparg)], st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_PUSH_NULL: // [] -> [null]
			if st[sp], exit = op_PUSH_NULL(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.UOP_PUSH_NULL_CONDITIONAL: // [] -> [null if oparg&1]
			if exit = op_PUSH_NULL_CONDITIONAL(e, oparg, st[sp:sp+int(oparg&1)]); exit != ExitNext {
				break
			}
			sp += int(oparg & 1)
			continue

		// --- a global: [] -> [res]
		case compile.UOP_LOAD_GLOBAL_MODULE:
			if st[sp], exit = op_LOAD_GLOBAL_MODULE(e, oparg, uint16(u.Operand0), uint16(u.Operand1)); exit != ExitNext {
				break
			}
			sp++
			continue

		// --- attributes of an instance: guards read the owner on top, pop nothing
		case compile.UOP_GUARD_TYPE_VERSION:
			if exit = op_GUARD_TYPE_VERSION(e, oparg, uint32(u.Operand0), st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_GUARD_TYPE_VERSION_AND_LOCK:
			if exit = op_GUARD_TYPE_VERSION_AND_LOCK(e, oparg, uint32(u.Operand0), st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_CHECK_MANAGED_OBJECT_HAS_VALUES:
			if exit = op_CHECK_MANAGED_OBJECT_HAS_VALUES(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_GUARD_DORV_NO_DICT:
			if exit = op_GUARD_DORV_NO_DICT(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_GUARD_DORV_VALUES_INST_ATTR_FROM_DICT:
			if exit = op_GUARD_DORV_VALUES_INST_ATTR_FROM_DICT(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_GUARD_KEYS_VERSION:
			if exit = op_GUARD_KEYS_VERSION(e, oparg, uint32(u.Operand0), st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_LOAD_ATTR_INSTANCE_VALUE: // [owner] -> [attr]
			if st[sp-1], exit = op_LOAD_ATTR_INSTANCE_VALUE(e, oparg, uint16(u.Operand0), st[sp-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_LOAD_ATTR_METHOD_WITH_VALUES: // [owner] -> [attr, self]
			if st[sp-1], st[sp], exit = op_LOAD_ATTR_METHOD_WITH_VALUES(e, oparg, e.OperandObject(u.Operand0), st[sp-1]); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.UOP_STORE_ATTR_INSTANCE_VALUE: // [value, owner] -> []
			if exit = op_STORE_ATTR_INSTANCE_VALUE(e, oparg, uint16(u.Operand0), st[sp-2], st[sp-1]); exit != ExitNext {
				break
			}
			sp -= 2
			continue

		// --- a call of a Python function: [callable, self_or_null, args...] -> a new frame
		case compile.UOP_SET_IP:
			if exit = op_SET_IP(e, oparg, e.OperandObject(u.Operand0)); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_CHECK_PEP_523:
			if exit = op_CHECK_PEP_523(e, oparg); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_CHECK_FUNCTION_VERSION:
			if exit = op_CHECK_FUNCTION_VERSION(e, oparg, uint32(u.Operand0), st[sp-int(oparg)-2]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_CHECK_FUNCTION_EXACT_ARGS:
			if exit = op_CHECK_FUNCTION_EXACT_ARGS(e, oparg, st[sp-int(oparg)-2], st[sp-int(oparg)-1]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_CHECK_STACK_SPACE:
			if exit = op_CHECK_STACK_SPACE(e, oparg, st[sp-int(oparg)-2]); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_CHECK_STACK_SPACE_OPERAND:
			if exit = op_CHECK_STACK_SPACE_OPERAND(e, oparg, uint32(u.Operand0)); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_CHECK_RECURSION_REMAINING:
			if exit = op_CHECK_RECURSION_REMAINING(e, oparg); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_INIT_CALL_PY_EXACT_ARGS: // -> [new_frame]
			var callee *Frame
			base := sp - int(oparg) - 2
			if callee, exit = op_INIT_CALL_PY_EXACT_ARGS(e, oparg, st[base], st[base+1], st[base+2:sp]); exit != ExitNext {
				break
			}
			st[base] = e.WrapFrame(callee)
			sp = base + 1
			continue
		case compile.UOP_SAVE_RETURN_OFFSET:
			if exit = op_SAVE_RETURN_OFFSET(e, oparg); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_PUSH_FRAME: // [new_frame] -> the callee runs
			f.SP = sp - 1
			if exit = op_PUSH_FRAME(e, oparg, e.UnwrapFrame(st[sp-1])); exit != ExitNext {
				break
			}
			f = e.Frame
			st, sp = f.Stack, f.SP
			continue
		case compile.UOP_RESUME_CHECK:
			if exit = op_RESUME_CHECK(e, oparg); exit != ExitNext {
				break
			}
			continue
		case compile.UOP_RETURN_VALUE: // [retval] -> the caller runs with [res]
			var res stackref.Ref
			f.SP = sp - 1
			if res, exit = op_RETURN_VALUE(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			f = e.Frame
			st, sp = f.Stack, f.SP
			st[sp] = res
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
