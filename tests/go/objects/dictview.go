package objects

// DictView is what dict.keys(), dict.values() and dict.items() return: a live view of the dict
// (CPython's dict_keys, dict_values, dict_items), iterated by their own iterators.
type DictView struct {
	dict *Dict
	kind int // viewKeys, viewValues, viewItems
}

const (
	viewKeys = iota
	viewValues
	viewItems
)

var (
	DictKeysType       = &Type{Name: "dict_keys", Base: ObjectType}
	DictValuesType     = &Type{Name: "dict_values", Base: ObjectType}
	DictItemsType      = &Type{Name: "dict_items", Base: ObjectType}
	DictValueIterType  = &Type{Name: "dict_valueiterator", Base: ObjectType}
	DictItemIterType   = &Type{Name: "dict_itemiterator", Base: ObjectType}
	dictViewTypes      = [...]*Type{DictKeysType, DictValuesType, DictItemsType}
	dictViewIterTypes  = [...]*Type{DictKeyIterType, DictValueIterType, DictItemIterType}
	dictViewReprPrefix = [...]string{"dict_keys(", "dict_values(", "dict_items("}
)

func (v *DictView) Type() *Type { return dictViewTypes[v.kind] }

// items are the view's current items, in the dict's order.
func (v *DictView) items() []Object {
	switch v.kind {
	case viewKeys:
		return v.dict.Keys()
	case viewValues:
		return v.dict.Values()
	}
	return v.dict.Items()
}

// DictViewIter iterates a dict's keys, values or items, failing as CPython does when the dict
// changes size meanwhile.
type DictViewIter struct {
	dict *Dict
	kind int
	pos  int
	size int // d.used at creation; -1 after a size change was reported
}

func (it *DictViewIter) Type() *Type { return dictViewIterTypes[it.kind] }

func (it *DictViewIter) Next() (Object, bool, error) {
	if it.size != it.dict.used {
		it.size = -1
		return nil, false, NewException(RuntimeErrorType, "dictionary changed size during iteration")
	}
	for it.pos < len(it.dict.entries) {
		e := it.dict.entries[it.pos]
		it.pos++
		if e.Key != nil {
			switch it.kind {
			case viewKeys:
				return e.Key, true, nil
			case viewValues:
				return e.Value, true, nil
			}
			return NewTuple(e.Key, e.Value), true, nil
		}
	}
	return nil, false, nil
}

// contains is `x in view`: a key, an item (key, value) pair, or a value compared by ==.
func (v *DictView) contains(x Object) (bool, error) {
	switch v.kind {
	case viewKeys:
		_, ok, err := v.dict.Get(x)
		return ok, err
	case viewItems:
		t, ok := x.(*Tuple)
		if !ok || len(t.Items) != 2 {
			return false, nil
		}
		val, found, err := v.dict.Get(t.Items[0])
		if err != nil || !found {
			return false, err
		}
		r, err := RichCompare(val, t.Items[1], EQ)
		return r == Object(True), err
	}
	return seqContains(v.dict.Values(), x)
}
