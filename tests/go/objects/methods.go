package objects

// MethodDescr is a method of a builtin type as the type holds it (CPython's method_descriptor:
// list.append): calling it with the instance first runs the method on that instance. What
// `xs.append` loads for a call (LOAD_ATTR's method form) is this descriptor and xs as self.
type MethodDescr struct {
	Owner *Type
	Name  string
	Flags int // ml_flags: the calling convention CPython gives the method (METH_O, METH_FASTCALL, ...)
}

func (*MethodDescr) Type() *Type { return MethodDescrType }

// CFunction is a builtin's C function as CALL's specializations call it: self (the instance of
// a method, unused by a module function), the positional arguments, then one per keyword name.
type CFunction func(self Object, args []Object, kwnames []string) (Object, error)

// CFunc is the C function of a builtin function (PyCFunction_GET_FUNCTION): self is unused,
// the builtin closes over its receiver if it has one.
func (b *Builtin) CFunc(self Object, args []Object, kwnames []string) (Object, error) {
	return b.Fn(args, kwnames)
}

// CFunc is the C function of a method descriptor (d_method->ml_meth): the method of self.
func (d *MethodDescr) CFunc(self Object, args []Object, kwnames []string) (Object, error) {
	if self == nil || !IsSubtype(self.Type(), d.Owner) {
		what := "nothing"
		if self != nil {
			what = "a '" + typeName(self) + "' object"
		}
		return nil, typeErrorf("descriptor '%s' for '%s' objects doesn't apply to %s", d.Name, d.Owner.Name, what)
	}
	m, err := GetAttr(self, d.Name)
	if err != nil {
		return nil, err
	}
	return Call(m, args, kwnames)
}

// call is d(self, *args): the first argument is the instance.
func (d *MethodDescr) call(args []Object, kwnames []string) (Object, error) {
	if len(args) == len(kwnames) {
		return nil, typeErrorf("unbound method %s.%s() needs an argument", d.Owner.Name, d.Name)
	}
	return d.CFunc(args[0], args[1:], kwnames)
}

// Method is a function bound to an object (CPython's PyMethodObject, what f.__get__(obj) and,
// with classes, instance.f give): calling it calls Func with Self first.
type Method struct {
	Func, Self Object
}

func (*Method) Type() *Type { return MethodType }

// functionGet is function.__get__(instance, owner=None): the function bound to instance.
// CPython: Objects/funcobject.c func_descr_get
func functionGet(f *Function) *Builtin {
	return bound(f, "__get__", func(args []Object, kwnames []string) (Object, error) {
		if err := checkKw("__get__", kwnames); err != nil {
			return nil, err
		}
		if err := argCount("__get__", len(args), 1, 2); err != nil {
			return nil, err
		}
		owner := Object(None)
		if len(args) == 2 {
			owner = args[1]
		}
		if args[0] == Object(None) {
			if owner == Object(None) {
				return nil, typeErrorf("__get__(None, None) is invalid")
			}
			return f, nil
		}
		return &Method{Func: f, Self: args[0]}, nil
	})
}
