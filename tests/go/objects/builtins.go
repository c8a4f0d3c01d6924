package objects

import (
	"io"
	"math"
	"math/big"
	"os"
	"slices"
	"sort"
	"strings"
)

// unicodeMax is the largest code point, sys.maxunicode.
const unicodeMax = 0x10FFFF

// stdout is where print writes.
var stdout io.Writer = os.Stdout

// SetStdout redirects print (tests capture output this way); nil restores
// os.Stdout.
func SetStdout(w io.Writer) {
	if w == nil {
		w = os.Stdout
	}
	stdout = w
}

// Builtins returns a fresh builtins namespace: the functions, the callable
// types (int, str, range, ...) and the exception classes.
func Builtins() *Dict {
	d := NewDict()
	add := func(name string, o Object) { _ = d.Set(NewStr(name), o) }
	funcs := []struct {
		name string
		fn   func([]Object, []string) (Object, error)
	}{
		{"abs", builtinAbs}, {"all", builtinAll}, {"any", builtinAny},
		{"ascii", builtinASCII}, {"bin", intFormatter("bin", 2, "0b")},
		{"callable", builtinCallable}, {"chr", builtinChr},
		{"divmod", builtinDivmod}, {"format", builtinFormat},
		{"hash", builtinHash}, {"hex", intFormatter("hex", 16, "0x")},
		{"isinstance", builtinIsinstance}, {"iter", builtinIter},
		{"len", builtinLen}, {"max", minMax("max", GT)}, {"min", minMax("min", LT)},
		{"next", builtinNext}, {"oct", intFormatter("oct", 8, "0o")},
		{"ord", builtinOrd}, {"pow", builtinPow}, {"print", builtinPrint},
		{"repr", builtinRepr}, {"round", builtinRound}, {"sorted", builtinSorted},
		{"sum", builtinSum}, {"getattr", builtinGetattr}, {"hasattr", builtinHasattr},
		{"setattr", builtinSetattr}, {"delattr", builtinDelattr}, {"issubclass", builtinIssubclass},
		{"vars", builtinVars},
	}
	for _, f := range funcs {
		add(f.name, &Builtin{Name: f.name, Fn: f.fn})
	}
	for _, t := range []*Type{
		BoolType, BytesType, ComplexType, DictType, EnumerateType, FilterType,
		FloatType, FrozenSetType, IntType, ListType, MapType, ObjectType,
		RangeType, ReversedType, SetType, SliceType, StrType, TupleType,
		TypeType, ZipType, PropertyType, StaticMethodType, ClassMethodType, SuperType,
	} {
		add(t.Name, t)
	}
	add("Ellipsis", Ellipsis)
	add("NotImplemented", NotImplemented)
	for _, t := range exceptionTypes {
		add(t.Name, t)
	}
	return d
}

// Calling a type object constructs an instance. Set in init because these
// functions mention the type variables themselves.
func init() {
	IntType.New = intNew
	BoolType.New = boolNew
	FloatType.New = floatNew
	StrType.New = strNew
	ListType.New = listNew
	TupleType.New = tupleNew
	DictType.New = dictNew
	SetType.New = setNew
	FrozenSetType.New = frozensetNew
	BytesType.New = bytesNew
	ComplexType.New = complexNew
	RangeType.New = rangeNew
	SliceType.New = sliceNew
	TypeType.New = typeNew
	EnumerateType.New = enumerateNew
	ZipType.New = zipNew
	MapType.New = mapNew
	FilterType.New = filterNew
	ReversedType.New = reversedNew
}

// ---- argument helpers ----

// splitArgs separates vectorcall arguments into positional values and a
// keyword map.
func splitArgs(args []Object, kwnames []string) ([]Object, map[string]Object) {
	n := len(args) - len(kwnames)
	kw := make(map[string]Object, len(kwnames))
	for i, name := range kwnames {
		kw[name] = args[n+i]
	}
	return args[:n], kw
}

// checkKw rejects keyword arguments the function does not take.
func checkKw(fname string, kwnames []string, allowed ...string) error {
	for _, name := range kwnames {
		if !slices.Contains(allowed, name) {
			if len(allowed) == 0 {
				return typeErrorf("%s() takes no keyword arguments", fname)
			}
			return typeErrorf("%s() got an unexpected keyword argument '%s'", fname, name)
		}
	}
	return nil
}

// oneArg is the check of CPython's METH_O functions.
func oneArg(fname string, args []Object, kwnames []string) error {
	if err := checkKw(fname, kwnames); err != nil {
		return err
	}
	if len(args) != 1 {
		return typeErrorf("%s() takes exactly one argument (%d given)", fname, len(args))
	}
	return nil
}

// plural is the "s" of a count's noun: "1 argument", "2 arguments".
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// argCount is the "f expected N arguments, got M" check.
func argCount(fname string, n, lo, hi int) error {
	switch {
	case lo == hi && n != lo:
		return typeErrorf("%s expected %d argument%s, got %d", fname, lo, plural(lo), n)
	case n < lo:
		return typeErrorf("%s expected at least %d argument%s, got %d", fname, lo, plural(lo), n)
	case n > hi:
		return typeErrorf("%s expected at most %d argument%s, got %d", fname, hi, plural(hi), n)
	}
	return nil
}

// clinicArgs binds a call's arguments to params as the parsers Argument Clinic generates do:
// the first maxPos parameters may come by position, the rest are keyword-only, the first
// required ones must be given. The result has nil for a parameter not given.
// CPython: Python/getargs.c _PyArg_UnpackKeywords, error_unexpected_keyword_arg
func clinicArgs(fname string, args []Object, kwnames []string, params []string, required, maxPos int) ([]Object, error) {
	atMost := func(limit int) string {
		if required < limit {
			return "at most"
		}
		return "exactly"
	}
	npos := len(args) - len(kwnames)
	if len(args) > len(params) {
		return nil, typeErrorf("%s() takes %s %d argument%s (%d given)", fname, atMost(len(params)), len(params), plural(len(params)), len(args))
	}
	if npos > maxPos {
		return nil, typeErrorf("%s() takes %s %d positional argument%s (%d given)", fname, atMost(maxPos), maxPos, plural(maxPos), npos)
	}
	out := make([]Object, len(params))
	used := make([]bool, len(kwnames))
	for i, p := range params {
		if i < npos {
			out[i] = args[i]
			continue
		}
		for j, k := range kwnames {
			if k == p {
				out[i], used[j] = args[npos+j], true
				break
			}
		}
		if out[i] == nil && i < required {
			return nil, typeErrorf("%s() missing required argument '%s' (pos %d)", fname, p, i+1)
		}
	}
	for j, k := range kwnames {
		if used[j] {
			continue
		}
		for i, p := range params {
			if p == k && i < npos {
				return nil, typeErrorf("argument for %s() given by name ('%s') and position (%d)", fname, k, i+1)
			}
		}
		if s := Suggestion(params, k); s != "" {
			return nil, typeErrorf("%s() got an unexpected keyword argument '%s'. Did you mean '%s'?", fname, k, s)
		}
		return nil, typeErrorf("%s() got an unexpected keyword argument '%s'", fname, k)
	}
	return out, nil
}

// indexArg accepts an int (or bool) where CPython calls __index__.
func indexArg(o Object) (*Int, error) {
	if i, ok := toInt(o); ok {
		return i, nil
	}
	return nil, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(o))
}

// ---- constructors (calling the types) ----

func intNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("int", kwnames, "base"); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	if len(pos) > 2 {
		return nil, typeErrorf("int() takes at most 2 arguments (%d given)", len(pos))
	}
	base, hasBase := kw["base"]
	if len(pos) == 2 {
		base, hasBase = pos[1], true
	}
	if len(pos) == 0 {
		if hasBase {
			return nil, typeErrorf("int() missing string argument")
		}
		return NewInt(0), nil
	}
	x := pos[0]
	if hasBase {
		s, ok := x.(*Str)
		if !ok {
			return nil, typeErrorf("int() can't convert non-string with explicit base")
		}
		b, err := indexArg(base)
		if err != nil {
			return nil, err
		}
		bv, ok := b.Int64()
		if !ok || bv < math.MinInt32 || bv > math.MaxInt32 {
			bv = -1 // reported as an invalid base
		}
		return IntFromString(s.S, int(bv))
	}
	switch v := x.(type) {
	case *Int:
		return v, nil
	case Bool:
		i, _ := toInt(v)
		return i, nil
	case *Float:
		return floatToInt(v.V)
	case *Str:
		return IntFromString(v.S, 10)
	}
	for _, name := range []string{"__int__", "__index__", "__trunc__"} {
		if r, ok, err := callSpecial(x, name); ok {
			if err == nil {
				if _, isInt := toInt(r); !isInt {
					return nil, typeErrorf("%s returned non-int (type %s)", name, typeName(r))
				}
			}
			return r, err
		}
	}
	return nil, typeErrorf("int() argument must be a string, a bytes-like object or a real number, not '%s'", typeName(x))
}

// floatToInt truncates toward zero, as int(float) does.
func floatToInt(f float64) (Object, error) {
	switch {
	case math.IsNaN(f):
		return nil, valueErrorf("cannot convert float NaN to integer")
	case math.IsInf(f, 0):
		return nil, overflowErrorf("cannot convert float infinity to integer")
	}
	t := math.Trunc(f)
	if t >= -(1<<63) && t < 1<<63 {
		return NewInt(int64(t)), nil
	}
	b, _ := big.NewFloat(t).Int(nil)
	return NewIntFromBig(b), nil
}

func floatNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("float", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("float", len(args), 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return NewFloat(0), nil
	}
	switch v := args[0].(type) {
	case *Float:
		return v, nil
	case *Str:
		f, err := FloatFromString(v.S)
		if err != nil {
			return nil, err
		}
		return NewFloat(f), nil
	case *Int, Bool:
		f, err := toFloat(v)
		if err != nil {
			return nil, err
		}
		return NewFloat(f), nil
	}
	if f, ok, err := classFloat(args[0]); ok {
		return f, err
	}
	return nil, typeErrorf("float() argument must be a string or a real number, not '%s'", typeName(args[0]))
}

func strNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("str", kwnames, "object"); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	if o, ok := kw["object"]; ok {
		pos = append(pos, o)
	}
	switch len(pos) {
	case 0:
		return NewStr(""), nil
	case 1:
		if s, ok := pos[0].(*Str); ok {
			return s, nil
		}
		s, err := StrOf(pos[0])
		if err != nil {
			return nil, err
		}
		return NewStr(s), nil
	}
	return nil, typeErrorf("str() with an encoding is not supported (decoding bytes is not modelled)")
}

func boolNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("bool", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("bool", len(args), 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return False, nil
	}
	t, err := Truthy(args[0])
	return Bool(t), err
}

func listNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("list", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("list", len(args), 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return NewList(), nil
	}
	items, err := iterToSlice(args[0])
	if err != nil {
		return nil, err
	}
	return NewList(items...), nil
}

func tupleNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("tuple", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("tuple", len(args), 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return NewTuple(), nil
	}
	if t, ok := args[0].(*Tuple); ok {
		return t, nil // tuples are immutable: tuple(t) is t
	}
	items, err := iterToSlice(args[0])
	if err != nil {
		return nil, err
	}
	return NewTuple(items...), nil
}

func dictNew(args []Object, kwnames []string) (Object, error) {
	pos, _ := splitArgs(args, kwnames)
	if err := argCount("dict", len(pos), 0, 1); err != nil {
		return nil, err
	}
	d := NewDict()
	if len(pos) == 1 {
		if err := d.update(pos[0]); err != nil {
			return nil, err
		}
	}
	for i, name := range kwnames {
		if err := d.Set(NewStr(name), args[len(pos)+i]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// setNew is set(iterable=(), /).
func setNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("set", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("set", len(args), 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return orNil(NewSet(nil))
	}
	return orNil(NewSet(args[0]))
}

// frozensetNew is frozenset(iterable=(), /); frozenset(f) of a frozenset f is f.
func frozensetNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("frozenset", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("frozenset", len(args), 0, 1); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		return orNil(NewFrozenSet(nil))
	}
	if f, ok := args[0].(*Set); ok && f.frozen {
		return f, nil
	}
	return orNil(NewFrozenSet(args[0]))
}

// bytesNew is bytes(), bytes(n) (n zero bytes), bytes(iterable of ints), bytes(bytes) and
// bytes(str, encoding) for the UTF-8 and ASCII encodings.
func bytesNew(args []Object, kwnames []string) (Object, error) {
	a, err := positional("bytes", args, kwnames, 0, "source", "encoding", "errors")
	if err != nil {
		return nil, err
	}
	src, enc := a[0], a[1]
	if s, ok := src.(*Str); ok {
		if enc == nil {
			return nil, typeErrorf("string argument without an encoding")
		}
		e, ok := enc.(*Str)
		if !ok {
			return nil, typeErrorf("bytes() argument 'encoding' must be str, not %s", typeName(enc))
		}
		switch strings.ReplaceAll(strings.ToLower(e.S), "_", "-") {
		case "utf-8", "utf8":
			return &Bytes{V: s.S}, nil
		case "ascii":
			for i := 0; i < len(s.S); i++ {
				if s.S[i] >= 0x80 {
					return nil, typeErrorf("bytes(): encoding non-ASCII text as 'ascii' is not supported here (UnicodeEncodeError is not modelled)")
				}
			}
			return &Bytes{V: s.S}, nil
		}
		return nil, typeErrorf("bytes(): only the utf-8 and ascii encodings are supported here, not %s", quoteStr(e.S, false))
	}
	switch {
	case enc != nil:
		return nil, typeErrorf("encoding without a string argument")
	case a[2] != nil:
		return nil, typeErrorf("errors without a string argument")
	case src == nil:
		return &Bytes{}, nil
	}
	switch v := src.(type) {
	case *Bytes:
		return v, nil
	case *Int, Bool:
		n, _ := toInt(v)
		c, ok := n.Int64()
		switch {
		case n.Sign() < 0:
			return nil, valueErrorf("negative count")
		case !ok || c > maxResultBits:
			return nil, overflowErrorf("cannot fit 'int' into an index-sized integer")
		}
		return NewBytes(make([]byte, c)), nil
	}
	if _, err := GetIter(src); err != nil {
		return nil, typeErrorf("cannot convert '%s' object to bytes", typeName(src))
	}
	var out []byte
	err = forEach(src, func(item Object) (bool, error) {
		i, err := indexArg(item)
		if err != nil {
			return true, err
		}
		v, ok := i.Int64()
		if !ok || v < 0 || v > 255 {
			return true, valueErrorf("bytes must be in range(0, 256)")
		}
		out = append(out, byte(v))
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return NewBytes(out), nil
}

// complexNew is complex(real=0, imag=0) and complex(string), with 3.14's messages.
func complexNew(args []Object, kwnames []string) (Object, error) {
	a, err := positional("complex", args, kwnames, 0, "real", "imag")
	if err != nil {
		return nil, err
	}
	r, i := a[0], a[1]
	if s, ok := r.(*Str); ok && i == nil && len(kwnames) == 0 {
		c, err := complexFromString(s.S)
		if err != nil {
			return nil, err
		}
		return c, nil
	}
	if r == nil {
		r = NewInt(0)
	}
	if c, ok := r.(*Complex); ok && i == nil {
		return c, nil
	}
	if !isComplexOperand(r) {
		if i == nil && len(kwnames) == 0 {
			return nil, typeErrorf("complex() argument must be a string or a number, not %s", typeName(r))
		}
		return nil, typeErrorf("complex() argument 'real' must be a real number, not %s", typeName(r))
	}
	if i != nil && !isComplexOperand(i) {
		return nil, typeErrorf("complex() argument 'imag' must be a real number, not %s", typeName(i))
	}
	rr, ri, rc, err := complexParts(r)
	if err != nil {
		return nil, err
	}
	if i == nil {
		return NewComplex(rr, ri), nil
	}
	ir, ii, ic, err := complexParts(i)
	if err != nil {
		return nil, err
	}
	if ic {
		rr -= ii
	}
	if rc {
		ir += ri
	}
	return NewComplex(rr, ir), nil
}

func rangeNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("range", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("range", len(args), 1, 3); err != nil {
		return nil, err
	}
	v := make([]int64, len(args))
	for i, a := range args {
		n, err := indexArg(a)
		if err != nil {
			return nil, err
		}
		var ok bool
		if v[i], ok = n.Int64(); !ok {
			return nil, overflowErrorf("range() arguments beyond 64 bits are not supported")
		}
	}
	switch len(v) {
	case 1:
		return NewRange(0, v[0], 1)
	case 2:
		return NewRange(v[0], v[1], 1)
	}
	return NewRange(v[0], v[1], v[2])
}

func sliceNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("slice", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("slice", len(args), 1, 3); err != nil {
		return nil, err
	}
	switch len(args) {
	case 1:
		return NewSlice(nil, args[0], nil), nil
	case 2:
		return NewSlice(args[0], args[1], nil), nil
	}
	return NewSlice(args[0], args[1], args[2]), nil
}

// typeNew is type(o) or type(name, bases, ns, **kwds).
// CPython: Objects/typeobject.c type_new
func typeNew(args []Object, kwnames []string) (Object, error) {
	if n := len(args) - len(kwnames); n != 1 && n != 3 || n == 1 && len(kwnames) != 0 {
		return nil, typeErrorf("type() takes 1 or 3 arguments")
	}
	return metaNew(TypeType, args, kwnames)
}

func enumerateNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("enumerate", kwnames, "iterable", "start"); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	if len(pos) > 2 {
		return nil, typeErrorf("enumerate() takes at most 2 arguments (%d given)", len(pos))
	}
	if len(pos) > 0 {
		kw["iterable"] = pos[0]
	}
	if len(pos) > 1 {
		kw["start"] = pos[1]
	}
	iterable, ok := kw["iterable"]
	if !ok {
		return nil, typeErrorf("enumerate() missing required argument 'iterable'")
	}
	count := NewInt(0)
	if s, ok := kw["start"]; ok {
		var err error
		if count, err = indexArg(s); err != nil {
			return nil, err
		}
	}
	it, err := GetIter(iterable)
	if err != nil {
		return nil, err
	}
	return &FuncIter{T: EnumerateType, Step: func() (Object, bool, error) {
		item, ok, err := IterNext(it)
		if !ok || err != nil {
			return nil, false, err
		}
		t := NewTuple(count, item)
		count = IntAdd(count, NewInt(1))
		return t, true, nil
	}}, nil
}

// zipIter zips iterators; with strict, unequal lengths raise ValueError
// with CPython's wording once the shortest runs out.
func zipIter(t *Type, iterables []Object, strict bool) (*FuncIter, error) {
	its := make([]Object, len(iterables))
	for i, o := range iterables {
		it, err := GetIter(o)
		if err != nil {
			return nil, err
		}
		its[i] = it
	}
	earlier := func(i int) string { // "argument 1" or "arguments 1-3"
		if i == 1 {
			return " "
		}
		return "s 1-"
	}
	return &FuncIter{T: t, Step: func() (Object, bool, error) {
		if len(its) == 0 {
			return nil, false, nil
		}
		items := make([]Object, len(its))
		for i, it := range its {
			v, ok, err := IterNext(it)
			if err != nil {
				return nil, false, err
			}
			if ok {
				items[i] = v
				continue
			}
			if !strict {
				return nil, false, nil
			}
			if i > 0 {
				return nil, false, valueErrorf("zip() argument %d is shorter than argument%s%d", i+1, earlier(i), i)
			}
			for j := 1; j < len(its); j++ {
				_, ok, err := IterNext(its[j])
				if err != nil {
					return nil, false, err
				}
				if ok {
					return nil, false, valueErrorf("zip() argument %d is longer than argument%s%d", j+1, earlier(j), j)
				}
			}
			return nil, false, nil
		}
		return NewTuple(items...), true, nil
	}}, nil
}

func strictKw(fname string, args []Object, kwnames []string) ([]Object, bool, error) {
	if err := checkKw(fname, kwnames, "strict"); err != nil {
		return nil, false, err
	}
	pos, kw := splitArgs(args, kwnames)
	strict := false
	if s, ok := kw["strict"]; ok {
		var err error
		if strict, err = Truthy(s); err != nil {
			return nil, false, err
		}
	}
	return pos, strict, nil
}

func zipNew(args []Object, kwnames []string) (Object, error) {
	pos, strict, err := strictKw("zip", args, kwnames)
	if err != nil {
		return nil, err
	}
	return zipIter(ZipType, pos, strict)
}

// mapNew is map(func, *iterables, strict=False) (strict is new in 3.14):
// a zip whose tuples are passed to func.
func mapNew(args []Object, kwnames []string) (Object, error) {
	pos, strict, err := strictKw("map", args, kwnames)
	if err != nil {
		return nil, err
	}
	if len(pos) < 2 {
		return nil, typeErrorf("map() must have at least two arguments.")
	}
	fn := pos[0]
	z, err := zipIter(MapType, pos[1:], strict)
	if err != nil {
		return nil, err
	}
	return &FuncIter{T: MapType, Step: func() (Object, bool, error) {
		t, ok, err := z.Next()
		if !ok || err != nil {
			return nil, false, err
		}
		r, err := Call(fn, t.(*Tuple).Items, nil)
		return r, err == nil, err
	}}, nil
}

func filterNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("filter", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("filter", len(args), 2, 2); err != nil {
		return nil, err
	}
	fn := args[0]
	it, err := GetIter(args[1])
	if err != nil {
		return nil, err
	}
	return &FuncIter{T: FilterType, Step: func() (Object, bool, error) {
		for {
			item, ok, err := IterNext(it)
			if !ok || err != nil {
				return nil, false, err
			}
			test := item
			if fn != None {
				if test, err = Call(fn, []Object{item}, nil); err != nil {
					return nil, false, err
				}
			}
			keep, err := Truthy(test)
			if err != nil {
				return nil, false, err
			}
			if keep {
				return item, true, nil
			}
		}
	}}, nil
}

func reversedNew(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("reversed", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("reversed", len(args), 1, 1); err != nil {
		return nil, err
	}
	return reversedIter(args[0])
}

// ---- builtin functions ----

func builtinLen(args []Object, kwnames []string) (Object, error) {
	if err := oneArg("len", args, kwnames); err != nil {
		return nil, err
	}
	n, err := Len(args[0])
	if err != nil {
		return nil, err
	}
	return NewInt(int64(n)), nil
}

func builtinPrint(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("print", kwnames, "sep", "end", "file", "flush"); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	strKw := func(name, dflt string) (string, error) {
		v, ok := kw[name]
		if !ok || v == None {
			return dflt, nil
		}
		if s, ok := v.(*Str); ok {
			return s.S, nil
		}
		return "", typeErrorf("%s must be None or a string, not %s", name, typeName(v))
	}
	sep, err := strKw("sep", " ")
	if err != nil {
		return nil, err
	}
	end, err := strKw("end", "\n")
	if err != nil {
		return nil, err
	}
	if f, ok := kw["file"]; ok && f != None {
		return nil, typeErrorf("print(file=...) is not supported; use SetStdout")
	}
	var b strings.Builder
	for i, o := range pos {
		if i > 0 {
			b.WriteString(sep)
		}
		s, err := StrOf(o)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	b.WriteString(end)
	if _, err := io.WriteString(stdout, b.String()); err != nil {
		return nil, NewException(RuntimeErrorType, "print: %v", err)
	}
	return None, nil
}

func builtinRepr(args []Object, kwnames []string) (Object, error) {
	if err := oneArg("repr", args, kwnames); err != nil {
		return nil, err
	}
	s, err := Repr(args[0])
	if err != nil {
		return nil, err
	}
	return NewStr(s), nil
}

func builtinASCII(args []Object, kwnames []string) (Object, error) {
	if err := oneArg("ascii", args, kwnames); err != nil {
		return nil, err
	}
	return FormatConversion(args[0], FVC_ASCII)
}

func builtinFormat(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("format", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("format", len(args), 1, 2); err != nil {
		return nil, err
	}
	spec := ""
	if len(args) == 2 {
		s, err := strArg(args[1], "format", 2)
		if err != nil {
			return nil, err
		}
		spec = s
	}
	return Format(args[0], spec)
}

func builtinHash(args []Object, kwnames []string) (Object, error) {
	if err := oneArg("hash", args, kwnames); err != nil {
		return nil, err
	}
	h, err := Hash(args[0])
	if err != nil {
		return nil, err
	}
	return NewInt(h), nil
}

func builtinCallable(args []Object, kwnames []string) (Object, error) {
	if err := oneArg("callable", args, kwnames); err != nil {
		return nil, err
	}
	switch args[0].(type) {
	case *Builtin, *Type, *Function, *Method, *MethodDescr, *SlotWrapper:
		return True, nil
	}
	if isClassObject(args[0]) && classMethod(args[0], "__call__") != nil {
		return True, nil
	}
	return False, nil
}

func builtinAbs(args []Object, kwnames []string) (Object, error) {
	if err := oneArg("abs", args, kwnames); err != nil {
		return nil, err
	}
	if i, ok := toInt(args[0]); ok {
		return intAbs(i), nil
	}
	switch v := args[0].(type) {
	case *Float:
		return NewFloat(math.Abs(v.V)), nil
	case *Complex:
		return complexAbs(v)
	}
	if r, ok, err := classUnary(args[0], "__abs__"); ok {
		return r, err
	}
	return nil, typeErrorf("bad operand type for abs(): '%s'", typeName(args[0]))
}

func builtinAny(args []Object, kwnames []string) (Object, error) {
	return anyAll("any", args, kwnames, true)
}

func builtinAll(args []Object, kwnames []string) (Object, error) {
	return anyAll("all", args, kwnames, false)
}

// anyAll stops at the first item whose truth equals stopOn.
func anyAll(fname string, args []Object, kwnames []string, stopOn bool) (Object, error) {
	if err := oneArg(fname, args, kwnames); err != nil {
		return nil, err
	}
	found := false
	err := forEach(args[0], func(item Object) (bool, error) {
		t, err := Truthy(item)
		found = err == nil && t == stopOn
		return found, err
	})
	if err != nil {
		return nil, err
	}
	return Bool(found == stopOn), nil
}

// minMax builds min (op LT) and max (op GT): the first item that beats
// all others wins, with optional key= and default=.
func minMax(fname string, op int) func([]Object, []string) (Object, error) {
	return func(args []Object, kwnames []string) (Object, error) {
		if err := checkKw(fname, kwnames, "key", "default"); err != nil {
			return nil, err
		}
		pos, kw := splitArgs(args, kwnames)
		if len(pos) == 0 {
			return nil, typeErrorf("%s expected at least 1 argument, got 0", fname)
		}
		dflt, hasDefault := kw["default"]
		var source Object = NewTuple(pos...)
		if len(pos) == 1 {
			source = pos[0]
		} else if hasDefault {
			return nil, typeErrorf("Cannot specify a default for %s() with multiple positional arguments", fname)
		}
		key := kw["key"]
		var best, bestKey Object
		err := forEach(source, func(item Object) (bool, error) {
			k := item
			if key != nil && key != None {
				var err error
				if k, err = Call(key, []Object{item}, nil); err != nil {
					return true, err
				}
			}
			if best == nil {
				best, bestKey = item, k
				return false, nil
			}
			better, err := compare(k, bestKey, op)
			if better {
				best, bestKey = item, k
			}
			return err != nil, err
		})
		if err != nil {
			return nil, err
		}
		if best == nil {
			if hasDefault {
				return dflt, nil
			}
			return nil, valueErrorf("%s() iterable argument is empty", fname)
		}
		return best, nil
	}
}

// builtinSum follows CPython's three phases so float results match it bit
// for bit: exact int64 accumulation; then, once the total is a float,
// Neumaier compensated summation of float and int items; then plain +
// for whatever else turns up.
func builtinSum(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("sum", kwnames, "start"); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	switch {
	case len(pos) == 0:
		return nil, typeErrorf("sum() takes at least 1 positional argument (0 given)")
	case len(pos) > 2:
		return nil, typeErrorf("sum() takes at most 2 arguments (%d given)", len(pos))
	}
	var acc Object = NewInt(0)
	if len(pos) == 2 {
		acc = pos[1]
	} else if s, ok := kw["start"]; ok {
		acc = s
	}
	if _, ok := acc.(*Str); ok {
		return nil, typeErrorf("sum() can't sum strings [use ''.join(seq) instead]")
	}
	it, err := GetIter(pos[0])
	if err != nil {
		return nil, err
	}
	next := func() (Object, bool, error) { return IterNext(it) }

	// Phase 1: ints that fit in int64.
	if i, ok := acc.(*Int); ok && !i.isBig() {
		total := i.small
		for {
			item, ok, err := next()
			if err != nil {
				return nil, err
			}
			if !ok {
				return NewInt(total), nil
			}
			if n, isInt := toInt(item); isInt && !n.isBig() {
				s := total + n.small
				if (s > total) == (n.small > 0) { // no overflow
					total = s
					continue
				}
			}
			if acc, err = BinaryOp(NewInt(total), item, NB_ADD); err != nil {
				return nil, err
			}
			break
		}
	}
	// Phase 2: compensated float summation.
	if f, ok := acc.(*Float); ok {
		hi, lo := f.V, 0.0
		result := func() float64 {
			if lo != 0 && !math.IsInf(lo, 0) && !math.IsNaN(lo) {
				return hi + lo
			}
			return hi
		}
		for {
			item, ok, err := next()
			if err != nil {
				return nil, err
			}
			if !ok {
				return NewFloat(result()), nil
			}
			if isNumber(item) {
				x, err := toFloat(item)
				if err != nil {
					return nil, err
				}
				t := hi + x
				if math.Abs(hi) >= math.Abs(x) {
					lo += (hi - t) + x
				} else {
					lo += (x - t) + hi
				}
				hi = t
				continue
			}
			if acc, err = BinaryOp(NewFloat(result()), item, NB_ADD); err != nil {
				return nil, err
			}
			break
		}
	}
	// Phase 3: generic addition.
	for {
		item, ok, err := next()
		if err != nil {
			return nil, err
		}
		if !ok {
			return acc, nil
		}
		if acc, err = BinaryOp(acc, item, NB_ADD); err != nil {
			return nil, err
		}
	}
}

func builtinIsinstance(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("isinstance", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("isinstance", len(args), 2, 2); err != nil {
		return nil, err
	}
	r, err := IsInstance(args[0], args[1])
	if err != nil {
		return nil, err
	}
	return Bool(r), nil
}

// IsInstance is isinstance(o, cls): cls a type or a tuple of them (nested tuples too).
// CPython: Objects/abstract.c PyObject_IsInstance
func IsInstance(o, cls Object) (bool, error) {
	switch c := cls.(type) {
	case *Type:
		return IsSubtype(o.Type(), c), nil
	case *Tuple:
		for _, item := range c.Items {
			if r, err := IsInstance(o, item); r || err != nil {
				return r, err
			}
		}
		return false, nil
	}
	return false, typeErrorf("isinstance() arg 2 must be a type, a tuple of types, or a union")
}

func builtinSorted(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("sorted", kwnames, "key", "reverse"); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	if err := argCount("sorted", len(pos), 1, 1); err != nil {
		return nil, err
	}
	items, err := iterToSlice(pos[0])
	if err != nil {
		return nil, err
	}
	if err := sortKw(items, kw); err != nil {
		return nil, err
	}
	return NewList(items...), nil
}

// sortKw sorts items in place according to key= and reverse= keywords.
func sortKw(items []Object, kw map[string]Object) error {
	reverse := false
	if r, ok := kw["reverse"]; ok {
		var err error
		if reverse, err = Truthy(r); err != nil {
			return err
		}
	}
	return sortItems(items, kw["key"], reverse)
}

// sortItems is a stable sort using only <, like list.sort. reverse keeps
// equal elements in their original order, which CPython achieves by
// reversing before and after a stable sort; so does this.
func sortItems(items []Object, key Object, reverse bool) error {
	keys := items
	if key != nil && key != None {
		keys = make([]Object, len(items))
		for i, it := range items {
			k, err := Call(key, []Object{it}, nil)
			if err != nil {
				return err
			}
			keys[i] = k
		}
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	if reverse {
		slices.Reverse(order)
	}
	if len(order) == 2 { // CPython's sort compares the second with the first, once (count_run)
		lt, err := lessThan(keys[order[1]], keys[order[0]])
		if err != nil {
			return err
		}
		if lt {
			order[0], order[1] = order[1], order[0]
		}
		if reverse {
			slices.Reverse(order)
		}
		items[0], items[1] = items[order[0]], items[order[1]]
		return nil
	}
	var cmpErr error
	sort.SliceStable(order, func(i, j int) bool {
		if cmpErr != nil {
			return false
		}
		lt, err := lessThan(keys[order[i]], keys[order[j]])
		cmpErr = err
		return lt
	})
	if cmpErr != nil {
		// Which pair of items CPython's sort compares first, and so which error it raises and
		// how it leaves the list, follows its own algorithm (timsort), which this one is not.
		if _, ok := cmpErr.(*Exception); ok {
			return &Unsupported{What: "a sort whose comparison raises (CPython's comparison order)"}
		}
		return cmpErr
	}
	if reverse {
		slices.Reverse(order)
	}
	sorted := make([]Object, len(items))
	for i, k := range order {
		sorted[i] = items[k]
	}
	copy(items, sorted)
	return nil
}

func builtinDivmod(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("divmod", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("divmod", len(args), 2, 2); err != nil {
		return nil, err
	}
	a, b := args[0], args[1]
	if x, ok := toInt(a); ok {
		if y, ok := toInt(b); ok {
			q, r, err := intDivmod(x, y)
			if err != nil {
				return nil, err
			}
			return NewTuple(q, r), nil
		}
	}
	if isNumber(a) && isNumber(b) {
		x, err := toFloat(a)
		if err != nil {
			return nil, err
		}
		y, err := toFloat(b)
		if err != nil {
			return nil, err
		}
		q, r, err := floatDivmod(x, y)
		if err != nil {
			return nil, err
		}
		return NewTuple(NewFloat(q), NewFloat(r)), nil
	}
	return nil, typeErrorf("unsupported operand type(s) for divmod(): '%s' and '%s'", typeName(a), typeName(b))
}

func builtinPow(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("pow", kwnames, "base", "exp", "mod"); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	if len(pos) > 3 {
		return nil, typeErrorf("pow() takes at most 3 arguments (%d given)", len(pos))
	}
	for i, name := range []string{"base", "exp", "mod"} {
		if i < len(pos) {
			kw[name] = pos[i]
		}
	}
	for i, name := range []string{"base", "exp"} {
		if _, ok := kw[name]; !ok {
			return nil, typeErrorf("pow() missing required argument '%s' (pos %d)", name, i+1)
		}
	}
	base, exp := kw["base"], kw["exp"]
	mod, ok := kw["mod"]
	if !ok || mod == None {
		return BinaryOp(base, exp, NB_POWER)
	}
	b, ok1 := toInt(base)
	e, ok2 := toInt(exp)
	m, ok3 := toInt(mod)
	if !ok1 || !ok2 || !ok3 {
		if isNumber(base) && isNumber(exp) && isNumber(mod) {
			return nil, typeErrorf("pow() 3rd argument not allowed unless all arguments are integers")
		}
		return nil, typeErrorf("unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'", typeName(base), typeName(exp), typeName(mod))
	}
	return intPowMod(b, e, m)
}

// intPowMod is pow(b, e, m); a negative e uses the modular inverse, and
// the result takes m's sign like Python's %.
func intPowMod(b, e, m *Int) (Object, error) {
	if m.Sign() == 0 {
		return nil, valueErrorf("pow() 3rd argument cannot be 0")
	}
	mAbs := new(big.Int).Abs(m.bigView())
	base := new(big.Int).Mod(b.bigView(), mAbs) // Mod is Euclidean: 0 <= base < |m|
	exp := e.Big()
	if exp.Sign() < 0 {
		inv := new(big.Int).ModInverse(base, mAbs)
		if inv == nil {
			if mAbs.Cmp(big.NewInt(1)) == 0 {
				return NewInt(0), nil
			}
			return nil, valueErrorf("base is not invertible for the given modulus")
		}
		base, exp = inv, exp.Neg(exp)
	}
	r := new(big.Int).Exp(base, exp, mAbs)
	r.Mod(r, mAbs)
	if m.Sign() < 0 && r.Sign() != 0 {
		r.Sub(r, mAbs)
	}
	return NewIntFromBig(r), nil
}

func builtinRound(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("round", kwnames, "number", "ndigits"); err != nil {
		return nil, err
	}
	pos, kw := splitArgs(args, kwnames)
	if len(pos) > 2 {
		return nil, typeErrorf("round() takes at most 2 arguments (%d given)", len(pos))
	}
	for i, name := range []string{"number", "ndigits"} {
		if i < len(pos) {
			kw[name] = pos[i]
		}
	}
	x, ok := kw["number"]
	if !ok {
		return nil, typeErrorf("round() missing required argument 'number' (pos 1)")
	}
	var nd *Int
	if o, ok := kw["ndigits"]; ok && o != None {
		var err error
		if nd, err = indexArg(o); err != nil {
			return nil, err
		}
	}
	if i, ok := toInt(x); ok {
		if nd == nil || nd.Sign() >= 0 {
			return i, nil
		}
		return roundInt(i, intNeg(nd))
	}
	f, ok := x.(*Float)
	if !ok {
		return nil, typeErrorf("type %s doesn't define __round__ method", typeName(x))
	}
	if nd == nil {
		return floatToInt(math.RoundToEven(f.V))
	}
	return roundFloat(f.V, nd)
}

// roundInt rounds i to a multiple of 10**k (k > 0), halves to even.
func roundInt(i, k *Int) (Object, error) {
	kv, ok := k.Int64()
	if !ok || kv > int64(len(i.String()))+1 {
		return NewInt(0), nil // 10**k exceeds |i| by far: rounds to 0
	}
	p := NewIntFromBig(new(big.Int).Exp(big.NewInt(10), big.NewInt(kv), nil))
	q, r, _ := intDivmod(i, p)
	if c := intCmp(IntAdd(r, r), p); c > 0 || (c == 0 && q.bigView().Bit(0) == 1) {
		q = IntAdd(q, NewInt(1))
	}
	return IntMultiply(q, p), nil
}

// roundFloat is round(x, nd): the exact binary value of x is scaled by
// 10**nd, rounded half-to-even and scaled back, then correctly rounded to
// a double. That is what CPython's dtoa-based algorithm computes, so
// round(2.675, 2) == 2.67.
func roundFloat(x float64, nd *Int) (Object, error) {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return NewFloat(x), nil
	}
	n, ok := nd.Int64()
	switch {
	case (!ok && nd.Sign() > 0) || n > 400:
		return NewFloat(x), nil // more digits than a double holds
	case !ok || n < -400:
		return NewFloat(math.Copysign(0, x)), nil
	}
	p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(abs64(n)), nil))
	r := new(big.Rat).SetFloat64(x)
	if n >= 0 {
		r.Mul(r, p)
	} else {
		r.Quo(r, p)
	}
	q, rem := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	twice := new(big.Int).Abs(rem)
	twice.Lsh(twice, 1)
	if c := twice.Cmp(r.Denom()); c > 0 || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, big.NewInt(int64(r.Sign())))
	}
	res := new(big.Rat).SetInt(q)
	if n >= 0 {
		res.Quo(res, p)
	} else {
		res.Mul(res, p)
	}
	f, _ := res.Float64()
	if math.IsInf(f, 0) {
		return nil, overflowErrorf("rounded value too large to represent")
	}
	if f == 0 {
		f = math.Copysign(0, x)
	}
	return NewFloat(f), nil
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// intFormatter builds hex, oct and bin.
func intFormatter(fname string, base int, prefix string) func([]Object, []string) (Object, error) {
	return func(args []Object, kwnames []string) (Object, error) {
		if err := oneArg(fname, args, kwnames); err != nil {
			return nil, err
		}
		i, err := indexArg(args[0])
		if err != nil {
			return nil, err
		}
		s := prefix + intToBase(i, base)
		if i.Sign() < 0 {
			s = "-" + s
		}
		return NewStr(s), nil
	}
}

func builtinOrd(args []Object, kwnames []string) (Object, error) {
	if err := oneArg("ord", args, kwnames); err != nil {
		return nil, err
	}
	s, ok := args[0].(*Str)
	if !ok {
		return nil, typeErrorf("ord() expected string of length 1, but %s found", typeName(args[0]))
	}
	if n := s.Len(); n != 1 {
		return nil, typeErrorf("ord() expected a character, but string of length %d found", n)
	}
	return NewInt(int64([]rune(s.S)[0])), nil
}

func builtinChr(args []Object, kwnames []string) (Object, error) {
	if err := oneArg("chr", args, kwnames); err != nil {
		return nil, err
	}
	i, err := indexArg(args[0])
	if err != nil {
		return nil, err
	}
	v, ok := i.Int64()
	if !ok || v < math.MinInt32 || v > math.MaxInt32 {
		return nil, overflowErrorf("Python int too large to convert to C int")
	}
	if v < 0 || v > unicodeMax {
		return nil, valueErrorf("chr() arg not in range(0x110000)")
	}
	return NewStr(string(rune(v))), nil
}

func builtinIter(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("iter", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("iter", len(args), 1, 2); err != nil {
		return nil, err
	}
	if len(args) == 2 {
		return nil, typeErrorf("iter(callable, sentinel) is not supported")
	}
	return GetIter(args[0])
}

func builtinNext(args []Object, kwnames []string) (Object, error) {
	if err := checkKw("next", kwnames); err != nil {
		return nil, err
	}
	if err := argCount("next", len(args), 1, 2); err != nil {
		return nil, err
	}
	v, ok, err := IterNext(args[0])
	switch {
	case err != nil:
		return nil, err
	case ok:
		return v, nil
	case len(args) == 2:
		return args[1], nil
	}
	if r, ok := args[0].(Returner); ok { // a generator's return value rides on its StopIteration
		if v := r.ReturnValue(); v != nil && v != Object(None) {
			return nil, NewExceptionArgs(StopIterationType, v)
		}
	}
	return nil, NewExceptionArgs(StopIterationType)
}

// Returner is an iterator that ended with a value (a generator's `return value`), which next()
// raises StopIteration with.
type Returner interface {
	ReturnValue() Object
}
