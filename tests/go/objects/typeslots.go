package objects

// The special methods of classes as the generic operations call them: CPython fills a class's
// type slots (nb_add, tp_richcompare, sq_length, ...) with functions that look the dunder up on
// the type and call it; here each generic operation asks isClassObject first and goes through
// these functions.
// CPython: Objects/typeobject.c (slotdefs, SLOT1BINFULL, slot_tp_richcompare, slot_tp_hash, ...)

// binaryNames are the dunder stems of the NB_* binary operators.
var binaryNames = [...]string{"add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub", "truediv", "xor"}

// isClassObject reports an object of a class (a heap type): its operations are special methods.
func isClassObject(o Object) bool { return o.Type().Flags&TPFlagsHeapType != 0 }

// classMethod is the special method name of o's class, nil when the class does not define it
// (or inherits the builtin default, which the caller then runs itself).
// CPython: Objects/typeobject.c lookup_maybe_method
func classMethod(o Object, name string) Object {
	t := o.Type()
	if t.Flags&TPFlagsHeapType == 0 {
		return nil
	}
	d := t.Lookup(name)
	if _, builtin := d.(*SlotWrapper); builtin {
		return nil
	}
	return d
}

// callSpecial calls o's class's special method name with args; handled is false when the class
// does not define it.
// CPython: Objects/typeobject.c vectorcall_method
func callSpecial(o Object, name string, args ...Object) (r Object, handled bool, err error) {
	d := classMethod(o, name)
	if d == nil {
		return nil, false, nil
	}
	fn, err := bindDescr(d, o, o.Type())
	if err != nil {
		return nil, true, err
	}
	r, err = Call(fn, args, nil)
	return r, true, err
}

// binarySpecial is a binary operator with a class operand: a.__op__(b), then b.__rop__(a), the
// reflected one first when b's class is a subclass of a's that overrides it; in-place operators
// try a.__iop__(b) before both. handled is false when every method said NotImplemented (or none
// exists), and the builtin operation decides.
// CPython: Objects/abstract.c binary_op1, binary_iop1; Objects/typeobject.c SLOT1BINFULL
func binarySpecial(a, b Object, op int, inplace bool) (Object, bool, error) {
	stem := binaryNames[op]
	reflected := "__r" + stem + "__"
	if inplace {
		if r, done, err := trySpecial(a, "__i"+stem+"__", b); done {
			return r, true, err
		}
	}
	ta, tb := a.Type(), b.Type()
	rb := classMethod(b, reflected)
	reflectedFirst := ta != tb && IsSubtype(tb, ta) && rb != nil && rb != classMethod(a, reflected)
	if reflectedFirst {
		if r, done, err := trySpecial(b, reflected, a); done {
			return r, true, err
		}
	}
	if r, done, err := trySpecial(a, "__"+stem+"__", b); done {
		return r, true, err
	}
	if ta != tb && !reflectedFirst {
		if r, done, err := trySpecial(b, reflected, a); done {
			return r, true, err
		}
	}
	return nil, false, nil
}

// trySpecial calls o's class's special method name with arg: done when the class defines it and
// it answered (raised, or returned something other than NotImplemented).
func trySpecial(o Object, name string, arg Object) (Object, bool, error) {
	r, ok, err := callSpecial(o, name, arg)
	return r, ok && (err != nil || r != Object(NotImplemented)), err
}

// neFromEq is object.__ne__ for x of a class without __ne__: the inverse of its __eq__, done
// when that answered.
func neFromEq(x, y Object) (Object, bool, error) {
	if !isClassObject(x) || classMethod(x, "__ne__") != nil {
		return nil, false, nil
	}
	r, done, err := trySpecial(x, "__eq__", y)
	if !done || err != nil {
		return nil, done, err
	}
	t, err := Truthy(r)
	return Bool(!t), true, err
}

// compareNames are the rich comparison methods by Py_LT ... Py_GE, and their reflections.
var (
	compareNames   = [...]string{"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"}
	compareSwapped = [...]int{GT, GE, EQ, NE, LT, LE}
)

// richCompareSpecial is a comparison with a class operand: the reflected method first when b's
// class is a proper subclass of a's, then a's, then b's reflected; == and != fall back to
// identity (and != to the inverse of a class's __eq__), the orderings to TypeError.
// CPython: Objects/object.c do_richcompare, Objects/typeobject.c object_richcompare
func richCompareSpecial(a, b Object, op int) (Object, bool, error) {
	ta, tb := a.Type(), b.Type()
	reflected := compareNames[compareSwapped[op]]
	checkedReverse := ta != tb && IsSubtype(tb, ta) && classMethod(b, reflected) != nil
	if checkedReverse {
		if r, done, err := trySpecial(b, reflected, a); done {
			return r, true, err
		}
	}
	if r, done, err := trySpecial(a, compareNames[op], b); done {
		return r, true, err
	}
	if op == NE {
		if r, done, err := neFromEq(a, b); done {
			return r, true, err
		}
	}
	if !checkedReverse {
		if r, done, err := trySpecial(b, reflected, a); done {
			return r, true, err
		}
		if op == NE {
			if r, done, err := neFromEq(b, a); done {
				return r, true, err
			}
		}
	}
	if !isClassObject(a) && !isClassObject(b) {
		return nil, false, nil
	}
	switch op {
	case EQ:
		return Bool(Is(a, b)), true, nil
	case NE:
		return Bool(!Is(a, b)), true, nil
	}
	return nil, true, typeErrorf("'%s' not supported between instances of '%s' and '%s'",
		compareSymbols[op], typeName(a), typeName(b))
}

// classHash is hash(o) for an object of a class: __hash__ if the class defines it (None makes
// it unhashable), else the identity hash.
// CPython: Objects/typeobject.c slot_tp_hash
func classHash(o Object) (int64, error) {
	d := o.Type().Lookup("__hash__")
	if d == Object(None) {
		return 0, typeErrorf("unhashable type: '%s'", typeName(o))
	}
	r, ok, err := callSpecial(o, "__hash__")
	if err != nil {
		return 0, err
	}
	if !ok {
		return identityHash(o), nil
	}
	i, isInt := toInt(r)
	if !isInt {
		return 0, typeErrorf("__hash__ method should return an integer")
	}
	h := intHash(i)
	if h == -1 {
		h = -2
	}
	return h, nil
}

// classIndex is an integer from an object's __index__ (PyNumber_Index), ok false if it has none.
func classIndex(o Object) (*Int, bool, error) {
	r, ok, err := callSpecial(o, "__index__")
	if !ok || err != nil {
		return nil, ok, err
	}
	i, isInt := r.(*Int)
	if !isInt {
		return nil, true, typeErrorf("__index__ returned non-int (type %s)", typeName(r))
	}
	return i, true, nil
}

// classLen is len(o) through __len__.
// CPython: Objects/typeobject.c slot_sq_length
func classLen(o Object) (int, bool, error) {
	r, ok, err := callSpecial(o, "__len__")
	if !ok || err != nil {
		return 0, ok, err
	}
	i, isInt := toInt(r)
	if !isInt {
		return 0, true, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(r))
	}
	if i.Sign() < 0 {
		return 0, true, valueErrorf("__len__() should return >= 0")
	}
	n, small := i.Int64()
	if !small {
		return 0, true, overflowErrorf("cannot fit 'int' into an index-sized integer")
	}
	return int(n), true, nil
}

// classBool is the truth of o: __bool__, else __len__, else true.
// CPython: Objects/typeobject.c slot_nb_bool
func classBool(o Object) (bool, error) {
	if r, ok, err := callSpecial(o, "__bool__"); ok {
		if err != nil {
			return false, err
		}
		b, isBool := r.(Bool)
		if !isBool {
			return false, typeErrorf("__bool__ should return bool, returned %s", typeName(r))
		}
		return bool(b), nil
	}
	if n, ok, err := classLen(o); ok {
		return n != 0, err
	}
	return true, nil
}

// classIter is iter(o) through __iter__, or the sequence protocol over __getitem__.
// CPython: Objects/typeobject.c slot_tp_iter
func classIter(o Object) (Object, error) {
	if d := o.Type().Lookup("__iter__"); d == Object(None) {
		return nil, typeErrorf("'%s' object is not iterable", typeName(o))
	}
	r, ok, err := callSpecial(o, "__iter__")
	if ok {
		if err != nil {
			return nil, err
		}
		if !isIterator(r) {
			return nil, typeErrorf("iter() returned non-iterator of type '%s'", typeName(r))
		}
		return r, nil
	}
	if classMethod(o, "__getitem__") != nil {
		return &seqIter{seq: o}, nil
	}
	return nil, typeErrorf("'%s' object is not iterable", typeName(o))
}

// isIterator reports an object with __next__.
func isIterator(o Object) bool {
	if _, ok := o.(Iterator); ok {
		return true
	}
	return classMethod(o, "__next__") != nil
}

// classNext is next(o) through __next__: ok false when it raised StopIteration.
// CPython: Objects/typeobject.c slot_tp_iternext
func classNext(o Object) (Object, bool, error) {
	r, ok, err := callSpecial(o, "__next__")
	if !ok {
		return nil, false, typeErrorf("'%s' object is not an iterator", typeName(o))
	}
	if x, isExc := err.(*Exception); isExc && IsSubtype(x.Class, StopIterationType) {
		return nil, false, nil
	}
	return r, err == nil, err
}

// seqIter iterates an object of a class with __getitem__ and no __iter__: o[0], o[1], ... until
// IndexError.
// CPython: Objects/iterobject.c seqiter_next
type seqIter struct {
	seq  Object
	i    int64
	done bool
}

var seqIterType = &Type{Name: "iterator", Base: ObjectType}

func (*seqIter) Type() *Type { return seqIterType }

func (it *seqIter) Next() (Object, bool, error) {
	if it.done {
		return nil, false, nil
	}
	v, err := GetItem(it.seq, NewInt(it.i))
	if x, isExc := err.(*Exception); isExc && (IsSubtype(x.Class, IndexErrorType) || IsSubtype(x.Class, StopIterationType)) {
		it.done = true
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	it.i++
	return v, true, nil
}

// classStr is str(o) or repr(o) through __str__ / __repr__ (str falls back to repr).
// CPython: Objects/typeobject.c slot_tp_repr, slot_tp_str
func classStr(o Object, name string) (string, bool, error) {
	r, ok, err := callSpecial(o, name)
	if !ok && name == "__str__" {
		r, ok, err = callSpecial(o, "__repr__")
		name = "__repr__"
	}
	if !ok || err != nil {
		return "", ok, err
	}
	s, isStr := r.(*Str)
	if !isStr {
		return "", true, typeErrorf("%s returned non-string (type %s)", name, typeName(r))
	}
	return s.S, true, nil
}

// classUnary is -o, +o, ~o or abs(o) through __neg__, __pos__, __invert__, __abs__.
func classUnary(o Object, name string) (Object, bool, error) { return callSpecial(o, name) }

// isIterable reports an object of a class with __iter__ or __getitem__.
func isIterable(o Object) bool {
	return classMethod(o, "__iter__") != nil || classMethod(o, "__getitem__") != nil
}

// classFloat is float(o) through __float__, or __index__.
// CPython: Objects/abstract.c PyNumber_Float
func classFloat(o Object) (*Float, bool, error) {
	if r, ok, err := callSpecial(o, "__float__"); ok {
		if err != nil {
			return nil, true, err
		}
		f, isFloat := r.(*Float)
		if !isFloat {
			return nil, true, typeErrorf("%s.__float__ returned non-float (type %s)", typeName(o), typeName(r))
		}
		return f, true, nil
	}
	if i, ok, err := classIndex(o); ok {
		if err != nil {
			return nil, true, err
		}
		f, err := intToFloat(i)
		return NewFloat(f), true, err
	}
	return nil, false, nil
}
