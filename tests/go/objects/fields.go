package objects

// Fields of CPython structs that bytecodes.c reads directly, exposed for the VM's mapping.

// Start is the next value of a range iterator (_PyRangeIterObject.start).
func (it *RangeIter) Start() int64 { return it.next }

// SetStart sets the next value.
func (it *RangeIter) SetStart(v int64) { it.next = v }

// Step is the range's step (_PyRangeIterObject.step).
func (it *RangeIter) Step() int64 { return it.step }

// Len is the number of values left (_PyRangeIterObject.len).
func (it *RangeIter) Len() int64 { return int64(it.remaining) }

// SetLen sets the number of values left.
func (it *RangeIter) SetLen(v int64) { it.remaining = uint64(v) }

// Seq and Index are a list iterator's list and position (_PyListIterObject.it_seq, it_index);
// a nil Seq is an exhausted iterator.
func (it *ListIter) Seq() Object {
	if it.list == nil {
		return nil
	}
	return it.list
}
func (it *ListIter) Index() int     { return it.i }
func (it *ListIter) SetIndex(i int) { it.i = i }

// Seq and Index are a tuple iterator's tuple and position (_PyTupleIterObject.it_seq, it_index).
func (it *TupleIter) Seq() Object {
	if it.tuple == nil {
		return nil
	}
	return it.tuple
}
func (it *TupleIter) Index() int     { return it.i }
func (it *TupleIter) SetIndex(i int) { it.i = i }

// Exhaust drops the iterator's list (it_seq = NULL): it yields nothing more.
func (it *ListIter) Exhaust() { it.list = nil }

// Exhaust drops the iterator's tuple (it_seq = NULL).
func (it *TupleIter) Exhaust() { it.tuple = nil }
