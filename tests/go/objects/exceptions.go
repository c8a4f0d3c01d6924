package objects

import (
	"fmt"
	"strings"
)

// Exception is a Python exception instance. It is also a Go error so that
// operations can return it directly.
//
// The class is stored in Class rather than a field named Type because Go
// does not allow a field and the Object method Type() to share a name.
type Exception struct {
	Class   *Type
	Args    []Object
	Cause   *Exception // __cause__ (raise ... from ...)
	Context *Exception // __context__ (exception being handled when raised)
	// SuppressContext mirrors __suppress_context__, set by `raise ... from`.
	SuppressContext bool
	// Traceback is opaque to this package; the VM may record frames here.
	Traceback any
	// Dict holds the attributes set on the exception (BaseException's __dict__), nil if none.
	Dict *Dict
	// dictObj is Dict as the object cell at tp_dictoffset (ExceptionDictOffset).
	dictObj Object
}

func (e *Exception) Type() *Type { return e.Class }

// Error renders the exception like the last line of a Python traceback.
func (e *Exception) Error() string {
	msg := exceptionStr(e)
	if msg == "" {
		return e.Class.Name
	}
	return e.Class.Name + ": " + msg
}

// The exception hierarchy (a subset of CPython's).
var (
	BaseExceptionType       = newExcType("BaseException", ObjectType)
	ExceptionType           = newExcType("Exception", BaseExceptionType)
	GeneratorExitType       = newExcType("GeneratorExit", BaseExceptionType)
	ArithmeticErrorType     = newExcType("ArithmeticError", ExceptionType)
	ZeroDivisionErrorType   = newExcType("ZeroDivisionError", ArithmeticErrorType)
	OverflowErrorType       = newExcType("OverflowError", ArithmeticErrorType)
	LookupErrorType         = newExcType("LookupError", ExceptionType)
	IndexErrorType          = newExcType("IndexError", LookupErrorType)
	KeyErrorType            = newExcType("KeyError", LookupErrorType)
	TypeErrorType           = newExcType("TypeError", ExceptionType)
	ValueErrorType          = newExcType("ValueError", ExceptionType)
	NameErrorType           = newExcType("NameError", ExceptionType)
	UnboundLocalErrorType   = newExcType("UnboundLocalError", NameErrorType)
	AttributeErrorType      = newExcType("AttributeError", ExceptionType)
	StopIterationType       = newExcType("StopIteration", ExceptionType)
	RuntimeErrorType        = newExcType("RuntimeError", ExceptionType)
	NotImplementedErrorType = newExcType("NotImplementedError", RuntimeErrorType)
	RecursionErrorType      = newExcType("RecursionError", RuntimeErrorType)
	AssertionErrorType      = newExcType("AssertionError", ExceptionType)
	MemoryErrorType         = newExcType("MemoryError", ExceptionType)
	ImportErrorType         = newExcType("ImportError", ExceptionType)
)

// exceptionTypes lists the exception classes exposed as builtins.
var exceptionTypes = []*Type{
	BaseExceptionType, ExceptionType, GeneratorExitType, ArithmeticErrorType,
	ZeroDivisionErrorType, OverflowErrorType, LookupErrorType, IndexErrorType,
	KeyErrorType, TypeErrorType, ValueErrorType, NameErrorType,
	UnboundLocalErrorType, AttributeErrorType, StopIterationType,
	RuntimeErrorType, NotImplementedErrorType, RecursionErrorType,
	AssertionErrorType, MemoryErrorType, ImportErrorType,
}

func newExcType(name string, base *Type) *Type {
	return &Type{Name: name, Base: base}
}

// Calling an exception class creates an instance holding the arguments.
// (Set in init: the closure mentions TypeErrorType, which would otherwise be
// an initialization cycle.)
func init() {
	for _, t := range exceptionTypes {
		t := t
		t.New = func(args []Object, kwnames []string) (Object, error) {
			if len(kwnames) > 0 {
				return nil, typeErrorf("%s() takes no keyword arguments", t.Name)
			}
			return NewExceptionArgs(t, append([]Object(nil), args...)...), nil
		}
	}
}

// NewException creates an exception whose single argument is the formatted
// message, the way C code raises with PyErr_Format.
func NewException(t *Type, format string, args ...any) *Exception {
	return &Exception{Class: t, Args: []Object{NewStr(fmt.Sprintf(format, args...))}}
}

// NewExceptionArgs creates an exception with arbitrary args, e.g.
// KeyError(key) or a bare StopIteration().
func NewExceptionArgs(t *Type, args ...Object) *Exception {
	return &Exception{Class: t, Args: args}
}

// ExceptionMatches implements the test of an except clause: exc (an
// exception instance or class) against typ (a class or a tuple of them,
// possibly nested).
func ExceptionMatches(exc Object, typ Object) bool {
	var t *Type
	switch e := exc.(type) {
	case *Exception:
		t = e.Class
	case *Type:
		t = e
	default:
		return false
	}
	switch m := typ.(type) {
	case *Type:
		return IsSubtype(t, m)
	case *Tuple:
		for _, item := range m.Items {
			if ExceptionMatches(exc, item) {
				return true
			}
		}
	}
	return false
}

// StopIterationValue is the value carried by a StopIteration (the return
// value of a generator), None if it has no args.
func StopIterationValue(e *Exception) Object {
	if len(e.Args) == 0 {
		return None
	}
	return e.Args[0]
}

// exceptionStr is str(exc): empty, the single argument, or the args tuple.
// KeyError is special: it shows the repr of the missing key.
func exceptionStr(e *Exception) string {
	var s string
	var err error
	switch {
	case len(e.Args) == 0:
		return ""
	case len(e.Args) == 1 && IsSubtype(e.Class, KeyErrorType):
		s, err = Repr(e.Args[0])
	case len(e.Args) == 1:
		s, err = StrOf(e.Args[0])
	default:
		s, err = Repr(NewTuple(e.Args...))
	}
	if err != nil {
		return "<exception str() failed>"
	}
	return s
}

// exceptionRepr is repr(exc): ClassName(arg reprs).
func exceptionRepr(e *Exception) (string, error) {
	parts := make([]string, len(e.Args))
	for i, a := range e.Args {
		r, err := Repr(a)
		if err != nil {
			return "", err
		}
		parts[i] = r
	}
	return e.Class.Name + "(" + strings.Join(parts, ", ") + ")", nil
}

// Shorthands for the errors raised throughout the package.
func typeErrorf(format string, args ...any) *Exception {
	return NewException(TypeErrorType, format, args...)
}

func valueErrorf(format string, args ...any) *Exception {
	return NewException(ValueErrorType, format, args...)
}

func indexErrorf(format string, args ...any) *Exception {
	return NewException(IndexErrorType, format, args...)
}

func overflowErrorf(format string, args ...any) *Exception {
	return NewException(OverflowErrorType, format, args...)
}

func zeroDivision() *Exception {
	return NewException(ZeroDivisionErrorType, "division by zero")
}

func keyError(key Object) *Exception {
	return NewExceptionArgs(KeyErrorType, key)
}
