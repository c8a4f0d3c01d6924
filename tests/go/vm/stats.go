package vm

import "gopy.example/gopy/compile"

// Stats is what the loop counted, per opcode, as CPython's Py_STATS build counts it
// (Include/cpython/pystats.h, OpcodeStats): executions only in a build with the casesgen_stats tag
// (statsEnabled), guard failures always.
type Stats struct {
	Executed [256]uint64 // instructions run (OPCODE_EXE_INC), a deoptimized one under its family head too
	Deopts   [256]uint64 // guard failures of each specialized instruction (UPDATE_MISS_STATS)
	Produced [256]uint64 // rewrites of an instruction into each opcode (the specializer's successes)
	// Tier 2 (with Eval.JIT): loops projected into traces, loops that did not project, and the
	// times a trace was entered.
	TracesBuilt, TracesRefused, TracesEntered uint64
}

// RecordExecution counts one execution of op (OPCODE_EXE_INC); the generated loop calls it only
// when statsEnabled, so a build without the tag pays nothing.
func (e *Eval) RecordExecution(op compile.Opcode) { e.Stats.Executed[op]++ }
