package vm

import (
	"gopy.example/gopy/compile"
	"gopy.example/gopy/specialize"
	"gopy.example/gopy/stackref"
)

// runFrameHand is the reference loop of benchmarks/vm.py: a hand-written switch over exactly
// the instructions benchmarks/programs/*.py execute here (their generic and their quickened
// forms), calling the same body functions as the generated runFrame, with the stack handled
// by hand. It keeps runFrame's contract: it runs f from f.NextInstr, keeps f.SP in the local
// sp between instructions, and ends with ExitReturn or ExitError. Any other opcode is
// e.UnknownOpcode. Eval.Hand makes Run use it.
func (e *Eval) runFrameHand(f *Frame) Exit {
	code, st, sp := f.Code, f.Stack, f.SP
	for {
		instr := f.NextInstr
		op, oparg := compile.Opcode(code[instr]&0xff), uint32(code[instr]>>8)
	dispatch:
		f.InstrPtr = instr
		var exit Exit
		switch op {
		// --- entering a frame, no-ops
		case compile.RESUME:
			f.NextInstr = instr + 1
			if exit = op_LOAD_BYTECODE(e, oparg); exit != ExitNext {
				break
			}
			if exit = op_MAYBE_INSTRUMENT(e, oparg); exit != ExitNext {
				break
			}
			if exit = op_QUICKEN_RESUME(e, oparg); exit != ExitNext {
				break
			}
			if exit = op_CHECK_PERIODIC_IF_NOT_YIELD_FROM(e, oparg); exit != ExitNext {
				break
			}
			continue
		case compile.RESUME_CHECK:
			f.NextInstr = instr + 1
			if exit = op_RESUME_CHECK(e, oparg); exit != ExitNext {
				break
			}
			continue
		case compile.NOT_TAKEN:
			f.NextInstr = instr + 1
			if exit = op_NOP(e, oparg); exit != ExitNext {
				break
			}
			continue

		// --- pushing constants and locals, storing locals
		case compile.LOAD_CONST:
			f.NextInstr = instr + 1
			if st[sp], exit = op_LOAD_CONST(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		// what LOAD_CONST became in module code run before (vmbench runs one code object again)
		case compile.LOAD_CONST_MORTAL:
			f.NextInstr = instr + 1
			if st[sp], exit = op_LOAD_CONST_MORTAL(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.LOAD_CONST_IMMORTAL:
			f.NextInstr = instr + 1
			if st[sp], exit = op_LOAD_CONST_IMMORTAL(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.LOAD_SMALL_INT:
			f.NextInstr = instr + 1
			if st[sp], exit = op_LOAD_SMALL_INT(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.LOAD_FAST_BORROW:
			f.NextInstr = instr + 1
			if st[sp], exit = op_LOAD_FAST_BORROW(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.LOAD_FAST_BORROW_LOAD_FAST_BORROW:
			f.NextInstr = instr + 1
			if st[sp], st[sp+1], exit = op_LOAD_FAST_BORROW_LOAD_FAST_BORROW(e, oparg); exit != ExitNext {
				break
			}
			sp += 2
			continue
		case compile.STORE_FAST:
			f.NextInstr = instr + 1
			if exit = op_STORE_FAST(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			continue
		case compile.PUSH_NULL:
			f.NextInstr = instr + 1
			if st[sp], exit = op_PUSH_NULL(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue

		// --- names and globals
		case compile.LOAD_NAME:
			f.NextInstr = instr + 1
			if st[sp], exit = op_LOAD_NAME(e, oparg); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.STORE_NAME:
			f.NextInstr = instr + 1
			if exit = op_STORE_NAME(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			continue
		case compile.LOAD_GLOBAL:
			f.NextInstr = instr + 5
			if exit = op_SPECIALIZE_LOAD_GLOBAL(e, oparg, specialize.NewLoadGlobalCache(code, instr).Counter()); exit != ExitNext {
				break
			}
			if exit = op_LOAD_GLOBAL(e, oparg, st[sp:sp+1]); exit != ExitNext {
				break
			}
			if exit = op_PUSH_NULL_CONDITIONAL(e, oparg, st[sp+1:sp+1+int(oparg&1)]); exit != ExitNext {
				break
			}
			sp += 1 + int(oparg&1)
			continue
		case compile.LOAD_GLOBAL_MODULE:
			f.NextInstr = instr + 5
			cache := specialize.NewLoadGlobalCache(code, instr)
			if exit = op_NOP(e, oparg); exit != ExitNext {
				break
			}
			var res stackref.Ref
			if res, exit = op_LOAD_GLOBAL_MODULE(e, oparg, cache.ModuleKeysVersion(), cache.Index()); exit != ExitNext {
				break
			}
			if exit = op_PUSH_NULL_CONDITIONAL(e, oparg, st[sp+1:sp+1+int(oparg&1)]); exit != ExitNext {
				break
			}
			st[sp] = res
			sp += 1 + int(oparg&1)
			continue
		case compile.LOAD_GLOBAL_BUILTIN:
			f.NextInstr = instr + 5
			cache := specialize.NewLoadGlobalCache(code, instr)
			if exit = op_GUARD_GLOBALS_VERSION(e, oparg, cache.ModuleKeysVersion()); exit != ExitNext {
				break
			}
			var res stackref.Ref
			if res, exit = op_LOAD_GLOBAL_BUILTINS(e, oparg, cache.BuiltinKeysVersion(), cache.Index()); exit != ExitNext {
				break
			}
			if exit = op_PUSH_NULL_CONDITIONAL(e, oparg, st[sp+1:sp+1+int(oparg&1)]); exit != ExitNext {
				break
			}
			st[sp] = res
			sp += 1 + int(oparg&1)
			continue

		// --- functions and calls
		case compile.MAKE_FUNCTION:
			f.NextInstr = instr + 1
			var fn stackref.Ref
			if fn, exit = op_MAKE_FUNCTION(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			st[sp-1] = fn
			continue
		case compile.CALL: // [callable, self_or_null, args...] -> [res], or a frame pushed
			f.NextInstr = instr + 4
			base := sp - int(oparg) - 2
			callable, self := st[base], st[base+1]
			if exit = op_SPECIALIZE_CALL(e, oparg, specialize.NewCallCache(code, instr).Counter(), callable, self); exit != ExitNext {
				break
			}
			if callable, self, exit = op_MAYBE_EXPAND_METHOD(e, oparg, callable, self); exit != ExitNext {
				break
			}
			st[base], st[base+1] = callable, self
			f.SP = base
			var res stackref.Ref
			if res, exit = op_DO_CALL(e, oparg, callable, self, st[base+2:sp]); exit != ExitNext {
				break
			}
			if exit = op_CHECK_PERIODIC(e, oparg); exit != ExitNext {
				break
			}
			st[base] = res
			sp = base + 1
			continue
		case compile.CALL_PY_EXACT_ARGS: // [callable, self_or_null, args...] -> a frame pushed
			f.NextInstr = instr + 4
			base := sp - int(oparg) - 2
			callable, self := st[base], st[base+1]
			if exit = op_CHECK_FUNCTION_VERSION(e, oparg, specialize.NewCallCache(code, instr).FuncVersion(), callable); exit != ExitNext {
				break
			}
			if exit = op_CHECK_FUNCTION_EXACT_ARGS(e, oparg, callable, self); exit != ExitNext {
				break
			}
			if exit = op_CHECK_RECURSION_REMAINING(e, oparg); exit != ExitNext {
				break
			}
			var frame *Frame
			if frame, exit = op_INIT_CALL_PY_EXACT_ARGS(e, oparg, callable, self, st[base+2:sp]); exit != ExitNext {
				break
			}
			if exit = op_SAVE_RETURN_OFFSET(e, oparg); exit != ExitNext {
				break
			}
			f.SP = base
			if exit = op_PUSH_FRAME(e, oparg, frame); exit != ExitNext {
				break
			}
			f = e.Frame
			code, st, sp = f.Code, f.Stack, f.SP
			continue
		case compile.CALL_BUILTIN_CLASS:
			f.NextInstr = instr + 4
			base := sp - int(oparg) - 2
			var res stackref.Ref
			if res, exit = op_CALL_BUILTIN_CLASS(e, oparg, st[base], st[base+1], st[base+2:sp]); exit != ExitNext {
				break
			}
			if exit = op_CHECK_PERIODIC(e, oparg); exit != ExitNext {
				break
			}
			st[base] = res
			sp = base + 1
			continue
		case compile.RETURN_VALUE: // the frame pops; res goes on the caller's stack
			f.NextInstr = instr + 1
			f.SP = sp - 1
			var res stackref.Ref
			if res, exit = op_RETURN_VALUE(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			f = e.Frame
			code, st, sp = f.Code, f.Stack, f.SP
			st[sp] = res
			sp++
			continue
		case compile.INTERPRETER_EXIT:
			f.NextInstr = instr + 1
			if exit = op_INTERPRETER_EXIT(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			continue
		case compile.NOP:
			f.NextInstr = instr + 1
			continue

		// --- arithmetic and comparisons: [left, right] -> [res]
		case compile.BINARY_OP:
			f.NextInstr = instr + 6
			left, right := st[sp-2], st[sp-1]
			if exit = op_SPECIALIZE_BINARY_OP(e, oparg, specialize.NewBinaryOpCache(code, instr).Counter(), left, right); exit != ExitNext {
				break
			}
			var res stackref.Ref
			if res, exit = op_BINARY_OP(e, oparg, left, right); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue
		case compile.BINARY_OP_ADD_INT:
			f.NextInstr = instr + 6
			left, right := st[sp-2], st[sp-1]
			if exit = op_GUARD_TOS_INT(e, oparg, right); exit != ExitNext {
				break
			}
			if exit = op_GUARD_NOS_INT(e, oparg, left); exit != ExitNext {
				break
			}
			var res stackref.Ref
			if res, exit = op_BINARY_OP_ADD_INT(e, oparg, left, right); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue
		case compile.BINARY_OP_SUBTRACT_INT:
			f.NextInstr = instr + 6
			left, right := st[sp-2], st[sp-1]
			if exit = op_GUARD_TOS_INT(e, oparg, right); exit != ExitNext {
				break
			}
			if exit = op_GUARD_NOS_INT(e, oparg, left); exit != ExitNext {
				break
			}
			var res stackref.Ref
			if res, exit = op_BINARY_OP_SUBTRACT_INT(e, oparg, left, right); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue
		case compile.BINARY_OP_MULTIPLY_INT:
			f.NextInstr = instr + 6
			left, right := st[sp-2], st[sp-1]
			if exit = op_GUARD_TOS_INT(e, oparg, right); exit != ExitNext {
				break
			}
			if exit = op_GUARD_NOS_INT(e, oparg, left); exit != ExitNext {
				break
			}
			var res stackref.Ref
			if res, exit = op_BINARY_OP_MULTIPLY_INT(e, oparg, left, right); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue
		case compile.COMPARE_OP:
			f.NextInstr = instr + 2
			left, right := st[sp-2], st[sp-1]
			if exit = op_SPECIALIZE_COMPARE_OP(e, oparg, specialize.NewCompareOpCache(code, instr).Counter(), left, right); exit != ExitNext {
				break
			}
			var res stackref.Ref
			if res, exit = op_COMPARE_OP(e, oparg, left, right); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue
		case compile.COMPARE_OP_INT:
			f.NextInstr = instr + 2
			left, right := st[sp-2], st[sp-1]
			if exit = op_GUARD_TOS_INT(e, oparg, right); exit != ExitNext {
				break
			}
			if exit = op_GUARD_NOS_INT(e, oparg, left); exit != ExitNext {
				break
			}
			var res stackref.Ref
			if res, exit = op_COMPARE_OP_INT(e, oparg, left, right); exit != ExitNext {
				break
			}
			sp--
			st[sp-1] = res
			continue

		// --- jumps and range loops
		case compile.POP_JUMP_IF_FALSE:
			f.NextInstr = instr + 2
			if exit = op_POP_JUMP_IF_FALSE(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			continue
		case compile.JUMP_BACKWARD:
			f.NextInstr = instr + 2
			if exit = op_SPECIALIZE_JUMP_BACKWARD(e, oparg); exit != ExitNext {
				break
			}
			if exit = op_CHECK_PERIODIC(e, oparg); exit != ExitNext {
				break
			}
			if exit = op_JUMP_BACKWARD_NO_INTERRUPT(e, oparg); exit != ExitNext {
				break
			}
			continue
		case compile.JUMP_BACKWARD_NO_JIT:
			f.NextInstr = instr + 2
			if exit = op_CHECK_PERIODIC(e, oparg); exit != ExitNext {
				break
			}
			if exit = op_JUMP_BACKWARD_NO_INTERRUPT(e, oparg); exit != ExitNext {
				break
			}
			continue
		case compile.GET_ITER:
			f.NextInstr = instr + 1
			var iter stackref.Ref
			if iter, exit = op_GET_ITER(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			st[sp-1] = iter
			continue
		case compile.FOR_ITER: // [iter] -> [iter, next]
			f.NextInstr = instr + 2
			iter := st[sp-1]
			if exit = op_SPECIALIZE_FOR_ITER(e, oparg, specialize.NewForIterCache(code, instr).Counter(), iter); exit != ExitNext {
				break
			}
			if st[sp], exit = op_FOR_ITER(e, oparg, iter); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.FOR_ITER_RANGE:
			f.NextInstr = instr + 2
			iter := st[sp-1]
			if exit = op_ITER_CHECK_RANGE(e, oparg, iter); exit != ExitNext {
				break
			}
			if exit = op_ITER_JUMP_RANGE(e, oparg, iter); exit != ExitNext {
				break
			}
			if st[sp], exit = op_ITER_NEXT_RANGE(e, oparg, iter); exit != ExitNext {
				break
			}
			sp++
			continue
		case compile.POP_ITER:
			f.NextInstr = instr + 1
			if exit = op_POP_TOP(e, oparg, st[sp-1]); exit != ExitNext {
				break
			}
			sp--
			continue
		default:
			exit = e.UnknownOpcode(f, int(op))
		}
		// An arm that did not finish: as runFrame does.
		switch exit {
		case ExitDeopt:
			e.RecordDeopt(instr, op)
			op = specialize.FamilyHead[op]
			goto dispatch
		case ExitRedispatch:
			op = compile.Opcode(code[instr] & 0xff)
			goto dispatch
		case ExitDispatch:
			continue
		case ExitFrame:
			f = e.Frame
			code, st, sp = f.Code, f.Stack, f.SP
			continue
		case ExitReturn:
			f.SP = sp
			return ExitReturn
		}
		f.SP = sp
		if !e.HandleException(f) {
			return ExitError
		}
		f = e.Frame
		code, st, sp = f.Code, f.Stack, f.SP
	}
}
