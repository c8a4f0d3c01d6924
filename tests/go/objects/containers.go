package objects

import (
	"math"
)

// Tuple is Python's tuple.
type Tuple struct {
	Items []Object
}

func (*Tuple) Type() *Type { return TupleType }

// emptyTuple is shared, as in CPython, so `() is ()` holds.
var emptyTuple = &Tuple{}

// NewTuple returns a tuple of items. It takes ownership of the slice:
// NewTuple(xs...) shares xs, so do not modify xs afterwards.
func NewTuple(items ...Object) *Tuple {
	if len(items) == 0 {
		return emptyTuple
	}
	return &Tuple{Items: items}
}

// List is Python's list.
type List struct {
	Items []Object
}

func (*List) Type() *Type { return ListType }

// NewList returns a list of items, taking ownership of the slice like
// NewTuple does.
func NewList(items ...Object) *List { return &List{Items: items} }

// Range is Python's range. Bounds are int64: ranges over ints beyond that
// are not supported (CPython allows them).
type Range struct {
	Start, Stop, Step int64
}

func (*Range) Type() *Type { return RangeType }

// NewRange returns range(start, stop, step).
func NewRange(start, stop, step int64) (*Range, error) {
	if step == 0 {
		return nil, valueErrorf("range() arg 3 must not be zero")
	}
	return &Range{Start: start, Stop: stop, Step: step}, nil
}

// length is the number of elements. It is computed in uint64 because
// stop-start can overflow int64 (range(-2**63, 2**63-1)).
func (r *Range) length() uint64 {
	switch {
	case r.Step > 0 && r.Start < r.Stop:
		return (uint64(r.Stop)-uint64(r.Start)-1)/uint64(r.Step) + 1
	case r.Step < 0 && r.Start > r.Stop:
		return (uint64(r.Start)-uint64(r.Stop)-1)/(-uint64(r.Step)) + 1
	}
	return 0
}

// Len is len(range), with CPython's error for lengths beyond ssize_t.
func (r *Range) Len() (int, error) {
	n := r.length()
	if n > math.MaxInt64 {
		return 0, overflowErrorf("Python int too large to convert to C ssize_t")
	}
	return int(n), nil
}

// item is the i-th element. Wrapping arithmetic is fine: the true result
// lies between Start and Stop, so it fits in int64.
func (r *Range) item(i int64) int64 { return r.Start + i*r.Step }

// Slice is Python's slice object (a[start:stop:step]).
type Slice struct {
	Start, Stop, Step Object
}

func (*Slice) Type() *Type { return SliceType }

// NewSlice returns slice(start, stop, step); nil arguments mean None.
func NewSlice(start, stop, step Object) *Slice {
	orNone := func(o Object) Object {
		if o == nil {
			return None
		}
		return o
	}
	return &Slice{Start: orNone(start), Stop: orNone(stop), Step: orNone(step)}
}

// sliceValue reads a slice bound: None gives dflt; ints beyond int64 are
// clamped, since a clamped bound selects the same elements.
func sliceValue(o Object, dflt int64) (int64, error) {
	if _, none := o.(NoneObject); none { // not o == None: an interface comparison calls the runtime
		return dflt, nil
	}
	i, ok := toInt(o)
	if !ok {
		return 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
	}
	if v, small := i.Int64(); small {
		return v, nil
	}
	if i.Sign() < 0 {
		return math.MinInt64, nil
	}
	return math.MaxInt64, nil
}

// indices resolves the slice against a sequence of length n like
// slice.indices(n), and also returns the number of selected elements.
func (s *Slice) indices(n int) (start, stop, step, count int, err error) {
	st, err := sliceValue(s.Step, 1)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	if st == 0 {
		return 0, 0, 0, 0, valueErrorf("slice step cannot be zero")
	}
	if st < -math.MaxInt64 {
		st = -math.MaxInt64 // so that -step cannot overflow
	}
	var lo, hi int64 = 0, math.MaxInt64
	if st < 0 {
		lo, hi = math.MaxInt64, math.MinInt64
	}
	a, err := sliceValue(s.Start, lo)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	b, err := sliceValue(s.Stop, hi)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	length := int64(n)
	clamp := func(v int64) int64 {
		if v < 0 {
			if v += length; v < 0 {
				if st < 0 {
					return -1
				}
				return 0
			}
		} else if v >= length {
			if st < 0 {
				return length - 1
			}
			return length
		}
		return v
	}
	a, b = clamp(a), clamp(b)
	var c int64
	switch {
	case st < 0 && b < a:
		c = (a-b-1)/(-st) + 1
	case st > 0 && a < b:
		c = (b-a-1)/st + 1
	}
	return int(a), int(b), int(st), int(c), nil
}

// sliceItems copies the selected elements out of items.
func sliceItems(items []Object, start, step, count int) []Object {
	out := make([]Object, count)
	for i := range out {
		out[i] = items[start+i*step]
	}
	return out
}

// index converts an int subscript to an offset in [0, n), accepting
// negative indexes. inRange is false when it falls outside the sequence.
func index(i *Int, n int) (idx int, inRange bool, err error) {
	v, ok := i.Int64()
	if !ok {
		return 0, false, indexErrorf("cannot fit 'int' into an index-sized integer")
	}
	if v < 0 {
		v += int64(n)
	}
	if v < 0 || v >= int64(n) {
		return 0, false, nil
	}
	return int(v), true, nil
}

// seqGetItem subscripts a list or tuple (what is "list" or "tuple"); a
// slice subscript gives a new object of the same kind.
func seqGetItem(items []Object, key Object, what string) (Object, error) {
	if s, ok := key.(*Slice); ok {
		start, _, step, count, err := s.indices(len(items))
		if err != nil {
			return nil, err
		}
		sel := sliceItems(items, start, step, count)
		if what == "list" {
			return NewList(sel...), nil
		}
		return NewTuple(sel...), nil
	}
	idx, err := position(key, len(items), what+" indices must be integers or slices, not %s", what+" index out of range")
	if err != nil {
		return nil, err
	}
	return items[idx], nil
}

func strGetItem(s *Str, key Object) (Object, error) {
	if sl, ok := key.(*Slice); ok {
		start, _, step, count, err := sl.indices(s.Len())
		if err != nil {
			return nil, err
		}
		if step == 1 {
			return NewStr(s.substr(start, start+count)), nil
		}
		buf := make([]byte, 0, count)
		for i := 0; i < count; i++ {
			buf = append(buf, s.at(start+i*step)...)
		}
		return NewStr(string(buf)), nil
	}
	idx, err := position(key, s.Len(), "string indices must be integers, not '%s'", "string index out of range")
	if err != nil {
		return nil, err
	}
	return NewStr(s.at(idx)), nil
}

func rangeGetItem(r *Range, key Object) (Object, error) {
	n, err := r.Len()
	if err != nil {
		return nil, err
	}
	if s, ok := key.(*Slice); ok {
		return rangeSlice(r, s, n)
	}
	idx, err := position(key, n, "range indices must be integers or slices, not %s", "range object index out of range")
	if err != nil {
		return nil, err
	}
	return NewInt(r.item(int64(idx))), nil
}

// rangeSlice is range[slice]: another range, from the item at the start
// index to the (extrapolated) item at the stop index, as CPython computes
// it: range(10)[::-1] == range(9, -1, -1).
func rangeSlice(r *Range, s *Slice, n int) (Object, error) {
	start, stop, step, _, err := s.indices(n)
	if err != nil {
		return nil, err
	}
	tooBig := func() error { return overflowErrorf("range() arguments beyond 64 bits are not supported") }
	if st, _ := sliceValue(s.Step, 1); st == math.MaxInt64 || st == math.MinInt64 {
		return nil, tooBig() // the step was clamped; the real one is needed here
	}
	// item(i) with overflow checks: the result may lie outside int64.
	item := func(i int) (int64, bool) {
		off, ok := mul64(r.Step, int64(i))
		v := r.Start + off
		return v, ok && (v > r.Start) == (off > 0)
	}
	newStep, ok1 := mul64(r.Step, int64(step))
	first, ok2 := item(start)
	last, ok3 := item(stop)
	if !ok1 || !ok2 || !ok3 {
		return nil, tooBig()
	}
	return &Range{Start: first, Stop: last, Step: newStep}, nil
}

// listSetItem is l[key] = value for an int or slice key.
func listSetItem(l *List, key, value Object) error {
	if s, ok := key.(*Slice); ok {
		return listAssignSlice(l, s, value)
	}
	idx, err := position(key, len(l.Items), "list indices must be integers or slices, not %s", "list assignment index out of range")
	if err != nil {
		return err
	}
	l.Items[idx] = value
	return nil
}

// listAssignSlice is l[a:b] = iterable (resizing) or l[a:b:c] = iterable
// (which must match the slice's length).
func listAssignSlice(l *List, s *Slice, value Object) error {
	start, _, step, count, err := s.indices(len(l.Items))
	if err != nil {
		return err
	}
	// A list's or tuple's items are read as they are (copied when the list is l itself, l[:] = l,
	// so that they are its items before the assignment); anything else is iterated first.
	var seq []Object
	switch v := value.(type) {
	case *List:
		if seq = v.Items; v == l {
			seq = append([]Object(nil), v.Items...)
		}
	case *Tuple:
		seq = v.Items
	default:
		if seq, err = iterToSlice(value); err != nil {
			if e, ok := err.(*Exception); ok && IsSubtype(e.Class, TypeErrorType) {
				// 3.14 uses this wording for simple slices as well.
				return typeErrorf("must assign iterable to extended slice")
			}
			return err
		}
	}
	if step == 1 && len(seq) == count { // as many items as it replaces: in place
		copy(l.Items[start:], seq)
		return nil
	}
	if step == 1 {
		stop := start + count
		items := make([]Object, 0, len(l.Items)-count+len(seq))
		items = append(items, l.Items[:start]...)
		items = append(items, seq...)
		l.Items = append(items, l.Items[stop:]...)
		return nil
	}
	if len(seq) != count {
		return valueErrorf("attempt to assign sequence of size %d to extended slice of size %d", len(seq), count)
	}
	for i, v := range seq {
		l.Items[start+i*step] = v
	}
	return nil
}

// listDelItem is del l[key].
func listDelItem(l *List, key Object) error {
	if s, ok := key.(*Slice); ok {
		start, _, step, count, err := s.indices(len(l.Items))
		if err != nil {
			return err
		}
		if step < 0 { // delete the same elements, walking forwards
			start, step = start+(count-1)*step, -step
		}
		doomed := make(map[int]bool, count)
		for i := 0; i < count; i++ {
			doomed[start+i*step] = true
		}
		kept := l.Items[:0:0]
		for i, v := range l.Items {
			if !doomed[i] {
				kept = append(kept, v)
			}
		}
		l.Items = kept
		return nil
	}
	idx, err := position(key, len(l.Items), "list indices must be integers or slices, not %s", "list assignment index out of range")
	if err != nil {
		return err
	}
	l.removeAt(idx)
	return nil
}

// removeAt takes out the item at i in place, the ones after it moving down, as CPython's
// list_ass_slice memmoves them: a list keeps its array, not a new one per pop(0) or del. The slot
// it vacates keeps its reference: a Go loop over the list's slice as it was may still read it.
func (l *List) removeAt(i int) {
	copy(l.Items[i:], l.Items[i+1:])
	l.Items = l.Items[:len(l.Items)-1]
}

// insertAt puts v at i in place, the items from i on moving up (CPython: Objects/listobject.c ins1).
func (l *List) insertAt(i int, v Object) {
	l.Items = append(l.Items, nil)
	copy(l.Items[i+1:], l.Items[i:])
	l.Items[i] = v
}

// repeatCount turns the int operand of seq * n into a count (negative
// means 0), refusing results too large to build (resultTooLarge).
func repeatCount(n *Int, length int) (int, error) {
	v, ok := n.Int64() // the count is a Py_ssize_t first, whatever its sign or the sequence's length
	if !ok {
		return 0, overflowErrorf("cannot fit 'int' into an index-sized integer")
	}
	if v <= 0 || length == 0 {
		return 0, nil
	}
	if v > maxResultBits/int64(length) {
		return 0, resultTooLarge()
	}
	return int(v), nil
}

func repeatItems(items []Object, n int) []Object {
	out := make([]Object, 0, len(items)*n)
	for i := 0; i < n; i++ {
		out = append(out, items...)
	}
	return out
}

// position resolves an int subscript of a sequence of n items (negative counts from the end), with
// CPython's TypeError (notInt, formatted with the key's type name) for a key that is not an int and
// its IndexError (outOfRange) past either end.
func position(key Object, n int, notInt, outOfRange string) (int, error) {
	i, ok := toInt(key)
	if !ok {
		return 0, typeErrorf(notInt, typeName(key))
	}
	idx, in, err := index(i, n)
	if err != nil {
		return 0, err
	}
	if !in {
		return 0, indexErrorf("%s", outOfRange)
	}
	return idx, nil
}
