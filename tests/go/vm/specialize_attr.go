package vm

import (
	"gopy.example/gopy/objects"
	"gopy.example/gopy/specialize"
	"gopy.example/gopy/stackref"
)

// The specializer's decisions for the attribute families (LOAD_ATTR, STORE_ATTR, LOAD_SUPER_ATTR)
// and the class-dependent members of CALL, BINARY_OP and TO_BOOL, as Python/specialize.c makes
// them. Each writes its cache only through the family's generated view.

// descrKind is how a type's attribute behaves on a load or a store (DescriptorClassification).
type descrKind int

const (
	kindAbsent descrKind = iota
	kindMethod
	kindProperty
	kindObjectSlot
	kindDunderClass
	kindMutable
	kindGetsetOverridden
	kindGetattributeIsPythonFunction
	kindPythonClassmethod
	kindNonOverriding
	kindNonDescriptor
)

// typeVersion is type_get_version: the type's version, assigned if it has none (0: cannot).
func typeVersion(t *objects.Type) uint32 { return t.Version() }

// lookupDescr is _PyType_Lookup for the specializer: a class's MRO, or the method descriptor a
// builtin type has for name (what its tp_dict holds).
func lookupDescr(t *objects.Type, name string) objects.Object {
	if t.IsHeap() {
		return t.Lookup(name)
	}
	if d := t.Lookup(name); d != nil {
		return d
	}
	if _, known := methodFlags[methodKey{t.Name, name}]; known {
		return methodDescr(t, name)
	}
	return nil
}

// classify is what the descriptor's type makes of it.
// CPython: Python/specialize.c classify_descriptor
func classify(d objects.Object, name string, hasGetattr bool) descrKind {
	switch v := d.(type) {
	case nil:
		return kindAbsent
	case *objects.Property:
		if hasGetattr {
			return kindGetsetOverridden
		}
		return kindProperty
	case *objects.MemberDescr:
		return kindObjectSlot
	case *objects.Function, *objects.MethodDescr, *objects.SlotWrapper:
		return kindMethod
	case *objects.ClassMethod:
		return kindPythonClassmethod
	case *objects.StaticMethod:
		return kindNonOverriding
	default:
		_ = v
	}
	if name == "__class__" {
		return kindDunderClass
	}
	dt := d.Type()
	if dt.IsHeap() { // an object of a class: its type is mutable
		return kindMutable
	}
	return kindNonDescriptor
}

// analyzeLoad classifies name on t for a load, with the version the lookup was made under.
// CPython: Python/specialize.c analyze_descriptor_load
func analyzeLoad(t *objects.Type, name string) (descrKind, objects.Object, uint32) {
	if objects.IsSubtype(t, objects.TypeType) { // a metaclass: its instances' getattro is type's
		return kindGetsetOverridden, nil, typeVersion(t)
	}
	hasGetattr := false
	if t.IsHeap() {
		ga := t.Lookup("__getattribute__")
		_, plainGA := ga.(*objects.SlotWrapper)
		hasGetattr = t.Lookup("__getattr__") != nil
		if !plainGA {
			if _, isFunc := ga.(*objects.Function); isFunc && !hasGetattr {
				return kindGetattributeIsPythonFunction, ga, typeVersion(t)
			}
			return kindGetsetOverridden, nil, typeVersion(t)
		}
	} else if _, isModule := objects.Object(t).(*objects.Type); isModule && t == objects.ModuleType {
		return kindGetsetOverridden, nil, typeVersion(t)
	}
	d := lookupDescr(t, name)
	return classify(d, name, hasGetattr), d, typeVersion(t)
}

// instanceHasKey reports a name the instances of the class store (shared keys) or that this
// instance's dict has: a class attribute of that name is shadowed.
// CPython: Python/specialize.c instance_has_key
func instanceHasKey(o objects.Object, name string) bool {
	inst, ok := o.(*objects.Instance)
	if !ok || inst.Class.Flags&objects.TPFlagsManagedDict == 0 {
		return false
	}
	if inst.Class.Flags&objects.TPFlagsInlineValues != 0 {
		return inst.Class.CachedKeys.Index(name) >= 0
	}
	return inst.Dict != nil && inst.Dict.EntryIndex(objects.InternStr(name)) >= 0
}

// SpecializeLoadAttr chooses LOAD_ATTR's specialization for the owner and name.
// CPython: Python/specialize.c _Py_Specialize_LoadAttr
func (e *Eval) SpecializeLoadAttr(owner stackref.Ref, instr int, name objects.Object) {
	o, n := owner.AsObject(), name.(*objects.Str).S
	oparg := int(e.Frame.Code[instr] >> 8)
	var t specialize.LoadAttrTarget
	switch x := o.(type) {
	case *objects.Module:
		t = specializeModuleLoadAttr(e, x, instr, name)
	case *objects.Type:
		t = specializeClassLoadAttr(e, x, instr, n)
	default:
		t = specializeInstanceLoadAttr(e, o, instr, n, oparg)
	}
	if t == specialize.TargetLoadAttr { // stays LOAD_ATTR, cooled down rather than backed off
		specialize.SpecializeLoadAttr(e.Frame.Code, instr, t, counterCooldown)
		return
	}
	specialized(e, instr, t, specialize.TargetLoadAttr, specialize.SpecializeLoadAttr, specialize.CounterLoadAttr)
}

// CPython: Python/specialize.c specialize_module_load_attr
func specializeModuleLoadAttr(e *Eval, m *objects.Module, instr int, name objects.Object) specialize.LoadAttrTarget {
	i := m.Dict.EntryIndex(name)
	if i < 0 || i >= 1<<16 || !m.Dict.AllStrKeys() {
		return specialize.LoadAttrTarget{}
	}
	cache := specialize.NewAttrCache(e.Frame.Code, instr)
	cache.SetVersion(m.Dict.KeysVersion())
	cache.SetIndex(uint16(i))
	return specialize.TargetLoadAttrModule
}

// CPython: Python/specialize.c specialize_class_load_attr
func specializeClassLoadAttr(e *Eval, cls *objects.Type, instr int, name string) specialize.LoadAttrTarget {
	switch name {
	case "__name__", "__qualname__", "__module__", "__mro__", "__bases__", "__base__", "__dict__", "__doc__":
		return specialize.LoadAttrTarget{} // an attribute of the metatype (ATTR_METACLASS_ATTRIBUTE)
	}
	meta := cls.Type()
	var metaVersion uint32
	if meta.IsHeap() { // a metaclass of Python's: its attribute of that name must not interfere
		if e.TypeGetattro(meta) == GetattroOverridden {
			return specialize.LoadAttrTarget{} // SPEC_FAIL_ATTR_METACLASS_OVERRIDDEN
		}
		switch classify(meta.Lookup(name), name, false) {
		case kindMethod, kindNonDescriptor, kindNonOverriding, kindPythonClassmethod, kindAbsent:
		default:
			return specialize.LoadAttrTarget{} // SPEC_FAIL_ATTR_METACLASS_ATTRIBUTE
		}
		if metaVersion = typeVersion(meta); metaVersion == 0 {
			return specialize.LoadAttrTarget{}
		}
	}
	kind, d, version := analyzeLoad(cls, name)
	if version == 0 || (kind != kindMethod && kind != kindNonDescriptor) {
		return specialize.LoadAttrTarget{}
	}
	if _, wrapper := d.(*objects.SlotWrapper); wrapper {
		return specialize.LoadAttrTarget{} // object.__init__ and kin: not in this runtime's type dicts as CPython has them
	}
	cache := specialize.NewLoadMethodCache(e.Frame.Code, instr)
	cache.SetTypeVersion(version)
	cache.SetDescr(e.Frame.CodeObj.cacheRef(d))
	if meta.IsHeap() { // the metaclass is mutable: its version is checked too
		cache.SetKeysVersion(metaVersion)
		return specialize.TargetLoadAttrClassWithMetaclassCheck
	}
	return specialize.TargetLoadAttrClass // type is immutable: no metaclass check
}

// CPython: Python/specialize.c specialize_instance_load_attr
func specializeInstanceLoadAttr(e *Eval, o objects.Object, instr int, name string, oparg int) specialize.LoadAttrTarget {
	typ := o.Type()
	shadow := instanceHasKey(o, name)
	kind, d, version := analyzeLoad(typ, name)
	if version == 0 {
		return specialize.LoadAttrTarget{}
	}
	switch kind {
	case kindMethod:
		if shadow {
			return specializeDictAccess(e, o, instr, name, version)
		}
		if oparg&1 != 0 {
			return specializeLoadClassAttr(e, o, instr, name, d, version, true)
		}
	case kindProperty:
		fget, ok := d.(*objects.Property).Get.(*objects.Function)
		if !ok || oparg&1 != 0 || !simpleArgs(fget, 1) {
			return specialize.LoadAttrTarget{}
		}
		fv, ok := pyCallVersion(fget)
		if !ok {
			return specialize.LoadAttrTarget{}
		}
		cache := specialize.NewLoadMethodCache(e.Frame.Code, instr)
		cache.SetTypeVersion(version)
		cache.SetKeysVersion(fv)
		cache.SetDescr(e.Frame.CodeObj.cacheRef(fget))
		return specialize.TargetLoadAttrProperty
	case kindObjectSlot:
		off := d.(*objects.MemberDescr).Offset()
		if off >= 1<<16 {
			return specialize.LoadAttrTarget{}
		}
		cache := specialize.NewAttrCache(e.Frame.Code, instr)
		cache.SetIndex(uint16(off))
		cache.SetVersion(version)
		return specialize.TargetLoadAttrSlot
	case kindGetattributeIsPythonFunction:
		f := d.(*objects.Function)
		fv, ok := pyCallVersion(f)
		if !simpleArgs(f, 2) || oparg&1 != 0 || !ok {
			return specialize.LoadAttrTarget{}
		}
		cache := specialize.NewLoadMethodCache(e.Frame.Code, instr)
		cache.SetKeysVersion(fv)
		cache.SetTypeVersion(version)
		cache.SetDescr(e.Frame.CodeObj.cacheRef(f))
		return specialize.TargetLoadAttrGetattributeOverridden
	case kindPythonClassmethod, kindNonOverriding:
		if shadow {
			return specializeDictAccess(e, o, instr, name, version)
		}
	case kindNonDescriptor:
		if shadow {
			return specializeDictAccess(e, o, instr, name, version)
		}
		if oparg&1 == 0 {
			return specializeLoadClassAttr(e, o, instr, name, d, version, false)
		}
	case kindAbsent:
		if shadow {
			return specializeDictAccess(e, o, instr, name, version)
		}
		if _, isInst := o.(*objects.Instance); isInst {
			return specialize.TargetLoadAttr // no instance stores it: try again after the cooldown
		}
	}
	return specialize.LoadAttrTarget{}
}

// simpleArgs reports a function with exactly n positional parameters and no others
// (function_check_args).
func simpleArgs(f *objects.Function, n int) bool {
	code := f.Code.(*Code)
	return code.Flags&(coVarargs|coVarkeywords) == 0 && code.KwOnlyArgCount == 0 && code.ArgCount == n
}

// specializeLoadClassAttr caches a method (or a class attribute that is no descriptor) the
// instance does not shadow: with the shared keys' version for a class with inline values,
// for a type without instance dicts as is, for a dict not made yet by its offset.
// CPython: Python/specialize.c specialize_attr_loadclassattr
func specializeLoadClassAttr(e *Eval, o objects.Object, instr int, name string, d objects.Object, version uint32,
	isMethod bool) specialize.LoadAttrTarget {
	typ := o.Type()
	cache := specialize.NewLoadMethodCache(e.Frame.Code, instr)
	var t specialize.LoadAttrTarget
	switch {
	case typ.Flags&objects.TPFlagsInlineValues != 0:
		cache.SetKeysVersion(typ.CachedKeys.KeysVersion())
		t = specialize.TargetLoadAttrNondescriptorWithValues
		if isMethod {
			t = specialize.TargetLoadAttrMethodWithValues
		}
	case objects.IsExceptionClass(typ): // a dict at tp_dictoffset, made when first needed
		exc, ok := o.(*objects.Exception)
		if !ok || !isMethod || exc.Dict != nil {
			return specialize.LoadAttrTarget{}
		}
		cache.SetDictOffset(uint16(objects.ExceptionDictOffset - objects.ManagedDictOffset))
		t = specialize.TargetLoadAttrMethodLazyDict
	case typ == objects.FunctionType: // func_dict at tp_dictoffset, never made in this runtime
		if !isMethod {
			return specialize.LoadAttrTarget{}
		}
		cache.SetDictOffset(uint16(objects.FunctionDictOffset - objects.ManagedDictOffset))
		t = specialize.TargetLoadAttrMethodLazyDict
	case typ.Flags&objects.TPFlagsManagedDict != 0:
		return specialize.LoadAttrTarget{} // a managed dict without inline values: not in this runtime
	default:
		t = specialize.TargetLoadAttrNondescriptorNoDict
		if isMethod {
			t = specialize.TargetLoadAttrMethodNoDict
		}
	}
	cache.SetTypeVersion(version)
	cache.SetDescr(e.Frame.CodeObj.cacheRef(d))
	return t
}

// specializeDictAccess specializes a load of the instance's own attribute (stores use dictAccess): at its
// inline value's offset while the values are valid, else by its index in the instance's dict.
// CPython: Python/specialize.c specialize_dict_access, specialize_dict_access_hint
func specializeDictAccess(e *Eval, o objects.Object, instr int, name string, version uint32) specialize.LoadAttrTarget {
	values, hint, ok := dictAccess(o, name, true)
	if !ok {
		return specialize.LoadAttrTarget{}
	}
	cache := specialize.NewAttrCache(e.Frame.Code, instr)
	cache.SetVersion(version)
	if values >= 0 {
		cache.SetIndex(uint16(values))
		return specialize.TargetLoadAttrInstanceValue
	}
	cache.SetIndex(uint16(hint))
	return specialize.TargetLoadAttrWithHint
}

// dictAccess is where an instance keeps name: the inline value's byte offset (hint -1), or the
// index of its dict entry (values -1); ok false when neither can be cached.
func dictAccess(o objects.Object, name string, load bool) (values, hint int, ok bool) {
	inst, isInst := o.(*objects.Instance)
	if !isInst {
		return -1, -1, false
	}
	t := inst.Class
	if t.Flags&objects.TPFlagsManagedDict == 0 {
		return -1, -1, false
	}
	// CPython's inline values stay valid while a materialized dict shares them (SharedValues).
	valid := inst.Values != nil && (inst.Values.Valid != 0 || inst.SharedValues)
	if t.Flags&objects.TPFlagsInlineValues != 0 && valid && (load || inst.Dict == nil) {
		if inst.Dict != nil {
			return -1, -1, false // a dict shares the values ("lost race")
		}
		i := t.CachedKeys.Index(name)
		if i < 0 {
			return -1, -1, false
		}
		off := objects.InlineValueOffset(t, i)
		return off, -1, off < 1<<16
	}
	if inst.Dict == nil || inst.SharedValues || !inst.Dict.AllStrKeys() { // a split table: no hint
		return -1, -1, false
	}
	i := inst.Dict.EntryIndex(objects.InternStr(name))
	return -1, i, i >= 0 && i < 1<<16
}

// SpecializeStoreAttr chooses STORE_ATTR's specialization.
// CPython: Python/specialize.c _Py_Specialize_StoreAttr
func (e *Eval) SpecializeStoreAttr(owner stackref.Ref, instr int, name objects.Object) {
	o, n := owner.AsObject(), name.(*objects.Str).S
	var t specialize.StoreAttrTarget
	typ := o.Type()
	if _, isModule := o.(*objects.Module); !isModule && typeVersion(typ) != 0 {
		kind, d := analyzeStore(typ, n)
		switch kind {
		case kindObjectSlot:
			off := d.(*objects.MemberDescr).Offset()
			cache := specialize.NewAttrCache(e.Frame.Code, instr)
			cache.SetIndex(uint16(off))
			cache.SetVersion(typeVersion(typ))
			t = specialize.TargetStoreAttrSlot
		case kindAbsent:
			if values, hint, ok := dictAccess(o, n, false); ok {
				cache := specialize.NewAttrCache(e.Frame.Code, instr)
				cache.SetVersion(typeVersion(typ))
				if values >= 0 {
					cache.SetIndex(uint16(values))
					t = specialize.TargetStoreAttrInstanceValue
				} else {
					cache.SetIndex(uint16(hint))
					t = specialize.TargetStoreAttrWithHint
				}
			}
		}
	}
	specialized(e, instr, t, specialize.TargetStoreAttr, specialize.SpecializeStoreAttr, specialize.CounterStoreAttr)
}

// analyzeStore classifies name on t for a store: a class with __setattr__ is overridden.
// CPython: Python/specialize.c analyze_descriptor_store
func analyzeStore(t *objects.Type, name string) (descrKind, objects.Object) {
	if !t.IsHeap() {
		return kindGetsetOverridden, nil
	}
	if _, plain := t.Lookup("__setattr__").(*objects.SlotWrapper); !plain {
		return kindGetsetOverridden, nil
	}
	d := t.Lookup(name)
	return classify(d, name, false), d
}

// SpecializeLoadSuperAttr chooses LOAD_SUPER_ATTR_ATTR or _METHOD when the global super is the
// builtin and the class a type.
// CPython: Python/specialize.c _Py_Specialize_LoadSuperAttr
func (e *Eval) SpecializeLoadSuperAttr(globalSuper, class stackref.Ref, instr int, oparg int) {
	var t specialize.LoadSuperAttrTarget
	if globalSuper.AsObject() == objects.Object(objects.SuperType) {
		if _, isType := class.AsObject().(*objects.Type); isType {
			t = specialize.TargetLoadSuperAttrAttr
			if oparg&1 != 0 {
				t = specialize.TargetLoadSuperAttrMethod
			}
		}
	}
	specialized(e, instr, t, specialize.TargetLoadSuperAttr, specialize.SpecializeLoadSuperAttr,
		specialize.CounterLoadSuperAttr)
}

// specializeHeapClassCall is CALL of a class: CALL_ALLOC_AND_ENTER_INIT when the class keeps
// object's __new__, has inline values and a simple Python __init__ (cached in _spec_cache).
// CPython: Python/specialize.c specialize_class_call, get_init_for_simple_managed_python_class
func specializeHeapClassCall(e *Eval, t *objects.Type, instr int) specialize.CallTarget {
	if t.Type() != objects.TypeType || objects.IsSubtype(t, objects.TypeType) { // a metaclass's call
		return specialize.TargetCallNonPyGeneral
	}
	if new, objectNew := t.Lookup("__new__").(*objects.SlotWrapper); !objectNew || new.Owner != objects.ObjectType ||
		objects.IsExceptionClass(t) {
		return specialize.TargetCallNonPyGeneral
	}
	version := typeVersion(t)
	init, isFunc := t.Lookup("__init__").(*objects.Function)
	if version == 0 || !isFunc {
		return specialize.TargetCallNonPyGeneral
	}
	code := init.Code.(*Code)
	if code.Flags&(coVarargs|coVarkeywords) != 0 || code.KwOnlyArgCount != 0 || code.Flags&coOptimized == 0 {
		return specialize.TargetCallNonPyGeneral
	}
	if _, ok := pyCallVersion(init); !ok {
		return specialize.TargetCallNonPyGeneral
	}
	t.SpecCache.Init = init
	specialize.NewCallCache(e.Frame.Code, instr).SetFuncVersion(version)
	return specialize.TargetCallAllocAndEnterInit
}

// specializeSubscrGetitem is BINARY_OP_SUBSCR_GETITEM for a class whose __getitem__ is a simple
// Python function of two parameters, cached with its version in _spec_cache.
// CPython: Python/specialize.c _Py_Specialize_BinaryOp (NB_SUBSCR), _PyType_CacheGetItemForSpecialization
func specializeSubscrGetitem(container objects.Object) specialize.BinaryOpTarget {
	t := container.Type()
	if !t.IsHeap() || typeVersion(t) == 0 {
		return specialize.BinaryOpTarget{}
	}
	f, ok := t.Lookup("__getitem__").(*objects.Function)
	if !ok || !simpleArgs(f, 2) || f.Code.(*Code).Flags&coOptimized == 0 {
		return specialize.BinaryOpTarget{}
	}
	version, ok := pyCallVersion(f)
	if !ok {
		return specialize.BinaryOpTarget{}
	}
	t.SpecCache.Getitem = f
	t.SpecCache.GetitemVersion = version
	return specialize.TargetBinaryOpSubscrGetitem
}

// alwaysTrue reports a class whose objects are all true: no __bool__, no __len__ (CPython's
// real 3.14 leaves TO_BOOL generic for builtin types such as type, whose slots it does not trust).
// CPython: Python/specialize.c _Py_Specialize_ToBool, check_type_always_true
func alwaysTrue(t *objects.Type) bool {
	return t.IsHeap() && t.Lookup("__bool__") == nil && t.Lookup("__len__") == nil
}
