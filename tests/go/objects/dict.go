package objects

// Dict is Python's dict: insertion ordered, with keys compared by Python
// equality, so 1, 1.0 and True are the same key.
//
// Entries live in a slice in insertion order; index maps a hash to the
// positions of the entries with that hash. Deleting leaves a hole (key ==
// nil) that is squeezed out once holes outnumber live entries.
type Dict struct {
	entries []DictEntry
	index   map[int64][]int
	used    int // live entries
	// keysVersion names the current set of keys and their positions (CPython's dk_version),
	// 0 until someone asks; adding, removing or moving keys resets it.
	keysVersion uint32
	// general is set once a key that is no str was inserted: the keys are no longer
	// DICT_KEYS_UNICODE, whose entries LOAD_ATTR_WITH_HINT reads.
	general bool
}

// DictEntry is an entry of a dict's keys (CPython's PyDictUnicodeEntry / PyDictKeyEntry):
// LOAD_GLOBAL_MODULE, LOAD_ATTR_WITH_HINT and their kin index the entries by position.
type DictEntry struct {
	Key, Value Object // Key == nil marks a deleted entry
	hash       int64
}

func (*Dict) Type() *Type { return DictType }

// NewDict returns an empty dict.
func NewDict() *Dict { return &Dict{index: map[int64][]int{}} }

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

// lookup finds key's entry position, or -1.
func (d *Dict) lookup(key Object, h int64) (int, error) {
	for _, pos := range d.index[h] {
		k := d.entries[pos].Key
		if Is(k, key) {
			return pos, nil
		}
		eq, err := Equal(k, key)
		if err != nil {
			return -1, err
		}
		if eq {
			return pos, nil
		}
	}
	return -1, nil
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
	if d.index == nil { // zero Dict{} is usable too
		d.index = map[int64][]int{}
	}
	d.index[h] = append(d.index[h], len(d.entries))
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
	h := d.entries[pos].hash
	bucket := d.index[h]
	for i, p := range bucket {
		if p == pos {
			bucket = append(bucket[:i:i], bucket[i+1:]...)
			break
		}
	}
	if len(bucket) == 0 {
		delete(d.index, h)
	} else {
		d.index[h] = bucket
	}
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
	d.index = make(map[int64][]int, d.used)
	for _, e := range d.entries {
		if e.Key != nil {
			d.index[e.hash] = append(d.index[e.hash], len(live))
			live = append(live, e)
		}
	}
	d.entries = live
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
			c.index[e.hash] = append(c.index[e.hash], len(c.entries))
			c.entries = append(c.entries, e)
		}
	}
	c.used = d.used
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
