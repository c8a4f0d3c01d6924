package objects

import (
	"fmt"
	"strings"
)

// itertoolsNames are the names of CPython 3.14's itertools module (dir(itertools) without the
// module's dunders); the ones not modelled here are listed as lacking.
const itertoolsNames = `_grouper _tee _tee_dataobject accumulate batched chain combinations
combinations_with_replacement compress count cycle dropwhile filterfalse groupby islice pairwise
permutations product repeat starmap takewhile tee zip_longest`

// The iterator types of the itertools module. As C's, their tp_name is dotted: error messages
// say 'itertools.count', __name__ is the part after the dot and __module__ the part before
// (typeGetAttr), the repr <class 'itertools.count'>.
var (
	CountType  = &Type{Name: "itertools.count", Base: ObjectType}
	IsliceType = &Type{Name: "itertools.islice", Base: ObjectType}
	RepeatType = &Type{Name: "itertools.repeat", Base: ObjectType}
	ChainType  = &Type{Name: "itertools.chain", Base: ObjectType}
)

func init() {
	CountType.New = countNew
	IsliceType.New = isliceNew
	RepeatType.New = repeatNew
	ChainType.New = chainNew
	ChainType.Dict = NewDict()
	_ = ChainType.Dict.Set(NewStr("from_iterable"), &ClassMethod{Func: &Builtin{Name: "from_iterable", Fn: chainFromIterable}})
}

// newItertoolsModule is the itertools module with count, islice, repeat and chain.
// CPython: Modules/itertoolsmodule.c itertoolsmodule_exec
func newItertoolsModule() *Module {
	m := &Module{Name: "itertools", Dict: NewDict(), lacks: map[string]bool{}}
	for _, n := range strings.Fields(itertoolsNames) {
		m.lacks[n] = true
	}
	_ = m.Dict.Set(NewStr("__name__"), NewStr("itertools"))
	for _, t := range []*Type{CountType, IsliceType, RepeatType, ChainType} {
		name := strings.TrimPrefix(t.Name, "itertools.")
		_ = m.Dict.Set(InternStr(name), t)
		delete(m.lacks, name)
	}
	return m
}

// ---- count ----

// countIter is itertools.count(start, step): cur, then cur+step, ... through Python's +.
// CPython's fast mode (int start, step 1, counting in a C integer) gives the same values and
// repr as adding ints; its one visible effect, a bool start turned into an int, is made in
// countNew.
// CPython: Modules/itertoolsmodule.c countobject
type countIter struct {
	cur, step Object
}

func (*countIter) Type() *Type { return CountType }

// Next returns the current value and adds the step.
// CPython: Modules/itertoolsmodule.c count_next, count_nextlong
func (c *countIter) Next() (Object, bool, error) {
	v := c.cur
	next, err := BinaryOp(c.cur, c.step, NB_ADD)
	if err != nil {
		return nil, false, err
	}
	c.cur = next
	return v, true, nil
}

// repr is count(start) when the step is the int 1, else count(start, step).
// CPython: Modules/itertoolsmodule.c count_repr
func (c *countIter) repr() (string, error) {
	start, err := Repr(c.cur)
	if err != nil {
		return "", err
	}
	if isIntOne(c.step) {
		return "count(" + start + ")", nil
	}
	step, err := Repr(c.step)
	if err != nil {
		return "", err
	}
	return "count(" + start + ", " + step + ")", nil
}

// isIntOne reports an int (or bool) equal to 1.
func isIntOne(o Object) bool {
	i, ok := toInt(o)
	if !ok {
		return false
	}
	v, small := i.Int64()
	return small && v == 1
}

// isNumberObject is PyNumber_Check: an int, float or complex, or an object of a class with
// __index__, __int__ or __float__.
// CPython: Objects/abstract.c PyNumber_Check
func isNumberObject(o Object) bool {
	switch o.(type) {
	case *Int, Bool, *Float, *Complex:
		return true
	}
	if isClassObject(o) {
		for _, name := range []string{"__index__", "__int__", "__float__"} {
			if classMethod(o, name) != nil {
				return true
			}
		}
	}
	return false
}

// countNew is count(start=0, step=1).
// CPython: Modules/itertoolsmodule.c itertools_count_impl
func countNew(args []Object, kwnames []string) (Object, error) {
	v, err := clinicArgs("count", args, kwnames, []string{"start", "step"}, 0, 2)
	if err != nil {
		return nil, err
	}
	start, step := v[0], v[1]
	if (start != nil && !isNumberObject(start)) || (step != nil && !isNumberObject(step)) {
		return nil, typeErrorf("a number is required")
	}
	if start == nil {
		start = NewInt(0)
	}
	if step == nil {
		step = NewInt(1)
	}
	// Fast mode counts an int start (a bool too) in a C integer when the step is 1.
	if b, ok := start.(Bool); ok && isIntOne(step) {
		start, _ = toInt(b)
	}
	return &countIter{cur: start, step: step}, nil
}

// ---- islice ----

// isliceIter is itertools.islice: the items of it at indices next, next+step, ... below stop
// (-1: no stop). it is nil once exhausted.
// CPython: Modules/itertoolsmodule.c isliceobject
type isliceIter struct {
	it                    Object
	next, stop, step, cnt int64
}

func (*isliceIter) Type() *Type { return IsliceType }

// Next skips to the next selected index, then takes one item; it pulls nothing once the stop
// index is reached, so an infinite source is fine.
// CPython: Modules/itertoolsmodule.c islice_next
func (s *isliceIter) Next() (Object, bool, error) {
	if s.it == nil {
		return nil, false, nil
	}
	for s.cnt < s.next {
		_, ok, err := IterNext(s.it)
		if err != nil || !ok {
			s.it = nil
			return nil, false, err
		}
		s.cnt++
	}
	if s.stop != -1 && s.cnt >= s.stop {
		s.it = nil
		return nil, false, nil
	}
	item, ok, err := IterNext(s.it)
	if err != nil || !ok {
		s.it = nil
		return nil, false, err
	}
	s.cnt++
	old := s.next
	s.next += s.step
	if s.next < old || (s.stop != -1 && s.next > s.stop) {
		s.next = s.stop
	}
	return item, true, nil
}

// isliceIndex converts an islice index (PyNumber_AsSsize_t); ok is false for anything that
// is no int or does not fit (CPython clears that error and reports its own ValueError).
func isliceIndex(o Object) (v int64, ok bool) {
	i, isInt := toInt(o)
	if !isInt {
		return 0, false
	}
	return i.Int64()
}

// isliceNew is islice(iterable, stop) or islice(iterable, start, stop[, step]).
// CPython: Modules/itertoolsmodule.c islice_new
func isliceNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("islice", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("islice", len(args), 2, 4); err != nil {
		return nil, err
	}
	const stopMsg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
	var start, stop, step int64 = 0, -1, 1
	if len(args) == 2 {
		if args[1] != None {
			v, ok := isliceIndex(args[1])
			if !ok || v == -1 {
				return nil, valueErrorf(stopMsg)
			}
			stop = v
		}
	} else {
		if args[1] != None {
			v, ok := isliceIndex(args[1])
			if !ok {
				v = -1
			}
			start = v
		}
		if args[2] != None {
			v, ok := isliceIndex(args[2])
			if !ok || v == -1 {
				return nil, valueErrorf(stopMsg)
			}
			stop = v
		}
	}
	if start < 0 || stop < -1 {
		return nil, valueErrorf("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
	}
	if len(args) == 4 && args[3] != None {
		v, ok := isliceIndex(args[3])
		if !ok {
			v = -1
		}
		step = v
	}
	if step < 1 {
		return nil, valueErrorf("Step for islice() must be a positive integer or None.")
	}
	it, err := GetIter(args[0])
	if err != nil {
		return nil, err
	}
	return &isliceIter{it: it, next: start, stop: stop, step: step}, nil
}

// ---- repeat ----

// repeatIter is itertools.repeat(object[, times]): object, times times (cnt -1: forever).
// CPython: Modules/itertoolsmodule.c repeatobject
type repeatIter struct {
	obj Object
	cnt int64
}

func (*repeatIter) Type() *Type { return RepeatType }

// Next gives the object while repetitions remain.
// CPython: Modules/itertoolsmodule.c repeat_next
func (r *repeatIter) Next() (Object, bool, error) {
	if r.cnt == 0 {
		return nil, false, nil
	}
	if r.cnt > 0 {
		r.cnt--
	}
	return r.obj, true, nil
}

// repr is repeat(object) or repeat(object, remaining).
// CPython: Modules/itertoolsmodule.c repeat_repr
func (r *repeatIter) repr() (string, error) {
	o, err := Repr(r.obj)
	if err != nil {
		return "", err
	}
	if r.cnt == -1 {
		return "repeat(" + o + ")", nil
	}
	return fmt.Sprintf("repeat(%s, %d)", o, r.cnt), nil
}

// repeatNew is repeat(object[, times]); a negative times repeats nothing.
// CPython: Modules/itertoolsmodule.c repeat_new
func repeatNew(args []Object, kwnames []string) (Object, error) {
	v, err := clinicArgs("repeat", args, kwnames, []string{"object", "times"}, 1, 2)
	if err != nil {
		return nil, err
	}
	cnt := int64(-1)
	if v[1] != nil {
		i, err := indexArg(v[1])
		if err != nil {
			return nil, err
		}
		n, ok := i.Int64()
		switch {
		case !ok && i.Sign() > 0:
			return nil, overflowErrorf("Python int too large to convert to C ssize_t")
		case !ok || n < 0:
			n = 0
		}
		cnt = n
	}
	return &repeatIter{obj: v[0], cnt: cnt}, nil
}

// ---- chain ----

// chainIter is itertools.chain(*iterables) and chain.from_iterable(iterables): the items of
// each iterable in turn, each iter() taken only when the previous one is used up, and the
// iterables themselves taken one by one from an iterator over them.
// CPython: Modules/itertoolsmodule.c chainobject
type chainIter struct {
	source Object // an iterator over the iterables; nil once it is used up
	active Object // the iterator of the current iterable, nil between two
}

func (*chainIter) Type() *Type { return ChainType }

// Next takes from the active iterator, moving on to the next iterable when it is used up.
// CPython: Modules/itertoolsmodule.c chain_next
func (c *chainIter) Next() (Object, bool, error) {
	for c.source != nil {
		if c.active == nil {
			iterable, ok, err := IterNext(c.source)
			if err != nil || !ok {
				c.source = nil
				return nil, false, err
			}
			if c.active, err = GetIter(iterable); err != nil { // a chain whose input is no iterable ends there
				c.source = nil
				return nil, false, err
			}
		}
		item, ok, err := IterNext(c.active)
		if err != nil {
			return nil, false, err
		}
		if ok {
			return item, true, nil
		}
		c.active = nil
	}
	return nil, false, nil
}

// chainNew is chain(*iterables).
// CPython: Modules/itertoolsmodule.c chain_new
func chainNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("chain", kwnames); err != nil {
		return nil, err
	}
	source, err := GetIter(NewTuple(append([]Object(nil), args...)...))
	if err != nil {
		return nil, err
	}
	return &chainIter{source: source}, nil
}

// chainFromIterable is the class method chain.from_iterable(iterables): args[0] is the class.
// CPython: Modules/itertoolsmodule.c itertools_chain_from_iterable
func chainFromIterable(args []Object, kwnames []string) (Object, error) {
	if len(kwnames) != 0 {
		return nil, typeErrorf("chain.from_iterable() takes no keyword arguments")
	}
	if len(args) != 2 {
		return nil, typeErrorf("chain.from_iterable() takes exactly one argument (%d given)", len(args)-1)
	}
	source, err := GetIter(args[1])
	if err != nil {
		return nil, err
	}
	return &chainIter{source: source}, nil
}
