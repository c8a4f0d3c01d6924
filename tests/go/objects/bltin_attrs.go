package objects

// The builtins about attributes and classes.
// CPython: Python/bltinmodule.c builtin_getattr, builtin_setattr, builtin_hasattr,
// builtin_delattr, builtin_issubclass, builtin_vars

// attrName is the str an attribute name must be (getattr, setattr, object.__getattribute__, ...).
func attrName(o Object) (string, error) {
	s, ok := o.(*Str)
	if !ok {
		return "", typeErrorf("attribute name must be string, not '%s'", typeName(o))
	}
	return s.S, nil
}

func builtinGetattr(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("getattr", kwnames); err != nil {
		return nil, err
	}
	if len(args) < 2 || len(args) > 3 {
		return nil, typeErrorf("getattr expected at least 2 arguments, got %d", len(args))
	}
	name, err := attrName(args[1])
	if err != nil {
		return nil, err
	}
	v, err := GetAttr(args[0], name)
	if x, ok := err.(*Exception); ok && len(args) == 3 && IsSubtype(x.Class, AttributeErrorType) {
		return args[2], nil
	}
	return v, err
}

func builtinHasattr(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("hasattr", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("hasattr", len(args), 2, 2); err != nil {
		return nil, err
	}
	name, err := attrName(args[1])
	if err != nil {
		return nil, err
	}
	_, err = GetAttr(args[0], name)
	if x, ok := err.(*Exception); ok && IsSubtype(x.Class, AttributeErrorType) {
		return False, nil
	}
	return True, err
}

func builtinSetattr(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("setattr", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("setattr", len(args), 3, 3); err != nil {
		return nil, err
	}
	name, err := attrName(args[1])
	if err != nil {
		return nil, err
	}
	return None, SetAttr(args[0], name, args[2])
}

func builtinDelattr(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("delattr", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("delattr", len(args), 2, 2); err != nil {
		return nil, err
	}
	name, err := attrName(args[1])
	if err != nil {
		return nil, err
	}
	return None, SetAttr(args[0], name, nil)
}

func builtinIssubclass(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("issubclass", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("issubclass", len(args), 2, 2); err != nil {
		return nil, err
	}
	c, ok := args[0].(*Type)
	if !ok {
		return nil, typeErrorf("issubclass() arg 1 must be a class")
	}
	var check func(Object) (bool, error)
	check = func(cls Object) (bool, error) {
		switch x := cls.(type) {
		case *Type:
			return IsSubtype(c, x), nil
		case *Tuple:
			for _, it := range x.Items {
				if r, err := check(it); r || err != nil {
					return r, err
				}
			}
			return false, nil
		}
		return false, typeErrorf("issubclass() arg 2 must be a class, a tuple of classes, or a union")
	}
	r, err := check(args[1])
	return Bool(r), err
}

func builtinVars(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("vars", kwnames); err != nil {
		return nil, err
	}
	if len(args) != 1 {
		return nil, &Unsupported{What: "vars() without an argument"}
	}
	v, err := GetAttr(args[0], "__dict__")
	if x, ok := err.(*Exception); ok && IsSubtype(x.Class, AttributeErrorType) {
		return nil, typeErrorf("vars() argument must have __dict__ attribute")
	}
	return v, err
}
