package objects

import (
	"fmt"
	"strings"
)

// Repr is repr(o).
func Repr(o Object) (string, error) {
	var b strings.Builder
	err := writeRepr(&b, o, map[Object]bool{})
	return b.String(), err
}

// StrOf is str(o): the text itself for strings, the message for exceptions,
// and repr for everything else modelled here.
func StrOf(o Object) (string, error) {
	if s, ok, err := classStr(o, "__str__"); ok {
		return s, err
	}
	switch v := o.(type) {
	case *Str:
		return v.S, nil
	case *Exception:
		return exceptionStr(v), nil
	}
	return Repr(o)
}

// ASCII is ascii(o): repr with non-ASCII characters escaped.
func ASCII(o Object) (string, error) {
	r, err := Repr(o)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, c := range r {
		switch {
		case c < 0x80:
			b.WriteRune(c)
		case c <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, c)
		case c <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			fmt.Fprintf(&b, `\U%08x`, c)
		}
	}
	return b.String(), nil
}

// writeRepr appends repr(o). active holds the containers being printed,
// so a list that contains itself prints as [...] instead of recursing.
func writeRepr(b *strings.Builder, o Object, active map[Object]bool) error {
	if s, ok, err := classStr(o, "__repr__"); ok {
		b.WriteString(s)
		return err
	}
	if _, isType := o.(*Type); !isType && isClassObject(o) && !IsExceptionClass(o.Type()) {
		return addressRepr(typeName(o) + " object")
	}
	switch v := o.(type) {
	case *Int:
		s, err := intToDecimal(v)
		b.WriteString(s)
		return err
	case Bool:
		if v {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case NoneObject:
		b.WriteString("None")
	case *Float:
		b.WriteString(floatRepr(v.V))
	case *Str:
		b.WriteString(quoteStr(v.S, false))
	case *Bytes:
		b.WriteString(bytesRepr(v.V))
	case *Complex:
		b.WriteString(complexRepr(v))
	case EllipsisObject:
		b.WriteString("Ellipsis")
	case *DictView: // dict_items([('a', 1)])
		return writeSeq(b, v, dictViewReprPrefix[v.kind]+"[", "])", v.items(), active)
	case *Set:
		// repr(list(s))[1:-1] in braces; set(...) for a set met again while it is printed.
		name := v.Type().Name
		switch {
		case active[v]:
			b.WriteString(name + "(...)")
		case v.used == 0:
			b.WriteString(name + "()")
		case v.frozen:
			return writeSeq(b, v, name+"({", "})", v.Items(), active)
		default:
			return writeSeq(b, v, "{", "}", v.Items(), active)
		}
	case *Tuple:
		if len(v.Items) == 1 { // (1,) needs the comma
			b.WriteByte('(')
			if err := writeRepr(b, v.Items[0], active); err != nil {
				return err
			}
			b.WriteString(",)")
			return nil
		}
		return writeSeq(b, v, "(", ")", v.Items, active)
	case *List:
		return writeSeq(b, v, "[", "]", v.Items, active)
	case *Dict:
		if active[v] {
			b.WriteString("{...}")
			return nil
		}
		active[v] = true
		defer delete(active, v)
		b.WriteByte('{')
		first := true
		for _, e := range v.entries {
			if e.Key == nil {
				continue
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			if err := writeRepr(b, e.Key, active); err != nil {
				return err
			}
			b.WriteString(": ")
			if err := writeRepr(b, e.Value, active); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case *Range:
		if v.Step == 1 {
			fmt.Fprintf(b, "range(%d, %d)", v.Start, v.Stop)
		} else {
			fmt.Fprintf(b, "range(%d, %d, %d)", v.Start, v.Stop, v.Step)
		}
	case *Slice:
		return writeSeq(b, v, "slice(", ")", []Object{v.Start, v.Stop, v.Step}, active)
	case *Exception:
		s, err := exceptionRepr(v)
		b.WriteString(s)
		return err
	case *Type:
		fmt.Fprintf(b, "<class '%s'>", v.QualifiedName())
	case *Builtin:
		if v.Self == nil {
			fmt.Fprintf(b, "<built-in function %s>", v.Name)
		} else {
			return addressRepr("built-in method")
		}
	case *Method:
		self, err := Repr(v.Self)
		if err != nil {
			return err
		}
		name := "?"
		if f, ok := v.Func.(*Function); ok {
			name = f.Qualname
		}
		fmt.Fprintf(b, "<bound method %s of %s>", name, self)
	case *MethodDescr:
		fmt.Fprintf(b, "<method '%s' of '%s' objects>", v.Name, v.Owner.Name)
	case NotImplementedObject:
		b.WriteString("NotImplemented")
	case *Module:
		fmt.Fprintf(b, "<module '%s' (built-in)>", v.Name)
	case interface{ repr() (string, error) }: // an object whose type has its own tp_repr (itertools.count)
		s, err := v.repr()
		b.WriteString(s)
		return err
	default: // a function, a cell, a descriptor, an iterator, ...
		return addressRepr(typeName(o))
	}
	return nil
}

// addressRepr is the end of a run that prints a repr CPython makes of an address (<function f at
// 0x7f...>): no program can get CPython's answer from it, so it is unsupported, never another text.
func addressRepr(what string) error {
	return &Unsupported{What: "the repr of a " + what + " (it shows an address)"}
}

func writeSeq(b *strings.Builder, self Object, open, close string, items []Object, active map[Object]bool) error {
	if active[self] {
		b.WriteString(open + "..." + close)
		return nil
	}
	active[self] = true
	defer delete(active, self)
	b.WriteString(open)
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		if err := writeRepr(b, it, active); err != nil {
			return err
		}
	}
	b.WriteString(close)
	return nil
}
