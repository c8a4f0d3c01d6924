package objects

import (
	"slices"
)

// sharedKeysMaxSize is how many attribute names a class's shared keys take before its
// instances fall back to dicts of their own (CPython's SHARED_KEYS_MAX_SIZE).
const sharedKeysMaxSize = 30

// SharedKeys is a class's ht_cached_keys: the attribute names its instances store, each at a
// fixed index of their inline values. Names are only ever added, so an index, once given, names
// the same attribute for every instance of the class.
// CPython: Objects/dictobject.c (split keys: _PyDict_NewKeysForClass, insert_split_key)
type SharedKeys struct {
	Names []string // by index; at most sharedKeysMaxSize
	// present has the bit of each name's nameBit: a name whose bit is clear is not among Names,
	// and most misses (a method's name looked up in an instance first) end at that test instead
	// of comparing with every name. (CPython probes a hash table, the names' hashes cached in
	// their str objects; here a name is a Go string, with no hash kept.)
	present uint64
	// table is CPython's dk_indices over the names' addresses: 1 + the index of a name, probed
	// from the slot its address chooses, 0 for an empty slot (64 slots for at most 30 names)
	table [sharedKeysTableSize]int8
	// Version is dk_version: 0 until a specialization asks for one, and back to 0 when a name is
	// added, since a cached "the instances do not have this name" no longer holds then.
	Version uint32
}

var sharedKeysType = &Type{Name: "dict_keys", Base: ObjectType}

func (*SharedKeys) Type() *Type { return sharedKeysType }

func newSharedKeys() *SharedKeys { return &SharedKeys{} }

// sharedKeysTableSize is the slots of a SharedKeys' table: a power of two, over twice the names.
const sharedKeysTableSize = 64

// Index is the slot of name in the inline values, -1 if no instance has stored it yet. The
// names of a program's code are interned, so a name is found by its address, in the table, as
// CPython finds an interned str by its hash and then its identity; the text is compared only
// when no name is the same string (a name made at run time).
// CPython: Objects/dictobject.c _PyDictKeys_StringLookup (unicodekeys_lookup_unicode)
func (k *SharedKeys) Index(name string) int {
	if k.present&nameBit(name) == 0 {
		return -1
	}
	for s := addressSlot(name); ; s = (s + 1) % sharedKeysTableSize {
		i := int(k.table[s]) - 1
		if i < 0 {
			break
		}
		if sameString(k.Names[i], name) {
			return i
		}
	}
	for i, n := range k.Names {
		if n == name {
			return i
		}
	}
	return -1
}

// nameBit is one of 64 bits chosen by a name's length and its first and last bytes.
func nameBit(name string) uint64 {
	if name == "" {
		return 1
	}
	return 1 << ((uint(len(name))*7 + uint(name[0])*3 + uint(name[len(name)-1])) & 63)
}

// addressSlot is where a name's probe in the table starts: its address, multiplied (Go packs
// short strings 16 bytes apart).
func addressSlot(name string) uint {
	return uint(stringAddress(name)*0x9e3779b1>>26) % sharedKeysTableSize
}

// insert gives name the next index, -1 when the keys are full.
// CPython: Objects/dictobject.c insert_split_key
func (k *SharedKeys) insert(name string) int {
	if len(k.Names) >= sharedKeysMaxSize {
		return -1
	}
	k.Names = append(k.Names, name)
	k.present |= nameBit(name)
	s := addressSlot(name)
	for k.table[s] != 0 {
		s = (s + 1) % sharedKeysTableSize
	}
	k.table[s] = int8(len(k.Names))
	k.Version = 0
	return len(k.Names) - 1
}

// KeysVersion is the keys' dk_version, assigned on first use.
// CPython: Objects/dictobject.c _PyDictKeys_GetVersionForCurrentState
func (k *SharedKeys) KeysVersion() uint32 {
	if k.Version == 0 {
		lastKeysVersion++ // one sequence with the dicts' versions (interp->dict_state.next_keys_version)
		k.Version = lastKeysVersion
	}
	return k.Version
}

// DictValues are an instance's inline values (PyDictValues): one cell per name of the class's
// shared keys, nil where the instance has no such attribute, and the order the attributes were
// first set in. Valid drops to 0 when the instance's attributes move to a dict of its own.
type DictValues struct {
	Valid  uint8
	Values []Object
	Order  []uint8 // indices of Values in insertion order
}

// AddToInsertionOrder records that the value at index was just set.
// CPython: Include/internal/pycore_dict.h _PyDictValues_AddToInsertionOrder
func (v *DictValues) AddToInsertionOrder(index int) { v.Order = append(v.Order, uint8(index)) }

// Instance is an object of a class: its __slots__ at fixed indices, and either inline values
// under the class's shared keys or, once materialized, a dict of its own.
// CPython: Objects/object.c, Objects/typeobject.c (the layout PyType_GenericAlloc makes)
type Instance struct {
	Class  *Type
	Slots  []Object
	Values *DictValues // nil when the class has no inline values
	Dict   *Dict       // the managed dict, nil until materialized
	// dictObj is Dict as the object cell at MANAGED_DICT_OFFSET (nil until materialized).
	dictObj Object
	// SharedValues records a dict materialized from valid inline values (obj.__dict__): CPython
	// keeps such a dict sharing the values (a split table, the values still valid), so its
	// specializer decides as for that; this runtime moved the values into the dict.
	SharedValues bool
}

func (o *Instance) Type() *Type { return o.Class }

// NewInstance allocates an object of t with its slots empty and its inline values valid.
// CPython: Objects/typeobject.c PyType_GenericAlloc, Objects/dictobject.c _PyObject_InitInlineValues
func NewInstance(t *Type) *Instance {
	o := &Instance{Class: t}
	if t.nmembers > 0 {
		o.Slots = make([]Object, t.nmembers)
	}
	if t.Flags&TPFlagsInlineValues != 0 {
		o.Values = &DictValues{Valid: 1, Values: make([]Object, sharedKeysMaxSize)}
	}
	return o
}

// The notional byte layout the specialized instructions' offsets index (the cache's `offset`
// and `index` cells): a two-word object header, then the slots, then the inline values after a
// one-word PyDictValues header, as CPython lays out an object; the managed dict pointer sits
// at MANAGED_DICT_OFFSET before the object. Only these functions turn offsets into cells.
const (
	wordSize          = 8
	headerSize        = 2 * wordSize
	ManagedDictOffset = -3 * wordSize
)

// MemberOffset is the byte offset of slot i (PyMemberDef.offset of a __slots__ member).
func MemberOffset(i int) int { return headerSize + i*wordSize }

// InlineValueOffset is the byte offset of inline value i of an instance of t.
func InlineValueOffset(t *Type, i int) int {
	return headerSize + t.nmembers*wordSize + wordSize + i*wordSize
}

// CellHolder is an object whose fields the specialized instructions reach by byte offset (an
// instance's slots, inline values and dict; an exception's or a function's dict).
type CellHolder interface {
	Object
	Cell(off int) *Object
}

// Cell is the object cell at byte offset off of o: a slot, an inline value or the managed dict.
// It stands for C's `(PyObject **)((char *)o + off)`.
func (o *Instance) Cell(off int) *Object {
	if off == ManagedDictOffset {
		return &o.dictObj
	}
	i := (off - headerSize) / wordSize
	if i < len(o.Slots) {
		return &o.Slots[i]
	}
	return &o.Values.Values[i-len(o.Slots)-1]
}

// lookupValue is the attribute name in o's own storage: the inline values while they are
// valid, else the materialized dict.
func (o *Instance) lookupValue(name string) Object {
	if o.Values != nil && o.Values.Valid != 0 {
		if i := o.Class.CachedKeys.Index(name); i >= 0 && i < len(o.Values.Values) {
			return o.Values.Values[i]
		}
		return nil
	}
	if o.Dict != nil {
		if v, ok, _ := o.Dict.Get(NewStr(name)); ok {
			return v
		}
	}
	return nil
}

// MaterializeDict gives o a dict of its own holding its attributes in their insertion order;
// the inline values stop being valid, so the specializations that read them deoptimize.
// CPython: Objects/dictobject.c _PyObject_MaterializeManagedDict
func (o *Instance) MaterializeDict() *Dict {
	if o.Dict != nil {
		return o.Dict
	}
	d := NewDict()
	if o.Values != nil && o.Values.Valid != 0 {
		for _, i := range o.Values.Order {
			_ = d.Set(InternStr(o.Class.CachedKeys.Names[i]), o.Values.Values[i])
		}
		o.Values.Valid = 0
	}
	o.Dict = d
	o.dictObj = d
	return d
}

// storeValue sets (v != nil) or deletes (v == nil) name in o's own storage.
// CPython: Objects/dictobject.c _PyObject_StoreInstanceAttribute (store_instance_attr_lock_held)
func (o *Instance) storeValue(name string, v Object) error {
	if o.Values == nil && o.Dict == nil && o.Class.Flags&TPFlagsManagedDict == 0 {
		if v == nil {
			return attributeError(o, name)
		}
		return NewException(AttributeErrorType,
			"'%s' object has no attribute '%s' and no __dict__ for setting new attributes", o.Class.Name, name)
	}
	if o.Values != nil && o.Values.Valid != 0 {
		keys := o.Class.CachedKeys
		i := keys.Index(name)
		if i < 0 && v != nil {
			i = keys.insert(name)
		}
		if i >= 0 && i < len(o.Values.Values) {
			old := o.Values.Values[i]
			o.Values.Values[i] = v
			switch {
			case v == nil && old == nil:
				return attributeError(o, name)
			case v == nil:
				o.Values.Order = slices.DeleteFunc(o.Values.Order, func(x uint8) bool { return int(x) == i })
			case old == nil:
				o.Values.AddToInsertionOrder(i)
			}
			return nil
		}
		if i < 0 && v == nil {
			return attributeError(o, name)
		}
	}
	d := o.MaterializeDict()
	if v == nil {
		if err := d.Del(NewStr(name)); err != nil {
			return attributeError(o, name)
		}
		return nil
	}
	return d.Set(InternStr(name), v)
}

func attributeError(o Object, name string) *Exception {
	return NewException(AttributeErrorType, "'%s' object has no attribute '%s'", typeName(o), name)
}

// ownDict is the dict an exception instance keeps its attributes in (BaseException's __dict__).
func (e *Exception) ownDict() *Dict {
	if e.Dict == nil {
		e.Dict = NewDict()
		e.dictObj = e.Dict
	}
	return e.Dict
}

// ExceptionDictOffset is BaseException's tp_dictoffset: its dict pointer follows the header.
const ExceptionDictOffset = headerSize

// Cell is the object cell at byte offset off of an exception: its dict pointer.
func (e *Exception) Cell(off int) *Object {
	if off != ExceptionDictOffset {
		panic(&Unsupported{What: "an exception's field at a byte offset other than its dict"})
	}
	return &e.dictObj
}

// isDataDescriptor reports a descriptor that overrides the instance's own attributes: one whose
// type defines __set__ or __delete__.
// CPython: Include/descrobject.h PyDescr_IsData
func isDataDescriptor(d Object) bool {
	switch d.(type) {
	case *Property, *MemberDescr:
		return true
	}
	t := d.Type()
	return t.IsHeap() && (t.Lookup("__set__") != nil || t.Lookup("__delete__") != nil)
}

// BindDescr is descr.__get__(obj, owner), for the VM's lookups of special methods.
func BindDescr(d Object, obj Object, owner *Type) (Object, error) { return bindDescr(d, obj, owner) }

// bindDescr is descr.__get__(obj, owner) for the descriptors the runtime has; obj nil is the
// class-level access (C.f), which leaves functions unbound.
// CPython: Objects/funcobject.c func_descr_get, sm_descr_get, cm_descr_get; Objects/descrobject.c
func bindDescr(d Object, obj Object, owner *Type) (Object, error) {
	switch v := d.(type) {
	case *Function:
		if obj == nil {
			return v, nil
		}
		return &Method{Func: v, Self: obj}, nil
	case *StaticMethod:
		return v.Func, nil
	case *ClassMethod:
		return &Method{Func: v.Func, Self: owner}, nil
	case *Property:
		if obj == nil {
			return v, nil
		}
		return v.get(obj)
	case *MemberDescr:
		if obj == nil {
			return v, nil
		}
		return v.get(obj)
	case *SlotWrapper:
		if v.Name == "__init_subclass__" || v.Name == "__prepare__" { // class methods of object and type
			return v.bind(owner), nil
		}
		if obj == nil {
			return v, nil
		}
		return v.bind(obj), nil
	case *MethodDescr:
		if obj == nil {
			return v, nil
		}
		return GetAttr(obj, v.Name)
	}
	if t := d.Type(); t.IsHeap() {
		if get := t.Lookup("__get__"); get != nil {
			var inst Object = None
			if obj != nil {
				inst = obj
			}
			fn, err := bindDescr(get, d, t)
			if err != nil {
				return nil, err
			}
			return Call(fn, []Object{inst, owner}, nil)
		}
	}
	return d, nil
}

// genericGetAttr is attribute access on an object of a class: data descriptors first, then the
// instance's own attributes, then the other class attributes (bound), then __getattr__.
// CPython: Objects/object.c _PyObject_GenericGetAttrWithDict, Objects/typeobject.c slot_tp_getattr_hook
func genericGetAttr(o Object, t *Type, name string) (Object, error) {
	if !t.hasGetattrHook() {
		return objectGetAttr(o, t, name) // PyObject_GenericGetAttr: no __getattr__ to fall back to
	}
	if ga := t.Lookup("__getattribute__"); ga != nil {
		if _, isDefault := ga.(*SlotWrapper); !isDefault {
			fn, err := bindDescr(ga, o, t)
			if err != nil {
				return nil, err
			}
			v, err := Call(fn, []Object{NewStr(name)}, nil)
			return getattrFallback(o, t, name, v, err)
		}
	}
	v, err := objectGetAttr(o, t, name)
	return getattrFallback(o, t, name, v, err)
}

// hasGetattrHook reports whether the class's attribute access goes through Python code
// (__getattribute__ other than object's, or __getattr__), what CPython's tp_getattro slot says;
// decided once per version tag.
// CPython: Objects/typeobject.c slot_tp_getattr_hook (update_one_slot)
func (t *Type) hasGetattrHook() bool {
	if v := t.VersionTag; v != 0 && v == t.getattrHookVersion {
		return t.getattrHook
	}
	ga := t.Lookup("__getattribute__")
	_, isDefault := ga.(*SlotWrapper)
	hook := ga != nil && !isDefault || t.Lookup("__getattr__") != nil
	t.getattrHook, t.getattrHookVersion = hook, t.Version()
	return hook
}

// getattrFallback calls __getattr__ when the lookup raised AttributeError.
func getattrFallback(o Object, t *Type, name string, v Object, err error) (Object, error) {
	x, isExc := err.(*Exception)
	if !isExc || !IsSubtype(x.Class, AttributeErrorType) {
		return v, err
	}
	hook := t.Lookup("__getattr__")
	if hook == nil {
		return v, err
	}
	fn, ferr := bindDescr(hook, o, t)
	if ferr != nil {
		return nil, ferr
	}
	return Call(fn, []Object{NewStr(name)}, nil)
}

// objectGetAttr is object.__getattribute__.
// CPython: Objects/object.c PyObject_GenericGetAttr
func objectGetAttr(o Object, t *Type, name string) (Object, error) {
	descr := t.Lookup(name)
	if descr != nil && isDataDescriptor(descr) {
		return bindDescr(descr, o, t)
	}
	switch v := o.(type) {
	case *Instance:
		if name == "__dict__" && (v.Values != nil || v.Dict != nil) {
			if v.Dict == nil && v.Values != nil && v.Values.Valid != 0 {
				v.SharedValues = true
			}
			return v.MaterializeDict(), nil
		}
		if a := v.lookupValue(name); a != nil {
			return a, nil
		}
	case *Exception:
		if name == "__dict__" {
			return v.ownDict(), nil
		}
		if v.Dict != nil {
			if a, ok, _ := v.Dict.Get(NewStr(name)); ok {
				return a, nil
			}
		}
	}
	if descr != nil {
		return bindDescr(descr, o, t)
	}
	if _, isExc := o.(*Exception); isExc {
		return builtinGetAttr(o, name)
	}
	return nil, attributeError(o, name)
}

// genericSetAttr is o.name = v (v nil: del o.name) on an object of a class: __setattr__ if the
// class overrides it, else a data descriptor's __set__, else the instance's own storage.
// CPython: Objects/typeobject.c slot_tp_setattro, Objects/object.c _PyObject_GenericSetAttrWithDict
func genericSetAttr(o Object, t *Type, name string, v Object) error {
	hookName := "__setattr__"
	if v == nil {
		hookName = "__delattr__"
	}
	if hook := t.Lookup(hookName); hook != nil {
		if _, isDefault := hook.(*SlotWrapper); !isDefault {
			fn, err := bindDescr(hook, o, t)
			if err != nil {
				return err
			}
			args := []Object{NewStr(name)}
			if v != nil {
				args = append(args, v)
			}
			_, err = Call(fn, args, nil)
			return err
		}
	}
	return objectSetAttr(o, t, name, v)
}

// objectSetAttr is object.__setattr__ (and __delattr__ with v nil).
// CPython: Objects/object.c _PyObject_GenericSetAttrWithDict
func objectSetAttr(o Object, t *Type, name string, v Object) error {
	if descr := t.Lookup(name); descr != nil && isDataDescriptor(descr) {
		return setDescr(descr, o, name, v)
	}
	switch x := o.(type) {
	case *Instance:
		if name == "__dict__" {
			return &Unsupported{What: "assigning an instance's __dict__"}
		}
		return x.storeValue(name, v)
	case *Exception:
		d := x.ownDict()
		if v == nil {
			if err := d.Del(NewStr(name)); err != nil {
				return attributeError(o, name)
			}
			return nil
		}
		return d.Set(NewStr(name), v)
	}
	if descr := t.Lookup(name); descr != nil {
		return NewException(AttributeErrorType, "'%s' object attribute '%s' is read-only", typeName(o), name)
	}
	return NewException(AttributeErrorType, "'%s' object has no attribute '%s' and no __dict__ for setting new attributes", typeName(o), name)
}

// setDescr is descr.__set__(o, v) or descr.__delete__(o).
func setDescr(descr, o Object, name string, v Object) error {
	switch d := descr.(type) {
	case *Property:
		return d.set(o, v)
	case *MemberDescr:
		return d.set(o, v)
	}
	hookName := "__set__"
	args := []Object{o, v}
	if v == nil {
		hookName, args = "__delete__", []Object{o}
	}
	hook := descr.Type().Lookup(hookName)
	if hook == nil {
		return NewException(AttributeErrorType, "__%s__", hookName)
	}
	fn, err := bindDescr(hook, descr, descr.Type())
	if err != nil {
		return err
	}
	_, err = Call(fn, args, nil)
	return err
}

// UnboundMethod is what _PyObject_GetMethod finds without binding: the function name is on the
// class of o (a plain getattr class), when o's own attributes do not shadow it; nil otherwise.
// CPython: Objects/object.c _PyObject_GetMethod
func UnboundMethod(o Object, name string) Object {
	t := o.Type()
	if t.Flags&TPFlagsHeapType == 0 {
		return nil
	}
	if _, plain := t.Lookup("__getattribute__").(*SlotWrapper); !plain {
		return nil
	}
	f, isFunc := t.Lookup(name).(*Function)
	if !isFunc {
		return nil
	}
	switch v := o.(type) {
	case *Instance:
		if v.lookupValue(name) != nil {
			return nil
		}
	case *Exception:
		if v.Dict != nil {
			if _, ok, _ := v.Dict.Get(NewStr(name)); ok {
				return nil
			}
		}
	}
	return f
}
