package vm

import "gopy.example/gopy/objects"

// The static type objects the translated bodies compare with (&PyLong_Type, &PyRangeIter_Type,
// ...; mapping.toml names them): the object model's types, and placeholders for the kinds of
// object this runtime does not make yet, which no object has.
var (
	RangeIterType   = objects.RangeIterType
	ListIterType    = objects.ListIterType
	TupleIterType   = objects.TupleIterType
	FunctionType    = objects.FunctionType
	StrType         = objects.StrType
	TupleType       = objects.TupleType
	TypeType        = objects.TypeType
	FloatType       = objects.FloatType
	IntType         = objects.IntType
	ListType        = objects.ListType
	DictType        = objects.DictType
	BoolType        = objects.BoolType
	MethodType      = &objects.Type{Name: "method", Base: objects.ObjectType}
	SuperType       = &objects.Type{Name: "super", Base: objects.ObjectType}
	MethodDescrType = &objects.Type{Name: "method_descriptor", Base: objects.ObjectType}
)
