package objects

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Str is Python's str. S holds UTF-8; Python indexes by code point, so
// non-ASCII strings get a lazily built []rune for O(1) indexing while ASCII
// strings (the common case) index S directly.
type Str struct {
	S     string
	kind  uint8 // 0: not scanned yet, strASCII or strWide
	runes []rune
	hash  int64 // the str's hash once computed, 0 before (CPython's ob_hash, -1 before)
}

// Hash is the str's hash, computed once: a str is immutable, and the dict lookups of names
// (attributes, globals, keyword arguments) ask for it again and again.
// CPython: Objects/unicodeobject.c unicode_hash
func (s *Str) Hash() int64 {
	if s.hash == 0 {
		s.hash = strHash(s.S)
	}
	return s.hash
}

const (
	strASCII = 1
	strWide  = 2
)

func (*Str) Type() *Type { return StrType }

// NewStr returns the Python str s; the empty one is always EmptyStr, as CPython's empty string
// is a singleton (TO_BOOL_STR tests a str's truth by identity with it).
func NewStr(s string) *Str {
	if s == "" {
		return EmptyStr
	}
	return &Str{S: s}
}

// EmptyStr is the one empty str (CPython's &_Py_STR(empty)).
var EmptyStr = &Str{}

// interned are the strings InternStr handed out; immortal, those InternImmortal made immortal.
var (
	interned = map[string]*Str{}
	immortal = map[string]bool{}
)

// InternImmortal is InternStr for the names of code objects, which CPython interns immortal.
// CPython: Objects/unicodeobject.c _PyUnicode_InternImmortal
func InternImmortal(s string) *Str {
	immortal[s] = true
	return InternStr(s)
}

// IsImmortalInterned reports a string a code object's names made immortal.
func IsImmortalInterned(s string) bool { return immortal[s] }

// InternStr is the one str object for s that names (co_names, attribute keys) share, so that
// comparing a dict's key with a name is a pointer comparison, as with CPython's interned strings.
// CPython: Objects/unicodeobject.c _PyUnicode_InternMortal
func InternStr(s string) *Str {
	if v, ok := interned[s]; ok {
		return v
	}
	v := NewStr(s)
	interned[s] = v
	return v
}

func (s *Str) scan() {
	if s.kind != 0 {
		return
	}
	for i := 0; i < len(s.S); i++ {
		if s.S[i] >= utf8.RuneSelf {
			s.kind = strWide
			s.runes = []rune(s.S)
			return
		}
	}
	s.kind = strASCII
}

// Len is len(s) in code points.
func (s *Str) Len() int {
	s.scan()
	if s.kind == strASCII {
		return len(s.S)
	}
	return len(s.runes)
}

// at returns the i-th code point as a string (0 <= i < Len()).
func (s *Str) at(i int) string {
	s.scan()
	if s.kind == strASCII {
		return s.S[i : i+1]
	}
	return string(s.runes[i])
}

// substr returns code points [start, stop) (0 <= start <= stop <= Len()).
func (s *Str) substr(start, stop int) string {
	s.scan()
	if s.kind == strASCII {
		return s.S[start:stop]
	}
	return string(s.runes[start:stop])
}

// isPySpace is str.isspace() for one character: Unicode whitespace plus
// the ASCII information separators \x1c-\x1f, which Python counts too.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// quoteStr is repr(str), or ascii(str) when asciiOnly: single quotes
// unless the text contains ' and no ", backslash escapes for the quote,
// backslash, \t \n \r, and \x/\u/\U escapes for unprintable characters.
func quoteStr(s string, asciiOnly bool) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == quote || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f:
			b.WriteRune(r)
		case asciiOnly || !unicode.IsPrint(r):
			// unicode.IsPrint matches Python's isprintable(): it rejects
			// control, format, private-use and unassigned characters and
			// all separators except the ASCII space.
			switch {
			case r <= 0xff:
				fmt.Fprintf(&b, `\x%02x`, r)
			case r <= 0xffff:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteRune(quote)
	return b.String()
}

// strArg extracts a Go string from a str argument, with the TypeError text
// CPython's argument clinic uses ("replace() argument 1 must be str, not int").
func strArg(o Object, fname string, pos int) (string, error) {
	if s, ok := o.(*Str); ok {
		return s.S, nil
	}
	return "", typeErrorf("%s() argument %d must be str, not %s", fname, pos, typeName(o))
}

// strSplitWhitespace is str.split() with no separator: runs of whitespace
// separate fields, leading/trailing whitespace yields no empty fields, and
// after maxsplit splits the remainder keeps its trailing whitespace.
func strSplitWhitespace(s string, maxsplit int) []Object {
	var out []Object
	rest := strings.TrimLeftFunc(s, isPySpace)
	for rest != "" {
		if maxsplit >= 0 && len(out) == maxsplit {
			out = append(out, NewStr(rest))
			break
		}
		end := strings.IndexFunc(rest, isPySpace)
		if end < 0 {
			out = append(out, NewStr(rest))
			break
		}
		out = append(out, NewStr(rest[:end]))
		rest = strings.TrimLeftFunc(rest[end:], isPySpace)
	}
	return out
}

// strSplit is str.split(sep, maxsplit) with an explicit separator.
func strSplit(s, sep string, maxsplit int) []Object {
	n := -1
	if maxsplit >= 0 {
		n = maxsplit + 1
	}
	parts := strings.SplitN(s, sep, n)
	out := make([]Object, len(parts))
	for i, p := range parts {
		out[i] = NewStr(p)
	}
	return out
}

// strStrip is str.strip/lstrip/rstrip; chars == nil means whitespace.
func strStrip(s string, chars *string, left, right bool) string {
	cut := isPySpace
	if chars != nil {
		set := *chars
		cut = func(r rune) bool { return strings.ContainsRune(set, r) }
	}
	if left {
		s = strings.TrimLeftFunc(s, cut)
	}
	if right {
		s = strings.TrimRightFunc(s, cut)
	}
	return s
}
