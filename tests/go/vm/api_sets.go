package vm

import (
	"gopy.example/gopy/objects"
)

// Sets, as BUILD_SET, SET_ADD, SET_UPDATE and the set guards use them (mapping.toml maps
// PySet_New, _PySet_AddTakeRef, _PySet_Update, PyAnySet_CheckExact and PySet_CheckExact here).

// SetNew is set(iterable), or an empty set for a nil iterable (PySet_New).
func (e *Eval) SetNew(iterable objects.Object) objects.Object {
	s, err := objects.NewSet(iterable)
	if err != nil {
		return e.fail(err)
	}
	return s
}

// SetUpdate adds every item of iterable to set: 0, or -1 with the exception raised (_PySet_Update).
func (e *Eval) SetUpdate(set, iterable objects.Object) int {
	return e.status(set.(*objects.Set).Update(iterable))
}

// SetAdd adds v to set: 0, or -1 with the exception raised, as for an unhashable v
// (_PySet_AddTakeRef).
func (e *Eval) SetAdd(set, v objects.Object) int {
	return e.status(set.(*objects.Set).Add(v))
}

// AnySetCheckExact reports an exact set or frozenset (PyAnySet_CheckExact). mapping.toml maps
// PySet_CheckExact here too, which is false for a frozenset in CPython; the one op that asks it
// (SET_ADD) only ever sees the set BUILD_SET made.
func (e *Eval) AnySetCheckExact(o objects.Object) bool {
	return exactly(o, objects.SetType) || exactly(o, objects.FrozenSetType)
}
