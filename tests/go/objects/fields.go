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
