package optimizer

import (
	"os"
	"testing"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/vm"
)

// The generated optimizer on real traces: tests/tier2/loops.py's loops are warmed up in tier 1,
// projected into traces (vm.ProjectLoop), optimized by the generated abstract interpreter with
// the translated overrides of optimizer_bytecodes.c, and run in tier 2: guards the optimizer
// proved unnecessary are gone, and the loops still compute what tier 1 computes.
// CASESGEN_TRACE_LOOPS names the compiled loops.py (tests/test_tier2.py sets it).

func load(t *testing.T) (*vm.Eval, *objects.Dict) {
	path := os.Getenv("CASESGEN_TRACE_LOOPS")
	if path == "" {
		t.Skip("CASESGEN_TRACE_LOOPS is not set: run through tests/test_tier2.py")
	}
	e, globals, err := vm.RunFirst(path)
	if err != nil {
		t.Fatal(err)
	}
	return e, globals
}

// optimizeLoop projects the (only) loop of fn's code, optimizes the trace and installs it.
func optimizeLoop(t *testing.T, e *vm.Eval, fn *objects.Function) (*vm.Executor, *Context, int) {
	code := fn.Code.(*vm.Code)
	for i := 0; i < len(code.Units); i += vm.Size(code, i) {
		op := compile.Opcode(code.Units[i] & 0xff)
		if op != compile.JUMP_BACKWARD && op != compile.JUMP_BACKWARD_NO_JIT && op != compile.JUMP_BACKWARD_JIT {
			continue
		}
		trace, err := vm.ProjectLoop(e, code, i)
		if err != nil {
			t.Fatal(err)
		}
		before := len(trace)
		ctx := NewContext(e, len(code.LocalsPlusNames), 2*code.StackSize)
		for k := range ctx.Stack {
			ctx.Stack[k] = ctx.NewUnknown()
		}
		ctx.SP = code.StackSize // what the stack holds at the loop's top is unknown to the optimizer
		if err := ctx.Optimize(trace); err != nil {
			t.Fatal(err)
		}
		return vm.InstallExecutor(code, i, trace), ctx, before
	}
	t.Fatal("no loop")
	return nil, nil, 0
}

func TestOptimizedTracesDropGuardsAndAgree(t *testing.T) {
	e, globals := load(t)
	get := func(name string) *objects.Function {
		v, _, _ := globals.Get(objects.NewStr(name))
		return v.(*objects.Function)
	}
	call := func(fn *objects.Function, args ...objects.Object) string {
		v, err := e.Call(fn, args)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := objects.Repr(v)
		return s
	}
	countUp := get("count_up")
	if got := call(countUp, objects.NewInt(100)); got != "328350" { // tier 1, which also warms the loop up
		t.Fatalf("count_up(100) = %s", got)
	}
	ex, ctx, n := optimizeLoop(t, e, countUp)
	guards := ctx.Replaced[compile.UOP_GUARD_TOS_INT] + ctx.Replaced[compile.UOP_GUARD_NOS_INT]
	if guards == 0 {
		t.Fatalf("no int guard removed from count_up's trace (%d micro-ops): %v", n, ctx.Replaced)
	}
	for k, u := range ex.Trace {
		t.Logf("count_up trace %2d: %s", k, compile.UopName[u.Opcode])
	}
	if got := call(countUp, objects.NewInt(1000)); got != "332833500" || ex.Iterations < 900 {
		t.Fatalf("count_up(1000) on the optimized trace = %s after %d iterations", got, ex.Iterations)
	}
	// a guard the optimizer kept still protects the trace: a float bound leaves it for tier 1
	if got := call(countUp, objects.NewFloat(10.5)); got != "385" {
		t.Fatalf("count_up(10.5) = %s, want 385", got)
	}
	t.Logf("OPTIMIZER: count_up's trace: %d int guards of %d micro-ops became _NOP (%v); %d iterations ran optimized",
		guards, n, ctx.Replaced, ex.Iterations)
}
