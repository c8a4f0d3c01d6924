package vm

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"gopy.example/gopy/objects"
)

// CodeType is the type of code objects, which are constants of the code that makes functions.
var CodeType = &objects.Type{Name: "code"}

// Type makes a code object an object.
func (*Code) Type() *objects.Type { return CodeType }

// jsonCode is a code object as casesgen/corpus_compile.py writes it.
type jsonCode struct {
	Name            string            `json:"name"`
	Qualname        string            `json:"qualname"`
	Filename        string            `json:"filename"`
	Units           []uint16          `json:"units"`
	Consts          []json.RawMessage `json:"consts"`
	Names           []string          `json:"names"`
	LocalsPlusNames []string          `json:"localsplusnames"`
	ArgCount        int               `json:"argcount"`
	PosOnlyArgCount int               `json:"posonlyargcount"`
	KwOnlyArgCount  int               `json:"kwonlyargcount"`
	Flags           int               `json:"flags"`
	StackSize       int               `json:"stacksize"`
	ExceptionTable  string            `json:"exceptiontable"`
}

// nextCodeVersion numbers code objects as they are made (CPython's interp->func_state.next_version,
// which _PyCode_Init takes for co_version); 0 and 1 mean unset and cleared, so the first is 2.
var nextCodeVersion uint32 = 1

// LoadCode turns the JSON of a code object into a Code.
func LoadCode(raw json.RawMessage) (*Code, error) {
	var j jsonCode
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, err
	}
	consts := make([]objects.Object, len(j.Consts))
	for i, c := range j.Consts {
		v, err := loadConst(c)
		if err != nil {
			return nil, fmt.Errorf("%s: constant %d: %w", j.Qualname, i, err)
		}
		consts[i] = v
	}
	names := make([]objects.Object, len(j.Names))
	for i, n := range j.Names {
		names[i] = objects.InternImmortal(n)
	}
	for _, n := range j.LocalsPlusNames { // co_varnames and kin are interned (immortal) as well
		objects.InternImmortal(n)
	}
	table, err := hex.DecodeString(j.ExceptionTable)
	if err != nil {
		return nil, err
	}
	nextCodeVersion++
	return &Code{Name: j.Name, Qualname: j.Qualname, Filename: j.Filename, Units: j.Units,
		Consts: objects.NewTuple(consts...), Names: objects.NewTuple(names...), LocalsPlusNames: j.LocalsPlusNames,
		ArgCount: j.ArgCount, PosOnlyArgCount: j.PosOnlyArgCount, KwOnlyArgCount: j.KwOnlyArgCount,
		StackSize: j.StackSize, FrameSize: len(j.LocalsPlusNames) + j.StackSize, Version: nextCodeVersion,
		Flags: j.Flags, ExceptionTable: table}, nil
}

func loadConst(raw json.RawMessage) (objects.Object, error) {
	var c map[string]json.RawMessage
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, err
	}
	for kind, v := range c {
		switch kind {
		case "code":
			return LoadCode(v)
		case "none":
			return objects.None, nil
		case "bool":
			var b bool
			err := json.Unmarshal(v, &b)
			return objects.Bool(b), err
		case "int":
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, err
			}
			return objects.IntFromString(s, 10)
		case "float":
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, err
			}
			f, err := strconv.ParseFloat(s, 64)
			return objects.NewFloat(f), err
		case "str":
			var s string
			err := json.Unmarshal(v, &s)
			return objects.NewStr(s), err
		case "tuple":
			items, err := loadConsts(v)
			if err != nil {
				return nil, err
			}
			return objects.NewTuple(items...), nil
		case "frozenset":
			// The items come in CPython's iteration order: added in that order, they land where
			// they were in CPython's table, so the frozenset iterates the same way.
			items, err := loadConsts(v)
			if err != nil {
				return nil, err
			}
			f, err := objects.NewFrozenSet(objects.NewTuple(items...))
			if err != nil {
				return nil, err
			}
			return f, nil
		case "slice":
			items, err := loadConsts(v)
			if err != nil {
				return nil, err
			}
			if len(items) != 3 {
				return nil, fmt.Errorf("a slice constant has %d parts, not 3", len(items))
			}
			return objects.NewSlice(items[0], items[1], items[2]), nil
		case "bytes":
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, err
			}
			b, err := hex.DecodeString(s)
			return objects.NewBytes(b), err
		case "complex":
			var parts []string
			if err := json.Unmarshal(v, &parts); err != nil {
				return nil, err
			}
			if len(parts) != 2 {
				return nil, fmt.Errorf("a complex constant has %d parts, not 2", len(parts))
			}
			re, err := strconv.ParseFloat(parts[0], 64)
			if err != nil {
				return nil, err
			}
			im, err := strconv.ParseFloat(parts[1], 64)
			return objects.NewComplex(re, im), err
		case "ellipsis":
			return objects.Ellipsis, nil
		default:
			return nil, &Unsupported{What: kind + " constants"}
		}
	}
	return nil, fmt.Errorf("empty constant")
}

// loadConsts loads a JSON list of constants (a tuple's, a frozenset's or a slice's parts).
func loadConsts(raw json.RawMessage) ([]objects.Object, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, err
	}
	out := make([]objects.Object, len(items))
	for i, it := range items {
		o, err := loadConst(it)
		if err != nil {
			return nil, err
		}
		out[i] = o
	}
	return out, nil
}

// RunModule runs module code the way the corpus programs expect: globals are its locals, and
// the answer is the global `result`.
func RunModule(code *Code) (objects.Object, error) { return NewEval().RunModule(code) }

// RunModule runs module code in e, whose Stats then say what ran.
func (e *Eval) RunModule(code *Code) (objects.Object, error) {
	globals := objects.NewDict()
	if err := globals.Set(objects.NewStr("__name__"), objects.NewStr("__main__")); err != nil {
		return nil, err
	}
	if _, err := e.Run(NewFrame(code, globals, globals)); err != nil {
		return nil, err
	}
	v, ok, err := globals.Get(objects.NewStr("result"))
	if err != nil || !ok {
		return objects.None, nil
	}
	return v, nil
}

// Program is one program of a corpus file (casesgen/corpus_compile.py): its name and module code.
type Program struct {
	Name string          `json:"name"`
	Code json.RawMessage `json:"code"`
}

// ReadCorpus reads the programs of a corpus file.
func ReadCorpus(path string) ([]Program, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var corpus struct {
		Programs []Program `json:"programs"`
	}
	if err := json.Unmarshal(data, &corpus); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return corpus.Programs, nil
}

// RunFirst runs the first program of a corpus file as module code and returns the thread state
// and the module's globals, where its functions now are.
func RunFirst(path string) (*Eval, *objects.Dict, error) {
	programs, err := ReadCorpus(path)
	if err == nil && len(programs) == 0 {
		err = fmt.Errorf("%s: no programs", path)
	}
	if err != nil {
		return nil, nil, err
	}
	code, err := LoadCode(programs[0].Code)
	if err != nil {
		return nil, nil, err
	}
	globals := objects.NewDict()
	_ = globals.Set(objects.NewStr("__name__"), objects.NewStr("__main__")) // run as the main module
	e := NewEval()
	if _, err := e.Run(NewFrame(code, globals, globals)); err != nil {
		return nil, nil, err
	}
	return e, globals, nil
}

// Walk is c and the code objects of its constants, depth first: the order corpus_compile.py
// lists a program's code objects in.
func (c *Code) Walk() []*Code {
	out := []*Code{c}
	for _, k := range c.Consts.Items {
		if inner, ok := k.(*Code); ok {
			out = append(out, inner.Walk()...)
		}
	}
	return out
}

// ReprString and StrString are repr(o) and str(o) with e as the running thread state, so that
// a class's __repr__ or __str__ can run (what printing a program's answer needs once RunModule
// has returned).
func (e *Eval) ReprString(o objects.Object) (string, error) {
	return withThread(e, func() (string, error) { return objects.Repr(o) })
}

func (e *Eval) StrString(o objects.Object) (string, error) {
	return withThread(e, func() (string, error) { return objects.StrOf(o) })
}

func withThread(e *Eval, fn func() (string, error)) (string, error) {
	saved := current
	current = e
	defer func() { current = saved }()
	return fn()
}
