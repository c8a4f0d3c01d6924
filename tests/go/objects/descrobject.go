package objects

// The descriptors classes are made of: functions (funcobject.c), staticmethod and classmethod
// (funcobject.c), property (descrobject.c), __slots__ members (descrobject.c, structmember.c),
// the slot wrappers builtin types inherit to classes (descrobject.c wrapperdescr), and super
// (typeobject.c).

var (
	StaticMethodType = &Type{Name: "staticmethod", Base: ObjectType}
	ClassMethodType  = &Type{Name: "classmethod", Base: ObjectType}
	PropertyType     = &Type{Name: "property", Base: ObjectType}
	MemberDescrType  = &Type{Name: "member_descriptor", Base: ObjectType}
	SlotWrapperType  = &Type{Name: "wrapper_descriptor", Base: ObjectType}
	MethodWrapperTyp = &Type{Name: "method-wrapper", Base: ObjectType}
	NotImplementedT  = &Type{Name: "NotImplementedType", Base: ObjectType}
)

// NotImplementedObject is the type of NotImplemented, what a binary special method returns
// for operands it does not handle.
type NotImplementedObject struct{}

func (NotImplementedObject) Type() *Type { return NotImplementedT }

// NotImplemented is Python's NotImplemented singleton.
var NotImplemented = NotImplementedObject{}

// StaticMethod is staticmethod(f): the function itself from the class and from instances.
// CPython: Objects/funcobject.c sm_descr_get
type StaticMethod struct{ Func Object }

func (*StaticMethod) Type() *Type { return StaticMethodType }

// ClassMethod is classmethod(f): the function bound to the class.
// CPython: Objects/funcobject.c cm_descr_get
type ClassMethod struct{ Func Object }

func (*ClassMethod) Type() *Type { return ClassMethodType }

// Property is property(fget, fset, fdel, doc).
// CPython: Objects/descrobject.c property_descr_get, property_descr_set
type Property struct {
	Get, Set, Del, Doc Object
	Name               string // from __set_name__, for the messages
}

func (*Property) Type() *Type { return PropertyType }

// qualName is the property's name as its messages show it: the getter's __name__ (3.13's
// property.__name__), else the name it was assigned to.
func (p *Property) qualName(o Object) string {
	if f, ok := p.Get.(*Function); ok {
		return " '" + f.Name + "'"
	}
	if p.Name == "" {
		return ""
	}
	return " '" + p.Name + "'"
}

func (p *Property) get(o Object) (Object, error) {
	if p.Get == nil || p.Get == Object(None) {
		return nil, NewException(AttributeErrorType, "property%s of '%s' object has no getter", p.qualName(o), typeName(o))
	}
	return Call(p.Get, []Object{o}, nil)
}

func (p *Property) set(o, v Object) error {
	fn, what := p.Set, "setter"
	args := []Object{o, v}
	if v == nil {
		fn, what, args = p.Del, "deleter", []Object{o}
	}
	if fn == nil || fn == Object(None) {
		return NewException(AttributeErrorType, "property%s of '%s' object has no %s", p.qualName(o), typeName(o), what)
	}
	_, err := Call(fn, args, nil)
	return err
}

// propertyNew is property(fget=None, fset=None, fdel=None, doc=None).
func propertyNew(args []Object, kwnames []string) (Object, error) {
	vals, err := positional("property", args, kwnames, 0, "fget", "fset", "fdel", "doc")
	if err != nil {
		return nil, err
	}
	p := &Property{Get: vals[0], Set: vals[1], Del: vals[2], Doc: vals[3]}
	if p.Doc == nil && p.Get != nil {
		if f, ok := p.Get.(*Function); ok && f.Doc != nil {
			p.Doc = f.Doc
		}
	}
	return p, nil
}

// propertyAttr answers a property's getter, setter and deleter (each a copy with one function
// replaced) and its fget, fset, fdel.
// CPython: Objects/descrobject.c property_copy
func propertyAttr(p *Property, name string) Object {
	with := func(which string) Object {
		return bound(p, name, func(args []Object, kwnames []string) (Object, error) {
			if err := oneArg(name, args, kwnames); err != nil {
				return nil, err
			}
			c := *p
			switch which {
			case "get":
				c.Get = args[0]
			case "set":
				c.Set = args[0]
			case "del":
				c.Del = args[0]
			}
			return &c, nil
		})
	}
	orNone := func(o Object) Object {
		if o == nil {
			return None
		}
		return o
	}
	switch name {
	case "getter":
		return with("get")
	case "setter":
		return with("set")
	case "deleter":
		return with("del")
	case "fget":
		return orNone(p.Get)
	case "fset":
		return orNone(p.Set)
	case "fdel":
		return orNone(p.Del)
	case "__doc__":
		return orNone(p.Doc)
	case "__set_name__":
		return bound(p, name, func(args []Object, kwnames []string) (Object, error) {
			if len(args) == 2 {
				if s, ok := args[1].(*Str); ok {
					p.Name = s.S
				}
			}
			return None, nil
		})
	}
	return nil
}

// MemberDescr is a __slots__ name: the instance's slot at a fixed index.
// CPython: Objects/descrobject.c member_get, Python/structmember.c PyMember_GetOne
type MemberDescr struct {
	Owner *Type
	Name  string
	Index int // the slot's index; MemberOffset(Index) is PyMemberDef.offset
}

func (*MemberDescr) Type() *Type { return MemberDescrType }

// Offset is the member's PyMemberDef.offset.
func (m *MemberDescr) Offset() int { return MemberOffset(m.Index) }

func (m *MemberDescr) instance(o Object) (*Instance, error) {
	inst, ok := o.(*Instance)
	if !ok || !IsSubtype(inst.Class, m.Owner) {
		return nil, typeErrorf("descriptor '%s' for '%s' objects doesn't apply to a '%s' object", m.Name, m.Owner.Name, typeName(o))
	}
	return inst, nil
}

func (m *MemberDescr) get(o Object) (Object, error) {
	inst, err := m.instance(o)
	if err != nil {
		return nil, err
	}
	if v := inst.Slots[m.Index]; v != nil {
		return v, nil
	}
	return nil, NewException(AttributeErrorType, "'%s' object has no attribute '%s'", typeName(o), m.Name)
}

func (m *MemberDescr) set(o, v Object) error {
	inst, err := m.instance(o)
	if err != nil {
		return err
	}
	if v == nil && inst.Slots[m.Index] == nil {
		return NewException(AttributeErrorType, "'%s' object has no attribute '%s'", typeName(o), m.Name)
	}
	inst.Slots[m.Index] = v
	return nil
}

// SlotWrapper is a special method a builtin type gives the classes deriving from it
// (object.__init__, object.__eq__, BaseException.__str__): super().__init__() and an explicit
// object.__setattr__(self, ...) call it, and a class that does not define the method runs the
// builtin behaviour without calling anything.
// CPython: Objects/descrobject.c (wrapper_descriptor, method-wrapper)
type SlotWrapper struct {
	Owner *Type
	Name  string
	Fn    func(self Object, args []Object, kwnames []string) (Object, error)
}

func (*SlotWrapper) Type() *Type { return SlotWrapperType }

func (w *SlotWrapper) bind(self Object) Object {
	return &Builtin{Name: w.Name, Self: self, Fn: func(args []Object, kwnames []string) (Object, error) {
		return w.Fn(self, args, kwnames)
	}}
}

func (w *SlotWrapper) call(args []Object, kwnames []string) (Object, error) {
	if len(args)-len(kwnames) < 1 {
		return nil, typeErrorf("descriptor '%s' of '%s' object needs an argument", w.Name, w.Owner.Name)
	}
	if !IsSubtype(args[0].Type(), w.Owner) && w.Name != "__new__" {
		return nil, typeErrorf("descriptor '%s' requires a '%s' object but received a '%s'", w.Name, w.Owner.Name, typeName(args[0]))
	}
	return w.Fn(args[0], args[1:], kwnames)
}

func wrapper(t *Type, name string, fn func(self Object, args []Object, kwnames []string) (Object, error)) {
	if t.Dict == nil {
		t.Dict = NewDict()
	}
	_ = t.Dict.Set(NewStr(name), &SlotWrapper{Owner: t, Name: name, Fn: fn})
}

// Super is super(type, obj): attribute lookup along type(obj)'s MRO after type.
// CPython: Objects/typeobject.c super_getattro, _super_lookup_descr
type Super struct {
	Class   *Type  // the class the method was defined in (__class__)
	Obj     Object // the instance (or the class, for class methods)
	ObjType *Type  // the type whose MRO is searched
}

func (*Super) Type() *Type { return SuperType }

// superNew is super(type, obj) with both arguments: the zero-argument form is the compiler's
// (LOAD_SUPER_ATTR passes __class__ and the first argument).
// CPython: Objects/typeobject.c super_init_impl, supercheck
func superNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("super", kwnames); err != nil {
		return nil, err
	}
	if len(args) != 2 {
		return nil, &Unsupported{What: "super() outside a method's attribute access, or with one argument"}
	}
	t, ok := args[0].(*Type)
	if !ok {
		return nil, typeErrorf("super() argument 1 must be a type, not %s", typeName(args[0]))
	}
	obj := args[1]
	if ot, isType := obj.(*Type); isType && IsSubtype(ot, t) {
		return &Super{Class: t, Obj: obj, ObjType: ot}, nil
	}
	if IsSubtype(obj.Type(), t) {
		return &Super{Class: t, Obj: obj, ObjType: obj.Type()}, nil
	}
	return nil, typeErrorf("super(type, obj): obj (instance of %s) is not an instance or subtype of type (%s).", typeName(obj), t.Name)
}

// Lookup is the descriptor name finds after Class in ObjType's MRO, nil if none.
// CPython: Objects/typeobject.c _super_lookup_descr
func (s *Super) Lookup(name string) Object {
	mro := s.ObjType.mro()
	i := 0
	for i < len(mro) && mro[i] != s.Class {
		i++
	}
	key := NewStr(name)
	for _, b := range mro[min(i+1, len(mro)):] {
		if b.Dict == nil {
			continue
		}
		if v, ok, _ := b.Dict.Get(key); ok {
			return v
		}
	}
	return nil
}

// GetAttr is super().name: the attribute found after Class, bound to Obj.
// CPython: Objects/typeobject.c super_getattro
func (s *Super) GetAttr(name string) (Object, error) {
	if name != "__class__" {
		if d := s.Lookup(name); d != nil {
			var obj Object = s.Obj
			if obj == Object(s.ObjType) {
				obj = nil
			}
			return bindDescr(d, obj, s.ObjType)
		}
	}
	return nil, NewException(AttributeErrorType, "'super' object has no attribute '%s'", name)
}

// The descriptor types' constructors, and the slot wrappers of object and BaseException.
func init() {
	PropertyType.New = propertyNew
	StaticMethodType.New = func(args []Object, kwnames []string) (Object, error) {
		if err := oneArg("staticmethod", args, kwnames); err != nil {
			return nil, err
		}
		return &StaticMethod{Func: args[0]}, nil
	}
	ClassMethodType.New = func(args []Object, kwnames []string) (Object, error) {
		if err := oneArg("classmethod", args, kwnames); err != nil {
			return nil, err
		}
		return &ClassMethod{Func: args[0]}, nil
	}
	SuperType.New = superNew
	ObjectType.New = func(args []Object, kwnames []string) (Object, error) {
		if len(args) > 0 {
			return nil, typeErrorf("object() takes no arguments")
		}
		return NewInstance(ObjectType), nil
	}
	ObjectType.Flags |= TPFlagsBaseType
	BaseExceptionType.Flags |= TPFlagsBaseType
	wrapper(ObjectType, "__init__", func(self Object, args []Object, kwnames []string) (Object, error) {
		if len(args) > 0 && self.Type().Lookup("__init__") != nil {
			if _, custom := self.Type().Lookup("__new__").(*SlotWrapper); custom {
				return nil, typeErrorf("object.__init__() takes exactly one argument (the instance to initialize)")
			}
		}
		return None, nil
	})
	wrapper(ObjectType, "__new__", func(cls Object, args []Object, kwnames []string) (Object, error) {
		t, ok := cls.(*Type)
		if !ok {
			return nil, typeErrorf("object.__new__(X): X is not a type object (%s)", typeName(cls))
		}
		if len(args) > 0 {
			if _, defaultInit := t.Lookup("__init__").(*SlotWrapper); defaultInit {
				return nil, typeErrorf("%s() takes no arguments", t.Name)
			}
		}
		return allocate(t, nil, nil)
	})
	wrapper(ObjectType, "__init_subclass__", func(cls Object, args []Object, kwnames []string) (Object, error) {
		if len(args) > 0 {
			return nil, typeErrorf("%s.__init_subclass__() takes no keyword arguments", cls.(*Type).Name)
		}
		return None, nil
	})
	wrapper(ObjectType, "__eq__", func(self Object, args []Object, kwnames []string) (Object, error) {
		if len(args) == 1 && Is(self, args[0]) {
			return True, nil
		}
		return NotImplemented, nil
	})
	wrapper(ObjectType, "__ne__", func(self Object, args []Object, kwnames []string) (Object, error) {
		if len(args) != 1 {
			return nil, typeErrorf("expected 1 argument, got %d", len(args))
		}
		r, handled, err := callSpecial(self, "__eq__", args[0])
		if !handled { // object.__eq__: True for the object itself, else NotImplemented
			r = Object(NotImplemented)
			if Is(self, args[0]) {
				r = True
			}
		}
		if err != nil || r == Object(NotImplemented) {
			return r, err
		}
		t, err := Truthy(r)
		return Bool(!t), err
	})
	wrapper(ObjectType, "__hash__", func(self Object, args []Object, kwnames []string) (Object, error) {
		return NewInt(identityHash(self)), nil
	})
	wrapper(ObjectType, "__repr__", func(self Object, args []Object, kwnames []string) (Object, error) {
		return nil, addressRepr(typeName(self) + " object")
	})
	wrapper(ObjectType, "__str__", func(self Object, args []Object, kwnames []string) (Object, error) {
		s, err := Repr(self)
		if err != nil {
			return nil, err
		}
		return NewStr(s), nil
	})
	wrapper(ObjectType, "__format__", func(self Object, args []Object, kwnames []string) (Object, error) {
		if len(args) != 1 {
			return nil, typeErrorf("object.__format__() takes exactly one argument (%d given)", len(args))
		}
		if s, ok := args[0].(*Str); ok && s.S != "" {
			return nil, typeErrorf("unsupported format string passed to %s.__format__", typeName(self))
		}
		s, err := StrOf(self)
		if err != nil {
			return nil, err
		}
		return NewStr(s), nil
	})
	wrapper(ObjectType, "__getattribute__", func(self Object, args []Object, kwnames []string) (Object, error) {
		if len(args) != 1 {
			return nil, typeErrorf("expected 1 argument, got %d", len(args))
		}
		name, err := attrName(args[0])
		if err != nil {
			return nil, err
		}
		if !self.Type().IsHeap() {
			return GetAttr(self, name)
		}
		return objectGetAttr(self, self.Type(), name)
	})
	wrapper(ObjectType, "__setattr__", func(self Object, args []Object, kwnames []string) (Object, error) {
		if len(args) != 2 {
			return nil, typeErrorf("expected 2 arguments, got %d", len(args))
		}
		name, err := attrName(args[0])
		if err != nil {
			return nil, err
		}
		return None, objectSetAttr(self, self.Type(), name, args[1])
	})
	wrapper(ObjectType, "__delattr__", func(self Object, args []Object, kwnames []string) (Object, error) {
		if len(args) != 1 {
			return nil, typeErrorf("expected 1 argument, got %d", len(args))
		}
		name, err := attrName(args[0])
		if err != nil {
			return nil, err
		}
		return None, objectSetAttr(self, self.Type(), name, nil)
	})
	wrapper(FunctionType, "__get__", func(self Object, args []Object, kwnames []string) (Object, error) {
		return Call(functionGet(self.(*Function)), args, kwnames)
	})
	wrapper(BaseExceptionType, "__new__", func(cls Object, args []Object, kwnames []string) (Object, error) {
		t, ok := cls.(*Type)
		if !ok || !IsExceptionClass(t) {
			return nil, typeErrorf("BaseException.__new__(X): X is not a type object")
		}
		return allocate(t, args, nil)
	})
	wrapper(BaseExceptionType, "__init__", func(self Object, args []Object, kwnames []string) (Object, error) {
		if len(kwnames) > 0 {
			return nil, typeErrorf("%s() takes no keyword arguments", typeName(self))
		}
		self.(*Exception).Args = append([]Object(nil), args...)
		return None, nil
	})
	wrapper(BaseExceptionType, "__str__", func(self Object, args []Object, kwnames []string) (Object, error) {
		return NewStr(exceptionStr(self.(*Exception))), nil
	})
	wrapper(BaseExceptionType, "__repr__", func(self Object, args []Object, kwnames []string) (Object, error) {
		s, err := exceptionRepr(self.(*Exception))
		if err != nil {
			return nil, err
		}
		return NewStr(s), nil
	})
}
