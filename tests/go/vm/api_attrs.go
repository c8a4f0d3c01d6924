package vm

import (
	"gopy.example/gopy/objects"
)

// The runtime API of the attribute instructions (LOAD_ATTR_*, STORE_ATTR_*, LOAD_SUPER_ATTR_*,
// CALL_ALLOC_AND_ENTER_INIT): what their bodies read of types, instances and dicts, each named
// after the CPython field or function it stands for.

// TypeVersion is a type's tp_version_tag as it is now (0 when invalidated); it never assigns one.
func (e *Eval) TypeVersion(t objects.Object) uint32 { return t.(*objects.Type).VersionTag }

// InlineValues is _PyObject_InlineValues(o): the instance's inline values.
func (e *Eval) InlineValues(o objects.Object) *objects.DictValues {
	return o.(*objects.Instance).Values
}

// ObjectCell is `(PyObject **)((char *)o + offset)`: the object cell at a byte offset the
// specializer cached (a __slots__ member, an inline value, the managed dict).
func (e *Eval) ObjectCell(o objects.Object, offset int) *objects.Object {
	if inst, ok := o.(*objects.Instance); ok { // the common holder, without an interface call
		return inst.Cell(offset)
	}
	return o.(objects.CellHolder).Cell(offset)
}

// ManagedDict is _PyObject_GetManagedDict(o): the instance's own dict, nil while it has none.
func (e *Eval) ManagedDict(o objects.Object) objects.Object {
	if inst, ok := o.(*objects.Instance); ok && inst.Dict != nil {
		return inst.Dict
	}
	return nil
}

// CachedKeys is a class's ht_cached_keys.
func (e *Eval) CachedKeys(t objects.Object) objects.Object { return t.(*objects.Type).CachedKeys }

// DictKeysVersion is keys->dk_version of a dict's keys or a class's shared keys, as it is now:
// 0 for keys that changed since a specializer asked for a version (the guards then deopt), as C
// reads the field, without assigning one.
func (e *Eval) DictKeysVersion(d objects.Object) uint32 {
	switch k := d.(type) {
	case *objects.Dict:
		return k.CurrentKeysVersion()
	case *objects.SharedKeys:
		return k.Version
	}
	return 0 // no keys: no version a cache holds
}

// DictEntries is DK_UNICODE_ENTRIES(keys): the entries by position.
func (e *Eval) DictEntries(d objects.Object) []objects.DictEntry { return d.(*objects.Dict).Entries() }

// DictKeysNentries is keys->dk_nentries: the entries used, deleted ones included.
func (e *Eval) DictKeysNentries(d objects.Object) int { return len(d.(*objects.Dict).Entries()) }

// The dk_kind of a dict's keys (DICT_KEYS_GENERAL, DICT_KEYS_UNICODE, DICT_KEYS_SPLIT).
const (
	DictKeysGeneral = iota
	DictKeysUnicode
	DictKeysSplit
)

// DictKeysKind is keys->dk_kind: unicode while every key is a str.
func (e *Eval) DictKeysKind(d objects.Object) int {
	if d.(*objects.Dict).AllStrKeys() {
		return DictKeysUnicode
	}
	return DictKeysGeneral
}

// DictKeysIsUnicode is DK_IS_UNICODE(keys).
func (e *Eval) DictKeysIsUnicode(d objects.Object) bool { return e.DictKeysKind(d) == DictKeysUnicode }

// ModuleDict is a module's md_dict.
func (e *Eval) ModuleDict(m objects.Object) objects.Object { return m.(*objects.Module).Dict }

// What a type's tp_getattro is, compared by LOAD_ATTR_MODULE and LOAD_SUPER_ATTR_METHOD with
// PyModule_Type.tp_getattro and PyObject_GenericGetAttr.
const (
	GetattroGeneric    uintptr = iota + 1 // PyObject_GenericGetAttr
	GetattroModule                        // module_getattro
	GetattroType                          // type_getattro
	GetattroOverridden                    // slot_tp_getattr_hook: a class with __getattribute__ or __getattr__
	GetattroBuiltin                       // a builtin type's own
)

// TypeGetattro is Py_TYPE(o)->tp_getattro for the type t.
func (e *Eval) TypeGetattro(t objects.Object) uintptr {
	typ := t.(*objects.Type)
	switch {
	case typ == objects.ModuleType:
		return GetattroModule
	case typ == objects.TypeType:
		return GetattroType
	case typ.IsHeap():
		if _, plain := typ.Lookup("__getattribute__").(*objects.SlotWrapper); !plain || typ.Lookup("__getattr__") != nil {
			return GetattroOverridden
		}
		return GetattroGeneric
	case typ == objects.ObjectType:
		return GetattroGeneric
	}
	return GetattroBuiltin
}

// SuperLookup is _PySuper_Lookup(cls, self, name, method_found): name after cls in the MRO of
// self's type. With method_found non-nil a function comes back unbound and *method_found = 1,
// so that the call passes self itself.
// CPython: Objects/typeobject.c _PySuper_Lookup (do_super_lookup)
func (e *Eval) SuperLookup(cls, self, name objects.Object, methodFound *int) objects.Object {
	t := cls.(*objects.Type)
	s := &objects.Super{Class: t, Obj: self, ObjType: self.Type()}
	if st, isType := self.(*objects.Type); isType && objects.IsSubtype(st, t) {
		s.ObjType = st
	}
	n := name.(*objects.Str).S
	if methodFound != nil {
		if f, ok := s.Lookup(n).(*objects.Function); ok {
			*methodFound = 1
			return f
		}
	}
	return e.result(s.GetAttr(n))
}

// SpecInit, SpecGetitem and SpecGetitemVersion are a class's _spec_cache: the __init__ and
// __getitem__ functions the specializer cached, and __getitem__'s version then.
func (e *Eval) SpecInit(t objects.Object) objects.Object { return t.(*objects.Type).SpecCache.Init }
func (e *Eval) SpecGetitem(t objects.Object) objects.Object {
	return t.(*objects.Type).SpecCache.Getitem
}
func (e *Eval) SpecGetitemVersion(t objects.Object) uint32 {
	return t.(*objects.Type).SpecCache.GetitemVersion
}

// GenericAlloc is PyType_GenericAlloc(t, 0): a fresh instance of the class.
func (e *Eval) GenericAlloc(t objects.Object, nitems int) objects.Object {
	return objects.NewInstance(t.(*objects.Type))
}

// cacheRef is the number an inline cache (or a trace operand) of c stores for o: its place in
// c.cacheObjects. A CPython cache holds a borrowed pointer, which the type version beside it keeps
// valid; here c holds the object, for as long as c lives. (A table of every object ever cached,
// shared by all code, kept every class a program made, and with it its methods' globals and
// everything they reached, to the end of the process.)
func (c *Code) cacheRef(o objects.Object) uint64 {
	if o == nil {
		return 0
	}
	for i, x := range c.cacheObjects {
		if x == o {
			return uint64(i + 1)
		}
	}
	c.cacheObjects = append(c.cacheObjects, o)
	return uint64(len(c.cacheObjects))
}

// cacheObject is the object c's reference number ref stands for, nil for none.
func (c *Code) cacheObject(ref uint64) objects.Object {
	if ref == 0 || ref > uint64(len(c.cacheObjects)) {
		return nil
	}
	return c.cacheObjects[ref-1]
}

// OperandObject is the object a reference number among c's cache and trace operands stands for
// (nil for 0, or a number c never gave).
func (c *Code) OperandObject(ref uint64) objects.Object { return c.cacheObject(ref) }

// OperandRef is o's reference number among c's cache and trace operands, given it now if o has none.
func (c *Code) OperandRef(o objects.Object) uint64 { return c.cacheRef(o) }

// CacheObject is the object a reference number in the running frame's inline caches stands for.
func (e *Eval) CacheObject(ref uint64) objects.Object { return e.Frame.CodeObj.cacheObject(ref) }
