//go:build vmbench

// Command tracebench times the loops of a corpus file (casesgen/corpus_compile.py's JSON) in
// tier 1 and in tier 2, and the generated tier-2 executor against a hand-written one.
// benchmarks/tier2.py runs it.
//
//	tracebench [-n RUNS] [-modes LIST] [-only NAME] [-cpuprofile FILE] [-dump] CORPUS.json
//
// The modes (-modes, comma-separated; all five by default):
//
//	tier1       the generated tier-1 loop (runFrame) only
//	tier2       hot loops run as traces in the generated executor (runTrace, vm/eval_uops_gen.go)
//	opt         the same, each trace first rewritten by the generated optimizer
//	            (optimizer.NewContext + Optimize, as optimizer_test.go's optimizeLoop does)
//	tier2_hand  the tier2 traces run by the hand-written executor (runTraceHand, vm/handtrace.go)
//	opt_hand    the opt traces run by the hand-written executor
//
// A probe comes first: the program's code warmed up in tier 1, every loop projected and optimized
// (vm.ProjectLoop, inner loops first: the projection then refuses an outer loop around an
// ENTER_EXECUTOR) and installed, and a second run; its result is the program's, and what the
// projection and the optimizer found is reported (-dump writes the traces, before and after the
// optimizer, to stderr). A program with no loop that projects is not timed. Then each timed run
// of a mode loads the code afresh and runs the module once with a fresh Eval and fresh globals;
// the traced modes run with the JIT flag, so their loops go to tier 2 as in CPython's tier-2
// interpreter: hot after 4096 iterations, projected, optimized (opt modes), entered. The modes
// alternate within each round, after one untimed round. It prints one JSON line per program:
//
//	{name, runs, result, loops, refused, uops, removed, replaced, hand_missing,
//	 modes: {MODE: {ns, min_ns, all_ns, cpu_ns, cpu_all_ns, iterations, exits}}}
//
// loops/refused being the loops that project and why the others do not; uops the micro-ops of
// its traces, removed how many of them the optimizer turned into _NOP, replaced what it rewrote
// (optimizer.Context.Replaced, summed over the traces, by micro-op); ns the median wall-clock
// time of a mode's runs (min_ns the fastest, all_ns each), cpu_ns the median CPU time of the
// thread that ran them (cpu_all_ns each; less disturbed by other processes on a busy machine,
// and without the GC's background work), iterations/exits those of its executors in its last
// run. A program with no loop that projects has no modes: it is not timed. A program whose modes
// disagree, or that fails, is {name, error} and exit 1.
//
// It keeps cmd/vmbench's vmbench build tag: it needs the uncommitted vm/op_bodies_gen.go and
// optimizer/optimizer_bodies_gen.go (go build -tags vmbench ./cmd/tracebench).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"time"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/optimizer"
	"gopy.example/gopy/vm"
)

type program = vm.Program

// mode is how one timed run executes the program's loops.
type mode struct {
	traced, optimized, hand bool
}

var modes = map[string]mode{
	"tier1":      {},
	"tier2":      {traced: true},
	"opt":        {traced: true, optimized: true},
	"tier2_hand": {traced: true, hand: true},
	"opt_hand":   {traced: true, optimized: true, hand: true},
}

type modeTiming struct {
	NS         int64   `json:"ns"`
	Min        int64   `json:"min_ns"`
	CPU        int64   `json:"cpu_ns"`
	CPUAll     []int64 `json:"cpu_all_ns"`
	All        []int64 `json:"all_ns"`
	Iterations int     `json:"iterations"`
	Exits      int     `json:"exits"`
}

type report struct {
	Name     string                 `json:"name"`
	Runs     int                    `json:"runs,omitempty"`
	Result   string                 `json:"result,omitempty"`
	Loops    int                    `json:"loops"`
	Refused  []string               `json:"refused,omitempty"`
	Uops     int                    `json:"uops"`
	Removed  int                    `json:"removed"`
	Replaced map[string]int         `json:"replaced,omitempty"`
	Modes    map[string]*modeTiming `json:"modes,omitempty"`
	// HandMissing says why the hand-written executor does not run the program's traces (a
	// micro-op it has no case for); the hand modes are not timed then.
	HandMissing string `json:"hand_missing,omitempty"`
	Error       string `json:"error,omitempty"`
}

// codes is a code object and every code object among its constants, depth first.
func codes(c *vm.Code) []*vm.Code {
	out := []*vm.Code{c}
	for _, k := range c.Consts.Items {
		if inner, ok := k.(*vm.Code); ok {
			out = append(out, codes(inner)...)
		}
	}
	return out
}

// elapsed is the time one run took: wall-clock, and the CPU time of the thread that ran it.
type elapsed struct{ wall, cpu time.Duration }

// runModule runs the module code in fresh globals and returns the repr of its global `result`
// (or "<Exception>: message").
func runModule(e *vm.Eval, code *vm.Code) (elapsed, string, error) {
	globals := objects.NewDict()
	if err := globals.Set(objects.NewStr("__name__"), objects.NewStr("__main__")); err != nil {
		return elapsed{}, "", err
	}
	frame := vm.NewFrame(code, globals, globals)
	runtime.GC()
	cpu, start := threadCPU(), time.Now()
	_, err := e.Run(frame)
	d := elapsed{time.Since(start), threadCPU() - cpu}
	var exc *objects.Exception
	switch {
	case errors.As(err, &exc):
		msg, _ := objects.StrOf(exc)
		return d, exc.Type().Name + ": " + msg, nil
	case err != nil:
		return d, "", err
	}
	v, ok, err := globals.Get(objects.NewStr("result"))
	if err != nil {
		return d, "", err
	}
	if !ok {
		v = objects.None
	}
	s, err := objects.Repr(v)
	return d, s, err
}

// traceStats is what installing a program's executors found.
type traceStats struct {
	loops    int
	refused  []string
	uops     int
	removed  int
	replaced map[string]int
}

func isJumpBackward(op compile.Opcode) bool {
	return op == compile.JUMP_BACKWARD || op == compile.JUMP_BACKWARD_NO_JIT || op == compile.JUMP_BACKWARD_JIT
}

func countNops(trace []compile.UOpInstruction) int {
	n := 0
	for _, u := range trace {
		if u.Opcode == compile.UOP_NOP {
			n++
		}
	}
	return n
}

func dumpTrace(w *os.File, title string, trace []compile.UOpInstruction) {
	fmt.Fprintf(w, "%s (%d micro-ops)\n", title, len(trace))
	for k, u := range trace {
		fmt.Fprintf(w, "  %2d %-32s oparg %-3d target %-4d operand0 %#x\n", k, compile.UopName[u.Opcode], u.Oparg, u.Target, u.Operand0)
	}
}

// install projects every loop of every code object of the program and installs its executor
// (the loops at lower indexes first: an inner loop becomes an ENTER_EXECUTOR, and the outer
// loop around it, which the projection refuses then, stays in tier 1).
func install(e *vm.Eval, name string, code *vm.Code, m mode, dump bool) (traceStats, error) {
	s := traceStats{replaced: map[string]int{}}
	for _, c := range codes(code) {
		for i := 0; i < len(c.Units); i += vm.Size(c, i) {
			if !isJumpBackward(compile.Opcode(c.Units[i] & 0xff)) {
				continue
			}
			trace, err := vm.ProjectLoop(e, c, i)
			if err != nil {
				s.refused = append(s.refused, fmt.Sprintf("%s@%d: %v", c.Qualname, i, err))
				continue
			}
			if dump {
				dumpTrace(os.Stderr, fmt.Sprintf("%s: %s, loop at %d", name, c.Qualname, i), trace)
			}
			s.loops++
			s.uops += len(trace) - countNops(trace) // the projection's _NOPs (its unneeded validity checks) do not run
			var dependencies []objects.Object
			if m.optimized {
				opt, ctx, err := optimizer.OptimizeLoop(e, c, trace)
				if err != nil {
					return s, fmt.Errorf("%s@%d: %v", c.Qualname, i, err)
				}
				s.removed += countNops(opt) - countNops(trace)
				for op, n := range ctx.Replaced {
					s.replaced[compile.UopName[op]] += n
				}
				trace, dependencies = opt, ctx.Dependencies
				if dump {
					dumpTrace(os.Stderr, fmt.Sprintf("%s: %s, loop at %d, optimized", name, c.Qualname, i), trace)
				}
			}
			vm.InstallExecutor(c, i, trace, dependencies...)
		}
	}
	return s, nil
}

// probe runs the program as the opt mode's traces see it: fresh code, a tier-1 warm-up (the loops
// run specialized, as the projection needs), every loop projected and optimized (install), and a
// second run; it reports the result and what the projection and the optimizer found.
func probe(p program, dump bool) (string, traceStats, error) {
	code, err := vm.LoadCode(p.Code)
	if err != nil {
		return "", traceStats{}, err
	}
	warm := vm.NewEval()
	if _, _, err := runModule(warm, code); err != nil {
		return "", traceStats{}, fmt.Errorf("warm-up: %v", err)
	}
	s, err := install(warm, p.Name, code, modes["opt"], dump)
	if err != nil {
		return "", s, err
	}
	_, res, err := runModule(vm.NewEval(), code)
	return res, s, err
}

// runOnce is one timed run of a mode: fresh code and a fresh Eval, as CPython runs a program. A
// traced mode runs with the JIT flag (interp->jit): JUMP_BACKWARD specializes to
// JUMP_BACKWARD_JIT, a loop hot after 4096 iterations is projected (and, in the opt modes,
// optimized) and entered through ENTER_EXECUTOR, and exits resume tier 1, as in
// `casesgen vm-diff --tier2`.
func runOnce(p program, m mode) (elapsed, string, [2]int, error) {
	var ran [2]int
	code, err := vm.LoadCode(p.Code)
	if err != nil {
		return elapsed{}, "", ran, err
	}
	vm.OptimizeHook = nil
	if m.optimized {
		vm.OptimizeHook = optimizer.Hook
	}
	e := vm.NewEval()
	e.JIT, e.HandTrace = m.traced, m.hand
	d, res, err := runModule(e, code)
	for _, c := range codes(code) {
		for _, ex := range c.Executors {
			ran[0] += ex.Iterations
			ran[1] += ex.Exits
		}
	}
	return d, res, ran, err
}

func median(xs []int64) int64 {
	s := append([]int64(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func bench(p program, names []string, runs int, dump bool) report {
	// a probe run: the result, and what projecting and optimizing the loops finds
	res, s, err := probe(p, dump)
	if err != nil {
		return report{Name: p.Name, Error: fmt.Sprintf("opt: %v", err)}
	}
	r := report{Name: p.Name, Result: res, Loops: s.loops, Refused: s.refused, Uops: s.uops, Removed: s.removed,
		Replaced: s.replaced}
	if s.loops == 0 {
		return r // nothing runs in tier 2: every mode is tier 1
	}
	r.Runs, r.Modes = runs, map[string]*modeTiming{}
	for i := -1; i < runs; i++ { // round -1: untimed, one run of each mode
		for _, name := range names {
			if modes[name].hand && r.HandMissing != "" {
				continue
			}
			d, res, ran, err := runOnce(p, modes[name])
			var unknown *vm.UnknownUopError
			if modes[name].hand && errors.As(err, &unknown) {
				r.HandMissing = err.Error()
				for n := range r.Modes { // a hand mode that ran before is not timed either
					if modes[n].hand {
						delete(r.Modes, n)
					}
				}
				continue
			}
			if err != nil {
				return report{Name: p.Name, Error: fmt.Sprintf("%s: %v", name, err)}
			}
			if res != r.Result {
				return report{Name: p.Name, Error: fmt.Sprintf("the modes disagree: opt gives %s, %s gives %s", r.Result, name, res)}
			}
			t := r.Modes[name]
			if t == nil {
				t = &modeTiming{}
				r.Modes[name] = t
			}
			t.Iterations, t.Exits = ran[0], ran[1]
			if i >= 0 {
				t.All = append(t.All, d.wall.Nanoseconds())
				t.CPUAll = append(t.CPUAll, d.cpu.Nanoseconds())
			}
		}
	}
	for _, t := range r.Modes {
		t.NS, t.Min, t.CPU = median(t.All), slices.Min(t.All), median(t.CPUAll)
	}
	return r
}

func main() {
	runtime.LockOSThread() // every run on one thread: threadCPU measures it
	runs := flag.Int("n", 5, "timed runs of each mode per program")
	modeList := flag.String("modes", "tier1,tier2,opt,tier2_hand,opt_hand", "the modes to run, comma-separated")
	profile := flag.String("cpuprofile", "", "write a CPU profile of all the runs to this file")
	dump := flag.Bool("dump", false, "write every trace, before and after the optimizer, to stderr")
	only := flag.String("only", "", "run only the program of this name")
	flag.Parse()
	names := strings.Split(*modeList, ",")
	for _, n := range names {
		if _, ok := modes[n]; !ok {
			fmt.Fprintf(os.Stderr, "tracebench: unknown mode %q\n", n)
			os.Exit(2)
		}
	}
	if flag.NArg() != 1 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: tracebench [-n RUNS] [-modes LIST] [-only NAME] [-cpuprofile FILE] [-dump] CORPUS.json")
		os.Exit(2)
	}
	programs, err := vm.ReadCorpus(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "tracebench:", err)
		os.Exit(2)
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "tracebench:", err)
			os.Exit(2)
		}
		defer pprof.StopCPUProfile()
	}
	out := json.NewEncoder(os.Stdout)
	status := 0
	for _, p := range programs {
		if *only != "" && p.Name != *only {
			continue
		}
		r := bench(p, names, *runs, *dump)
		if r.Error != "" {
			status = 1
		}
		if err := out.Encode(r); err != nil {
			status = 2
			break
		}
	}
	if status != 0 {
		pprof.StopCPUProfile()
		os.Exit(status)
	}
}
