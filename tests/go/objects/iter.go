package objects

// Iterator is implemented by every iterator object. The VM's own iterators
// (generators, say) can implement it too and then work with GetIter,
// IterNext and every builtin that consumes iterables.
type Iterator interface {
	Object
	// Next returns the next item, or ok == false when exhausted.
	Next() (item Object, ok bool, err error)
}

var (
	RangeIterType   = &Type{Name: "range_iterator", Base: ObjectType}
	ListIterType    = &Type{Name: "list_iterator", Base: ObjectType}
	ListRevIterType = &Type{Name: "list_reverseiterator", Base: ObjectType}
	TupleIterType   = &Type{Name: "tuple_iterator", Base: ObjectType}
	StrIterType     = &Type{Name: "str_iterator", Base: ObjectType}
	DictKeyIterType = &Type{Name: "dict_keyiterator", Base: ObjectType}
	// Lazy iterators built by builtins; also callable types (see builtins.go).
	EnumerateType = &Type{Name: "enumerate", Base: ObjectType}
	ZipType       = &Type{Name: "zip", Base: ObjectType}
	MapType       = &Type{Name: "map", Base: ObjectType}
	FilterType    = &Type{Name: "filter", Base: ObjectType}
	ReversedType  = &Type{Name: "reversed", Base: ObjectType}
	// reversed(dict) has its own iterator type in CPython.
	DictRevKeyIterType = &Type{Name: "dict_reversekeyiterator", Base: ObjectType}
)

// RangeIter iterates a range. remaining avoids overflow at the int64 ends.
type RangeIter struct {
	next, step int64
	remaining  uint64
}

func (*RangeIter) Type() *Type { return RangeIterType }

func (it *RangeIter) Next() (Object, bool, error) {
	if it.remaining == 0 {
		return nil, false, nil
	}
	v := it.next
	it.next += it.step
	it.remaining--
	return NewInt(v), true, nil
}

// ListIter walks a list by index, so it sees appends made during the loop,
// like CPython's. Once exhausted it stays exhausted.
type ListIter struct {
	list *List
	i    int
}

func (*ListIter) Type() *Type { return ListIterType }

func (it *ListIter) Next() (Object, bool, error) {
	if it.list == nil || it.i >= len(it.list.Items) {
		it.list = nil
		return nil, false, nil
	}
	it.i++
	return it.list.Items[it.i-1], true, nil
}

// ListRevIter is reversed(list).
type ListRevIter struct {
	list *List
	i    int
}

func (*ListRevIter) Type() *Type { return ListRevIterType }

func (it *ListRevIter) Next() (Object, bool, error) {
	if it.list == nil || it.i < 0 || it.i >= len(it.list.Items) {
		it.list = nil
		return nil, false, nil
	}
	it.i--
	return it.list.Items[it.i+1], true, nil
}

// TupleIter iterates a tuple.
type TupleIter struct {
	tuple *Tuple
	i     int
}

func (*TupleIter) Type() *Type { return TupleIterType }

func (it *TupleIter) Next() (Object, bool, error) {
	if it.i >= len(it.tuple.Items) {
		return nil, false, nil
	}
	it.i++
	return it.tuple.Items[it.i-1], true, nil
}

// StrIter yields one-character strings.
type StrIter struct {
	str *Str
	i   int
}

func (*StrIter) Type() *Type { return StrIterType }

func (it *StrIter) Next() (Object, bool, error) {
	if it.i >= it.str.Len() {
		return nil, false, nil
	}
	it.i++
	return NewStr(it.str.at(it.i - 1)), true, nil
}

// DictKeyIter yields a dict's keys, failing like CPython if the dict
// changes size meanwhile.
type DictKeyIter struct {
	dict *Dict
	pos  int
	size int // d.used at creation; -1 after a size change was reported
}

func (*DictKeyIter) Type() *Type { return DictKeyIterType }

func (it *DictKeyIter) Next() (Object, bool, error) {
	if it.size != it.dict.used {
		it.size = -1 // keep failing on later calls too
		return nil, false, NewException(RuntimeErrorType, "dictionary changed size during iteration")
	}
	for it.pos < len(it.dict.entries) {
		e := it.dict.entries[it.pos]
		it.pos++
		if e.Key != nil {
			return e.Key, true, nil
		}
	}
	return nil, false, nil
}

// FuncIter is an iterator driven by a Go closure; enumerate, zip, map,
// filter and reversed are built from it, each with its own Python type.
type FuncIter struct {
	T    *Type
	Step func() (Object, bool, error)
	done bool
}

func (it *FuncIter) Type() *Type { return it.T }

func (it *FuncIter) Next() (Object, bool, error) {
	if it.done {
		return nil, false, nil
	}
	v, ok, err := it.Step()
	if !ok || err != nil {
		it.done = true
	}
	return v, ok, err
}

// GetIter is iter(o).
func GetIter(o Object) (Object, error) {
	switch v := o.(type) {
	case Iterator:
		return v, nil
	case *List:
		return &ListIter{list: v}, nil
	case *Tuple:
		return &TupleIter{tuple: v}, nil
	case *Str:
		return &StrIter{str: v}, nil
	case *Dict:
		return &DictKeyIter{dict: v, size: v.used}, nil
	case *DictView:
		return &DictViewIter{dict: v.dict, kind: v.kind, size: v.dict.used}, nil
	case *Range:
		return &RangeIter{next: v.Start, step: v.Step, remaining: v.length()}, nil
	case *Set:
		return &SetIter{set: v, size: v.used}, nil
	case *Bytes:
		return &BytesIter{b: v}, nil
	}
	if isClassObject(o) {
		return classIter(o)
	}
	return nil, typeErrorf("'%s' object is not iterable", typeName(o))
}

// IterNext advances an iterator: ok == false means it is exhausted (no
// StopIteration is raised; that is the caller's choice).
func IterNext(it Object) (Object, bool, error) {
	i, ok := it.(Iterator)
	if !ok && isClassObject(it) {
		return classNext(it)
	}
	if !ok {
		return nil, false, typeErrorf("'%s' object is not an iterator", typeName(it))
	}
	return i.Next()
}

// iterToSlice collects an iterable's items. Lists and tuples are copied
// directly (a copy, so callers may keep it even if the source changes).
func iterToSlice(o Object) ([]Object, error) {
	switch v := o.(type) {
	case *List:
		return append([]Object(nil), v.Items...), nil
	case *Tuple:
		return append([]Object(nil), v.Items...), nil
	}
	it, err := GetIter(o)
	if err != nil {
		return nil, err
	}
	var out []Object
	for {
		item, ok, err := IterNext(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return out, nil
		}
		out = append(out, item)
	}
}

// forEach calls fn for each item of an iterable until fn returns stop.
func forEach(o Object, fn func(item Object) (stop bool, err error)) error {
	it, err := GetIter(o)
	if err != nil {
		return err
	}
	for {
		item, ok, err := IterNext(it)
		if err != nil || !ok {
			return err
		}
		if stop, err := fn(item); stop || err != nil {
			return err
		}
	}
}

// reversedIter is reversed(seq) for the sequences modelled here.
func reversedIter(o Object) (Object, error) {
	switch v := o.(type) {
	case *List:
		return &ListRevIter{list: v, i: len(v.Items) - 1}, nil
	case *Range:
		n := v.length()
		if n == 0 {
			return &RangeIter{}, nil
		}
		last := v.item(int64(n - 1))
		return &RangeIter{next: last, step: -v.Step, remaining: n}, nil
	case *Tuple, *Str, *Dict:
		var items []Object
		if d, ok := v.(*Dict); ok {
			items = d.Keys()
		} else {
			var err error
			if items, err = iterToSlice(v); err != nil {
				return nil, err
			}
		}
		i := len(items)
		t := ReversedType
		if _, ok := v.(*Dict); ok {
			t = DictRevKeyIterType
		}
		return &FuncIter{T: t, Step: func() (Object, bool, error) {
			if i == 0 {
				return nil, false, nil
			}
			i--
			return items[i], true, nil
		}}, nil
	}
	return nil, typeErrorf("'%s' object is not reversible", typeName(o))
}
