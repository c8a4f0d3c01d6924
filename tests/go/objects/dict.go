package objects

// Dict is Python's dict: insertion ordered, with keys compared by Python
// equality, so 1, 1.0 and True are the same key.
//
// As CPython's dict keys (Objects/dictobject.c), it is two arrays: the entries in insertion
// order (dk_entries), and an open-addressing table of entry positions by hash (dk_indices),
// probed with CPython's perturbation so that every slot is reached. Deleting leaves a hole in the
// entries (key == nil) and a dummy in the table; the entries are squeezed once holes outnumber
// live entries, and the table is rebuilt when two thirds of it are taken.
type Dict struct {
	entries []DictEntry
	indices []int32 // len 0 or a power of two: ixEmpty, ixDummy or an entry's position
	filled  int     // slots of indices not empty (live and dummy)
	used    int     // live entries
	// keysVersion names the current set of keys and their positions (CPython's dk_version),
	// 0 until someone asks; adding, removing or moving keys resets it.
	keysVersion uint32
	// general is set once a key that is no str was inserted: the keys are no longer
	// DICT_KEYS_UNICODE, whose entries LOAD_ATTR_WITH_HINT reads.
	general bool
}

// The marks of a free slot of a dict's table (DKIX_EMPTY, DKIX_DUMMY).
const (
	ixEmpty = -1
	ixDummy = -2
)

// minTableSize is the smallest table (PyDict_MINSIZE).
const minTableSize = 8

// DictEntry is an entry of a dict's keys (CPython's PyDictUnicodeEntry / PyDictKeyEntry):
// LOAD_GLOBAL_MODULE, LOAD_ATTR_WITH_HINT and their kin index the entries by position.
type DictEntry struct {
	Key, Value Object // Key == nil marks a deleted entry
	hash       int64
}

func (*Dict) Type() *Type { return DictType }

// NewDict returns an empty dict.
func NewDict() *Dict { return &Dict{} }

// Len is len(d).
func (d *Dict) Len() int { return d.used }

// keyHash hashes a key with the dict-specific TypeError text of 3.14:
// "cannot use 'list' as a dict key (unhashable type: 'list')".
func keyHash(key Object) (int64, error) {
	h, bad := hashOf(key)
	if f, failed := bad.(*hashFailure); failed {
		return 0, f.err
	}
	if bad != nil {
		return 0, typeErrorf("cannot use '%s' as a dict key (unhashable type: '%s')", typeName(key), typeName(bad))
	}
	return h, nil
}

// lookup finds key's entry position, or -1. A key's own __eq__ may change the dict: the
// search then starts again, as CPython's does.
// CPython: Objects/dictobject.c _Py_dict_lookup (do_lookup)
func (d *Dict) lookup(key Object, h int64) (int, error) {
again:
	indices, entries := d.indices, d.entries
	if len(indices) == 0 {
		return -1, nil
	}
	for p := newProbe(h, len(indices)); ; p.next() {
		switch ix := indices[p.i]; {
		case ix == ixEmpty:
			return -1, nil
		case ix >= 0:
			e := &entries[ix]
			if sameObject(e.Key, key) {
				return int(ix), nil
			}
			if e.hash != h {
				break // (the same object boxed twice has one hash: Equal below finds it)
			}
			if a, isStr := e.Key.(*Str); isStr { // two strs compare by their text (unicode_eq)
				if b, isStr := key.(*Str); isStr {
					if a.S == b.S {
						return int(ix), nil
					}
					break
				}
			}
			eq, err := Equal(e.Key, key)
			if err != nil {
				return -1, err
			}
			if !sameArrays(d, indices, entries) {
				goto again
			}
			if eq {
				return int(ix), nil
			}
		}
	}
}

// probe is the walk of a hash over a table of entry positions: from h & mask on, i*5 + perturb + 1
// with perturb (the hash's bits) shifted down five a step, so that every slot is reached.
// CPython: Objects/dictobject.c (PERTURB_SHIFT, the probe loops of do_lookup and find_empty_slot)
type probe struct{ i, mask, perturb uint64 }

func newProbe(h int64, size int) probe {
	mask := uint64(size - 1)
	return probe{uint64(h) & mask, mask, uint64(h)}
}

func (p *probe) next() {
	p.perturb >>= 5
	p.i = (p.i*5 + p.perturb + 1) & p.mask
}

// sameArrays reports d still holding the arrays a lookup started on.
func sameArrays(d *Dict, indices []int32, entries []DictEntry) bool {
	return len(d.indices) == len(indices) && &d.indices[0] == &indices[0] &&
		len(d.entries) == len(entries) && (len(entries) == 0 || &d.entries[0] == &entries[0])
}

// slotOf is the table slot that holds entry position pos (its key's hash probed).
func (d *Dict) slotOf(pos int) uint64 {
	p := newProbe(d.entries[pos].hash, len(d.indices))
	for d.indices[p.i] != int32(pos) {
		p.next()
	}
	return p.i
}

// insertIndex puts entry position pos in the first free slot of its hash's probe sequence.
// CPython: Objects/dictobject.c find_empty_slot
func (d *Dict) insertIndex(h int64, pos int) {
	p := newProbe(h, len(d.indices))
	for d.indices[p.i] >= 0 {
		p.next()
	}
	if d.indices[p.i] == ixEmpty {
		d.filled++
	}
	d.indices[p.i] = int32(pos)
}

// rebuildIndices makes a new table for the live entries, of at least minSize slots and with two
// thirds of it (USABLE_FRACTION) more than the live entries.
// CPython: Objects/dictobject.c dictresize, build_indices
func (d *Dict) rebuildIndices(minSize int) {
	size := minTableSize
	for size < minSize || size*2/3 <= d.used {
		size *= 2
	}
	d.indices = make([]int32, size)
	for i := range d.indices {
		d.indices[i] = ixEmpty
	}
	d.filled = 0
	for pos, e := range d.entries {
		if e.Key != nil {
			d.insertIndex(e.hash, pos)
		}
	}
}

// Get returns d[key] and whether it was present.
func (d *Dict) Get(key Object) (Object, bool, error) {
	h, err := keyHash(key)
	if err != nil {
		return nil, false, err
	}
	pos, err := d.lookup(key, h)
	if err != nil || pos < 0 {
		return nil, false, err
	}
	return d.entries[pos].Value, true, nil
}

// Set is d[key] = value. Replacing keeps the original key object and
// position, as Python does ({1: 'a', True: 'b'} == {1: 'b'}).
func (d *Dict) Set(key, value Object) error {
	h, err := keyHash(key)
	if err != nil {
		return err
	}
	pos, err := d.lookup(key, h)
	if err != nil {
		return err
	}
	if pos >= 0 {
		d.entries[pos].Value = value
		return nil
	}
	if _, isStr := key.(*Str); !isStr {
		d.general = true
	}
	if (d.filled+1)*3 > len(d.indices)*2 { // two thirds taken (live and dummy): a new table
		d.rebuildIndices(d.used * 3) // GROWTH_RATE
	}
	d.insertIndex(h, len(d.entries))
	d.entries = append(d.entries, DictEntry{Key: key, Value: value, hash: h})
	d.used++
	d.keysVersion = 0
	return nil
}

// Del is del d[key]; a missing key raises KeyError(key).
func (d *Dict) Del(key Object) error {
	h, err := keyHash(key)
	if err != nil {
		return err
	}
	pos, err := d.lookup(key, h)
	if err != nil {
		return err
	}
	if pos < 0 {
		return keyError(key)
	}
	d.remove(pos)
	return nil
}

func (d *Dict) remove(pos int) {
	d.indices[d.slotOf(pos)] = ixDummy
	d.entries[pos] = DictEntry{}
	d.used--
	d.keysVersion = 0
	if len(d.entries) > 16 && d.used < len(d.entries)/2 {
		d.compact()
	}
}

// compact drops deleted entries and rebuilds the index.
func (d *Dict) compact() {
	live := make([]DictEntry, 0, d.used)
	for _, e := range d.entries {
		if e.Key != nil {
			live = append(live, e)
		}
	}
	d.entries = live
	d.rebuildIndices(0)
}

// Keys returns the keys in insertion order.
func (d *Dict) Keys() []Object {
	out := make([]Object, 0, d.used)
	for _, e := range d.entries {
		if e.Key != nil {
			out = append(out, e.Key)
		}
	}
	return out
}

// Values returns the values in insertion order.
func (d *Dict) Values() []Object {
	out := make([]Object, 0, d.used)
	for _, e := range d.entries {
		if e.Key != nil {
			out = append(out, e.Value)
		}
	}
	return out
}

// Items returns (key, value) tuples in insertion order.
func (d *Dict) Items() []Object {
	out := make([]Object, 0, d.used)
	for _, e := range d.entries {
		if e.Key != nil {
			out = append(out, NewTuple(e.Key, e.Value))
		}
	}
	return out
}

// Copy returns a shallow copy.
func (d *Dict) Copy() *Dict {
	c := NewDict()
	for _, e := range d.entries {
		if e.Key != nil {
			c.entries = append(c.entries, e)
		}
	}
	c.used = d.used
	c.general = d.general
	c.rebuildIndices(0)
	return c
}

// update merges a mapping or an iterable of key/value pairs into d
// (dict(x) and dict.update(x)).
func (d *Dict) update(src Object) error {
	if m, ok := src.(*Dict); ok {
		for _, e := range m.entries {
			if e.Key != nil {
				if err := d.Set(e.Key, e.Value); err != nil {
					return err
				}
			}
		}
		return nil
	}
	it, err := GetIter(src)
	if err != nil {
		return err
	}
	for n := 0; ; n++ {
		item, ok, err := IterNext(it)
		if err != nil || !ok {
			return err
		}
		pair, err := iterToSlice(item)
		if err != nil {
			return typeErrorf("object is not iterable") // 3.14 wording
		}
		if len(pair) != 2 {
			return valueErrorf("dictionary update sequence element #%d has length %d; 2 is required", n, len(pair))
		}
		if err := d.Set(pair[0], pair[1]); err != nil {
			return err
		}
	}
}
