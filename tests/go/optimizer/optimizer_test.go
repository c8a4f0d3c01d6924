package optimizer

import (
	"os"
	"slices"
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
		trace, ctx, err := OptimizeLoop(e, code, trace)
		if err != nil {
			t.Fatal(err)
		}
		return vm.InstallExecutor(code, i, trace, ctx.Dependencies...), ctx, before
	}
	t.Fatal("no loop")
	return nil, nil, 0
}

// loops is loops.py's module, loaded: its functions by name, and a call's result as its repr.
type loops struct {
	t       *testing.T
	e       *vm.Eval
	globals *objects.Dict
}

func newLoops(t *testing.T) loops {
	e, globals := load(t)
	return loops{t, e, globals}
}

// span is the part of a trace (its micro-ops by name) from the first `from` to the first `to` after it.
func (l loops) span(names []string, from, to string) []string {
	i := slices.Index(names, from)
	j := slices.Index(names[max(i, 0):], to)
	if i < 0 || j < 0 {
		l.t.Fatalf("no %s followed by %s in the trace: %v", from, to, names)
	}
	return names[i : i+j]
}

// global is the module's global name (nil when it has none); get is a function among them.
func (l loops) global(name string) objects.Object {
	v, _, _ := l.globals.Get(objects.NewStr(name))
	return v
}

func (l loops) get(name string) *objects.Function { return l.global(name).(*objects.Function) }

func (l loops) call(fn *objects.Function, args ...objects.Object) string {
	v, err := l.e.Call(fn, args)
	if err != nil {
		l.t.Fatal(err)
	}
	s, _ := objects.Repr(v)
	return s
}

// optimized warms fn up in tier 1 (fn(arg) must answer want), then projects, optimizes and
// installs its loop: the function, its executor, the optimizer's context and the trace by name.
func (l loops) optimized(name string, arg int64, want string) (*objects.Function, *vm.Executor, *Context, []string) {
	fn := l.get(name)
	if got := l.call(fn, objects.NewInt(arg)); got != want {
		l.t.Fatalf("%s(%d) = %s, want %s", name, arg, got, want)
	}
	ex, ctx, n := optimizeLoop(l.t, l.e, fn)
	names := ex.UopNames()
	l.t.Logf("%s's optimized trace (%d of %d micro-ops): %v", name, len(names), n, names)
	return fn, ex, ctx, names
}

// runsOptimized is fn(arg) on its optimized trace: it must answer want after 900 iterations or more there.
func (l loops) runsOptimized(fn *objects.Function, ex *vm.Executor, arg int64, want string) {
	if got := l.call(fn, objects.NewInt(arg)); got != want || ex.Iterations < 900 {
		l.t.Fatalf("%s(%d) on the optimized trace = %s after %d iterations, want %s", fn.Name, arg, got, ex.Iterations, want)
	}
}

func TestOptimizedTracesDropGuardsAndAgree(t *testing.T) {
	l := newLoops(t)
	e, get, call := l.e, l.get, l.call
	countUp := get("count_up")
	if got := call(countUp, objects.NewInt(100)); got != "328350" { // tier 1, which also warms the loop up
		t.Fatalf("count_up(100) = %s", got)
	}
	ex, ctx, n := optimizeLoop(t, e, countUp)
	guards := ctx.Replaced[compile.UOP_GUARD_TOS_INT] + ctx.Replaced[compile.UOP_GUARD_NOS_INT]
	if guards == 0 {
		t.Fatalf("no int guard removed from count_up's trace (%d micro-ops): %v", n, ctx.Replaced)
	}
	t.Logf("count_up's trace: %v", ex.UopNames())
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

// The optimizer follows a trace's call into the callee's frame of symbols and back, as CPython's
// does (the overrides of _INIT_CALL_PY_EXACT_ARGS, _PUSH_FRAME and _RETURN_VALUE): what the
// caller knows of the arguments holds in the callee, what the callee returns holds in the caller,
// and one stack check stands for the trace's calls.
func TestOptimizerFollowsCalls(t *testing.T) {
	l := newLoops(t)
	callSum, ex, ctx, names := l.optimized("call_sum", 100, "9900")
	// in add's frame: b is the range's item, an int; a (s) is not known
	callee := l.span(names, "_PUSH_FRAME", "_RETURN_VALUE")
	if slices.Contains(callee, "_GUARD_TOS_INT") || !slices.Contains(callee, "_GUARD_NOS_INT") {
		t.Errorf("add's part of the trace should keep a's int guard and lose b's: %v", callee)
	}
	// back in call_sum's frame: add's result and i are ints
	if after := names[slices.Index(names, "_RETURN_VALUE"):]; slices.Contains(after, "_GUARD_TOS_INT") || slices.Contains(after, "_GUARD_NOS_INT") ||
		!slices.Contains(after, "_BINARY_OP_ADD_INT") {
		t.Errorf("`add(s, i) + i` after the return should have no int guard left: %v", after)
	}
	if slices.Contains(names, "_CHECK_STACK_SPACE") || !slices.Contains(names, "_CHECK_STACK_SPACE_OPERAND") {
		t.Errorf("the call's stack check should be one _CHECK_STACK_SPACE_OPERAND: %v", names)
	}
	l.runsOptimized(callSum, ex, 1000, "999000")
	t.Logf("OPTIMIZER: call_sum's trace through add's frame: %v replaced; %d iterations ran optimized",
		ctx.Replaced, ex.Iterations)
}

// A constant the trace loads becomes the micro-op's operand, an object the optimizer knows (the
// overrides of _LOAD_CONST_*: REPLACE_OP with (uintptr_t)val); its type guard goes.
func TestOptimizerKnowsConstants(t *testing.T) {
	l := newLoops(t)
	halves, ex, ctx, names := l.optimized("halves", 100, "50.0")
	if !slices.Contains(names, "_LOAD_CONST_INLINE_BORROW") && !slices.Contains(names, "_LOAD_CONST_INLINE") ||
		slices.Contains(names, "_GUARD_TOS_FLOAT") || !slices.Contains(names, "_BINARY_OP_ADD_FLOAT") {
		t.Fatalf("halves' trace should load 0.5 inline with no float guard on it: %v (%v)", names, ctx.Replaced)
	}
	l.runsOptimized(halves, ex, 1000, "500.0")
}

// A tuple's items keep what the optimizer knew of them through BUILD_TUPLE and UNPACK_SEQUENCE
// (sym_new_tuple, sym_tuple_getitem).
func TestOptimizerKnowsTuples(t *testing.T) {
	l := newLoops(t)
	pairs, ex, ctx, names := l.optimized("pairs", 100, "333300")
	between := l.span(names, "_UNPACK_SEQUENCE_TWO_TUPLE", "_BINARY_OP_MULTIPLY_INT")
	if slices.Contains(between, "_GUARD_TOS_INT") || slices.Contains(between, "_GUARD_NOS_INT") {
		t.Errorf("x * y after the unpacking should have no int guard: %v (%v)", between, ctx.Replaced)
	}
	l.runsOptimized(pairs, ex, 1000, "333333000")
}

// A removed class guard rests on the class not changing (CPython's type watcher): the optimizer
// removes the second guard on an instance's class, the executor depends on the class, and a
// change of the class invalidates it: in tier 1, its loop goes back to JUMP_BACKWARD; inside the
// trace, the next _CHECK_VALIDITY leaves it for tier 1.
func TestOptimizerWatchesClasses(t *testing.T) {
	l := newLoops(t)
	pair, other := l.global("Pair").(*objects.Type), l.global("Other")
	newPair := func() objects.Object {
		p, err := l.e.Call(l.get("make_pair"), nil)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	guards := func(names []string) int {
		n := 0
		for _, name := range names {
			if name == "_GUARD_TYPE_VERSION" {
				n++
			}
		}
		return n
	}

	// in tier 1: the class changes between two runs of the loop
	p, pairSum := newPair(), l.get("pair_sum")
	if got := l.call(pairSum, p, objects.NewInt(100)); got != "300" {
		t.Fatalf("pair_sum(p, 100) = %s", got)
	}
	ex, ctx, _ := optimizeLoop(t, l.e, pairSum)
	code := pairSum.Code.(*vm.Code)
	if names := ex.UopNames(); guards(names) != 1 || len(ctx.Dependencies) != 1 || ctx.Dependencies[0] != objects.Object(pair) {
		t.Fatalf("pair_sum's trace should keep one class guard of two and depend on Pair: %v, %v", names, ctx.Dependencies)
	}
	if got := l.call(pairSum, p, objects.NewInt(1000)); got != "3000" || ex.Iterations < 900 || !ex.Valid {
		t.Fatalf("pair_sum(p, 1000) on the optimized trace = %s after %d iterations", got, ex.Iterations)
	}
	if err := objects.SetAttr(pair, "c", objects.NewInt(3)); err != nil {
		t.Fatal(err)
	}
	if ex.Valid || code.Units[ex.Jump] != ex.Replaced {
		t.Fatalf("a change of Pair should invalidate pair_sum's executor and give its loop the JUMP_BACKWARD back")
	}
	if got := l.call(pairSum, p, objects.NewInt(10)); got != "30" {
		t.Fatalf("pair_sum(p, 10) after the change = %s", got)
	}

	// in the trace: setattr changes Pair between p.a and p.b (warmed up changing another class);
	// the first iteration runs in tier 1 (the loop's ENTER_EXECUTOR is its jump back), the second
	// in the trace
	p, reshaped := newPair(), l.get("reshaped_sum")
	args := func(classes []objects.Object, name string, v objects.Object) []objects.Object {
		return []objects.Object{p, objects.NewList(classes...), objects.NewStr(name), v}
	}
	if got := l.call(reshaped, args(slices.Repeat([]objects.Object{other}, 100), "x", objects.NewInt(0))...); got != "300" {
		t.Fatalf("reshaped_sum(p, [Other] * 100, ...) = %s", got)
	}
	ex, _, _ = optimizeLoop(t, l.e, reshaped)
	names := ex.UopNames()
	if guards(names) != 1 || !slices.Contains(names, "_CHECK_VALIDITY") {
		t.Fatalf("reshaped_sum's trace should keep one class guard and check its validity after setattr: %v", names)
	}
	// 1 + 2, then 1 + 100 (b a property from the trace's setattr on), then 1 + 100: CPython's 205
	if got := l.call(reshaped, args([]objects.Object{other, pair, pair}, "b", l.global("B_PROPERTY"))...); got != "205" || ex.Valid || ex.Exits == 0 {
		t.Fatalf("reshaped_sum(p, [Other, Pair, Pair], 'b', property) = %s (valid %v, %d exits), want 205 from a trace left at its check",
			got, ex.Valid, ex.Exits)
	}
	t.Logf("OPTIMIZER: class guards removed under Pair's watch; a change of Pair invalidated the executors (%v)", names)
}
