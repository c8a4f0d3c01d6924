package vm

import (
	"strings"

	"gopy.example/gopy/objects"
)

// Calling conventions of builtin functions (ml_flags of their PyMethodDef).
const (
	MethVarargs  = 0x0001
	MethKeywords = 0x0002
	MethNoargs   = 0x0004
	MethO        = 0x0008
	MethFastcall = 0x0080
	MethMethod   = 0x0200
)

// builtinFlags are the calling conventions CPython 3.14 gives the builtins (read off the real
// interpreter: the CALL specialization each one gets, tests/test_calls.py); a builtin not
// listed takes positional and keyword arguments (METH_FASTCALL | METH_KEYWORDS).
var builtinFlags = map[string]int{
	"len": MethO, "abs": MethO, "chr": MethO, "ord": MethO, "hash": MethO, "id": MethO, "callable": MethO,
	"repr": MethO, "ascii": MethO, "bin": MethO, "hex": MethO, "oct": MethO, "any": MethO, "all": MethO,
	"iter": MethFastcall, "next": MethFastcall, "isinstance": MethFastcall, "issubclass": MethFastcall,
	"divmod": MethFastcall, "getattr": MethFastcall, "hasattr": MethFastcall, "format": MethFastcall,
	"setattr": MethFastcall, "delattr": MethFastcall,
}

// typeVectorcall are the builtin types with a vectorcall slot (tp_vectorcall), which CALL
// specializes to CALL_BUILTIN_CLASS; the others (zip, slice, bytes, complex, object) are called
// through tp_call.
var typeVectorcall = map[string]bool{
	"int": true, "float": true, "str": true, "list": true, "tuple": true, "dict": true, "set": true,
	"frozenset": true, "range": true, "bool": true, "enumerate": true, "map": true, "filter": true,
	"reversed": true, "type": true,
}

// CFunctionFlags is a builtin function's ml_flags (PyCFunction_GET_FLAGS).
// A bound method (xs.append as a value) has its method's flags; a bound slot wrapper (it.__next__,
// CPython's method-wrapper) is no builtin function, called through CALL_NON_PY_GENERAL.
func (e *Eval) CFunctionFlags(o objects.Object) int {
	b := o.(*objects.Builtin)
	if b.Flags == 0 {
		b.Flags = builtinCallFlags(b)
	}
	return b.Flags
}

// builtinCallFlags are the calling convention CPython 3.14 gives the builtin (the tables read off
// the real interpreter).
func builtinCallFlags(b *objects.Builtin) int {
	if b.Module != "" {
		if f, ok := methodFlags[methodKey{b.Module, b.Name}]; ok {
			return f
		}
		return MethFastcall | MethKeywords
	}
	if b.Self == nil {
		if f, ok := builtinFlags[b.Name]; ok {
			return f
		}
		return MethFastcall | MethKeywords
	}
	if f, ok := methodFlags[methodKey{b.Self.Type().Name, b.Name}]; ok && !strings.HasPrefix(b.Name, "__") {
		return f
	}
	return MethVarargs | MethKeywords
}

// CFunctionFunc is a builtin's C function (PyCFunction_GET_FUNCTION).
func (e *Eval) CFunctionFunc(o objects.Object) objects.CFunction { return o.(*objects.Builtin).CFunc }

// CFunctionSelf is a builtin's self (PyCFunction_GET_SELF): the receiver of a bound method, the
// module (None here) of a function.
func (e *Eval) CFunctionSelf(o objects.Object) objects.Object {
	if s := o.(*objects.Builtin).Self; s != nil {
		return s
	}
	return objects.None
}

// TrampolineCall calls a METH_O function with its one argument, or a METH_NOARGS one with
// none (arg nil) (_PyCFunction_TrampolineCall).
func (e *Eval) TrampolineCall(f objects.CFunction, self, arg objects.Object) objects.Object {
	if arg == nil {
		return e.result(f(self, nil, nil))
	}
	return e.result(f(self, []objects.Object{arg}, nil))
}

// FastCast is a METH_FASTCALL function as C calls it: (self, args, nargs).
func (e *Eval) FastCast(f objects.CFunction) func(objects.Object, []objects.Object, int) objects.Object {
	return func(self objects.Object, args []objects.Object, n int) objects.Object {
		return e.result(f(self, args[:n], nil))
	}
}

// FastWithKeywordsCast is a METH_FASTCALL | METH_KEYWORDS function as C calls it: (self, args,
// nargs, kwnames).
func (e *Eval) FastWithKeywordsCast(f objects.CFunction) func(objects.Object, []objects.Object, int, objects.Object) objects.Object {
	return func(self objects.Object, args []objects.Object, n int, kwnames objects.Object) objects.Object {
		names := kwnamesOf(kwnames)
		return e.result(f(self, args[:n+len(names)], names))
	}
}

func kwnamesOf(kwnames objects.Object) []string {
	if kwnames == nil {
		return nil
	}
	var names []string
	for _, k := range kwnames.(*objects.Tuple).Items {
		names = append(names, k.(*objects.Str).S)
	}
	return names
}

// TypeVectorcall is a type's vectorcall slot (tp_vectorcall), nil for a type without one.
func (e *Eval) TypeVectorcall(t objects.Object) func(objects.Object, []objects.Object, int, objects.Object) objects.Object {
	tp := t.(*objects.Type)
	if !typeVectorcall[tp.Name] && !objects.IsSubtype(tp, objects.BaseExceptionType) {
		return nil
	}
	return func(callable objects.Object, args []objects.Object, nargsf int, kwnames objects.Object) objects.Object {
		names := kwnamesOf(kwnames)
		n := nargsf &^ (1 << 62)
		return e.result(objects.Call(callable, args[:n+len(names)], names))
	}
}

// ReachedRecursionLimit reports the C stack near its end (_Py_ReachedRecursionLimit): Go's
// stack grows, so never.
func (e *Eval) ReachedRecursionLimit(ts *Eval) bool { return false }

// IsInstance is isinstance(o, cls): 1, 0, or -1 with an exception (PyObject_IsInstance).
func (e *Eval) IsInstance(o, cls objects.Object) int {
	r, err := objects.IsInstance(o, cls)
	if err != nil {
		e.raise(err)
		return -1
	}
	return boolToInt(r)
}

// ListCheck is PyList_Check.
func (e *Eval) ListCheck(o objects.Object) bool { return objects.IsSubtype(o.Type(), objects.ListType) }

// CallableCache is the builtin CPython keeps at hand for CALL's specializations
// (interp->callable_cache): len, isinstance, list.append.
func (e *Eval) CallableCache(name string) objects.Object {
	if name == "list.append" {
		return methodDescr(objects.ListType, "append")
	}
	if v, ok, _ := e.Frame.Builtins.Get(objects.NewStr(name)); ok {
		if b, ok := v.(*objects.Builtin); ok && b.Name == name {
			return v
		}
	}
	return cachedBuiltin(name)
}

var cachedBuiltins = map[string]objects.Object{}

// cachedBuiltin is the interpreter's own builtin of that name, whatever the program rebound.
func cachedBuiltin(name string) objects.Object {
	if v, ok := cachedBuiltins[name]; ok {
		return v
	}
	v, _, _ := objects.Builtins().Get(objects.NewStr(name))
	cachedBuiltins[name] = v
	return v
}

// methodFlags are the calling conventions CPython 3.14 gives the methods of the builtin types
// (read off the real interpreter: the CALL specialization each one gets, tests/test_calls.py);
// a method not listed takes METH_VARARGS | METH_KEYWORDS, which CALL does not specialize beyond
// CALL_NON_PY_GENERAL.
var methodFlags = map[methodKey]int{}

// methodKey names a method of a builtin type (or a module's function) by its owner's name and
// its own, so that a CALL looks its flags up without building "owner.name" (an allocation).
type methodKey struct{ owner, name string }

func init() {
	for flags, names := range map[int]string{
		MethO: "list.append list.extend list.count list.remove dict.__contains__ str.join str.zfill str.partition " +
			"str.rpartition set.add set.discard set.remove set.issubset set.issuperset set.isdisjoint tuple.count " +
			"generator.send coroutine.send math.sqrt math.sin math.cos math.exp math.fabs math.atan math.floor " +
			"math.ceil math.trunc math.isnan math.isinf math.isfinite",
		MethFastcall: "list.pop list.insert list.index dict.get dict.setdefault dict.pop str.strip str.rstrip " +
			"str.lstrip str.startswith str.endswith str.find str.rfind str.index str.rindex str.count str.center " +
			"str.ljust str.rjust set.union set.update set.intersection set.difference set.symmetric_difference " +
			"tuple.index generator.throw coroutine.throw math.log math.atan2 math.hypot math.gcd",
		MethFastcall | MethKeywords: "list.sort str.split str.rsplit str.replace str.encode str.splitlines " +
			"int.to_bytes",
		MethNoargs: "list.reverse list.copy list.clear dict.items dict.keys dict.values dict.copy dict.clear " +
			"dict.popitem str.upper str.lower str.isdigit str.title str.isalpha str.capitalize str.swapcase " +
			"str.isspace str.isupper str.islower str.isalnum str.isdecimal str.isnumeric str.isidentifier " +
			"str.casefold set.pop set.copy set.clear int.bit_length int.conjugate int.bit_count " +
			"float.is_integer float.hex float.as_integer_ratio float.conjugate generator.close coroutine.close",
	} {
		for _, n := range strings.Fields(names) {
			owner, name, _ := strings.Cut(n, ".")
			methodFlags[methodKey{owner, name}] = flags
		}
	}
}

var methodDescrs = map[*objects.Type]map[string]*objects.MethodDescr{}

// methodDescr is the one descriptor of method name of builtin type t (what t.__dict__[name] is).
func methodDescr(t *objects.Type, name string) *objects.MethodDescr {
	byName := methodDescrs[t]
	if byName == nil {
		byName = map[string]*objects.MethodDescr{}
		methodDescrs[t] = byName
	}
	d := byName[name]
	if d == nil {
		flags, ok := methodFlags[methodKey{t.Name, name}]
		if !ok {
			flags = MethVarargs | MethKeywords
		}
		d = &objects.MethodDescr{Owner: t, Name: name, Flags: flags}
		byName[name] = d
	}
	return d
}
