package objects

import (
	"fmt"
	"strings"
)

// Bytes is Python's bytes: an immutable sequence of byte values, held as a Go string (any bytes,
// not necessarily UTF-8).
type Bytes struct {
	V string
}

var (
	BytesType     = &Type{Name: "bytes", Base: ObjectType}
	BytesIterType = &Type{Name: "bytes_iterator", Base: ObjectType}
)

func (*Bytes) Type() *Type { return BytesType }

// NewBytes returns the bytes object of b's contents.
func NewBytes(b []byte) *Bytes { return &Bytes{V: string(b)} }

// bytesRepr is repr(bytes): b'...' (b"..." when the bytes hold ' and no "), with \\, the quote,
// \t \n \r escaped and every byte outside printable ASCII as \xhh.
func bytesRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.WriteByte('b')
	b.WriteByte(quote)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == quote || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < ' ' || c >= 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(quote)
	return b.String()
}

// bytesGetItem is b[i] (an int) and b[slice] (bytes).
func bytesGetItem(b *Bytes, key Object) (Object, error) {
	if s, ok := key.(*Slice); ok {
		start, _, step, count, err := s.indices(len(b.V))
		if err != nil {
			return nil, err
		}
		if step == 1 {
			return &Bytes{V: b.V[start : start+count]}, nil
		}
		out := make([]byte, count)
		for i := range out {
			out[i] = b.V[start+i*step]
		}
		return NewBytes(out), nil
	}
	idx, err := position(key, len(b.V), "byte indices must be integers or slices, not %s", "index out of range")
	if err != nil {
		return nil, err
	}
	return NewInt(int64(b.V[idx])), nil
}

// bytesContains is `item in b`: an int is a byte value, bytes a substring.
func bytesContains(b *Bytes, item Object) (bool, error) {
	if i, ok := toInt(item); ok {
		v, small := i.Int64()
		if !small || v < 0 || v >= 256 {
			return false, valueErrorf("byte must be in range(0, 256)")
		}
		return strings.IndexByte(b.V, byte(v)) >= 0, nil
	}
	if sub, ok := item.(*Bytes); ok {
		return strings.Contains(b.V, sub.V), nil
	}
	return false, typeErrorf("a bytes-like object is required, not '%s'", typeName(item))
}

// BytesIter yields a bytes object's values as ints.
type BytesIter struct {
	b *Bytes
	i int
}

func (*BytesIter) Type() *Type { return BytesIterType }

func (it *BytesIter) Next() (Object, bool, error) {
	if it.i >= len(it.b.V) {
		return nil, false, nil
	}
	it.i++
	return NewInt(int64(it.b.V[it.i-1])), true, nil
}
