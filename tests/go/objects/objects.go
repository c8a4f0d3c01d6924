// Package objects models a small subset of Python 3.14's object system for a
// test runtime: the built-in value types, their operators with CPython's
// semantics and error messages, and a handful of builtins.
//
// Python exceptions are Go errors of type *Exception, so every operation that
// can raise returns (result, error) and callers propagate errors unchanged.
//
// Nothing here is safe for concurrent use: like CPython without free
// threading, the runtime is expected to run Python code on one goroutine.
package objects

import (
	"reflect"
	"unsafe"
	"weak"
)

// Object is any Python value.
type Object interface {
	Type() *Type
}

// Type is a Python class (CPython's PyTypeObject, PyHeapTypeObject for classes). Builtin types
// form a single-inheritance tree through Base and answer their attributes in Go; classes
// (heap types) have bases, a C3 MRO, a dict, a version tag and the layout of their instances.
type Type struct {
	Name     string
	Qualname string // __qualname__ of a class
	Module   string // __module__ of a class
	Base     *Type  // tp_base
	Bases    []*Type
	MRO      []*Type // tp_mro, computed on first use for builtin types
	Dict     *Dict   // tp_dict of a class; builtin types keep here only what classes inherit
	Flags    uint64  // tp_flags
	// VersionTag is tp_version_tag: 0 until Version assigns one, back to 0 when the type or a
	// base is modified. The specialized instructions' guards compare it.
	VersionTag   uint32
	versionsUsed int
	// Watched is tp_watched: bit i set when TypeWatchers[i] is to hear of the type's changes.
	Watched uint8
	// subclasses is tp_subclasses: weak references, as CPython's are, so that a base (object
	// above all) does not keep every class ever made alive, and with it each class's module.
	subclasses []weak.Pointer[Type]
	// CachedKeys is ht_cached_keys: the attribute names the instances of a class share and
	// keep their values under (inline values), nil for types without inline values.
	CachedKeys *SharedKeys
	ownMembers []*MemberDescr // this class's __slots__
	nmembers   int            // slots of the class and its bases: each instance's slot count
	// SpecCache is _spec_cache: the __init__ and __getitem__ CALL_ALLOC_AND_ENTER_INIT and
	// BINARY_OP_SUBSCR_GETITEM enter, with the function version they were cached under.
	SpecCache struct {
		Init           Object
		Getitem        Object
		GetitemVersion uint32
	}
	// getattrHook says whether the class's tp_getattro is slot_tp_getattr_hook (it or a base
	// defines __getattribute__ or __getattr__) rather than the generic one, as found under
	// version tag getattrHookVersion (CPython sets the slot when the class or a base changes).
	getattrHook        bool
	getattrHookVersion uint32
	// New is what calling the type object does (int("3"), ValueError("x")).
	// nil means Python code cannot instantiate the type directly.
	New func(args []Object, kwnames []string) (Object, error)
	// Meta is the class's metaclass when it is not type (ob_type of the type object).
	Meta *Type
}

// Type makes a type object itself an Object, so `except ValueError:` and
// isinstance(x, int) can receive type objects as ordinary values.
func (t *Type) Type() *Type {
	if t.Meta != nil {
		return t.Meta
	}
	return TypeType
}

// IsSubtype reports whether t is base or derives from it.
// CPython: Objects/typeobject.c PyType_IsSubtype
func IsSubtype(t, base *Type) bool {
	if t.MRO != nil {
		for _, b := range t.MRO {
			if b == base {
				return true
			}
		}
		return false
	}
	for ; t != nil; t = t.Base {
		if t == base {
			return true
		}
	}
	return false
}

// The built-in types. Their New functions are attached in init (see
// builtins.go) because they refer back to these variables, which Go's
// initialization-order rules would reject as a cycle.
var (
	ObjectType          = &Type{Name: "object"}
	TypeType            = &Type{Name: "type", Base: ObjectType}
	IntType             = &Type{Name: "int", Base: ObjectType}
	BoolType            = &Type{Name: "bool", Base: IntType} // bool subclasses int
	FloatType           = &Type{Name: "float", Base: ObjectType}
	StrType             = &Type{Name: "str", Base: ObjectType}
	NoneType            = &Type{Name: "NoneType", Base: ObjectType}
	TupleType           = &Type{Name: "tuple", Base: ObjectType}
	ListType            = &Type{Name: "list", Base: ObjectType}
	DictType            = &Type{Name: "dict", Base: ObjectType}
	RangeType           = &Type{Name: "range", Base: ObjectType}
	SliceType           = &Type{Name: "slice", Base: ObjectType}
	FunctionType        = &Type{Name: "function", Base: ObjectType}
	CellType            = &Type{Name: "cell", Base: ObjectType}
	BuiltinFunctionType = &Type{Name: "builtin_function_or_method", Base: ObjectType}
	// Types whose objects the runtime does not make yet (bound methods, super, method
	// descriptors): the specialized instructions' guards compare with them.
	MethodType      = &Type{Name: "method", Base: ObjectType}
	SuperType       = &Type{Name: "super", Base: ObjectType}
	MethodDescrType = &Type{Name: "method_descriptor", Base: ObjectType}
)

// NoneObject is the type of None. It is a comparable value type, so every
// NoneObject{} is the one None as far as == on interfaces (and Is) goes.
type NoneObject struct{}

// None is Python's None.
var None = NoneObject{}

func (NoneObject) Type() *Type { return NoneType }

// Bool is Python's bool. As a value type there are only ever two distinct
// Bool objects, True and False, which is exactly Python's singleton rule.
type Bool bool

const (
	True  Bool = true
	False Bool = false
)

func (Bool) Type() *Type { return BoolType }

// Function is a Python function object. Executing it is the VM's business,
// so Code is opaque here.
type Function struct {
	Name        string
	Qualname    string
	Code        any
	Globals     *Dict
	Builtins    *Dict // func_builtins: the builtins its frames see
	Defaults    *Tuple
	KwDefaults  *Dict
	Closure     *Tuple
	Doc         Object
	Annotations Object // __annotations__ as MAKE_FUNCTION stored it (a dict or a tuple), nil if none
	Annotate    Object // __annotate__, the function computing the annotations (PEP 649), nil if none
	Version     uint32 // func_version: the specializer's key, 0 when unset or cleared
	dictObj     Object // func_dict, the cell at FunctionDictOffset: nil, functions take no attributes here
}

// FunctionDictOffset is PyFunctionObject's tp_dictoffset: func_dict follows the header, the
// eight common fields and func_doc.
const FunctionDictOffset = headerSize + 9*wordSize

// Cell is the object cell at byte offset off of a function: its dict pointer.
func (f *Function) Cell(off int) *Object {
	if off != FunctionDictOffset {
		panic(&Unsupported{What: "a function's field at a byte offset other than its dict"})
	}
	return &f.dictObj
}

func (*Function) Type() *Type { return FunctionType }

// Cell holds a variable shared between a function and its closures.
// Ref is nil while the variable is unbound.
type Cell struct {
	Ref Object
}

func (*Cell) Type() *Type { return CellType }

// Builtin is a function implemented in Go. Calls follow CPython's
// vectorcall convention: the last len(kwnames) entries of args are the
// keyword arguments' values. Self is set for bound methods (only used
// for repr; Fn already closes over the receiver).
type Builtin struct {
	Name   string
	Module string // the module of a module's function (what its m_self names), "" for a builtin
	Self   Object
	Fn     func(args []Object, kwnames []string) (Object, error)
	// Flags is its ml_flags once the runtime has decided them (0 until then: no calling
	// convention is 0), so that a call does not look them up by name again.
	Flags int
}

func (*Builtin) Type() *Type { return BuiltinFunctionType }

// CallHook lets the VM run Python-level callables (Functions) when a builtin
// such as sorted(key=f) or map(f, xs) needs to call them. The objects
// package cannot execute bytecode itself.
var CallHook func(f Object, args []Object, kwnames []string) (Object, error)

// Call calls f with vectorcall-style arguments. Builtins and types are
// called directly, Python functions through CallHook.
func Call(f Object, args []Object, kwnames []string) (Object, error) {
	switch f := f.(type) {
	case *Builtin:
		return f.Fn(args, kwnames)
	case *MethodDescr:
		return f.call(args, kwnames)
	case *Method:
		return Call(f.Func, append([]Object{f.Self}, args...), kwnames)
	case *SlotWrapper:
		return f.call(args, kwnames)
	case *StaticMethod:
		return Call(f.Func, args, kwnames)
	case *Type:
		if f.New == nil {
			return nil, NewException(TypeErrorType, "cannot create '%s' instances", f.Name)
		}
		return f.New(args, kwnames)
	case *Function:
		if CallHook == nil {
			return nil, NewException(RuntimeErrorType, "no CallHook installed to call %s()", f.Name)
		}
		return CallHook(f, args, kwnames)
	}
	if d := classMethod(f, "__call__"); d != nil {
		fn, err := bindDescr(d, f, f.Type())
		if err != nil {
			return nil, err
		}
		return Call(fn, args, kwnames)
	}
	// The VM's callables are Functions (above): the VM's CallHook hands anything else back here,
	// so asking it would never end.
	return nil, NewException(TypeErrorType, "'%s' object is not callable", typeName(f))
}

// Unsupported is the error of an operation CPython has and this object model does not: never a
// Python exception, so no program can catch it and go on with an answer CPython would not give.
type Unsupported struct{ What string }

func (u *Unsupported) Error() string { return "unsupported in the test runtime: " + u.What }

// Is implements Python's `is`. All Object implementations in this package
// are pointers or comparable values, so interface equality is identity.
func Is(a, b Object) bool { return sameObject(a, b) || a == b }

// sameObject reports a and b the same object for certain: the same dynamic type and the same
// data word, compared in line (Go's == of two interfaces holding the same type calls the
// runtime). A false is not a difference: a value-typed object (a Bool, None) may be boxed at two
// addresses, which only == sees as one.
func sameObject(a, b Object) bool {
	x, y := (*[2]unsafe.Pointer)(unsafe.Pointer(&a)), (*[2]unsafe.Pointer)(unsafe.Pointer(&b))
	return x[0] == y[0] && x[1] == y[1]
}

// typeName is the name CPython puts in error messages.
func typeName(o Object) string { return o.Type().Name }

// identityHash hashes objects that compare by identity, the way CPython's
// default __hash__ does (from the address).
func identityHash(o Object) int64 {
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer {
		return 0
	}
	h := int64(v.Pointer() >> 4)
	if h == -1 {
		h = -2
	}
	return h
}
