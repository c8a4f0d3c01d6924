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

var lastKeysVersion uint32

// CurrentKeysVersion is the keys' version as it is: 0 when none was asked for since they last
// changed (dk_version read as the guards read it).
func (d *Dict) CurrentKeysVersion() uint32 { return d.keysVersion }

// KeysVersion is a number that stays the same while d's keys and their positions do (CPython's
// dk_version, which _PyDict_GetKeysVersionForCurrentState hands out).
func (d *Dict) KeysVersion() uint32 {
	if d.keysVersion == 0 {
		lastKeysVersion++
		d.keysVersion = lastKeysVersion
	}
	return d.keysVersion
}

// Entries are the dict's entries by position, a deleted one with a nil Key and Value
// (DK_UNICODE_ENTRIES(keys)).
func (d *Dict) Entries() []DictEntry { return d.entries }

// EntryIndex is the entry position of key, or -1.
func (d *Dict) EntryIndex(key Object) int {
	h, err := keyHash(key)
	if err != nil {
		return -1
	}
	pos, err := d.lookup(key, h)
	if err != nil {
		return -1
	}
	return pos
}

// AllStrKeys reports keys of CPython's DICT_KEYS_UNICODE kind: no key other than a str was ever
// inserted.
func (d *Dict) AllStrKeys() bool { return !d.general }
