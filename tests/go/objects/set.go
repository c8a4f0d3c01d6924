package objects

// Set is Python's set, and its frozenset when Frozen. Both keep CPython's hash table
// (Objects/setobject.c): open addressing over a power-of-two table of (key, hash) entries,
// probing LINEAR_PROBES neighbours before jumping on with the perturbed hash, a table of 8
// entries to start with, growth once it is 3/5 full and deleted entries left as dummies. The
// table is the iteration order, so a set prints and iterates in the order CPython's does
// whenever the hashes agree: always for ints, floats, None, bools and tuples of them; never for
// strs, whose hashes CPython randomises per process anyway.
type Set struct {
	table  []setEntry // mask+1 entries; the mask is len(table)-1
	fill   int        // entries that are live or dummies
	used   int        // live entries: len(s)
	finger int        // where pop() looks first
	frozen bool
	hash   int64 // a frozenset's hash once computed, -1 before
}

// setEntry is one slot: key nil and hash 0 while unused, key dummyKey and hash -1 once deleted.
type setEntry struct {
	key  Object
	hash int64
}

type dummyObject struct{}

func (dummyObject) Type() *Type { return ObjectType }

// dummyKey marks a deleted entry; it never leaves this file.
var dummyKey Object = dummyObject{}

const (
	setMinSize   = 8 // PySet_MINSIZE
	linearProbes = 9 // LINEAR_PROBES
	perturbShift = 5 // PERTURB_SHIFT
)

var (
	SetType       = &Type{Name: "set", Base: ObjectType}
	FrozenSetType = &Type{Name: "frozenset", Base: ObjectType}
	SetIterType   = &Type{Name: "set_iterator", Base: ObjectType}
)

func (s *Set) Type() *Type {
	if s.frozen {
		return FrozenSetType
	}
	return SetType
}

func newEmptySet(frozen bool) *Set {
	return &Set{table: make([]setEntry, setMinSize), frozen: frozen, hash: -1}
}

// NewSet is set(iterable); a nil iterable gives an empty set (PySet_New).
func NewSet(iterable Object) (*Set, error) { return makeSet(iterable, false) }

// NewFrozenSet is frozenset(iterable) as a new object; nil gives an empty frozenset.
func NewFrozenSet(iterable Object) (*Set, error) { return makeSet(iterable, true) }

func makeSet(iterable Object, frozen bool) (*Set, error) {
	s := newEmptySet(frozen)
	if iterable != nil {
		if err := s.Update(iterable); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Frozen reports a frozenset.
func (s *Set) Frozen() bool { return s.frozen }

// Len is len(s).
func (s *Set) Len() int { return s.used }

// Items are the elements in iteration order.
func (s *Set) Items() []Object {
	out := make([]Object, 0, s.used)
	for _, e := range s.table {
		if live(e) {
			out = append(out, e.key)
		}
	}
	return out
}

func live(e setEntry) bool { return e.key != nil && e.key != dummyKey }

func (s *Set) mask() uint64 { return uint64(len(s.table) - 1) }
func (s *Set) maskInt() int { return len(s.table) - 1 }

// elementHash hashes a would-be element, with 3.14's TypeError for an unhashable one:
// "cannot use 'list' as a set element (unhashable type: 'list')".
func elementHash(key Object) (int64, error) {
	h, bad := hashOf(key)
	if f, failed := bad.(*hashFailure); failed {
		return 0, f.err
	}
	if bad != nil {
		return 0, typeErrorf("cannot use '%s' as a set element (unhashable type: '%s')", typeName(key), typeName(bad))
	}
	return h, nil
}

// lookkey is set_lookkey: the index of key's entry, or of the unused entry that ends its probe
// sequence (deleted entries are stepped over).
func (s *Set) lookkey(key Object, hash int64) (int, error) {
	mask := s.mask()
	perturb := uint64(hash)
	i := uint64(hash) & mask
	for {
		probes := uint64(0)
		if i+linearProbes <= mask {
			probes = linearProbes
		}
		for j := i; j <= i+probes; j++ {
			e := s.table[j]
			if e.key == nil {
				return int(j), nil
			}
			if e.hash == hash {
				eq, err := eqItem(e.key, key)
				if err != nil {
					return -1, err
				}
				if eq {
					return int(j), nil
				}
			}
		}
		perturb >>= perturbShift
		i = (i*5 + 1 + perturb) & mask
	}
}

// addEntry is set_add_entry: key goes into the last deleted entry its probe sequence passed,
// else into the unused entry that ends it, and a table that reaches 3/5 full grows.
func (s *Set) addEntry(key Object, hash int64) error {
	mask := s.mask()
	perturb := uint64(hash)
	i := uint64(hash) & mask
	freeslot := -1
	for {
		probes := uint64(0)
		if i+linearProbes <= mask {
			probes = linearProbes
		}
		for j := i; j <= i+probes; j++ {
			e := &s.table[j]
			switch {
			case e.key == nil:
				if freeslot >= 0 {
					s.table[freeslot] = setEntry{key, hash}
					s.used++
					return nil
				}
				*e = setEntry{key, hash}
				s.fill++
				s.used++
				if uint64(s.fill)*5 < mask*3 {
					return nil
				}
				s.resize(s.growth())
				return nil
			case e.hash == hash:
				eq, err := eqItem(e.key, key)
				if err != nil {
					return err
				}
				if eq {
					return nil
				}
			case e.hash == -1:
				freeslot = int(j)
			}
		}
		perturb >>= perturbShift
		i = (i*5 + 1 + perturb) & mask
	}
}

// growth is the size a full table is rebuilt for.
func (s *Set) growth() int {
	if s.used > 50000 {
		return s.used * 2
	}
	return s.used * 4
}

// insertClean is set_insert_clean: key is known to be absent and the table has no dummies.
func insertClean(table []setEntry, key Object, hash int64) {
	mask := uint64(len(table) - 1)
	perturb := uint64(hash)
	i := uint64(hash) & mask
	for {
		if table[i].key == nil {
			table[i] = setEntry{key, hash}
			return
		}
		if i+linearProbes <= mask {
			for j := i + 1; j <= i+linearProbes; j++ {
				if table[j].key == nil {
					table[j] = setEntry{key, hash}
					return
				}
			}
		}
		perturb >>= perturbShift
		i = (i*5 + 1 + perturb) & mask
	}
}

// resize is set_table_resize: a table of the smallest power of two above minused (at least 8)
// gets the live entries, in the old table's order.
func (s *Set) resize(minused int) {
	size := setMinSize
	for size <= minused {
		size <<= 1
	}
	old := s.table
	if size == setMinSize && len(old) == setMinSize && s.fill == s.used {
		return // the small table has no dummies to purge
	}
	s.table = make([]setEntry, size)
	s.fill = s.used
	for _, e := range old {
		if live(e) {
			insertClean(s.table, e.key, e.hash)
		}
	}
}

func (s *Set) containsEntry(key Object, hash int64) (bool, error) {
	j, err := s.lookkey(key, hash)
	if err != nil {
		return false, err
	}
	return s.table[j].key != nil, nil
}

// discardEntry removes key, leaving a dummy; found reports whether it was there.
func (s *Set) discardEntry(key Object, hash int64) (found bool, err error) {
	j, err := s.lookkey(key, hash)
	if err != nil || s.table[j].key == nil {
		return false, err
	}
	s.table[j] = setEntry{dummyKey, -1}
	s.used--
	return true, nil
}

// Add is s.add(key) (set_add_key).
func (s *Set) Add(key Object) error {
	h, err := elementHash(key)
	if err != nil {
		return err
	}
	return s.addEntry(key, h)
}

func (s *Set) containsKey(key Object) (bool, error) {
	h, err := elementHash(key)
	if err != nil {
		return false, err
	}
	return s.containsEntry(key, h)
}

func (s *Set) discardKey(key Object) (bool, error) {
	h, err := elementHash(key)
	if err != nil {
		return false, err
	}
	return s.discardEntry(key, h)
}

// setKeyHash hashes the key of `in`, remove and discard: an unhashable set is looked up as the
// frozenset it equals ({1} in {frozenset({1})} is True).
func setKeyHash(key Object) (int64, error) {
	h, err := elementHash(key)
	if err != nil {
		if k, ok := key.(*Set); ok && !k.frozen {
			return k.computeHash(), nil
		}
		return 0, err
	}
	return h, nil
}

// Contains is `key in s`.
func (s *Set) Contains(key Object) (bool, error) {
	h, err := setKeyHash(key)
	if err != nil {
		return false, err
	}
	return s.containsEntry(key, h)
}

func (s *Set) clear() {
	s.table = make([]setEntry, setMinSize)
	s.fill, s.used, s.hash = 0, 0, -1
}

// merge is set_merge: other's elements, with one resize up front and, into an empty set,
// without comparisons (a copy of the table itself when the sizes agree and it has no dummies).
func (s *Set) merge(other *Set) error {
	if other == s || other.used == 0 {
		return nil
	}
	if (s.fill+other.used)*5 >= s.maskInt()*3 {
		s.resize((s.used + other.used) * 2)
	}
	if s.fill == 0 && len(s.table) == len(other.table) && other.fill == other.used {
		copy(s.table, other.table)
		s.fill, s.used = other.fill, other.used
		return nil
	}
	if s.fill == 0 {
		s.fill, s.used = other.used, other.used
		for _, e := range other.table {
			if live(e) {
				insertClean(s.table, e.key, e.hash)
			}
		}
		return nil
	}
	for _, e := range other.liveEntries() {
		if err := s.addEntry(e.key, e.hash); err != nil {
			return err
		}
	}
	return nil
}

// liveEntries are the live entries in table order, copied: the loops over them may change s.
func (s *Set) liveEntries() []setEntry {
	out := make([]setEntry, 0, s.used)
	for _, e := range s.table {
		if live(e) {
			out = append(out, e)
		}
	}
	return out
}

// Update is s.update(iterable) (set_update_internal): a set is merged, a dict's keys are added
// with the hashes it stored, anything else is iterated.
func (s *Set) Update(other Object) error {
	switch o := other.(type) {
	case *Set:
		return s.merge(o)
	case *Dict:
		if (s.fill+o.used)*5 >= s.maskInt()*3 {
			s.resize((s.used + o.used) * 2)
		}
		for _, e := range o.entries {
			if e.Key != nil {
				if err := s.addEntry(e.Key, e.hash); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return forEach(other, func(key Object) (bool, error) {
		return false, s.Add(key)
	})
}

// like is an empty set of s's kind (make_new_set_basetype).
func (s *Set) like() *Set { return newEmptySet(s.frozen) }

// Copy is s.copy() for a set; a frozenset's copy is a new frozenset here (frozenset.copy() returns
// the frozenset itself: see setMethod).
func (s *Set) Copy() *Set {
	c := s.like()
	_ = c.merge(s) // merging into an empty set compares nothing, so cannot fail
	return c
}

// intersection is set_intersection: the smaller set's elements that the larger one has, or
// other's items (hashed with the plain "unhashable type" TypeError) that s has.
func (s *Set) intersection(other Object) (*Set, error) {
	if other == Object(s) {
		return s.Copy(), nil
	}
	result := s.like()
	if o, ok := other.(*Set); ok {
		big, small := s, o
		if o.used > s.used {
			big, small = o, s
		}
		for _, e := range small.liveEntries() {
			found, err := big.containsEntry(e.key, e.hash)
			if err != nil {
				return nil, err
			}
			if found {
				if err := result.addEntry(e.key, e.hash); err != nil {
					return nil, err
				}
			}
		}
		return result, nil
	}
	err := forEach(other, func(key Object) (bool, error) {
		h, err := Hash(key)
		if err != nil {
			return true, err
		}
		found, err := s.containsEntry(key, h)
		if err != nil || !found {
			return err != nil, err
		}
		if err := result.addEntry(key, h); err != nil {
			return true, err
		}
		return result.used >= s.used, nil
	})
	if err != nil {
		return nil, err
	}
	return result, nil
}

// intersectionMulti is s.intersection(*others).
func (s *Set) intersectionMulti(others []Object) (*Set, error) {
	if len(others) == 0 {
		return s.Copy(), nil
	}
	result := s
	for _, o := range others {
		r, err := result.intersection(o)
		if err != nil {
			return nil, err
		}
		result = r
	}
	return result, nil
}

// takeBody makes s hold t's elements (set_swap_bodies, for the in-place intersections).
func (s *Set) takeBody(t *Set) {
	s.table, s.fill, s.used, s.hash = t.table, t.fill, t.used, -1
}

// differenceUpdate is set_difference_update_internal: s loses other's elements; if more than a
// quarter of its table is then dummies, it is rebuilt.
func (s *Set) differenceUpdate(other Object) error {
	if other == Object(s) {
		s.clear()
		return nil
	}
	if o, ok := other.(*Set); ok {
		if o.used>>3 > s.used { // other is far larger: only the common elements matter
			var err error
			if o, err = s.intersection(o); err != nil {
				return err
			}
		}
		for _, e := range o.liveEntries() {
			if _, err := s.discardEntry(e.key, e.hash); err != nil {
				return err
			}
		}
	} else {
		err := forEach(other, func(key Object) (bool, error) {
			_, err := s.discardKey(key)
			return err != nil, err
		})
		if err != nil {
			return err
		}
	}
	if s.fill-s.used <= s.maskInt()/4 {
		return nil
	}
	s.resize(s.growth())
	return nil
}

// difference is set_difference: s's elements not in other, found by looking each up in a set or
// dict other unless s is much larger; otherwise (and for other iterables) a copy of s with
// other's elements taken out.
func (s *Set) difference(other Object) (*Set, error) {
	var otherSize int
	switch o := other.(type) {
	case *Set:
		otherSize = o.used
	case *Dict:
		otherSize = o.used
	default:
		return s.copyAndDifference(other)
	}
	if s.used>>2 > otherSize {
		return s.copyAndDifference(other)
	}
	result := s.like()
	for _, e := range s.liveEntries() {
		var found bool
		var err error
		if d, ok := other.(*Dict); ok {
			var pos int
			pos, err = d.lookup(e.key, e.hash)
			found = pos >= 0
		} else {
			found, err = other.(*Set).containsEntry(e.key, e.hash)
		}
		if err != nil {
			return nil, err
		}
		if !found {
			if err := result.addEntry(e.key, e.hash); err != nil {
				return nil, err
			}
		}
	}
	return result, nil
}

func (s *Set) copyAndDifference(other Object) (*Set, error) {
	r := s.Copy()
	if err := r.differenceUpdate(other); err != nil {
		return nil, err
	}
	return r, nil
}

// symDiffUpdateSet toggles each of other's elements in s.
func (s *Set) symDiffUpdateSet(other *Set) error {
	for _, e := range other.liveEntries() {
		if err := s.toggle(e.key, e.hash); err != nil {
			return err
		}
	}
	return nil
}

// toggle removes key from s if it is there, else adds it.
func (s *Set) toggle(key Object, hash int64) error {
	found, err := s.discardEntry(key, hash)
	if err != nil || found {
		return err
	}
	return s.addEntry(key, hash)
}

// symmetricDifferenceUpdate is s.symmetric_difference_update(other).
func (s *Set) symmetricDifferenceUpdate(other Object) error {
	switch o := other.(type) {
	case *Set:
		if o == s {
			s.clear()
			return nil
		}
		return s.symDiffUpdateSet(o)
	case *Dict:
		for _, e := range o.entries {
			if e.Key == nil {
				continue
			}
			if err := s.toggle(e.Key, e.hash); err != nil {
				return err
			}
		}
		return nil
	}
	t := s.like()
	if err := t.Update(other); err != nil {
		return err
	}
	return s.symDiffUpdateSet(t)
}

// symmetricDifference is set_symmetric_difference: other's elements first, then s's toggled in.
func (s *Set) symmetricDifference(other Object) (*Set, error) {
	r := s.like()
	if err := r.Update(other); err != nil {
		return nil, err
	}
	if err := r.symDiffUpdateSet(s); err != nil {
		return nil, err
	}
	return r, nil
}

// union is s | other and s.union(other): a copy of s updated with other.
func (s *Set) union(others ...Object) (*Set, error) {
	r := s.Copy()
	for _, o := range others {
		if o == Object(s) {
			continue
		}
		if err := r.Update(o); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// issubset is s <= other; another iterable is compared through its intersection with s.
func (s *Set) issubset(other Object) (bool, error) {
	o, ok := other.(*Set)
	if !ok {
		t, err := s.intersection(other)
		if err != nil {
			return false, err
		}
		return t.used == s.used, nil
	}
	if s.used > o.used {
		return false, nil
	}
	for _, e := range s.table { // the table as it is now: an __eq__ that changes s does not move this one
		if !live(e) {
			continue
		}
		found, err := o.containsEntry(e.key, e.hash)
		if err != nil || !found {
			return false, err
		}
	}
	return true, nil
}

// issuperset is s >= other.
func (s *Set) issuperset(other Object) (bool, error) {
	if o, ok := other.(*Set); ok {
		return o.issubset(s)
	}
	result := true
	err := forEach(other, func(key Object) (bool, error) {
		found, err := s.containsKey(key)
		result = found
		return err != nil || !found, err
	})
	return result && err == nil, err
}

// isdisjoint is s.isdisjoint(other).
func (s *Set) isdisjoint(other Object) (bool, error) {
	if other == Object(s) {
		return s.used == 0, nil
	}
	if o, ok := other.(*Set); ok {
		big, small := s, o
		if o.used > s.used {
			big, small = o, s
		}
		for _, e := range small.liveEntries() {
			found, err := big.containsEntry(e.key, e.hash)
			if err != nil || found {
				return false, err
			}
		}
		return true, nil
	}
	disjoint := true
	err := forEach(other, func(key Object) (bool, error) {
		found, err := s.containsKey(key)
		disjoint = !found
		return err != nil || found, err
	})
	return disjoint && err == nil, err
}

// setCompare is set_richcompare for two sets: equality and the subset/superset orders.
func setCompare(v, w *Set, op int) (bool, error) {
	switch op {
	case EQ, NE:
		eq := v.used == w.used && (v.hash == -1 || w.hash == -1 || v.hash == w.hash)
		if eq {
			var err error
			if eq, err = v.issubset(w); err != nil {
				return false, err
			}
		}
		return eq == (op == EQ), nil
	case LE:
		return v.issubset(w)
	case GE:
		return v.issuperset(w)
	case LT:
		if v.used >= w.used {
			return false, nil
		}
		return v.issubset(w)
	}
	if v.used <= w.used { // GT
		return false, nil
	}
	return v.issuperset(w)
}

// setBinary is | & - ^ between two sets (a set or frozenset like a); anything else is
// NotImplemented.
func setBinary(a, b Object, op int) (Object, error) {
	x, ok1 := a.(*Set)
	y, ok2 := b.(*Set)
	if !ok1 || !ok2 {
		return nil, errNotImplemented
	}
	switch op {
	case NB_OR:
		return x.union(y)
	case NB_AND:
		return x.intersection(y)
	case NB_SUBTRACT:
		return x.difference(y)
	case NB_XOR:
		return x.symmetricDifference(y)
	}
	return nil, errNotImplemented
}

// setInplace is |= &= -= ^= on a (mutable) set: a itself, changed. A frozenset has no in-place
// forms and gets a new frozenset from setBinary instead.
func setInplace(s *Set, b Object, op int) (Object, error) {
	if _, ok := b.(*Set); !ok {
		return nil, errNotImplemented
	}
	var err error
	switch op {
	case NB_OR:
		err = s.Update(b)
	case NB_AND:
		var t *Set
		if t, err = s.intersection(b); err == nil {
			s.takeBody(t)
		}
	case NB_SUBTRACT:
		err = s.differenceUpdate(b)
	case NB_XOR:
		err = s.symmetricDifferenceUpdate(b)
	default:
		return nil, errNotImplemented
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// shuffleBits is _shuffle_bits of frozenset hashing.
func shuffleBits(h uint64) uint64 {
	return ((h ^ 89869747) ^ (h << 16)) * 3644798167
}

// computeHash is frozenset_hash_impl: the entries' shuffled hashes xor-ed together (unused and
// dummy entries' effect taken out again), mixed with the size; it works on a set too.
func (s *Set) computeHash() int64 {
	var h uint64
	for _, e := range s.table {
		h ^= shuffleBits(uint64(e.hash))
	}
	if (len(s.table)-s.fill)&1 != 0 {
		h ^= shuffleBits(0)
	}
	if (s.fill-s.used)&1 != 0 {
		h ^= shuffleBits(^uint64(0))
	}
	h ^= (uint64(s.used) + 1) * 1927868237
	h ^= (h >> 11) ^ (h >> 25)
	h = h*69069 + 907133923
	if h == ^uint64(0) {
		h = 590923713
	}
	return int64(h)
}

// frozenHash is hash(frozenset), computed once.
func (s *Set) frozenHash() int64 {
	if s.hash == -1 {
		s.hash = s.computeHash()
	}
	return s.hash
}

// pop is set.pop(): the first live entry at or after the finger, which then moves past it.
func (s *Set) pop() (Object, error) {
	if s.used == 0 {
		return nil, NewException(KeyErrorType, "pop from an empty set")
	}
	i := s.finger & int(s.mask())
	for !live(s.table[i]) {
		i++
		if i > int(s.mask()) {
			i = 0
		}
	}
	key := s.table[i].key
	s.table[i] = setEntry{dummyKey, -1}
	s.used--
	s.finger = i + 1
	return key, nil
}

// SetIter iterates a set in table order, failing like CPython if the set changes size.
type SetIter struct {
	set  *Set // nil once exhausted
	pos  int
	size int // the set's size when iteration began; -1 after a change was reported
}

func (*SetIter) Type() *Type { return SetIterType }

func (it *SetIter) Next() (Object, bool, error) {
	s := it.set
	if s == nil {
		return nil, false, nil
	}
	if it.size != s.used {
		it.size = -1
		return nil, false, NewException(RuntimeErrorType, "Set changed size during iteration")
	}
	for it.pos < len(s.table) {
		e := s.table[it.pos]
		it.pos++
		if live(e) {
			return e.key, true, nil
		}
	}
	it.set = nil
	return nil, false, nil
}

// setMutators are the methods a frozenset does not have.
var setMutators = map[string]bool{"add": true, "remove": true, "discard": true, "pop": true, "clear": true,
	"update": true, "intersection_update": true, "difference_update": true, "symmetric_difference_update": true}

// setMethod returns the methods of sets and frozensets (a frozenset has only those that do not
// change it).
func setMethod(s *Set, name string) *Builtin {
	qual := s.Type().Name + "." + name
	if s.frozen && setMutators[name] {
		return nil
	}
	var fn methodFn
	switch name {
	case "add", "remove", "discard", "issubset", "issuperset", "isdisjoint", "symmetric_difference",
		"symmetric_difference_update":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := oneArg(qual, args, kwnames); err != nil {
				return nil, err
			}
			x := args[0]
			switch name {
			case "add":
				return None, s.Add(x)
			case "remove", "discard":
				h, err := setKeyHash(x)
				if err != nil {
					return nil, err
				}
				found, err := s.discardEntry(x, h)
				if err != nil {
					return nil, err
				}
				if !found && name == "remove" {
					return nil, keyError(x)
				}
				return None, nil
			case "issubset", "issuperset", "isdisjoint":
				var r bool
				var err error
				switch name {
				case "issubset":
					r, err = s.issubset(x)
				case "issuperset":
					r, err = s.issuperset(x)
				default:
					r, err = s.isdisjoint(x)
				}
				return Bool(r), err
			case "symmetric_difference":
				return orNil(s.symmetricDifference(x))
			}
			return None, s.symmetricDifferenceUpdate(x)
		}
	case "pop", "clear", "copy":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := noArgs(qual, args, kwnames); err != nil {
				return nil, err
			}
			switch name {
			case "pop":
				return s.pop()
			case "clear":
				s.clear()
				return None, nil
			}
			if s.frozen {
				return s, nil // frozenset.copy() is the frozenset itself
			}
			return s.Copy(), nil
		}
	case "union", "intersection", "difference", "update", "intersection_update", "difference_update":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := checkKw(name, kwnames); err != nil {
				return nil, err
			}
			switch name {
			case "union":
				return orNil(s.union(args...))
			case "intersection":
				return orNil(s.intersectionMulti(args))
			case "intersection_update":
				t, err := s.intersectionMulti(args)
				if err != nil {
					return nil, err
				}
				s.takeBody(t)
				return None, nil
			case "difference":
				if len(args) == 0 {
					return s.Copy(), nil
				}
				r, err := s.difference(args[0])
				for i := 1; err == nil && i < len(args); i++ {
					err = r.differenceUpdate(args[i])
				}
				return orNil(r, err)
			}
			for _, o := range args {
				var err error
				if name == "update" {
					err = s.Update(o)
				} else {
					err = s.differenceUpdate(o)
				}
				if err != nil {
					return nil, err
				}
			}
			return None, nil
		}
	}
	if fn == nil {
		return nil
	}
	return bound(s, name, fn)
}

// orNil turns a typed nil *Set result into a nil Object, so errors come back as (nil, err).
func orNil(s *Set, err error) (Object, error) {
	if err != nil {
		return nil, err
	}
	return s, nil
}
