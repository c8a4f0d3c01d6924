package objects

// EllipsisObject is the type of Ellipsis (`...`). Like NoneObject it is a comparable value type,
// so every EllipsisObject{} is the one Ellipsis as far as Is goes.
type EllipsisObject struct{}

var EllipsisType = &Type{Name: "ellipsis", Base: ObjectType}

// Ellipsis is Python's Ellipsis singleton.
var Ellipsis = EllipsisObject{}

func (EllipsisObject) Type() *Type { return EllipsisType }
