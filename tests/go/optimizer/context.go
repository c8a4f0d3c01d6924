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
	// TypeVersion is the version tag a _GUARD_TYPE_VERSION found the value's class at, 0 if none.
	TypeVersion uint32
	frame       *AbstractFrame // a frame on the stack (WrapFrame), not a value
	// Items are what a tuple holds, when the optimizer knows them (a tuple it saw built); nil otherwise.
	Items []*Symbol
}

// maxSymbolicTupleSize is MAX_SYMBOLIC_TUPLE_SIZE: a bigger tuple is only known as a tuple.
const maxSymbolicTupleSize = 7

// NewTuple is a tuple of these n items (sym_new_tuple).
// CPython: Python/optimizer_symbols.c _Py_uop_sym_new_tuple
func (ctx *Context) NewTuple(n int, items []*Symbol) *Symbol {
	s := ctx.NewType(objects.TupleType)
	if n <= maxSymbolicTupleSize {
		s.Items = append([]*Symbol(nil), items[:n]...)
	}
	return s
}

// TupleGetItem is item i of a tuple the optimizer knows (its symbol, or its constant's item), or
// a value known only not to be NULL.
// CPython: Python/optimizer_symbols.c _Py_uop_sym_tuple_getitem
func (ctx *Context) TupleGetItem(s *Symbol, i int) *Symbol {
	if t, ok := s.Const.(*objects.Tuple); ok && i < len(t.Items) {
		return ctx.NewConst(t.Items[i])
	}
	if s.Const == nil && i < len(s.Items) {
		return s.Items[i]
	}
	return ctx.NewNotNull()
}

// TupleLength is the length of a tuple the optimizer knows, -1 otherwise.
// CPython: Python/optimizer_symbols.c _Py_uop_sym_tuple_length
func (s *Symbol) TupleLength() int {
	if t, ok := s.Const.(*objects.Tuple); ok {
		return len(t.Items)
	}
	if s.Items != nil {
		return len(s.Items)
	}
	return -1
}

// LongAsLong is PyLong_AsLong of an int constant (a tuple's index): -1 when it does not fit.
func (ctx *Context) LongAsLong(o objects.Object) int {
	if i, ok := o.(*objects.Int); ok {
		if v, fits := i.Int64(); fits {
			return int(v)
		}
	}
	return -1
}

// Context is the abstract interpreter's state over one trace (CPython's JitOptContext). Every
// frame's locals and stack are ranges of one array of symbols, Stack (CPython's
// locals_and_stack), and SP is the running frame's stack pointer, an index into it: the
// overrides of calls and returns move from frame to frame without copying a symbol.
type Context struct {
	Stack []*Symbol
	SP    int
	Done  bool // the rest of the trace is left as it is (ctx->done)
	eval  *vm.Eval
	code  *vm.Code // the code the trace is a loop of: its operands are numbered there

	Frame          *AbstractFrame // the frame the pass is in (ctx->frame)
	frames         [maxAbstractFrameDepth]AbstractFrame
	CurrFrameDepth int // how many of frames are in use
	consumed       int // how much of Stack the frames hold (n_consumed)

	// optimize_uops' locals, which the overrides of calls and returns share: the code of the
	// running frame, the stack space the frames entered so far need (now, and at most), the
	// first _CHECK_STACK_SPACE of the trace and the one of the call being made.
	Co                                            objects.Object
	CurrSpace, MaxSpace                           int
	FirstValidCheckStack, CorrespondingCheckStack *compile.UOpInstruction

	Replaced map[compile.Uop]int // how many micro-ops of each kind REPLACE_OP rewrote
	// Dependencies are the objects the optimized trace relies on not changing (the classes whose
	// version guards it removed, watched): the executor is invalidated when one does.
	Dependencies []objects.Object
}

// AbstractFrame is a frame of symbols (CPython's _Py_UOpsAbstractFrame): where its locals and its
// stack begin in the context's Stack, and its stack pointer while a callee's frame runs.
type AbstractFrame struct {
	Locals, Stack, StackPointer int
}

const (
	// maxAbstractFrameDepth is MAX_ABSTRACT_FRAME_DEPTH: the trace's own frame, the calls a
	// projection follows (TRACE_STACK_SIZE, 5) and one more.
	maxAbstractFrameDepth = 5 + 2
	// maxAbstractInterpSize is MAX_ABSTRACT_INTERP_SIZE: the symbols all frames may hold.
	maxAbstractInterpSize = 4096
)

// NewContext is a context for a trace of code: its frame has every local unknown, and a stack
// holding code.StackSize unknown symbols (what the stack holds at the loop's top is unknown to
// the optimizer), with as many free above them.
// CPython: Python/optimizer_analysis.c optimize_uops (the first frame)
func NewContext(e *vm.Eval, code *vm.Code) *Context {
	ctx := &Context{Stack: make([]*Symbol, maxAbstractInterpSize), eval: e, code: code, Co: code,
		Replaced: map[compile.Uop]int{}}
	if objects.TypeWatchers[typeWatcherID] == nil { // as remove_globals registers it, before a pass
		objects.TypeWatchers[typeWatcherID] = typeWatcherCallback
	}
	f := ctx.frameNew(len(code.LocalsPlusNames), 2*code.StackSize, code.StackSize, nil)
	if f == nil {
		ctx.Done = true // a frame too big for the abstract interpreter: nothing is optimized
		return ctx
	}
	ctx.CurrFrameDepth++
	ctx.Frame, ctx.SP = f, f.StackPointer
	return ctx
}

// Optimize runs the abstract interpreter over trace, rewriting it in place. It follows the
// trace's calls into the callees' frames (the overrides of _PUSH_FRAME and _RETURN_VALUE), and
// leaves one _CHECK_STACK_SPACE of a trace's calls, which checks the space of them all.
// CPython: Python/optimizer_analysis.c optimize_uops
func (ctx *Context) Optimize(trace []compile.UOpInstruction) error {
	for i := range trace {
		if ctx.Done {
			break
		}
		before := trace[i].Opcode
		if exit := ctx.optimizeUop(&trace[i]); exit != ExitNext {
			return fmt.Errorf("micro-op %d (%v): the optimizer stopped with exit %d", i, before, exit)
		}
		if trace[i].Opcode != before {
			ctx.Replaced[before]++
		}
	}
	if first := ctx.FirstValidCheckStack; first != nil {
		if first.Opcode != compile.UOP_CHECK_STACK_SPACE || ctx.MaxSpace <= 0 {
			return fmt.Errorf("the first stack check is %v for %d slots", first.Opcode, ctx.MaxSpace)
		}
		first.Opcode, first.Operand0 = compile.UOP_CHECK_STACK_SPACE_OPERAND, uint64(ctx.MaxSpace)
		ctx.Replaced[compile.UOP_CHECK_STACK_SPACE]++
	}
	return nil
}

// OptimizeLoop is a copy of code's projected loop trace, optimized: what the commands and the
// tests run; a panic of the abstract interpreter is an error.
func OptimizeLoop(e *vm.Eval, code *vm.Code, trace []compile.UOpInstruction) (out []compile.UOpInstruction, ctx *Context, err error) {
	out = append([]compile.UOpInstruction(nil), trace...)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the optimizer panicked: %v", r)
		}
	}()
	ctx = NewContext(e, code)
	if err := ctx.Optimize(out); err != nil {
		return nil, nil, err
	}
	vm.RemoveUnneededChecks(out) // remove_unneeded_uops, after optimize_uops
	return out, ctx, nil
}

// Hook is OptimizeLoop as vm.OptimizeHook takes it: what the commands set to run tier 2 optimized.
func Hook(e *vm.Eval, code *vm.Code, trace []compile.UOpInstruction) ([]compile.UOpInstruction, []objects.Object, error) {
	out, ctx, err := OptimizeLoop(e, code, trace)
	if err != nil {
		return nil, nil, err
	}
	return out, ctx.Dependencies, nil
}

// typeWatcherID is TYPE_WATCHER_ID: the optimizer's watcher among objects.TypeWatchers.
const typeWatcherID = 0

// typeWatcherCallback invalidates the executors that rely on a class that changed, and stops
// watching it (a new executor watches it again).
// CPython: Python/optimizer_analysis.c type_watcher_callback
func typeWatcherCallback(t *objects.Type) {
	vm.InvalidateDependency(t)
	t.Unwatch(typeWatcherID)
}

// TypeWatch makes watcher id hear of type t's changes (PyType_Watch).
func (ctx *Context) TypeWatch(id int, t objects.Object) { t.(*objects.Type).Watch(id) }

// TypeLookupByVersion is the class whose version tag is v now, nil if the cache does not know it.
// CPython: Objects/typeobject.c _PyType_LookupByVersion
func (ctx *Context) TypeLookupByVersion(v uint32) objects.Object {
	if t := objects.LookupTypeByVersion(v); t != nil {
		return t
	}
	return nil
}

// frameNew takes the next frame slot and locals+stack symbols of Stack for a frame whose first
// len(args) locals are args, the rest unknown, with curr unknown symbols on its stack; nil (and
// the pass done) when the frames would not fit.
// CPython: Python/optimizer_symbols.c _Py_uop_frame_new
func (ctx *Context) frameNew(locals, stack, curr int, args []*Symbol) *AbstractFrame {
	if ctx.CurrFrameDepth >= maxAbstractFrameDepth || ctx.consumed+locals+stack >= len(ctx.Stack) {
		ctx.Done = true
		return nil
	}
	f := &ctx.frames[ctx.CurrFrameDepth]
	*f = AbstractFrame{Locals: ctx.consumed, Stack: ctx.consumed + locals}
	f.StackPointer = f.Stack + curr
	ctx.consumed += locals + stack
	for i := 0; i < locals; i++ {
		if i < len(args) {
			ctx.Stack[f.Locals+i] = args[i]
		} else {
			ctx.Stack[f.Locals+i] = ctx.NewUnknown()
		}
	}
	for i := 0; i < curr; i++ {
		ctx.Stack[f.Stack+i] = ctx.NewUnknown()
	}
	return f
}

// FrameNew is frame_new: the frame of symbols a call of code pushes, its arguments args[:n].
func (ctx *Context) FrameNew(code objects.Object, curr int, args []*Symbol, n int) *AbstractFrame {
	c := code.(*vm.Code)
	return ctx.frameNew(len(c.LocalsPlusNames), c.StackSize, curr, args[:n])
}

// FramePop is frame_pop: back in the caller's frame, the callee's symbols free again.
// CPython: Python/optimizer_symbols.c _Py_uop_frame_pop
func (ctx *Context) FramePop() int {
	ctx.consumed = ctx.Frame.Locals
	ctx.CurrFrameDepth--
	ctx.Frame = &ctx.frames[ctx.CurrFrameDepth-1]
	return 0
}

// WrapFrame and UnwrapFrame carry a frame on the stack of symbols, between the override that
// makes it (_INIT_CALL_PY_EXACT_ARGS) and _PUSH_FRAME (CPython casts one pointer to the other).
func (ctx *Context) WrapFrame(f *AbstractFrame) *Symbol   { return &Symbol{NotNull: f != nil, frame: f} }
func (ctx *Context) UnwrapFrame(s *Symbol) *AbstractFrame { return s.frame }

// GetCode is the code a _PUSH_FRAME enters or a _RETURN_VALUE returns to: its operand, which
// the projection set to the function called (or the code returned to); nil when it has none.
// CPython: Python/optimizer_analysis.c get_code
func (ctx *Context) GetCode(u *compile.UOpInstruction) objects.Object {
	switch o := ctx.code.OperandObject(u.Operand0).(type) {
	case *objects.Function:
		return o.Code.(*vm.Code)
	case *vm.Code:
		return o
	}
	return nil
}

// CodeFrameSize is co_framesize of a code object the optimizer holds.
func (ctx *Context) CodeFrameSize(code objects.Object) int { return code.(*vm.Code).FrameSize }

// --- what the generated code calls (asserted in optimizer_cases_gen.go) ------------------------

func (ctx *Context) Runtime() *vm.Eval { return ctx.eval }

func (ctx *Context) Local(i int) **Symbol { return &ctx.Stack[ctx.Frame.Locals+i] }

func (ctx *Context) UnknownUop(op int) Exit {
	panic(fmt.Sprintf("no optimizer case for micro-op %d", op))
}

func (ctx *Context) NotTranslated(op, reason string) Exit {
	// an override the translator left out: know nothing of its outputs (as CPython's default does)
	ctx.Done = true
	return ExitNext
}

// OperandObject is the object of a micro-op's 64-bit operand (a constant _LOAD_CONST_INLINE
// pushes), numbered among the operands of the loop's code.
func (ctx *Context) OperandObject(v uint64) objects.Object { return ctx.code.OperandObject(v) }

// OperandRef is (uintptr_t)o for an operand: o numbered among the operands of the loop's code,
// where the executor finds it (e.OperandObject).
func (ctx *Context) OperandRef(o objects.Object) uint64 { return ctx.code.OperandRef(o) }

// CodeConsts is co_consts of a code object the optimizer holds.
func (ctx *Context) CodeConsts(code objects.Object) objects.Object { return code.(*vm.Code).Consts }

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
func (s *Symbol) SetType(t objects.Object) { s.NotNull, s.Typ = true, t.(*objects.Type) }

// MatchesTypeVersion says whether a guard already found the symbol's class at version v.
// CPython: Python/optimizer_symbols.c _Py_uop_sym_matches_type_version (a constant's type's
// version, which CPython also accepts, is not taken here: no watcher vouches for it)
func (s *Symbol) MatchesTypeVersion(v uint32) bool { return s.TypeVersion != 0 && s.TypeVersion == v }

// SetTypeVersion records that the symbol's class has version v, and the class itself when the
// version cache knows it; false when that contradicts what the symbol is known to be (then
// nothing is recorded, and no watcher is added).
// CPython: Python/optimizer_symbols.c _Py_uop_sym_set_type_version
func (s *Symbol) SetTypeVersion(v uint32) bool {
	switch {
	case s.Null:
		return false
	case s.TypeVersion != 0:
		return s.TypeVersion == v
	case s.Const != nil && s.Const.Type().VersionTag != v, s.Typ != nil && s.Typ.VersionTag != v:
		return false
	}
	if t := objects.LookupTypeByVersion(v); t != nil {
		s.Typ = t
	}
	s.NotNull, s.TypeVersion = true, v
	return true
}
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
