//go:build vmbench

// Command vmbench times the generated tier-1 loop (runFrame) against the hand-written
// reference loop (runFrameHand, vm/handswitch.go) on the programs of a corpus file
// (casesgen/corpus_compile.py's JSON). benchmarks/vm.py runs it.
//
//	vmbench [-n RUNS] [-cpuprofile FILE] [-memprofile FILE] [-loop generated|hand] CORPUS.json
//
// Each loop loads the program's code objects once and runs them again and again, as
// benchmarks/vm.py's CPython side execs one compiled code object: the untimed first run
// quickens and specializes the code, and the timed runs find it so (in CPython's too). Each
// run makes fresh globals and a fresh Eval, and times Eval.Run of the module frame. The two
// loops alternate, after one untimed run of each. It prints one JSON
// line per program: {name, generated_ns, hand_ns, result, runs}, the times being the medians
// of the runs (each run's time in generated_all_ns, hand_all_ns); a program whose loops
// disagree, or that fails, is {name, error} and exit 1; one that needs what the test runtime
// lacks is {name, unsupported} (not timed).
//
// The vmbench build tag keeps it out of `./...`: like cmd/vmrun it needs the uncommitted
// vm/op_bodies_gen.go, and tests/test_go.py vets the committed tree without it
// (go build -tags vmbench ./cmd/vmbench).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"time"

	"gopy.example/gopy/objects"
	"gopy.example/gopy/vm"
)

type program = vm.Program

type timing struct {
	Name         string  `json:"name"`
	GeneratedNS  int64   `json:"generated_ns,omitempty"`
	HandNS       int64   `json:"hand_ns,omitempty"`
	Result       string  `json:"result,omitempty"`
	Runs         int     `json:"runs,omitempty"`
	GeneratedAll []int64 `json:"generated_all_ns,omitempty"`
	HandAll      []int64 `json:"hand_all_ns,omitempty"`
	// HandMissing says why the reference loop does not run the program (an opcode it has no arm
	// for: it covers the loop programs, not class statements); only the generated loop is timed.
	HandMissing string `json:"hand_missing,omitempty"`
	// Unsupported is what the test runtime lacks for the program (objects.Unsupported): it is
	// not timed, and it is no failure of the benchmark.
	Unsupported string `json:"unsupported,omitempty"`
	Error       string `json:"error,omitempty"`
}

// runOnce runs the module code once with the chosen loop and returns its time and the
// repr of its global `result` (or "<Exception>: message").
func runOnce(code *vm.Code, hand bool) (time.Duration, string, error) {
	globals := objects.NewDict()
	if err := globals.Set(objects.NewStr("__name__"), objects.NewStr("__main__")); err != nil {
		return 0, "", err
	}
	e := vm.NewEval()
	e.Hand = hand
	frame := vm.NewFrame(code, globals, globals)
	if os.Getenv("GOGC") != "off" {
		// a timed run starts on a collected heap; a counted one (the collector off, as
		// benchmarks/vm.py --instructions runs it) counts the program alone, not a collection
		// of the runs before it
		runtime.GC()
	}
	start := time.Now()
	_, err := e.Run(frame)
	elapsed := time.Since(start)
	var exc *objects.Exception
	switch {
	case errors.As(err, &exc):
		msg, _ := objects.StrOf(exc)
		return elapsed, exc.Type().Name + ": " + msg, nil
	case err != nil:
		return 0, "", err
	}
	v, ok, err := globals.Get(objects.NewStr("result"))
	if err != nil {
		return 0, "", err
	}
	if !ok {
		v = objects.None
	}
	s, err := objects.Repr(v)
	return elapsed, s, err
}

func median(xs []int64) int64 {
	s := append([]int64(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// loops are the loops a run times: the generated one (false) and the hand-written one (true).
var loops = []bool{false, true}

func bench(p program, runs int) timing {
	t := timing{Name: p.Name, Runs: runs}
	results := map[bool]string{}
	codes := map[bool]*vm.Code{} // each loop's own, quickened by that loop
	for _, hand := range loops {
		code, err := vm.LoadCode(p.Code)
		if err != nil {
			t.Error = err.Error()
			return t
		}
		codes[hand] = code
	}
	for i := -1; i < runs; i++ { // run -1: untimed warm-up of each loop
		for _, hand := range loops {
			if hand && t.HandMissing != "" {
				continue
			}
			d, res, err := runOnce(codes[hand], hand)
			var unknown *vm.UnknownOpcodeError
			if hand && errors.As(err, &unknown) {
				t.HandMissing = err.Error()
				continue
			}
			var lacks *objects.Unsupported
			if errors.As(err, &lacks) {
				t.Unsupported = lacks.What
				return t
			}
			if err != nil {
				t.Error = fmt.Sprintf("%s loop: %v", map[bool]string{false: "generated", true: "hand"}[hand], err)
				return t
			}
			if prev, ok := results[hand]; ok && prev != res {
				t.Error = fmt.Sprintf("two runs disagree: %s, then %s", prev, res)
				return t
			}
			results[hand] = res
			if i < 0 {
				continue
			}
			if hand {
				t.HandAll = append(t.HandAll, d.Nanoseconds())
			} else {
				t.GeneratedAll = append(t.GeneratedAll, d.Nanoseconds())
			}
		}
	}
	if t.HandMissing != "" {
		t.Result, t.GeneratedNS = results[false], median(t.GeneratedAll)
		return t
	}
	if len(loops) == 1 { // one loop timed: its result and its time
		t.Result = results[loops[0]]
		if loops[0] {
			t.HandNS = median(t.HandAll)
		} else {
			t.GeneratedNS = median(t.GeneratedAll)
		}
		return t
	}
	if results[false] != results[true] {
		t.Error = fmt.Sprintf("the loops disagree: generated %s, hand %s", results[false], results[true])
		return t
	}
	t.Result = results[false]
	t.GeneratedNS, t.HandNS = median(t.GeneratedAll), median(t.HandAll)
	return t
}

func main() {
	runs := flag.Int("n", 5, "timed runs of each loop per program")
	profile := flag.String("cpuprofile", "", "write a CPU profile of all the runs to this file")
	memProfile := flag.String("memprofile", "", "write a profile of what all the runs allocate to this file (every allocation sampled)")
	only := flag.String("loop", "", "time only this loop: generated or hand (for an instruction count of one loop, as with callgrind)")
	flag.Parse()
	switch *only {
	case "generated":
		loops = []bool{false}
	case "hand":
		loops = []bool{true}
	case "":
	default:
		fmt.Fprintln(os.Stderr, "vmbench: -loop is generated or hand")
		os.Exit(2)
	}
	if flag.NArg() != 1 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: vmbench [-n RUNS] [-cpuprofile FILE] [-memprofile FILE] [-loop generated|hand] CORPUS.json")
		os.Exit(2)
	}
	programs, err := vm.ReadCorpus(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "vmbench:", err)
		os.Exit(2)
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "vmbench:", err)
			os.Exit(2)
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 1
		defer writeHeapProfile(*memProfile)
	} else {
		runtime.MemProfileRate = 0 // Go samples allocations by default: a stack walk every 512 KiB
	}
	out := json.NewEncoder(os.Stdout)
	status := 0
	for _, p := range programs {
		t := bench(p, *runs)
		if t.Error != "" {
			status = 1
		}
		if err := out.Encode(t); err != nil {
			status = 2
			break
		}
	}
	if status != 0 {
		pprof.StopCPUProfile()
		if *memProfile != "" {
			writeHeapProfile(*memProfile)
		}
		os.Exit(status)
	}
}

// writeHeapProfile writes the allocation profile (go tool pprof -sample_index=alloc_space).
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vmbench:", err)
	}
}
