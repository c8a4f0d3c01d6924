package objects

import (
	"strings"
)

// bisectNames are the public names of CPython 3.14's bisect module (dir(bisect) without the
// module's own dunders): all of them are modelled here.
const bisectNames = `bisect bisect_left bisect_right insort insort_left insort_right`

// newBisectModule is the bisect module: the binary searches of a sorted sequence and the
// insertions that keep a list sorted, comparing through Python's <.
// CPython: Lib/bisect.py (which takes its functions from Modules/_bisectmodule.c)
func newBisectModule() *Module {
	m := &Module{Name: "bisect", Dict: NewDict(), lacks: map[string]bool{}}
	for _, n := range strings.Fields(bisectNames) {
		m.lacks[n] = true
	}
	set := func(name string, v Object) {
		if b, ok := v.(*Builtin); ok {
			b.Module = "_bisect"
		}
		_ = m.Dict.Set(InternStr(name), v)
		delete(m.lacks, name)
	}
	_ = m.Dict.Set(NewStr("__name__"), NewStr("bisect"))
	right := &Builtin{Name: "bisect_right", Fn: bisectFunc("bisect_right", false, false)}
	left := &Builtin{Name: "bisect_left", Fn: bisectFunc("bisect_left", true, false)}
	insRight := &Builtin{Name: "insort_right", Fn: bisectFunc("insort_right", false, true)}
	insLeft := &Builtin{Name: "insort_left", Fn: bisectFunc("insort_left", true, true)}
	set("bisect_right", right)
	set("bisect_left", left)
	set("insort_right", insRight)
	set("insort_left", insLeft)
	// bisect.py binds the short names to the same function objects.
	set("bisect", right)
	set("insort", insRight)
	return m
}

// bisectParams are the parameters of all four functions: (a, x, lo=0, hi=len(a), *, key=None).
var bisectParams = []string{"a", "x", "lo", "hi", "key"}

// bisectFunc is one of bisect_right, bisect_left, insort_right, insort_left: the argument
// parsing of their Argument Clinic signature, then the search (and the insertion).
// CPython: Modules/_bisectmodule.c bisect_right_impl, bisect_left_impl, insort_right_impl,
// insort_left_impl
func bisectFunc(name string, left, insort bool) func([]Object, []string) (Object, error) {
	return func(args []Object, kwnames []string) (Object, error) {
		v, err := clinicArgs(name, args, kwnames, bisectParams, 2, 4)
		if err != nil {
			return nil, err
		}
		a, x := v[0], v[1]
		lo, hi := int64(0), int64(-1)
		if v[2] != nil {
			if lo, err = bisectLo(v[2]); err != nil {
				return nil, err
			}
		}
		if v[3] != nil {
			if hi, err = bisectHi(v[3]); err != nil {
				return nil, err
			}
		}
		key := v[4]
		if key == None {
			key = nil
		}
		if !insort {
			i, err := bisectSearch(a, x, lo, hi, key, left)
			if err != nil {
				return nil, err
			}
			return NewInt(i), nil
		}
		kx := x
		if key != nil {
			if kx, err = Call(key, []Object{x}, nil); err != nil {
				return nil, err
			}
		}
		i, err := bisectSearch(a, kx, lo, hi, key, left)
		if err != nil {
			return nil, err
		}
		if l, ok := a.(*List); ok && !isClassObject(a) {
			l.insertAt(int(min(i, int64(len(l.Items)))), x)
			return None, nil
		}
		ins, err := GetAttr(a, "insert")
		if err != nil {
			return nil, err
		}
		if _, err := Call(ins, []Object{NewInt(i), x}, nil); err != nil {
			return nil, err
		}
		return None, nil
	}
}

// bisectLo converts lo as the clinic's Py_ssize_t converter does.
// CPython: Modules/clinic/_bisectmodule.c.h (the Py_ssize_t converter, _PyNumber_Index)
func bisectLo(o Object) (int64, error) {
	i, err := indexArg(o)
	if err != nil {
		return 0, err
	}
	v, ok := i.Int64()
	if !ok {
		return 0, overflowErrorf("Python int too large to convert to C ssize_t")
	}
	return v, nil
}

// bisectHi converts hi, where None stands for len(a) (as -1 does).
// CPython: Python/modsupport.c _Py_convert_optional_to_ssize_t
func bisectHi(o Object) (int64, error) {
	if o == None {
		return -1, nil
	}
	i, ok := toInt(o)
	if !ok {
		return 0, typeErrorf("argument should be integer or None, not '%s'", typeName(o))
	}
	v, small := i.Int64()
	if !small {
		return 0, overflowErrorf("cannot fit 'int' into an index-sized integer")
	}
	return v, nil
}

// bisectSearch is the binary search: the index where x goes in a[lo:hi], after the items
// equal to x (bisect_right) or before them (left), comparing key(a[mid]) with x by <.
// CPython: Modules/_bisectmodule.c internal_bisect_right, internal_bisect_left
func bisectSearch(a, x Object, lo, hi int64, key Object, left bool) (int64, error) {
	if lo < 0 {
		return 0, valueErrorf("lo must be non-negative")
	}
	if hi == -1 {
		n, err := seqSize(a)
		if err != nil {
			return 0, err
		}
		hi = int64(n)
	}
	for lo < hi {
		// The sum of two non-negative int64s fits an uint64: no overflow.
		mid := int64((uint64(lo) + uint64(hi)) / 2)
		item, err := seqItem(a, mid)
		if err != nil {
			return 0, err
		}
		if key != nil {
			if item, err = Call(key, []Object{item}, nil); err != nil {
				return 0, err
			}
		}
		var less bool
		if left {
			less, err = lessThan(item, x)
		} else {
			less, err = lessThan(x, item)
		}
		if err != nil {
			return 0, err
		}
		switch {
		case left && less:
			lo = mid + 1
		case left:
			hi = mid
		case less:
			hi = mid
		default:
			lo = mid + 1
		}
	}
	return lo, nil
}

// seqSize is len(a) through the sequence protocol: a mapping that is no sequence is refused.
// CPython: Objects/abstract.c PySequence_Size
func seqSize(a Object) (int, error) {
	if _, ok := a.(*Dict); ok && !isClassObject(a) {
		return 0, typeErrorf("dict is not a sequence")
	}
	return Len(a)
}

// seqItem is a[i] through the sequence protocol (i >= 0 here).
// CPython: Objects/abstract.c PySequence_GetItem
func seqItem(a Object, i int64) (Object, error) {
	if isClassObject(a) {
		if classMethod(a, "__getitem__") == nil {
			return nil, typeErrorf("'%s' object does not support indexing", typeName(a))
		}
		return GetItem(a, NewInt(i))
	}
	switch a.(type) {
	case *List, *Tuple, *Str, *Range, *Bytes:
		return GetItem(a, NewInt(i))
	case *Dict:
		return nil, typeErrorf("dict is not a sequence")
	}
	return nil, typeErrorf("'%s' object does not support indexing", typeName(a))
}
