package objects

import (
	"runtime"
	"strings"
	"sync/atomic"
	"unsafe"
	"weak"
)

// The tp_flags bits the runtime keeps (Include/object.h): the specialized instructions' guards
// and the specializer read them.
const (
	TPFlagsInlineValues     = 1 << 2
	TPFlagsManagedDict      = 1 << 4
	TPFlagsSequence         = 1 << 5
	TPFlagsMapping          = 1 << 6
	TPFlagsHeapType         = 1 << 9
	TPFlagsBaseType         = 1 << 10
	TPFlagsMethodDescriptor = 1 << 17
	TPFlagsValidVersionTag  = 1 << 19
	TPFlagsListSubclass     = 1 << 25
	TPFlagsTupleSubclass    = 1 << 26
	TPFlagsDictSubclass     = 1 << 29
)

// maxVersionsPerClass is how many version tags one class may use up before the specializer
// gives up on it (CPython's MAX_VERSIONS_PER_CLASS).
const maxVersionsPerClass = 1000

// nextVersionTag is the next tag assign_version_tag hands out; 0 means "no valid version".
var nextVersionTag uint32 = 1

// mro is the type's method resolution order: tp_mro of a class, or for a builtin type the chain
// of its single bases (every builtin type here has one).
func (t *Type) mro() []*Type {
	if t.MRO == nil {
		for b := t; b != nil; b = b.Base {
			t.MRO = append(t.MRO, b)
		}
	}
	return t.MRO
}

// IsHeap reports whether t is a class made by a class statement or type(name, bases, ns).
func (t *Type) IsHeap() bool { return t.Flags&TPFlagsHeapType != 0 }

// Lookup finds name along t's MRO in the types' dicts, as _PyType_Lookup does: the class
// attribute or descriptor, nil if no type on the MRO has it. Builtin types answer with the
// entries of their dicts that this runtime models (object.__init__, the exceptions' __init__).
// CPython: Objects/typeobject.c _PyType_Lookup (find_name_in_mro)
func (t *Type) Lookup(name string) Object {
	// The cache's hit: the name compared as CPython compares it, by identity (an equal string at
	// another address is a miss, and takes the entry).
	if version := t.VersionTag; version != 0 {
		set := &typeCache[typeCacheIndex(version, name)]
		if set[0].version == version && sameString(set[0].name, name) {
			return set[0].value
		}
		if set[1].version == version && sameString(set[1].name, name) {
			return set[1].value
		}
	}
	return t.lookupMiss(name)
}

// lookupMiss is Lookup without a cached answer: the answer found on the MRO, kept under the
// type's version tag if it can have one.
func (t *Type) lookupMiss(name string) Object {
	if typeCacheStale.Load() { // before a new entry: the cache grows stale only through here
		clearTypeCache()
	}
	value := t.findInMRO(name)
	if version := t.Version(); version != 0 {
		set := &typeCache[typeCacheIndex(version, name)]
		set[1], set[0] = set[0], typeCacheEntry{version: version, name: name, value: value}
	}
	return value
}

// sameString reports a and b the same string, not only equal ones: the same bytes at the same
// address, as CPython compares interned names by their pointers.
func sameString(a, b string) bool {
	return unsafe.StringData(a) == unsafe.StringData(b) && len(a) == len(b)
}

// stringAddress is where a string's bytes are, as a word to hash: what an interned name is known
// by (sameString), as CPython hashes an interned str by its pointer in the type cache.
func stringAddress(s string) uint32 {
	return uint32(uintptr(unsafe.Pointer(unsafe.StringData(s))) >> 3)
}

// typeCache is the interpreter's method cache: what a name answers on a type's MRO (nil too),
// under the type's version tag, so that an attribute load the specializer left generic (a
// polymorphic site) does not walk the MRO's dicts each time. An entry holds while its type keeps
// that tag: changing a type or a base takes its tag away (Modified), and no tag is handed out twice.
//
// CPython's entries borrow their values: a dead type's entries are never matched again, and hold
// nothing. Here an entry's value is a reference like any other, and would keep alive what it
// reaches (a method's globals, its class, every instance its module made) after the type died:
// a program making classes in a loop, or the same program run again and again, would keep them
// all. So the cache is emptied at the first miss after a collection (typeCacheStale, set when the
// collector frees a sentinel), and what only stale entries held is freed by the next one.
//
// Each name and version choose a set of two entries, where CPython's choose one: with a few hundred
// names cached, some two of them share an entry by chance (richards had three such pairs, looked
// up in turn, a miss and a walk of the MRO each time); a new entry takes the set's first place
// and moves the first to the second.
// CPython: Objects/typeobject.c type_cache, MCACHE_HASH_METHOD
var typeCache [1 << typeCacheBits][2]typeCacheEntry

// typeCacheStale is set by the collector's cleanup goroutine, and read and cleared by a miss on
// the interpreter's own goroutine, which alone writes the cache.
var typeCacheStale atomic.Bool

func clearTypeCache() {
	typeCache = [1 << typeCacheBits][2]typeCacheEntry{}
	typeCacheStale.Store(false)
}

// staleAfterCollection arms a sentinel the next collection frees; its cleanup marks the type
// cache stale and arms the next one. (A sentinel with a pointer in it: the allocator batches
// pointer-free tiny objects, whose cleanups can wait for their neighbours.)
func staleAfterCollection() {
	sentinel := new(*byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		typeCacheStale.Store(true)
		staleAfterCollection()
	}, struct{}{})
}

func init() { staleAfterCollection() }

const typeCacheBits = 11 // sets of two: 4096 entries, as CPython's

type typeCacheEntry struct {
	version uint32
	name    string
	value   Object
}

// typeCacheIndex mixes the version tag with where the name's bytes are, as CPython mixes it with
// the interned name's address (the names a program looks up are its code's constants), and
// multiplies: Go packs short strings 16 bytes apart, so an exclusive or of the two alone made
// neighbouring names of neighbouring versions share an entry and evict each other on every load.
func typeCacheIndex(version uint32, name string) uint32 {
	return ((stringAddress(name) ^ version*0x9e3779b1) * 0x85ebca77) >> (32 - typeCacheBits)
}

// findInMRO is the uncached lookup: the first dict on the MRO that has the name.
// CPython: Objects/typeobject.c find_name_in_mro
func (t *Type) findInMRO(name string) Object {
	key := NewStr(name)
	for _, b := range t.mro() {
		if b.Dict == nil {
			continue
		}
		if v, ok, _ := b.Dict.Get(key); ok {
			return v
		}
	}
	return nil
}

// VersionTag returns t's tp_version_tag, assigning one if it has none and the class has not
// used up its versions; 0 if it cannot have one.
// CPython: Objects/typeobject.c assign_version_tag
func (t *Type) Version() uint32 {
	if t.VersionTag != 0 {
		return t.VersionTag
	}
	if t.versionsUsed >= maxVersionsPerClass {
		return 0
	}
	for _, b := range t.mro()[1:] { // a base without a version cannot vouch for its subclass
		if b.Version() == 0 {
			return 0
		}
	}
	t.versionsUsed++
	t.VersionTag = nextVersionTag
	nextVersionTag++
	typeVersionCache[t.VersionTag%typeVersionCacheSize] = weak.Make(t)
	t.Flags |= TPFlagsValidVersionTag
	return t.VersionTag
}

// Modified invalidates the version tag of t and of every subclass, because what their MRO
// lookups answer may have changed (a class attribute set or deleted, __bases__ assigned).
// CPython: Objects/typeobject.c type_modified_unlocked
func (t *Type) Modified() {
	if t.VersionTag == 0 {
		return
	}
	for _, w := range t.subclasses {
		if s := w.Value(); s != nil {
			s.Modified()
		}
	}
	for i, watcher := range TypeWatchers {
		if t.Watched&(1<<i) != 0 && watcher != nil {
			watcher(t)
		}
	}
	t.VersionTag = 0
	t.Flags &^= TPFlagsValidVersionTag
	t.SpecCache.Init, t.SpecCache.Getitem, t.SpecCache.GetitemVersion = nil, nil, 0 // cached under the old version
}

// TypeWatchers are the interpreter's type watchers (interp->type_watchers): a modification of a
// type calls each watcher whose bit the type's Watched has, before its version tag is dropped.
// Watcher 0 is the tier-2 optimizer's (TYPE_WATCHER_ID).
var TypeWatchers [8]func(t *Type)

// Watch makes watcher id hear of t's modifications, giving t a version tag first.
// CPython: Objects/typeobject.c PyType_Watch
func (t *Type) Watch(id int) {
	t.Version()
	t.Watched |= 1 << id
}

// Unwatch stops watcher id hearing of t's modifications.
// CPython: Objects/typeobject.c PyType_Unwatch
func (t *Type) Unwatch(id int) { t.Watched &^= 1 << id }

// typeVersionCache maps a version tag to the type that last had it (interp->types.
// type_version_cache), weakly: it must not keep a dead class alive.
var typeVersionCache [typeVersionCacheSize]weak.Pointer[Type]

const typeVersionCacheSize = 1 << 12

// LookupTypeByVersion is the type whose version tag is v now, if the cache still knows it.
// CPython: Objects/typeobject.c _PyType_LookupByVersion
func LookupTypeByVersion(v uint32) *Type {
	if t := typeVersionCache[v%typeVersionCacheSize].Value(); t != nil && t.VersionTag == v {
		return t
	}
	return nil
}

// addSubclass records t as a subclass of b, weakly. The references of classes that died are
// dropped when the list is full, before it grows, as CPython's type_dealloc removes its own.
// CPython: Objects/typeobject.c add_subclass
func (b *Type) addSubclass(t *Type) {
	if len(b.subclasses) == cap(b.subclasses) {
		live := b.subclasses[:0]
		for _, w := range b.subclasses {
			if w.Value() != nil {
				live = append(live, w)
			}
		}
		clear(b.subclasses[len(live):])
		b.subclasses = live
	}
	b.subclasses = append(b.subclasses, weak.Make(t))
}

// splitName is a builtin type's module and name from its tp_name: "itertools.count" is count of
// itertools, a name without a dot one of builtins. (A class's name has no module in it.)
// CPython: Objects/typeobject.c type_name, type_module
func (t *Type) splitName() (module, name string) {
	if i := strings.LastIndexByte(t.Name, '.'); i >= 0 && !t.IsHeap() {
		return t.Name[:i], t.Name[i+1:]
	}
	return "builtins", t.Name
}

// QualifiedName is what repr(cls) shows: module.qualname, the module left out for builtins.
// CPython: Objects/typeobject.c type_repr
func (t *Type) QualifiedName() string {
	q := t.Qualname
	if q == "" {
		q = t.Name
	}
	if t.Module != "" && t.Module != "builtins" {
		return t.Module + "." + q
	}
	return q
}

// mroMerge linearizes a class's bases by C3: the MRO of each base and the list of bases,
// merged so that every type comes before its bases and the bases keep their order.
// CPython: Objects/typeobject.c mro_implementation (pmerge)
func mroMerge(t *Type, bases []*Type) ([]*Type, error) {
	var seqs [][]*Type
	for _, b := range bases {
		seqs = append(seqs, append([]*Type(nil), b.mro()...))
	}
	seqs = append(seqs, append([]*Type(nil), bases...))
	result := []*Type{t}
	for {
		empty := true
		for _, s := range seqs {
			if len(s) > 0 {
				empty = false
			}
		}
		if empty {
			return result, nil
		}
		var next *Type
		for _, s := range seqs {
			if len(s) == 0 {
				continue
			}
			cand := s[0]
			inTail := false
			for _, o := range seqs {
				for _, x := range o[min(1, len(o)):] {
					if x == cand {
						inTail = true
					}
				}
			}
			if !inTail {
				next = cand
				break
			}
		}
		if next == nil {
			names := []string{}
			seen := map[*Type]bool{}
			for _, s := range seqs {
				if len(s) > 0 && !seen[s[0]] {
					seen[s[0]] = true
					names = append(names, s[0].Name)
				}
			}
			return nil, typeErrorf("Cannot create a consistent method resolution order (MRO) for bases %s",
				strings.Join(names, ", "))
		}
		result = append(result, next)
		for i, s := range seqs {
			if len(s) > 0 && s[0] == next {
				seqs[i] = s[1:]
			}
		}
	}
}

// solidBase is the builtin type whose instance layout a class extends: object for plain
// classes, BaseException for exception classes.
// CPython: Objects/typeobject.c solid_base
func solidBase(t *Type) *Type {
	for _, b := range t.mro() {
		if !b.IsHeap() {
			return b
		}
	}
	return ObjectType
}

// IsExceptionClass reports whether instances of t are exceptions.
func IsExceptionClass(t *Type) bool { return IsSubtype(t, BaseExceptionType) }

// NewClass is type(name, bases, ns): a heap type whose dict is a copy of ns, with its MRO,
// __slots__ as member descriptors, __init_subclass__ and __class_getitem__ made class methods
// and __new__ a static method, and the attributes' __set_name__ called.
// CPython: Objects/typeobject.c type_new (type_new_impl, type_new_set_attrs, type_ready)
func NewClass(name string, bases []*Type, ns *Dict, kwnames []string, kwvalues []Object) (*Type, error) {
	return NewClassWithMeta(name, bases, ns, kwnames, kwvalues, TypeType)
}

// NewClassWithMeta is NewClass for a class whose metaclass is meta.
func NewClassWithMeta(name string, bases []*Type, ns *Dict, kwnames []string, kwvalues []Object, meta *Type) (*Type, error) {
	if len(bases) == 0 {
		bases = []*Type{ObjectType}
	}
	for _, b := range bases {
		if !b.IsHeap() && b != ObjectType && b != TypeType && !IsExceptionClass(b) {
			return nil, &Unsupported{What: "subclassing the builtin type " + b.Name}
		}
		if b.Flags&TPFlagsBaseType == 0 && b.IsHeap() {
			return nil, typeErrorf("type '%s' is not an acceptable base type", b.Name)
		}
	}
	t := &Type{Name: name, Base: nil, Bases: bases, Dict: ns.Copy(), Flags: TPFlagsHeapType | TPFlagsBaseType}
	if meta != TypeType {
		t.Meta = meta
	}
	mro, err := mroMerge(t, bases)
	if err != nil {
		return nil, err
	}
	t.MRO = mro
	t.Base = bases[0]
	// The solid base decides the layout: every base must extend the same one.
	for _, b := range bases {
		if !IsSubtype(solidBase(t), solidBase(b)) && !IsSubtype(solidBase(b), solidBase(t)) {
			return nil, typeErrorf("multiple bases have instance lay-out conflict")
		}
	}
	for _, b := range bases {
		b.addSubclass(t)
	}
	if m, ok, _ := t.Dict.Get(NewStr("__module__")); ok {
		if s, ok := m.(*Str); ok {
			t.Module = s.S
		}
	}
	t.Qualname = name
	if q, ok, _ := t.Dict.Get(NewStr("__qualname__")); ok {
		s, isStr := q.(*Str)
		if !isStr {
			return nil, typeErrorf("type __qualname__ must be a str, not %s", typeName(q))
		}
		t.Qualname = s.S
		_ = t.Dict.Del(NewStr("__qualname__"))
	}
	for _, special := range []string{"__init_subclass__", "__class_getitem__"} {
		if f, ok, _ := t.Dict.Get(NewStr(special)); ok {
			if fn, ok := f.(*Function); ok {
				_ = t.Dict.Set(NewStr(special), &ClassMethod{Func: fn})
			}
		}
	}
	if f, ok, _ := t.Dict.Get(NewStr("__new__")); ok {
		if fn, ok := f.(*Function); ok {
			_ = t.Dict.Set(NewStr("__new__"), &StaticMethod{Func: fn})
		}
	}
	if _, ok, _ := t.Dict.Get(NewStr("__doc__")); !ok {
		_ = t.Dict.Set(NewStr("__doc__"), None)
	}
	// __eq__ without __hash__ makes instances unhashable (type_new_set_hash... in inherit_slots).
	if _, hasEq, _ := t.Dict.Get(NewStr("__eq__")); hasEq {
		if _, hasHash, _ := t.Dict.Get(NewStr("__hash__")); !hasHash {
			_ = t.Dict.Set(NewStr("__hash__"), None)
		}
	}
	if err := t.setSlots(); err != nil {
		return nil, err
	}
	t.inheritLayout()
	t.New = func(args []Object, kwnames []string) (Object, error) { return typeCall(t, args, kwnames) }
	// __set_name__ on the attributes, then the parent's __init_subclass__ (type_new_impl's last steps).
	for _, kv := range pairs(t.Dict) {
		if vt := kv[1].Type(); vt.IsHeap() {
			if setName := vt.Lookup("__set_name__"); setName != nil {
				if _, err := Call(setName, []Object{kv[1], t, kv[0]}, nil); err != nil {
					return nil, err
				}
			}
		}
	}
	sup := &Super{Class: t, Obj: t, ObjType: t}
	initSub, err := sup.GetAttr("__init_subclass__")
	if err != nil {
		return nil, err
	}
	if _, err := Call(initSub, kwvalues, kwnames); err != nil {
		return nil, err
	}
	return t, nil
}

// pairs lists a dict's items as key, value pairs.
func pairs(d *Dict) [][2]Object {
	items := d.Items()
	out := make([][2]Object, len(items))
	for i, it := range items {
		kv := it.(*Tuple).Items
		out[i] = [2]Object{kv[0], kv[1]}
	}
	return out
}

// setSlots turns __slots__ into member descriptors at word offsets after the object header, or
// gives the class a managed dict with inline values when it has no __slots__ (or names
// __dict__ in them).
// CPython: Objects/typeobject.c type_new_descriptors, type_new_slots
func (t *Type) setSlots() error {
	slots, ok, _ := t.Dict.Get(NewStr("__slots__"))
	nbase := 0
	for _, b := range t.mro()[1:] {
		nbase += len(b.ownMembers)
	}
	if !ok {
		if !IsExceptionClass(t) {
			t.Flags |= TPFlagsManagedDict | TPFlagsInlineValues
		}
		t.nmembers = nbase
		return nil
	}
	var names []string
	if s, isStr := slots.(*Str); isStr {
		names = []string{s.S}
	} else {
		items, err := iterToSlice(slots)
		if err != nil {
			return err
		}
		for _, it := range items {
			s, isStr := it.(*Str)
			if !isStr {
				return typeErrorf("__slots__ items must be strings, not '%s'", typeName(it))
			}
			names = append(names, s.S)
		}
	}
	for _, n := range names {
		if n == "__dict__" {
			t.Flags |= TPFlagsManagedDict | TPFlagsInlineValues
			continue
		}
		if _, clash, _ := t.Dict.Get(NewStr(n)); clash {
			return valueErrorf("'%s' in __slots__ conflicts with class variable", n)
		}
		m := &MemberDescr{Owner: t, Name: n, Index: nbase + len(t.ownMembers)}
		t.ownMembers = append(t.ownMembers, m)
		_ = t.Dict.Set(NewStr(n), m)
	}
	t.nmembers = nbase + len(t.ownMembers)
	return nil
}

// inheritLayout takes the managed dict from a base that has one (a subclass of a class without
// __slots__ keeps its instances' dicts).
// CPython: Objects/typeobject.c inherit_special, type_ready_managed_dict
func (t *Type) inheritLayout() {
	for _, b := range t.mro()[1:] {
		if b.IsHeap() && b.Flags&TPFlagsManagedDict != 0 {
			t.Flags |= TPFlagsManagedDict | TPFlagsInlineValues
		}
	}
	if IsSubtype(t, TypeType) { // a metaclass: its instances are classes, with dicts of their own
		t.Flags &^= TPFlagsManagedDict | TPFlagsInlineValues
	}
	if t.Flags&TPFlagsInlineValues != 0 {
		// The shared keys start with the names the class's methods assign through self, so that
		// the first instance already finds them (CPython: Objects/dictobject.c _PyDict_NewKeysForClass).
		t.CachedKeys = newSharedKeys()
		if attrs, ok, _ := t.Dict.Get(NewStr("__static_attributes__")); ok {
			if tup, isTuple := attrs.(*Tuple); isTuple {
				for _, a := range tup.Items {
					if s, isStr := a.(*Str); isStr && t.CachedKeys.insert(s.S) < 0 {
						break
					}
				}
			}
		}
	}
}

// typeCall is calling a class: __new__ makes the instance, then __init__ initializes it when
// the instance is of the class.
// CPython: Objects/typeobject.c type_call, object_new, object_init
func typeCall(t *Type, args []Object, kwnames []string) (Object, error) {
	if meta := t.Type(); meta.IsHeap() {
		if call := meta.Lookup("__call__"); call != nil {
			if _, builtin := call.(*SlotWrapper); !builtin { // the metaclass's __call__ runs the call
				fn, err := bindDescr(call, t, meta)
				if err != nil {
					return nil, err
				}
				return Call(fn, args, kwnames)
			}
		}
	}
	return typeCallDefault(t, args, kwnames)
}

// typeCallDefault is type.__call__: __new__, then __init__ on an instance of t.
// CPython: Objects/typeobject.c type_call
func typeCallDefault(t *Type, args []Object, kwnames []string) (Object, error) {
	newFn := t.Lookup("__new__")
	initFn := t.Lookup("__init__")
	_, defaultNew := newFn.(*SlotWrapper)
	_, defaultInit := initFn.(*SlotWrapper)

	var obj Object
	if defaultNew && IsSubtype(t, TypeType) { // calling a metaclass: type.__new__ makes a class
		var err error
		if obj, err = metaNew(t, args, kwnames); err != nil {
			return nil, err
		}
	} else if defaultNew {
		if len(args) > 0 && defaultInit && !IsExceptionClass(t) {
			return nil, typeErrorf("%s() takes no arguments", t.Name)
		}
		var err error
		if obj, err = allocate(t, args, kwnames); err != nil {
			return nil, err
		}
	} else {
		var err error
		fn, err := bindDescr(newFn, nil, t)
		if err != nil {
			return nil, err
		}
		if obj, err = Call(fn, append([]Object{t}, args...), kwnames); err != nil {
			return nil, err
		}
		if !IsSubtype(obj.Type(), t) {
			return obj, nil
		}
	}
	if defaultInit { // object.__init__ takes the arguments an overridden __new__ took
		return obj, nil
	}
	init, err := bindDescr(initFn, obj, obj.Type())
	if err != nil {
		return nil, err
	}
	r, err := Call(init, args, kwnames)
	if err != nil {
		return nil, err
	}
	if r != Object(None) {
		return nil, typeErrorf("__init__() should return None, not '%s'", typeName(r))
	}
	return obj, nil
}

// allocate makes a fresh instance of t: an exception for exception classes (with the
// arguments as its args, as BaseException.__new__ keeps them), otherwise an object with
// t's layout.
// CPython: Objects/typeobject.c PyType_GenericAlloc, Objects/exceptions.c BaseException_new
func allocate(t *Type, args []Object, kwnames []string) (Object, error) {
	if IsExceptionClass(t) {
		if len(kwnames) > 0 {
			return nil, typeErrorf("%s() takes no keyword arguments", t.Name)
		}
		return &Exception{Class: t, Args: append([]Object(nil), args...)}, nil
	}
	return NewInstance(t), nil
}

// The tp_flags of the builtin types that the specializer and the guards read.
func init() {
	ListType.Flags |= TPFlagsListSubclass | TPFlagsSequence | TPFlagsBaseType
	TupleType.Flags |= TPFlagsTupleSubclass | TPFlagsSequence | TPFlagsBaseType
	DictType.Flags |= TPFlagsDictSubclass | TPFlagsMapping | TPFlagsBaseType
	for _, t := range []*Type{FunctionType, MethodDescrType, SlotWrapperType} {
		t.Flags |= TPFlagsMethodDescriptor
	}
}

// metaNew is type.__new__(meta, name, bases, ns, **kwds): a class whose type is meta.
// CPython: Objects/typeobject.c type_new
func metaNew(meta *Type, args []Object, kwnames []string) (Object, error) {
	npos := len(args) - len(kwnames)
	if npos == 1 && len(kwnames) == 0 && meta == TypeType {
		return args[0].Type(), nil
	}
	if npos != 3 {
		return nil, typeErrorf("type.__new__() takes exactly 3 arguments (%d given)", npos)
	}
	name, ok := args[0].(*Str)
	if !ok {
		return nil, typeErrorf("type.__new__() argument 1 must be str, not %s", typeName(args[0]))
	}
	bt, ok := args[1].(*Tuple)
	if !ok {
		return nil, typeErrorf("type.__new__() argument 2 must be tuple, not %s", typeName(args[1]))
	}
	ns, ok := args[2].(*Dict)
	if !ok {
		return nil, typeErrorf("type.__new__() argument 3 must be dict, not %s", typeName(args[2]))
	}
	bases := make([]*Type, len(bt.Items))
	for i, b := range bt.Items {
		if bases[i], ok = b.(*Type); !ok {
			return nil, &Unsupported{What: "a class base that is not a class (" + typeName(b) + ")"}
		}
	}
	winner, err := CalculateMetaclass(meta, bases)
	if err != nil {
		return nil, err
	}
	if winner != meta { // a base's metaclass is more derived: it makes the class (type_new's winner)
		return Call(winner, args, kwnames)
	}
	t, err := NewClassWithMeta(name.S, bases, ns, kwnames, args[npos:], winner)
	if err != nil {
		return nil, err
	}
	// The class body's __classcell__ is the cell of __class__ that zero-argument super() reads.
	if c, ok, _ := ns.Get(NewStr("__classcell__")); ok {
		if cell, isCell := c.(*Cell); isCell {
			cell.Ref = t
			_ = t.Dict.Del(NewStr("__classcell__"))
			t.Modified() // its dict changed after NewClass, which may have looked names up on it
		}
	}
	return t, nil
}

// CalculateMetaclass is the most derived of meta and the bases' metaclasses, or a TypeError
// when they conflict.
// CPython: Objects/typeobject.c _PyType_CalculateMetaclass
func CalculateMetaclass(meta *Type, bases []*Type) (*Type, error) {
	winner := meta
	for _, b := range bases {
		bm := b.Type()
		switch {
		case IsSubtype(winner, bm):
		case IsSubtype(bm, winner):
			winner = bm
		default:
			return nil, typeErrorf("metaclass conflict: the metaclass of a derived class must be a (non-strict) " +
				"subclass of the metaclasses of all its bases")
		}
	}
	return winner, nil
}

// The slot wrappers of type that classes and metaclasses inherit: type.__new__, type.__init__,
// type.__call__ (super().__call__ in a metaclass) and type.__prepare__.
func init() {
	TypeType.Flags |= TPFlagsBaseType
	wrapper(TypeType, "__new__", func(cls Object, args []Object, kwnames []string) (Object, error) {
		meta, ok := cls.(*Type)
		if !ok || !IsSubtype(meta, TypeType) {
			return nil, typeErrorf("type.__new__(X): X is not a type object (%s)", typeName(cls))
		}
		return metaNew(meta, args, kwnames)
	})
	wrapper(TypeType, "__init__", func(self Object, args []Object, kwnames []string) (Object, error) {
		return None, nil
	})
	wrapper(TypeType, "__prepare__", func(cls Object, args []Object, kwnames []string) (Object, error) {
		return NewDict(), nil
	})
	wrapper(TypeType, "__call__", func(self Object, args []Object, kwnames []string) (Object, error) {
		t, ok := self.(*Type)
		if !ok {
			return nil, typeErrorf("descriptor '__call__' requires a 'type' object but received a '%s'", typeName(self))
		}
		return typeCallDefault(t, args, kwnames)
	})
}
