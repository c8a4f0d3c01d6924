// Command vmrun runs the programs of a corpus file (casesgen/corpus_compile.py's JSON) on the
// generated interpreter and prints one JSON line per program as it finishes: its result as repr()
// gives it, or the exception it raised, or why the test runtime could not run it; with the
// specialized instructions it executed, the guard failures per specialized instruction, and each
// code object's code units as the specializer left them (for `vm-diff --quickened`).
// Executed instructions are counted only in a build with -tags casesgen_stats (`casesgen vm-diff`
// builds it so); guard failures always.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/vm"
)

type program = vm.Program

type outcome struct {
	Name        string            `json:"name"`
	Result      string            `json:"result,omitempty"`
	Missing     string            `json:"missing,omitempty"` // what the test runtime lacks
	Specialized map[string]uint64 `json:"specialized"`       // specialized instruction -> executions
	Deopts      map[string]uint64 `json:"deopts"`            // specialized instruction -> guard failures
	Produced    map[string]uint64 `json:"produced"`          // specialized instruction -> rewrites into it
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
	defer func() {
		if r := recover(); r != nil {
			o.Result, o.Missing = "", fmt.Sprintf("panic: %v", r)
		}
		o.Specialized = counts(&e.Stats.Executed, specialized)
		o.Deopts = counts(&e.Stats.Deopts, func(compile.Opcode) bool { return true })
		o.Produced = counts(&e.Stats.Produced, specialized)
	}()
	code, err := vm.LoadCode(p.Code)
	if err == nil {
		defer func() { // the code units as the specializer left them, also when the run failed
			for _, c := range code.Walk() {
				o.Quickened = append(o.Quickened, c.Units)
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

func main() {
	programs, err := vm.ReadCorpus(os.Args[1])
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
