package objects

import (
	"math"
	"math/big"
	"strings"
)

// ModuleType is the type of modules.
var ModuleType = &Type{Name: "module", Base: ObjectType}

// Module is a module object: its attributes are its dict (md_dict), whose keys version
// LOAD_ATTR_MODULE caches.
// CPython: Objects/moduleobject.c
type Module struct {
	Name string
	Dict *Dict
	// lacks names what CPython's module has and this one does not: getting it is unsupported.
	lacks map[string]bool
}

func (*Module) Type() *Type { return ModuleType }

// moduleGetAttr is module.name: the module's dict, else AttributeError (or unsupported for a
// name CPython's module has).
// CPython: Objects/moduleobject.c module_getattro (_Py_module_getattro_impl)
func moduleGetAttr(m *Module, name string) (Object, error) {
	if v, ok, _ := m.Dict.Get(NewStr(name)); ok {
		return v, nil
	}
	if m.lacks[name] {
		return nil, &Unsupported{What: m.Name + "." + name}
	}
	return nil, NewException(AttributeErrorType, "module '%s' has no attribute '%s'", m.Name, name)
}

// builtinModules are the modules `import` finds.
var builtinModules = map[string]func() *Module{
	"math": newMathModule, "bisect": newBisectModule, "itertools": newItertoolsModule,
}

// ImportModule is import NAME for a builtin module, nil if the runtime has no such module.
func ImportModule(name string) *Module {
	if mk, ok := builtinModules[name]; ok {
		return mk()
	}
	return nil
}

// mathNames are the names of CPython 3.14's math module (dir(math)).
const mathNames = `acos acosh asin asinh atan atan2 atanh cbrt ceil comb copysign cos cosh degrees dist e erf
erfc exp exp2 expm1 fabs factorial floor fma fmod frexp fsum gamma gcd hypot inf isclose isfinite
isinf isnan isqrt lcm ldexp lgamma log log10 log1p log2 modf nan nextafter perm pi pow prod radians
remainder sin sinh sqrt sumprod tan tanh tau trunc ulp`

// newMathModule is the math module with the functions whose results this runtime computes as
// C's libm does (correctly rounded); the others are listed as lacking.
// CPython: Modules/mathmodule.c
func newMathModule() *Module {
	m := &Module{Name: "math", Dict: NewDict(), lacks: map[string]bool{}}
	for _, n := range strings.Fields(mathNames) {
		m.lacks[n] = true
	}
	set := func(name string, v Object) {
		if b, ok := v.(*Builtin); ok {
			b.Module = m.Name
		}
		_ = m.Dict.Set(InternStr(name), v)
		delete(m.lacks, name)
	}
	_ = m.Dict.Set(NewStr("__name__"), NewStr("math"))
	set("pi", NewFloat(math.Pi))
	set("e", NewFloat(math.E))
	set("tau", NewFloat(2*math.Pi))
	set("inf", NewFloat(math.Inf(1)))
	set("nan", NewFloat(math.NaN()))
	unary := func(name string, fn func(float64) (float64, error)) {
		set(name, &Builtin{Name: name, Fn: func(args []Object, kwnames []string) (Object, error) {
			if err := oneArg(name, args, kwnames); err != nil {
				return nil, err
			}
			x, err := mathArg(args[0])
			if err != nil {
				return nil, err
			}
			r, err := fn(x)
			if err != nil {
				return nil, err
			}
			return NewFloat(r), nil
		}})
	}
	// domain is 3.14's ValueError for an argument outside the function's domain.
	domain := func(ok bool, what string, x, r float64) (float64, error) {
		if !ok {
			return 0, valueErrorf("expected a %s input, got %s", what, floatRepr(x))
		}
		return r, nil
	}
	unary("sqrt", func(x float64) (float64, error) {
		return domain(x >= 0 || math.IsNaN(x), "nonnegative", x, math.Sqrt(x))
	})
	unary("sin", func(x float64) (float64, error) {
		s, _ := cSinCos(x)
		return domain(!math.IsInf(x, 0), "finite", x, s)
	})
	unary("cos", func(x float64) (float64, error) {
		_, c := cSinCos(x)
		return domain(!math.IsInf(x, 0), "finite", x, c)
	})
	unary("exp", func(x float64) (float64, error) {
		r := cExp(x)
		if math.IsInf(r, 0) && !math.IsInf(x, 0) {
			return 0, overflowErrorf("math range error")
		}
		return r, nil
	})
	unary("fabs", func(x float64) (float64, error) { return math.Abs(x), nil })
	unary("atan", func(x float64) (float64, error) { return cAtan(x), nil })
	set("atan2", &Builtin{Name: "atan2", Fn: func(args []Object, kwnames []string) (Object, error) {
		x, y, err := twoFloats("atan2", args, kwnames)
		if err != nil {
			return nil, err
		}
		return NewFloat(cAtan2(x, y)), nil
	}})
	set("hypot", &Builtin{Name: "hypot", Fn: func(args []Object, kwnames []string) (Object, error) {
		if len(args) != 2 {
			return nil, &Unsupported{What: "math.hypot with other than two arguments"}
		}
		x, y, err := twoFloats("hypot", args, kwnames)
		if err != nil {
			return nil, err
		}
		return NewFloat(hypotCorrect(x, y)), nil
	}})
	set("log", &Builtin{Name: "log", Fn: func(args []Object, kwnames []string) (Object, error) {
		if err := checkKw("log", kwnames); err != nil {
			return nil, err
		}
		if len(args) != 1 {
			return nil, &Unsupported{What: "math.log with a base"}
		}
		x, err := mathArg(args[0])
		if err != nil {
			return nil, err
		}
		if x <= 0 {
			return nil, valueErrorf("expected a positive input")
		}
		return NewFloat(cLog(x)), nil
	}})
	rounding := func(name string, fn func(float64) float64) {
		set(name, &Builtin{Name: name, Fn: func(args []Object, kwnames []string) (Object, error) {
			if err := oneArg(name, args, kwnames); err != nil {
				return nil, err
			}
			if i, ok := toInt(args[0]); ok {
				return NewIntFromBig(i.Big()), nil
			}
			x, err := mathArg(args[0])
			if err != nil {
				return nil, err
			}
			return floatToInt(fn(x))
		}})
	}
	rounding("floor", math.Floor)
	rounding("ceil", math.Ceil)
	rounding("trunc", math.Trunc)
	set("isnan", floatPredicate("isnan", math.IsNaN))
	set("isinf", floatPredicate("isinf", func(x float64) bool { return math.IsInf(x, 0) }))
	set("isfinite", floatPredicate("isfinite", finite))
	set("gcd", &Builtin{Name: "gcd", Fn: func(args []Object, kwnames []string) (Object, error) {
		if err := checkKw("gcd", kwnames); err != nil {
			return nil, err
		}
		g := new(big.Int)
		for _, a := range args {
			i, ok := toInt(a)
			if !ok {
				return nil, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(a))
			}
			g.GCD(nil, nil, g, new(big.Int).Abs(i.Big()))
		}
		return NewIntFromBig(g), nil
	}})
	return m
}

// mathArg is the float a math function takes (PyFloat_AsDouble), with CPython's TypeError.
func mathArg(o Object) (float64, error) {
	if f, ok, err := classFloat(o); ok {
		if err != nil {
			return 0, err
		}
		return f.V, nil
	}
	if !isNumber(o) {
		return 0, typeErrorf("must be real number, not %s", typeName(o))
	}
	return toFloat(o)
}

func twoFloats(name string, args []Object, kwnames []string) (float64, float64, error) {
	if err := checkKw(name, kwnames); err != nil {
		return 0, 0, err
	}
	if len(args) != 2 {
		return 0, 0, typeErrorf("%s expected 2 arguments, got %d", name, len(args))
	}
	x, err := mathArg(args[0])
	if err != nil {
		return 0, 0, err
	}
	y, err := mathArg(args[1])
	return x, y, err
}

func floatPredicate(name string, fn func(float64) bool) *Builtin {
	return &Builtin{Name: name, Fn: func(args []Object, kwnames []string) (Object, error) {
		if err := oneArg(name, args, kwnames); err != nil {
			return nil, err
		}
		x, err := mathArg(args[0])
		if err != nil {
			return nil, err
		}
		return Bool(fn(x)), nil
	}}
}
