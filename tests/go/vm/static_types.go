package vm

import "gopy.example/gopy/objects"

// The static type objects the translated bodies compare with (&PyLong_Type, &PyRangeIter_Type,
// ...; mapping.toml names them): the object model's types, and placeholders for the kinds of
// object this runtime does not make yet, which no object has. The optimizer, a package of its
// own, names the object model's types directly ([optimizer.names]).
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
	MethodType      = objects.MethodType
	SuperType       = objects.SuperType
	MethodDescrType = objects.MethodDescrType
)
