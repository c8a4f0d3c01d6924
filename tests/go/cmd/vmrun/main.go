// Command vmrun runs the programs of a corpus file (casesgen/corpus_compile.py's JSON) on the
// generated interpreter and prints one JSON line per program as it finishes: its result as repr()
// gives it, or the exception it raised, or why the test runtime could not run it; with the
// specialized instructions it executed, the guard failures per specialized instruction, and each
// code object's code units as the specializer left them (for `vm-diff --quickened`).
// Executed instructions are counted only in a build with -tags casesgen_stats (`casesgen vm-diff`
// builds it so); guard failures always.
//
//	vmrun [-tier2 [-tier2-warmup N]] CORPUS.json
//
// -tier2 runs as CPython runs with its tier-2 interpreter on: JUMP_BACKWARD_JIT, hot loops
// projected, optimized by the generated optimizer and run as traces (and says how many).
// -tier2-warmup N makes a loop hot after N+1 iterations instead of CPython's 4096, so that short
// loops run as traces too (a stress test of tier 2).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/optimizer"
	"gopy.example/gopy/vm"
)

// tier2 is the -tier2 flag.
var tier2 bool

type program = vm.Program

type outcome struct {
	Name        string            `json:"name"`
	Result      string            `json:"result,omitempty"`
	Missing     string            `json:"missing,omitempty"` // what the test runtime lacks
	Specialized map[string]uint64 `json:"specialized"`       // specialized instruction -> executions
	Deopts      map[string]uint64 `json:"deopts"`            // specialized instruction -> guard failures
	Produced    map[string]uint64 `json:"produced"`          // specialized instruction -> rewrites into it
	Traces      *traces           `json:"traces,omitempty"`  // with -tier2: what tier 2 did
	Quickened   [][]uint16        `json:"quickened"`         // each code object's units after the run (Code.Walk order)
}

// specialized: what CPython calls a specialized instruction (one its family head deoptimizes to),
// never an instrumented one.
func specialized(op compile.Opcode) bool {
	return op.IsDefined() && op < compile.MIN_INSTRUMENTED_OPCODE && compile.Deopt[op] != op
}

// counts names the nonzero counts of the opcodes keep admits (encoding/json sorts the keys).
func counts(per *[256]uint64, keep func(compile.Opcode) bool) map[string]uint64 {
	named := map[string]uint64{}
	for op, n := range per {
		if n != 0 && keep(compile.Opcode(op)) {
			named[compile.Opcode(op).String()] = n
		}
	}
	return named
}

func run(p program) (o outcome) {
	o.Name = p.Name
	e := vm.NewEval()
	e.JIT = tier2
	defer func() {
		if r := recover(); r != nil {
			o.Result, o.Missing = "", fmt.Sprintf("panic: %v", r)
			if os.Getenv("VMRUN_STACK") != "" {
				debug.PrintStack()
			}
		}
		o.Specialized = counts(&e.Stats.Executed, specialized)
		o.Deopts = counts(&e.Stats.Deopts, func(compile.Opcode) bool { return true })
		o.Produced = counts(&e.Stats.Produced, specialized)
		if tier2 {
			o.Traces = &traces{e.Stats.TracesBuilt, e.Stats.TracesRefused, e.Stats.TracesEntered}
		}
	}()
	code, err := vm.LoadCode(p.Code)
	if err == nil {
		defer func() { // the code units as the specializer left them, also when the run failed
			for _, c := range code.Walk() {
				o.Quickened = append(o.Quickened, c.Specialized())
			}
		}()
		var v objects.Object
		if v, err = e.RunModule(code); err == nil {
			o.Result, err = e.ReprString(v)
		}
	}
	var exc *objects.Exception
	switch {
	case err == nil:
	case errors.As(err, &exc):
		msg, _ := e.StrString(exc)
		o.Result = exc.Type().Name + ": " + msg
	default:
		o.Missing = err.Error()
	}
	return o
}

// traces counts what tier 2 did in one program.
type traces struct {
	Built   uint64 `json:"built"`   // hot loops projected into traces and installed
	Refused uint64 `json:"refused"` // hot loops that did not project (a call, a nested loop in tier 2)
	Entered uint64 `json:"entered"` // times a trace was entered
}

func main() {
	flag.BoolVar(&tier2, "tier2", false, "run hot loops in tier 2, as CPython's tier-2 interpreter does")
	warmup := flag.Uint("tier2-warmup", uint(vm.JumpWarmup), "with -tier2: a loop is hot after this many iterations and one")
	flag.Parse()
	if flag.NArg() != 1 || *warmup < 1 || *warmup > uint(vm.JumpWarmup) {
		fmt.Fprintln(os.Stderr, "usage: vmrun [-tier2 [-tier2-warmup N (1..4095)]] CORPUS.json")
		os.Exit(2)
	}
	vm.JumpWarmup = uint16(*warmup)
	if tier2 {
		vm.OptimizeHook = optimizer.Hook
	}
	programs, err := vm.ReadCorpus(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "vmrun:", err)
		os.Exit(2)
	}
	objects.SetStdout(io.Discard)     // a program's print would mix with the JSON lines
	out := json.NewEncoder(os.Stdout) // unbuffered: each line is out as soon as its program finishes
	for _, p := range programs {
		if err := out.Encode(run(p)); err != nil {
			os.Exit(2)
		}
	}
}
