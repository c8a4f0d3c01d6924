package vm

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
)

// Tier 2 on real 3.14 bytecode: every loop of the corpus is projected into a trace of
// micro-ops (trace.go) and run by the generated executor (eval_uops_gen.go), which calls the
// same body functions as tier 1. CASESGEN_TRACE_CORPUS names the corpus JSON
// (tests/test_tier2.py sets it); CASESGEN_TRACE_LOOPS the JSON of tests/tier2/loops.py.

// corpusPath is the corpus file env names, or a skip.
func corpusPath(t *testing.T, env string) string {
	path := os.Getenv(env)
	if path == "" {
		t.Skipf("%s is not set: run through tests/test_tier2.py", env)
	}
	return path
}

// codes is a code object and every code object among its constants, depth first.
func codes(c *Code) []*Code {
	out := []*Code{c}
	for _, k := range c.Consts.Items {
		if inner, ok := k.(*Code); ok {
			out = append(out, codes(inner)...)
		}
	}
	return out
}

// state is what a run leaves: its answer, or its exception, and every global that is no function.
var address = regexp.MustCompile(` at 0x[0-9a-f]+`)

func state(globals *objects.Dict, err error) string {
	if err != nil {
		if exc, ok := err.(*objects.Exception); ok {
			msg, _ := objects.StrOf(exc)
			return "raised " + exc.Type().Name + ": " + msg
		}
		return "failed: " + err.Error()
	}
	var lines []string
	for _, k := range globals.Keys() {
		v, _, _ := globals.Get(k)
		if _, fn := v.(*objects.Function); fn {
			continue
		}
		ks, _ := objects.Repr(k)
		vs, _ := objects.Repr(v)
		lines = append(lines, ks+" = "+address.ReplaceAllString(vs, " at 0x…")) // functions in a list: each run has its own
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func runModule(code *Code) (string, *Eval) {
	globals := objects.NewDict()
	_ = globals.Set(objects.NewStr("__name__"), objects.NewStr("__main__"))
	e := NewEval()
	_, err := e.Run(NewFrame(code, globals, globals))
	return state(globals, err), e
}

// projectAll installs an executor on every loop of every code object that projects fully.
// e is the runtime that ran the code, whose function version cache names the functions calls go to.
func projectAll(t *testing.T, e *Eval, code *Code) (installed, refused int) {
	for _, c := range codes(code) {
		for i := 0; i < len(c.Units); i += Size(c, i) {
			op := compile.Opcode(c.Units[i] & 0xff)
			if op != compile.JUMP_BACKWARD && op != compile.JUMP_BACKWARD_NO_JIT && op != compile.JUMP_BACKWARD_JIT {
				continue
			}
			trace, err := ProjectLoop(e, c, i)
			if err != nil {
				t.Logf("%s: loop at %d stays in tier 1: %v", c.Qualname, i, err)
				refused++
				continue
			}
			InstallExecutor(c, i, trace)
			installed++
		}
	}
	return installed, refused
}

func TestTracesComputeWhatTier1Computes(t *testing.T) {
	programs, err := ReadCorpus(corpusPath(t, "CASESGEN_TRACE_CORPUS"))
	if err != nil {
		t.Fatal(err)
	}
	loops, traced := 0, 0
	for _, p := range programs {
		code, err := LoadCode(p.Code)
		if err != nil {
			t.Fatal(err)
		}
		tier1, warm := runModule(code) // also warms the code up: the loops run quickened
		if strings.HasPrefix(tier1, "failed: ") {
			continue // what the test runtime cannot run in tier 1 (generators) it cannot trace either
		}
		installed, _ := projectAll(t, warm, code)
		if installed == 0 {
			continue
		}
		loops += installed
		tier2, _ := runModule(code)
		if tier2 != tier1 {
			t.Errorf("%s: tier 2 left\n%s\nwhere tier 1 left\n%s", p.Name, tier2, tier1)
		}
		ran := 0
		for _, c := range codes(code) {
			for _, ex := range c.Executors {
				ran += ex.Iterations
			}
		}
		if ran > 0 {
			traced++
		}
		t.Logf("%s: %d loop(s) traced, %d iterations in tier 2, same state as tier 1", p.Name, installed, ran)
	}
	t.Logf("TRACES: %d loops in %d programs ran in tier 2 and agreed with tier 1", loops, traced)
	if traced == 0 {
		t.Fatal("no loop ran in tier 2")
	}
}

func TestGuardFailureResumesTier1(t *testing.T) {
	e, globals, err := RunFirst(corpusPath(t, "CASESGEN_TRACE_LOOPS"))
	if err != nil {
		t.Fatal(err)
	}
	fn := func(name string) (*objects.Function, *Code) {
		v, _, _ := globals.Get(objects.NewStr(name))
		return v.(*objects.Function), v.(*objects.Function).Code.(*Code)
	}
	ints := func(n int) objects.Object {
		items := make([]objects.Object, n)
		for k := range items {
			items[k] = objects.NewInt(int64(k))
		}
		return objects.NewList(items...)
	}
	call := func(f *objects.Function, args ...objects.Object) string {
		v, err := e.Call(f, args)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := objects.Repr(v)
		return s
	}
	// traced runs the function in tier 1 (it must answer want; the loop runs specialized), then
	// projects its one loop and installs the trace: the function and the loop's executor.
	traced := func(name, want string, args ...objects.Object) (*objects.Function, *Executor) {
		f, code := fn(name)
		if got := call(f, args...); got != want {
			t.Fatalf("%s in tier 1 = %s, want %s", name, got, want)
		}
		if n, _ := projectAll(t, e, code); n != 1 {
			t.Fatalf("%s: %d loops traced, want 1", name, n)
		}
		return f, code.Executors[0]
	}
	holds := func(ex *Executor, op compile.Uop) bool {
		return slices.ContainsFunc(ex.Trace, func(u compile.UOpInstruction) bool { return u.Opcode == op })
	}

	// total: the trace adds ints (BINARY_OP_ADD_INT behind _GUARD_TOS_INT); a float fails the guard.
	total, ex := traced("total", "1225", ints(50))
	if got := call(total, ints(50)); got != "1225" || ex.Iterations == 0 {
		t.Fatalf("total(ints) in tier 2 = %s after %d iterations", got, ex.Iterations)
	}
	mixed := ints(10).(*objects.List)
	mixed.Items = append(mixed.Items, objects.NewFloat(0.5), objects.NewInt(1))
	exitsBefore := ex.Exits
	if got := call(total, mixed); got != "46.5" {
		t.Fatalf("total(ints + [0.5, 1]) = %s after a guard failure, want 46.5", got)
	}
	if ex.Exits <= exitsBefore+1 { // the loop's end is one exit; the float is another
		t.Fatalf("the float did not leave the trace (exits %d -> %d)", exitsBefore, ex.Exits)
	}

	// count_up: a while loop; its condition is a _GUARD_IS_TRUE_POP whose failure ends the loop in tier 1.
	countUp, countEx := traced("count_up", "328350", objects.NewInt(100))
	if got := call(countUp, objects.NewInt(1000)); got != "332833500" || countEx.Iterations < 900 {
		t.Fatalf("count_up(1000) in tier 2 = %s after %d iterations", got, countEx.Iterations)
	}
	// a float bound fails COMPARE_OP_INT's guard on every iteration: tier 1 runs each one
	exits := countEx.Exits
	if got := call(countUp, objects.NewFloat(10.5)); got != "385" || countEx.Exits <= exits {
		t.Fatalf("count_up(10.5) = %s (exits %d -> %d), want 385 through tier 1", got, exits, countEx.Exits)
	}
	t.Logf("total: %d iterations in tier 2, %d exits; count_up: %d iterations", ex.Iterations, ex.Exits,
		countEx.Iterations)

	// call_total: the trace follows the call into add (_PUSH_FRAME ... _RETURN_VALUE). A float
	// fails add's int guard in add's frame: tier 1 goes on there, add returns to the CALL that
	// _SET_IP recorded, and the next iteration enters the trace again.
	callTotal, callEx := traced("call_total", "1225", ints(50))
	if !holds(callEx, compile.UOP_PUSH_FRAME) {
		t.Fatal("call_total's trace has no _PUSH_FRAME")
	}
	if got := call(callTotal, ints(50)); got != "1225" || callEx.Iterations == 0 {
		t.Fatalf("call_total(ints) in tier 2 = %s after %d iterations", got, callEx.Iterations)
	}
	exits = callEx.Exits
	if got := call(callTotal, mixed); got != "46.5" || callEx.Exits <= exits+1 {
		t.Fatalf("call_total(ints + [0.5, 1]) = %s (exits %d -> %d), want 46.5 with an exit in add", got, exits, callEx.Exits)
	}

	// guarded_total: share raises ZeroDivisionError inside the trace, in share's frame; the
	// handler of the caller's loop catches it and the loop goes on.
	ones := func(n int) *objects.List {
		l := ints(n).(*objects.List)
		l.Items[0] = objects.NewInt(1)
		return l
	}
	guarded, guardedEx := traced("guarded_total", "5459", ones(50))
	withZero := ones(10)
	withZero.Items = append(withZero.Items, objects.NewInt(0), objects.NewInt(1))
	if got := call(guarded, withZero); got != "4828" {
		t.Fatalf("guarded_total(ones + [0, 1]) = %s, want 4828", got)
	}
	// concat: the trace's BINARY_OP_INPLACE_ADD_UNICODE appends to the local its operand names; a
	// wrong local would fail its guard and leave the trace on every iteration.
	concat, concatEx := traced("concat", "100", objects.NewInt(50))
	if !holds(concatEx, compile.UOP_BINARY_OP_INPLACE_ADD_UNICODE) {
		t.Fatal("concat's trace has no _BINARY_OP_INPLACE_ADD_UNICODE")
	}
	if got := call(concat, objects.NewInt(50)); got != "100" || concatEx.Iterations != 49 || concatEx.Exits != 1 {
		t.Fatalf("concat(50) in tier 2 = %s after %d iterations and %d exits, want 100 after 49 and 1 (the loop's end)",
			got, concatEx.Iterations, concatEx.Exits)
	}
	if guardedEx.Iterations == 0 {
		t.Fatal("guarded_total's trace never ran")
	}

	// mostly_else: the if's jump to the else branch was taken 99 times in 100: the trace guards
	// that it is taken again (_GUARD_IS_FALSE_POP) and goes on in the else branch; the rare if
	// branch leaves the trace.
	e.JIT = true // with tier 2 on, the jumps record the directions they take (RECORD_BRANCH_TAKEN)
	mostlyElse, elseEx := traced("mostly_else", "4850", objects.NewInt(100))
	if !holds(elseEx, compile.UOP_GUARD_IS_FALSE_POP) || holds(elseEx, compile.UOP_GUARD_IS_TRUE_POP) ||
		holds(elseEx, compile.UOP_BINARY_OP_SUBTRACT_INT) {
		t.Fatalf("mostly_else's trace should follow the jump into the else branch: %v", elseEx.UopNames())
	}
	if got := call(mostlyElse, objects.NewInt(1000)); got != "494000" || elseEx.Iterations < 900 || elseEx.Exits < 10 {
		t.Fatalf("mostly_else(1000) in tier 2 = %s after %d iterations and %d exits, want 494000 after 900 or more "+
			"and 10 or more (the if branch, the loop's end)", got, elseEx.Iterations, elseEx.Exits)
	}
}
