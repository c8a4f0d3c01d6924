// Package optimizer is the test runtime's side of the trace optimizer: a small lattice of
// symbols and the context the generated abstract interpreter (optimizer_cases_gen.go) and the
// translated overrides of optimizer_bytecodes.c (optimizer_bodies_gen.go) run with.
package optimizer

import (
	"fmt"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/objects"
	"gopy.example/gopy/vm"
)

// Symbol is what the optimizer knows of a value (CPython's JitOptSymbol): nothing (unknown),
// that it is NULL, that it is not, its type, or its value (a constant).
type Symbol struct {
	Null, NotNull bool
	Typ           *objects.Type
	Const         objects.Object
}

// Context is the abstract interpreter's state over one trace (CPython's JitOptContext).
type Context struct {
	Stack  []*Symbol
	SP     int
	Locals []*Symbol
	Done   bool // the rest of the trace is left as it is (ctx->done)
	eval   *vm.Eval

	Replaced map[compile.Uop]int // how many micro-ops of each kind REPLACE_OP rewrote
}

// NewContext is a context for a trace of code with these many locals and this stack depth:
// every local is unknown at the trace's top.
func NewContext(e *vm.Eval, locals, stack int) *Context {
	ctx := &Context{Stack: make([]*Symbol, stack), Locals: make([]*Symbol, locals), eval: e,
		Replaced: map[compile.Uop]int{}}
	for i := range ctx.Locals {
		ctx.Locals[i] = &Symbol{}
	}
	return ctx
}

// Optimize runs the abstract interpreter over trace, rewriting it in place.
func (ctx *Context) Optimize(trace []compile.UOpInstruction) error {
	for i := range trace {
		// This abstract interpreter models the frame the trace starts in: CPython's optimizer
		// opens a frame of symbols for a callee in its _PUSH_FRAME override, which does not
		// translate here, so the part of a trace from a call on is left as projected (the
		// caller's symbols must not stand for the callee's locals).
		if ctx.Done || trace[i].Opcode == compile.UOP_PUSH_FRAME {
			return nil
		}
		before := trace[i].Opcode
		if exit := ctx.optimizeUop(&trace[i]); exit != ExitNext {
			return fmt.Errorf("micro-op %d (%v): the optimizer stopped with exit %d", i, before, exit)
		}
		if trace[i].Opcode != before {
			ctx.Replaced[before]++
		}
	}
	return nil
}

// --- what the generated code calls (asserted in optimizer_cases_gen.go) ------------------------

func (ctx *Context) Runtime() *vm.Eval { return ctx.eval }

func (ctx *Context) Local(i int) **Symbol { return &ctx.Locals[i] }

func (ctx *Context) UnknownUop(op int) Exit {
	panic(fmt.Sprintf("no optimizer case for micro-op %d", op))
}

func (ctx *Context) NotTranslated(op, reason string) Exit {
	// an override the translator left out: know nothing of its outputs (as CPython's default does)
	ctx.Done = true
	return ExitNext
}

func (ctx *Context) OperandObject(v uint64) objects.Object { return nil }

func (ctx *Context) NewUnknown() *Symbol { return &Symbol{} }
func (ctx *Context) NewNotNull() *Symbol { return &Symbol{NotNull: true} }
func (ctx *Context) NewNull() *Symbol    { return &Symbol{Null: true} }
func (ctx *Context) NewType(t objects.Object) *Symbol {
	return &Symbol{NotNull: true, Typ: t.(*objects.Type)}
}
func (ctx *Context) NewConst(v objects.Object) *Symbol {
	return &Symbol{NotNull: true, Typ: v.Type(), Const: v}
}

// NewTruthiness is a bool whose value, when known, follows value's truth (or its negation).
func (ctx *Context) NewTruthiness(value *Symbol, truthy bool) *Symbol {
	if value.Const != nil {
		if t, err := objects.Truthy(value.Const); err == nil {
			return ctx.NewConst(objects.Bool(t == truthy))
		}
	}
	return ctx.NewType(objects.BoolType)
}

func (ctx *Context) IsConst(s *Symbol) bool            { return s.Const != nil }
func (ctx *Context) GetConst(s *Symbol) objects.Object { return s.Const }
func (s *Symbol) IsNull() bool                         { return s.Null }
func (s *Symbol) IsNotNull() bool                      { return s.NotNull }
func (s *Symbol) HasType() bool                        { return s.Typ != nil }
func (s *Symbol) GetType() objects.Object              { return s.Typ }
func (s *Symbol) MatchesType(t objects.Object) bool {
	return s.Typ != nil && objects.Object(s.Typ) == t
}
func (s *Symbol) SetType(t objects.Object)  { s.NotNull, s.Typ = true, t.(*objects.Type) }
func (s *Symbol) SetNull()                  { s.Null = true }
func (s *Symbol) SetNonNull()               { s.NotNull = true }
func (s *Symbol) SetConst(v objects.Object) { s.NotNull, s.Typ, s.Const = true, v.Type(), v }

// ReplaceOp rewrites this_instr (REPLACE_OP): a guard that cannot fail becomes _NOP.
func (ctx *Context) ReplaceOp(u *compile.UOpInstruction, op, oparg int, operand uint64) {
	u.Opcode, u.Oparg, u.Operand0 = compile.Uop(op), uint16(oparg), operand
}

// OptimizeToBool is 1 when value is already a bool (TO_BOOL then does nothing): *result is value.
func (ctx *Context) OptimizeToBool(u *compile.UOpInstruction, c *Context, value *Symbol, result **Symbol) int {
	if value.MatchesType(objects.BoolType) {
		ctx.ReplaceOp(u, int(compile.UOP_NOP), 0, 0)
		*result = value
		return 1
	}
	return 0
}

// EliminatePopGuard drops a _GUARD_IS_*_POP whose outcome is known; this lattice keeps them.
func (ctx *Context) EliminatePopGuard(u *compile.UOpInstruction, exit bool) {}

func (ctx *Context) Unreachable() { panic("Py_UNREACHABLE in an optimizer override") }

// CodeArgCount is co_argcount of a code object the optimizer knows as a constant (the code of a
// function constant), which the runtime's code type reports.
func (c *Context) CodeArgCount(code objects.Object) int {
	return code.(interface{ PositionalCount() int }).PositionalCount()
}

// LongIsNegative is _PyLong_IsNegative of an int constant.
func (ctx *Context) LongIsNegative(o objects.Object) bool {
	lt, err := objects.RichCompare(o, objects.NewInt(0), objects.LT)
	return err == nil && lt == objects.Object(objects.True)
}
