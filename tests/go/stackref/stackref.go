// Package stackref is the test runtime's value-stack entry: a reference to an object, with
// the vocabulary of CPython's _PyStackRef (and of gopy's stackref package), so that the
// generated bodies call it one for one. Go's GC owns memory, so duplicating and closing a
// reference do nothing.
package stackref

import "gopy.example/gopy/objects"

// Ref is one slot of the value stack or of the fast locals.
type Ref struct {
	o objects.Object
}

// Null is the empty slot: an unbound local, a NULL pushed before a call.
var Null = Ref{}

// The singletons, as references.
var (
	None  = Ref{objects.None}
	True  = Ref{objects.True}
	False = Ref{objects.False}
)

// FromObject wraps o (PyStackRef_FromPyObjectSteal).
func FromObject(o objects.Object) Ref { return Ref{o} }

// FromObjectNew wraps o (PyStackRef_FromPyObjectNew).
func FromObjectNew(o objects.Object) Ref { return Ref{o} }

// FromObjectImmortal wraps o (PyStackRef_FromPyObjectImmortal).
func FromObjectImmortal(o objects.Object) Ref { return Ref{o} }

// AsObject is the object the reference holds (PyStackRef_AsPyObjectBorrow).
func (r Ref) AsObject() objects.Object { return r.o }

// AsObjectSteal is the object the reference holds (PyStackRef_AsPyObjectSteal).
func (r Ref) AsObjectSteal() objects.Object { return r.o }

// Dup is the same reference (PyStackRef_DUP).
func (r Ref) Dup() Ref { return r }

// IsNull reports an empty slot (PyStackRef_IsNull).
func (r Ref) IsNull() bool { return r.o == nil }

// IsNone, IsTrue and IsFalse test the singletons by the reference's type word: == on an
// interface holding a value (not a pointer) would call the runtime to compare.

// IsNone reports None (PyStackRef_IsNone).
func (r Ref) IsNone() bool { _, ok := r.o.(objects.NoneObject); return ok }

// IsTrue reports True (PyStackRef_IsTrue).
func (r Ref) IsTrue() bool { b, ok := r.o.(objects.Bool); return ok && bool(b) }

// IsFalse reports False (PyStackRef_IsFalse).
func (r Ref) IsFalse() bool { b, ok := r.o.(objects.Bool); return ok && !bool(b) }
