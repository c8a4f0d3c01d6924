package objects

import (
	"strings"
)

// GetAttr is o.name (PyObject_GetAttr): objects of classes and classes look their attributes
// up as CPython's type slots do; the builtin types answer for themselves.
// CPython: Objects/object.c PyObject_GetAttr
func GetAttr(o Object, name string) (Object, error) {
	if name == "__class__" {
		return o.Type(), nil
	}
	if v, isType := o.(*Type); isType && (v.IsHeap() || v.Meta != nil || v.Lookup(name) != nil) {
		return typeGetAttr(v, name)
	}
	if t := o.Type(); t.Flags&TPFlagsHeapType != 0 {
		return genericGetAttr(o, t, name)
	}
	switch v := o.(type) {
	case *Super:
		return v.GetAttr(name)
	case *Module:
		return moduleGetAttr(v, name)
	case *Property:
		if a := propertyAttr(v, name); a != nil {
			return a, nil
		}
	case *StaticMethod:
		if name == "__func__" {
			return v.Func, nil
		}
	case *ClassMethod:
		if name == "__func__" {
			return v.Func, nil
		}
	case *Method:
		switch name {
		case "__func__":
			return v.Func, nil
		case "__self__":
			return v.Self, nil
		}
		return GetAttr(v.Func, name)
	case *Instance: // object()
		return objectGetAttr(v, v.Class, name)
	}
	return builtinGetAttr(o, name)
}

// SetAttr is o.name = v, or del o.name with v nil (PyObject_SetAttr).
// CPython: Objects/object.c PyObject_SetAttr
func SetAttr(o Object, name string, v Object) error {
	if t, isType := o.(*Type); isType {
		return typeSetAttr(t, name, v)
	}
	if t := o.Type(); t.Flags&TPFlagsHeapType != 0 {
		return genericSetAttr(o, t, name, v)
	}
	switch x := o.(type) {
	case *Type:
		return typeSetAttr(x, name, v)
	case *Exception:
		return objectSetAttr(o, o.Type(), name, v)
	case *Function:
		return functionSetAttr(x, name, v)
	case *Module:
		if v == nil {
			if err := x.Dict.Del(InternStr(name)); err != nil {
				return NewException(AttributeErrorType, "module '%s' has no attribute '%s'", x.Name, name)
			}
			return nil
		}
		return x.Dict.Set(InternStr(name), v)
	}
	if builtinHas(o, name) {
		return NewException(AttributeErrorType, "'%s' object attribute '%s' is read-only", typeName(o), name)
	}
	return NewException(AttributeErrorType, "'%s' object has no attribute '%s' and no __dict__ for setting new attributes", typeName(o), name)
}

// builtinHas reports whether a builtin object has the attribute name.
func builtinHas(o Object, name string) bool {
	_, err := builtinGetAttr(o, name)
	return err == nil
}

// typeGetAttr is C.name: a descriptor of the metatype first (__name__, __mro__, __dict__ ...),
// then the class attribute along the MRO, bound as a class-level access.
// CPython: Objects/typeobject.c _Py_type_getattro_impl
func typeGetAttr(t *Type, name string) (Object, error) {
	switch name {
	case "__name__":
		_, short := t.splitName()
		return NewStr(short), nil
	case "__qualname__":
		if t.Qualname != "" {
			return NewStr(t.Qualname), nil
		}
		_, short := t.splitName()
		return NewStr(short), nil
	case "__module__":
		if t.Module != "" {
			return NewStr(t.Module), nil
		}
		module, _ := t.splitName()
		return NewStr(module), nil
	case "__mro__":
		mro := t.mro()
		items := make([]Object, len(mro))
		for i, b := range mro {
			items[i] = b
		}
		return NewTuple(items...), nil
	case "__bases__":
		bases := t.Bases
		if bases == nil && t.Base != nil {
			bases = []*Type{t.Base}
		}
		items := make([]Object, len(bases))
		for i, b := range bases {
			items[i] = b
		}
		return NewTuple(items...), nil
	case "__base__":
		if t.Base == nil {
			return None, nil
		}
		return t.Base, nil
	case "__dict__":
		return nil, &Unsupported{What: "a class's __dict__ (a mappingproxy)"}
	}
	meta := t.Type()
	var metaAttr Object
	if meta.IsHeap() {
		if m := meta.Lookup(name); m != nil {
			if _, builtin := m.(*SlotWrapper); !builtin {
				metaAttr = m
			}
		}
		if metaAttr != nil && isDataDescriptor(metaAttr) {
			return bindDescr(metaAttr, t, meta)
		}
	}
	if d := t.Lookup(name); d != nil {
		return bindDescr(d, nil, t)
	}
	if metaAttr != nil { // a method or attribute of the metaclass, bound to the class
		return bindDescr(metaAttr, t, meta)
	}
	return nil, NewException(AttributeErrorType, "type object '%s' has no attribute '%s'", t.Name, name)
}

// typeSetAttr is C.name = v on a class: the class's dict changes, so its version tag and its
// subclasses' are invalidated. Builtin types are immutable.
// CPython: Objects/typeobject.c type_setattro
func typeSetAttr(t *Type, name string, v Object) error {
	if meta := t.Type(); meta.IsHeap() {
		if hook, builtin := meta.Lookup("__setattr__").(*SlotWrapper); !builtin && hook == nil && meta.Lookup("__setattr__") != nil {
			return &Unsupported{What: "a metaclass's __setattr__"}
		}
		if d := meta.Lookup(name); d != nil && isDataDescriptor(d) {
			return &Unsupported{What: "a data descriptor of a metaclass"}
		}
	}
	if !t.IsHeap() {
		return typeErrorf("cannot set '%s' attribute of immutable type '%s'", name, t.Name)
	}
	switch name {
	case "__name__", "__qualname__", "__bases__", "__mro__", "__dict__", "__module__", "__class__":
		return &Unsupported{What: "assigning a class's " + name}
	}
	t.Modified()
	key := NewStr(name)
	if v == nil {
		if err := t.Dict.Del(key); err != nil {
			return NewException(AttributeErrorType, "type object '%s' has no attribute '%s'", t.Name, name)
		}
		return nil
	}
	return t.Dict.Set(key, v)
}

// functionSetAttr is f.name = v: the attributes CPython's functions let programs write.
func functionSetAttr(f *Function, name string, v Object) error {
	return &Unsupported{What: "setting the attribute " + name + " of a function"}
}

// builtinGetAttr is attribute access on the builtin types. Only the methods and attributes a
// test runtime needs are modelled; methods come back as bound builtins.
func builtinGetAttr(o Object, name string) (Object, error) {
	if a, ok := o.(Attributed); ok { // the VM's own objects (generators) answer for themselves
		if v, found, err := a.Attr(name); found || err != nil {
			return v, err
		}
	}
	var m *Builtin
	switch v := o.(type) {
	case *Str:
		m = strMethod(v, name)
	case *List:
		m = listMethod(v, name)
	case *Dict:
		m = dictMethod(v, name)
	case *Set:
		m = setMethod(v, name)
	case *Int, Bool:
		i, _ := toInt(v)
		if a, meth := intAttr(i, name); a != nil || meth != nil {
			if a != nil {
				return a, nil
			}
			m = meth
		}
	case *Float:
		if a, meth := floatAttr(v, name); a != nil || meth != nil {
			if a != nil {
				return a, nil
			}
			m = meth
		}
	case *Complex:
		if a := complexAttr(v, name); a != nil {
			return a, nil
		}
	case *Exception:
		switch {
		case name == "args":
			return NewTuple(append([]Object(nil), v.Args...)...), nil
		case name == "value" && IsSubtype(v.Class, StopIterationType):
			return StopIterationValue(v), nil
		case name == "__cause__":
			if v.Cause == nil {
				return None, nil
			}
			return v.Cause, nil
		case name == "__context__":
			if v.Context == nil {
				return None, nil
			}
			return v.Context, nil
		case name == "__suppress_context__":
			return Bool(v.SuppressContext), nil
		}
	case *Function:
		switch name {
		case "__get__":
			return functionGet(v), nil
		case "__name__":
			return NewStr(v.Name), nil
		case "__qualname__":
			return NewStr(v.Qualname), nil
		}
	case *Builtin:
		if name == "__name__" {
			return NewStr(v.Name), nil
		}
	case *Type:
		switch name {
		case "__name__", "__qualname__", "__module__":
			return typeGetAttr(v, name)
		}
		return nil, NewException(AttributeErrorType, "type object '%s' has no attribute '%s'", v.Name, name)
	}
	if m != nil {
		return m, nil
	}
	if it, ok := o.(Iterator); ok && (name == "__next__" || name == "__iter__") { // every iterator has both
		return bound(o, name, func(args []Object, kwnames []string) (Object, error) {
			if len(args) != 0 || len(kwnames) != 0 { // the method's name built for the error only
				return nil, noArgs(typeName(o)+"."+name, args, kwnames)
			}
			if name == "__iter__" {
				return it, nil
			}
			v, ok, err := it.Next()
			if err == nil && !ok {
				err = NewExceptionArgs(StopIterationType)
			}
			return v, err
		}), nil
	}
	return nil, NewException(AttributeErrorType, "'%s' object has no attribute '%s'", typeName(o), name)
}

// Attributed is an object of another package that has attributes of its own (a generator's
// send, throw and close): found reports whether it has name.
type Attributed interface {
	Object
	Attr(name string) (v Object, found bool, err error)
}

type methodFn = func(args []Object, kwnames []string) (Object, error)

func bound(self Object, name string, fn methodFn) *Builtin {
	return &Builtin{Name: name, Self: self, Fn: fn}
}

// boundNoArgs is the METH_NOARGS method typeName.name of self, answering fn().
func boundNoArgs(self Object, typeName, name string, fn func() Object) *Builtin {
	return bound(self, name, func(args []Object, kwnames []string) (Object, error) {
		if err := noArgs(typeName+"."+name, args, kwnames); err != nil {
			return nil, err
		}
		return fn(), nil
	})
}

// noArgs is the check of CPython's METH_NOARGS methods.
func noArgs(qualname string, args []Object, kwnames []string) error {
	if err := checkKw(qualname, kwnames); err != nil {
		return err
	}
	if len(args) != 0 {
		return typeErrorf("%s() takes no arguments (%d given)", qualname, len(args))
	}
	return nil
}

// positional collects positional arguments and named keyword arguments
// into one slice by parameter position (nil = not given), like argument
// clinic's parsing of "f(a, b=..., /)"-style signatures with keywords.
func positional(fname string, args []Object, kwnames []string, min int, params ...string) ([]Object, error) {
	if err := checkKw(fname, kwnames, params...); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	if err := argCount(fname, len(pos), min, len(params)); err != nil {
		return nil, err
	}
	out := make([]Object, len(params))
	copy(out, pos)
	for i, p := range params {
		if v, ok := kw[p]; ok {
			out[i] = v
		}
	}
	return out, nil
}

func strMethod(s *Str, name string) *Builtin {
	var fn methodFn
	switch name {
	case "join":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := oneArg("str.join", args, kwnames); err != nil {
				return nil, err
			}
			items, err := iterToSlice(args[0])
			if err != nil {
				return nil, err
			}
			parts := make([]string, len(items))
			for i, it := range items {
				p, ok := it.(*Str)
				if !ok {
					return nil, typeErrorf("sequence item %d: expected str instance, %s found", i, typeName(it))
				}
				parts[i] = p.S
			}
			return NewStr(strings.Join(parts, s.S)), nil
		}
	case "upper", "lower":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := noArgs("str."+name, args, kwnames); err != nil {
				return nil, err
			}
			// Go applies simple case mappings only: 'ß'.upper() stays 'ß'
			// here while Python gives 'SS'.
			if name == "upper" {
				return NewStr(strings.ToUpper(s.S)), nil
			}
			return NewStr(strings.ToLower(s.S)), nil
		}
	case "split":
		fn = func(args []Object, kwnames []string) (Object, error) {
			a, err := positional("split", args, kwnames, 0, "sep", "maxsplit")
			if err != nil {
				return nil, err
			}
			maxsplit := int64(-1)
			if a[1] != nil {
				n, err := indexArg(a[1])
				if err != nil {
					return nil, err
				}
				if v, ok := n.Int64(); ok && v >= 0 && v < 1<<31 {
					maxsplit = v
				}
			}
			if a[0] == nil || a[0] == None {
				return NewList(strSplitWhitespace(s.S, int(maxsplit))...), nil
			}
			sep, ok := a[0].(*Str)
			if !ok {
				return nil, typeErrorf("must be str or None, not %s", typeName(a[0]))
			}
			if sep.S == "" {
				return nil, valueErrorf("empty separator")
			}
			return NewList(strSplit(s.S, sep.S, int(maxsplit))...), nil
		}
	case "strip", "lstrip", "rstrip":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := checkKw(name, kwnames); err != nil {
				return nil, err
			}
			if err := argCount(name, len(args), 0, 1); err != nil {
				return nil, err
			}
			var chars *string
			if len(args) == 1 && args[0] != None {
				c, ok := args[0].(*Str)
				if !ok {
					return nil, typeErrorf("%s arg must be None or str", name)
				}
				chars = &c.S
			}
			return NewStr(strStrip(s.S, chars, name != "rstrip", name != "lstrip")), nil
		}
	case "replace":
		fn = func(args []Object, kwnames []string) (Object, error) {
			a, err := positional("replace", args, kwnames, 2, "old", "new", "count")
			if err != nil {
				return nil, err
			}
			old, err := strArg(a[0], "replace", 1)
			if err != nil {
				return nil, err
			}
			repl, err := strArg(a[1], "replace", 2)
			if err != nil {
				return nil, err
			}
			count := -1
			if a[2] != nil {
				n, err := indexArg(a[2])
				if err != nil {
					return nil, err
				}
				if v, ok := n.Int64(); ok && v >= 0 && v < 1<<31 {
					count = int(v)
				}
			}
			return NewStr(strings.Replace(s.S, old, repl, count)), nil
		}
	case "startswith", "endswith":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := checkKw(name, kwnames); err != nil {
				return nil, err
			}
			if err := argCount(name, len(args), 1, 3); err != nil {
				return nil, err
			}
			sub, ok := strRange(s, args[1:])
			if !ok {
				return False, nil
			}
			var cands []Object
			switch p := args[0].(type) {
			case *Str:
				cands = []Object{p}
			case *Tuple:
				cands = p.Items
			default:
				return nil, typeErrorf("%s first arg must be str or a tuple of str, not %s", name, typeName(args[0]))
			}
			for _, c := range cands {
				cs, ok := c.(*Str)
				if !ok {
					return nil, typeErrorf("tuple for %s must only contain str, not %s", name, typeName(c))
				}
				if (name == "startswith" && strings.HasPrefix(sub, cs.S)) || (name == "endswith" && strings.HasSuffix(sub, cs.S)) {
					return True, nil
				}
			}
			return False, nil
		}
	}
	if fn == nil {
		return nil
	}
	return bound(s, name, fn)
}

// strRange applies the optional start/end arguments of startswith and
// endswith (slice-style, by code point). ok is false when start lies
// beyond the end of the string, where CPython answers False outright.
func strRange(s *Str, bounds []Object) (string, bool) {
	n := s.Len()
	start, end := 0, n
	adjust := func(o Object, v *int) {
		if o == nil || o == None {
			return
		}
		i, ok := toInt(o)
		if !ok {
			return
		}
		x, err := sliceValue(i, 0)
		if err != nil {
			return
		}
		if x < 0 {
			x += int64(n)
			if x < 0 {
				x = 0
			}
		}
		if x > int64(n)+1 {
			x = int64(n) + 1
		}
		*v = int(x)
	}
	if len(bounds) > 0 {
		adjust(bounds[0], &start)
	}
	if len(bounds) > 1 {
		adjust(bounds[1], &end)
	}
	if end > n {
		end = n
	}
	if start > n || end < start {
		return "", false
	}
	return s.substr(start, end), true
}

func listMethod(l *List, name string) *Builtin {
	var fn methodFn
	switch name {
	case "append":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := oneArg("list.append", args, kwnames); err != nil {
				return nil, err
			}
			l.Items = append(l.Items, args[0])
			return None, nil
		}
	case "extend":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := oneArg("list.extend", args, kwnames); err != nil {
				return nil, err
			}
			items, err := iterToSlice(args[0]) // a copy, so l.extend(l) works
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, items...)
			return None, nil
		}
	case "pop":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := checkKw("pop", kwnames); err != nil {
				return nil, err
			}
			if err := argCount("pop", len(args), 0, 1); err != nil {
				return nil, err
			}
			if len(l.Items) == 0 {
				return nil, indexErrorf("pop from empty list")
			}
			i := NewInt(-1)
			if len(args) == 1 {
				var err error
				if i, err = indexArg(args[0]); err != nil {
					return nil, err
				}
			}
			idx, in, err := index(i, len(l.Items))
			if err != nil {
				return nil, err
			}
			if !in {
				return nil, indexErrorf("pop index out of range")
			}
			v := l.Items[idx]
			l.removeAt(idx)
			return v, nil
		}
	case "insert":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := checkKw("insert", kwnames); err != nil {
				return nil, err
			}
			if err := argCount("insert", len(args), 2, 2); err != nil {
				return nil, err
			}
			i, err := indexArg(args[0])
			if err != nil {
				return nil, err
			}
			// Out-of-range positions clamp to the ends.
			n := int64(len(l.Items))
			pos, _ := sliceValue(i, 0)
			if pos < 0 {
				pos = max(pos+n, 0)
			}
			pos = min(pos, n)
			l.insertAt(int(pos), args[1])
			return None, nil
		}
	case "sort":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := checkKw("sort", kwnames, "key", "reverse"); err != nil {
				return nil, err
			}
			pos, kw := splitArgs(args, kwnames)
			if len(pos) > 0 {
				return nil, typeErrorf("sort() takes no positional arguments")
			}
			return None, sortKw(l.Items, kw)
		}
	case "index", "count", "remove":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if name != "index" {
				if err := oneArg("list."+name, args, kwnames); err != nil {
					return nil, err
				}
			} else if err := checkKw(name, kwnames); err != nil {
				return nil, err
			} else if err := argCount(name, len(args), 1, 3); err != nil {
				return nil, err
			}
			start, stop, err := listSearchRange(l, args[1:])
			if err != nil {
				return nil, err
			}
			count := 0
			for i := start; i < stop && i < len(l.Items); i++ {
				eq, err := eqItem(l.Items[i], args[0])
				if err != nil {
					return nil, err
				}
				if !eq {
					continue
				}
				switch name {
				case "index":
					return NewInt(int64(i)), nil
				case "remove":
					l.removeAt(i)
					return None, nil
				}
				count++
			}
			if name == "count" {
				return NewInt(int64(count)), nil
			}
			return nil, valueErrorf("list.%s(x): x not in list", name)
		}
	case "reverse", "copy", "clear":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := noArgs("list."+name, args, kwnames); err != nil {
				return nil, err
			}
			switch name {
			case "reverse":
				for i, j := 0, len(l.Items)-1; i < j; i, j = i+1, j-1 {
					l.Items[i], l.Items[j] = l.Items[j], l.Items[i]
				}
			case "copy":
				return NewList(append([]Object(nil), l.Items...)...), nil
			case "clear":
				l.Items = nil
			}
			return None, nil
		}
	}
	if fn == nil {
		return nil
	}
	return bound(l, name, fn)
}

// listSearchRange resolves list.index's optional start and stop.
func listSearchRange(l *List, bounds []Object) (int, int, error) {
	n := int64(len(l.Items))
	vals := []int64{0, n}
	for i, b := range bounds {
		idx, err := indexArg(b)
		if err != nil {
			return 0, 0, err
		}
		v, _ := sliceValue(idx, 0)
		if v < 0 {
			v = max(v+n, 0)
		}
		vals[i] = min(v, n)
	}
	return int(vals[0]), int(vals[1]), nil
}

// dictMethod returns dict methods. keys(), values() and items() return
// lists rather than live view objects: enough for iteration, len() and
// `in`, but views' set operations and live updates are not modelled.
func dictMethod(d *Dict, name string) *Builtin {
	var fn methodFn
	switch name {
	case "get", "setdefault":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := checkKw(name, kwnames); err != nil {
				return nil, err
			}
			if err := argCount(name, len(args), 1, 2); err != nil {
				return nil, err
			}
			v, ok, err := d.Get(args[0])
			if err != nil || ok {
				return v, err
			}
			var dflt Object = None
			if len(args) == 2 {
				dflt = args[1]
			}
			if name == "setdefault" {
				if err := d.Set(args[0], dflt); err != nil {
					return nil, err
				}
			}
			return dflt, nil
		}
	case "pop":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := checkKw(name, kwnames); err != nil {
				return nil, err
			}
			if err := argCount(name, len(args), 1, 2); err != nil {
				return nil, err
			}
			// An empty dict answers without hashing the key, like CPython
			// ({}.pop([]) is a KeyError, not a TypeError).
			var v Object
			ok := false
			if d.used > 0 {
				var err error
				if v, ok, err = d.Get(args[0]); err != nil {
					return nil, err
				}
			}
			if ok {
				return v, d.Del(args[0])
			}
			if len(args) == 2 {
				return args[1], nil
			}
			return nil, keyError(args[0])
		}
	case "keys", "values", "items", "copy", "clear":
		fn = func(args []Object, kwnames []string) (Object, error) {
			if err := noArgs("dict."+name, args, kwnames); err != nil {
				return nil, err
			}
			switch name {
			case "keys":
				return &DictView{d, viewKeys}, nil
			case "values":
				return &DictView{d, viewValues}, nil
			case "items":
				return &DictView{d, viewItems}, nil
			case "copy":
				return d.Copy(), nil
			}
			*d = *NewDict()
			return None, nil
		}
	case "update":
		fn = func(args []Object, kwnames []string) (Object, error) {
			pos, _ := splitArgs(args, kwnames)
			if err := argCount("update", len(pos), 0, 1); err != nil {
				return nil, err
			}
			if len(pos) == 1 {
				if err := d.update(pos[0]); err != nil {
					return nil, err
				}
			}
			for i, k := range kwnames {
				if err := d.Set(NewStr(k), args[len(pos)+i]); err != nil {
					return nil, err
				}
			}
			return None, nil
		}
	}
	if fn == nil {
		return nil
	}
	return bound(d, name, fn)
}
