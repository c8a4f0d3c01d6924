// Command vmrun runs the programs of a corpus file (casesgen/corpus_compile.py's JSON) on the
// generated interpreter and prints one JSON line per program: its result as repr() gives it,
// or the exception it raised, or why the test runtime could not run it.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"gopy.example/gopy/objects"
	"gopy.example/gopy/vm"
)

type program = vm.Program

type outcome struct {
	Name    string `json:"name"`
	Result  string `json:"result,omitempty"`
	Missing string `json:"missing,omitempty"` // what the test runtime lacks
}

func run(p program) (o outcome) {
	o.Name = p.Name
	defer func() {
		if r := recover(); r != nil {
			o.Missing = fmt.Sprintf("panic: %v", r)
		}
	}()
	code, err := vm.LoadCode(p.Code)
	if err == nil {
		var v objects.Object
		if v, err = vm.RunModule(code); err == nil {
			o.Result, err = objects.Repr(v)
		}
	}
	var exc *objects.Exception
	switch {
	case err == nil:
	case errors.As(err, &exc):
		msg, _ := objects.StrOf(exc)
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
	out := json.NewEncoder(os.Stdout)
	for _, p := range programs {
		if err := out.Encode(run(p)); err != nil {
			os.Exit(2)
		}
	}
}
