package vm

import (
	"gopy.example/gopy/objects"
)

// buildClass is __build_class__(func, name, *bases, metaclass=..., **kwds): the metaclass is the
// one given or the most derived of the bases', its __prepare__ makes the namespace (a dict by
// default), the class body runs as a function with that namespace for locals, then
// metaclass(name, bases, ns, **kwds) makes the class and fills the body's __class__ cell.
// CPython: Python/bltinmodule.c builtin___build_class__
func (e *Eval) buildClass(args []objects.Object, kwnames []string) (objects.Object, error) {
	npos := len(args) - len(kwnames)
	if npos < 2 {
		return nil, typeError("__build_class__: not enough arguments")
	}
	fn, ok := args[0].(*objects.Function)
	if !ok {
		return nil, typeError("__build_class__: func must be a function")
	}
	name, ok := args[1].(*objects.Str)
	if !ok {
		return nil, typeError("__build_class__: name is not a string")
	}
	bases := args[2:npos]
	var kwn []string
	var kwv []objects.Object
	var meta objects.Object
	for i, k := range kwnames {
		v := args[npos+i]
		if k == "metaclass" {
			meta = v
			continue
		}
		kwn = append(kwn, k)
		kwv = append(kwv, v)
	}
	baseTypes := make([]*objects.Type, 0, len(bases))
	for _, b := range bases {
		t, isType := b.(*objects.Type)
		if !isType {
			return nil, &Unsupported{What: "a class base that is not a class (" + b.Type().Name + ")"}
		}
		baseTypes = append(baseTypes, t)
	}
	if meta == nil {
		meta = objects.TypeType
		if len(baseTypes) > 0 {
			meta = baseTypes[0].Type()
		}
	}
	if m, isType := meta.(*objects.Type); isType && objects.IsSubtype(m, objects.TypeType) {
		winner, err := objects.CalculateMetaclass(m, baseTypes)
		if err != nil {
			return nil, err
		}
		meta = winner
	} else {
		return nil, &Unsupported{What: "a metaclass that is not a subclass of type"}
	}
	var ns objects.Object = objects.NewDict()
	if prepare, err := objects.GetAttr(meta, "__prepare__"); err == nil {
		if ns, err = objects.Call(prepare, append([]objects.Object{name, objects.NewTuple(bases...)}, kwv...), kwn); err != nil {
			return nil, err
		}
	}
	nsDict, isDict := ns.(*objects.Dict)
	if !isDict {
		return nil, &Unsupported{What: "a __prepare__ namespace that is not a dict"}
	}
	cell, err := e.runFunction(fn, nsDict, nil, 0, nil) // the class body, with ns for its locals
	if err != nil {
		return nil, err
	}
	typeArgs := append([]objects.Object{name, objects.NewTuple(bases...), nsDict}, kwv...)
	cls, err := objects.Call(meta, typeArgs, kwn)
	if err != nil {
		return nil, err
	}
	if c, isCell := cell.(*objects.Cell); isCell && c.Ref != cls {
		return nil, classCellError(c.Ref, name.S, cls)
	}
	return cls, nil
}

// classCellError is the TypeError of a class body whose __class__ cell holds another object.
func classCellError(got objects.Object, name string, cls objects.Object) error {
	a, _ := objects.Repr(got)
	b, _ := objects.Repr(cls)
	return typeError("__class__ set to %s defining '%s' as %s", a, name, b)
}

// superNew is super(): with no arguments it reads the calling method's first argument and its
// __class__ cell from the running frame, as the compiler's zero-argument form expects; with two
// it is the object model's super(type, obj).
// CPython: Objects/typeobject.c super_init_without_args
func (e *Eval) superNew(args []objects.Object, kwnames []string) (objects.Object, error) {
	if len(args) > 0 || len(kwnames) > 0 {
		return superTwoArgs(args, kwnames)
	}
	f := e.Frame
	if f == nil || f.CodeObj == nil || f.CodeObj.ArgCount == 0 {
		return nil, objects.NewException(objects.RuntimeErrorType, "super(): no arguments")
	}
	first := f.LocalsPlus[0].AsObject()
	if c, isCell := first.(*objects.Cell); isCell { // the first argument is a cell of a closure
		first = c.Ref
	}
	if first == nil {
		return nil, objects.NewException(objects.RuntimeErrorType, "super(): arg[0] deleted")
	}
	for i, name := range f.CodeObj.LocalsPlusNames {
		if name != "__class__" {
			continue
		}
		c, isCell := f.LocalsPlus[i].AsObject().(*objects.Cell)
		if !isCell || c.Ref == nil {
			return nil, objects.NewException(objects.RuntimeErrorType, "super(): empty __class__ cell")
		}
		if _, isType := c.Ref.(*objects.Type); !isType {
			return nil, objects.NewException(objects.RuntimeErrorType, "super(): __class__ is not a type (%s)", c.Ref.Type().Name)
		}
		return superTwoArgs([]objects.Object{c.Ref, first}, nil)
	}
	return nil, objects.NewException(objects.RuntimeErrorType, "super(): __class__ cell not found")
}

// superTwoArgs is the object model's super(type, obj).
var superTwoArgs = objects.SuperType.New

func init() {
	objects.SuperType.New = func(args []objects.Object, kwnames []string) (objects.Object, error) {
		if current == nil {
			return superTwoArgs(args, kwnames)
		}
		return current.superNew(args, kwnames)
	}
}
