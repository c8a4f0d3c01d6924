package objects

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Conversion codes of CONVERT_VALUE (f"{x!s}", "{x!r}", "{x!a}").
const (
	FVC_NONE  = 0
	FVC_STR   = 1
	FVC_REPR  = 2
	FVC_ASCII = 3
)

// FormatConversion applies an f-string conversion and returns a str.
func FormatConversion(o Object, conv int) (Object, error) {
	var s string
	var err error
	switch conv {
	case FVC_NONE:
		return o, nil
	case FVC_STR:
		s, err = StrOf(o)
	case FVC_REPR:
		s, err = Repr(o)
	case FVC_ASCII:
		s, err = ASCII(o)
	default:
		return nil, NewException(RuntimeErrorType, "invalid conversion code %d", conv)
	}
	if err != nil {
		return nil, err
	}
	return NewStr(s), nil
}

// Format is format(o, spec), i.e. what f"{o:spec}" does.
func Format(o Object, spec string) (Object, error) {
	if r, ok, err := callSpecial(o, "__format__", NewStr(spec)); ok {
		if err == nil {
			if _, isStr := r.(*Str); !isStr {
				return nil, typeErrorf("__format__ must return a str, not %s", typeName(r))
			}
		}
		return r, err
	}
	if _, isType := o.(*Type); !isType && isClassObject(o) && !IsExceptionClass(o.Type()) {
		if spec != "" {
			return nil, typeErrorf("unsupported format string passed to %s.__format__", typeName(o))
		}
		s, err := StrOf(o)
		if err != nil {
			return nil, err
		}
		return NewStr(s), nil
	}
	var s string
	var err error
	switch v := o.(type) {
	case *Str:
		s, err = formatStr(v.S, spec)
	case *Int:
		s, err = formatInt(v, spec, "int")
	case Bool:
		// bool inherits int.__format__, which uses str() only for "".
		if spec == "" {
			s, err = StrOf(v)
		} else {
			i, _ := toInt(v)
			s, err = formatInt(i, spec, "bool")
		}
	case *Float:
		s, err = formatFloat(v.V, spec)
	default:
		if spec != "" {
			return nil, typeErrorf("unsupported format string passed to %s.__format__", typeName(o))
		}
		s, err = StrOf(o)
	}
	if err != nil {
		return nil, err
	}
	return NewStr(s), nil
}

// formatSpec is a parsed format specification (the mini-language):
// [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." [precision][grouping]][type]
type formatSpec struct {
	fill         rune
	align        rune // 0 if not given
	sign         rune // 0, '+', '-' or ' '
	noNegZero    bool // 'z'
	alt          bool // '#'
	width        int
	grouping     rune // 0, ',' or '_': integer part
	precision    int  // -1 if not given
	fracGrouping rune // 3.14: grouping of the fractional digits
	typ          rune // 0 if not given
}

func parseSpec(spec, typName string, defaultAlign rune) (*formatSpec, error) {
	r := []rune(spec)
	f := &formatSpec{fill: ' ', precision: -1}
	i := 0
	isAlign := func(c rune) bool { return c == '<' || c == '>' || c == '^' || c == '=' }
	fillGiven := false
	switch {
	case len(r) >= 2 && isAlign(r[1]):
		f.fill, f.align, i, fillGiven = r[0], r[1], 2, true
	case len(r) >= 1 && isAlign(r[0]):
		f.align, i = r[0], 1
	}
	if i < len(r) && (r[i] == '+' || r[i] == '-' || r[i] == ' ') {
		f.sign = r[i]
		i++
	}
	if i < len(r) && r[i] == 'z' {
		f.noNegZero = true
		i++
	}
	if i < len(r) && r[i] == '#' {
		f.alt = true
		i++
	}
	// A '0' before the width means zero fill (unless a fill was given),
	// and for numbers also sign-aware '=' alignment unless one was given.
	if !fillGiven && i < len(r) && r[i] == '0' {
		f.fill = '0'
		if f.align == 0 && defaultAlign == '>' {
			f.align = '='
		}
		i++
	}
	digits := func() (int, bool) {
		start := i
		for i < len(r) && r[i] >= '0' && r[i] <= '9' {
			i++
		}
		n, _ := strconv.Atoi(string(r[start:i]))
		return n, i > start
	}
	grouping := func() (rune, error) {
		if i >= len(r) || (r[i] != ',' && r[i] != '_') {
			return 0, nil
		}
		g := r[i]
		i++
		if i < len(r) && (r[i] == ',' || r[i] == '_') {
			if r[i] == g {
				return 0, valueErrorf("Cannot specify '%c' with '%c'.", g, g)
			}
			return 0, valueErrorf("Cannot specify both ',' and '_'.")
		}
		return g, nil
	}
	f.width, _ = digits()
	var err error
	if f.grouping, err = grouping(); err != nil {
		return nil, err
	}
	if i < len(r) && r[i] == '.' {
		i++
		var ok bool
		f.precision, ok = digits()
		if !ok {
			f.precision = -1
		}
		if f.fracGrouping, err = grouping(); err != nil {
			return nil, err
		}
		if !ok && f.fracGrouping == 0 {
			return nil, valueErrorf("Format specifier missing precision")
		}
	}
	switch len(r) - i {
	case 0:
	case 1:
		f.typ = r[i]
	default:
		return nil, valueErrorf("Invalid format specifier '%s' for object of type '%s'", spec, typName)
	}
	if f.align == 0 {
		f.align = defaultAlign
	}
	// Which presentation types accept grouping (PEP 378, PEP 515).
	for _, g := range []rune{f.grouping, f.fracGrouping} {
		if g == 0 {
			continue
		}
		switch f.typ {
		case 0, 'd', 'e', 'E', 'f', 'F', 'g', 'G', '%':
		case 'b', 'o', 'x', 'X':
			if g == '_' {
				break
			}
			fallthrough
		default:
			return nil, valueErrorf("Cannot specify '%c' with '%c'.", g, f.typ)
		}
	}
	return f, nil
}

// pad applies width, fill and alignment. head (sign and base prefix)
// stays left of the padding for '=' alignment.
func pad(f *formatSpec, head, body string) string {
	n := f.width - utf8.RuneCountInString(head) - utf8.RuneCountInString(body)
	if n <= 0 {
		return head + body
	}
	fill := string(f.fill)
	switch f.align {
	case '<':
		return head + body + strings.Repeat(fill, n)
	case '^':
		return strings.Repeat(fill, n/2) + head + body + strings.Repeat(fill, n-n/2)
	case '=':
		return head + strings.Repeat(fill, n) + body
	}
	return strings.Repeat(fill, n) + head + body
}

// group inserts sep every size digits, counting from the right.
func group(digits string, sep rune, size int) string {
	if sep == 0 || len(digits) <= size {
		return digits
	}
	var b strings.Builder
	first := len(digits) % size
	if first == 0 {
		first = size
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += size {
		b.WriteRune(sep)
		b.WriteString(digits[i : i+size])
	}
	return b.String()
}

// finishNumber assembles sign, prefix, grouped integer digits and the
// rest (fraction, exponent, '%'), then pads. With zero fill and '='
// alignment the padding zeros are grouped like digits, as in CPython:
// format(1234, '010,') == '00,001,234'.
func finishNumber(f *formatSpec, neg bool, prefix, intDigits, rest string, size int) string {
	sign := ""
	switch {
	case neg:
		sign = "-"
	case f.sign == '+':
		sign = "+"
	case f.sign == ' ':
		sign = " "
	}
	head := sign + prefix
	digits := group(intDigits, f.grouping, size)
	if f.align == '=' && f.fill == '0' && f.grouping != 0 && intDigits != "" {
		need := f.width - utf8.RuneCountInString(head) - utf8.RuneCountInString(rest)
		for len(digits) < need {
			intDigits = "0" + intDigits
			digits = group(intDigits, f.grouping, size)
		}
	}
	return pad(f, head, digits+rest)
}

func formatInt(i *Int, spec, typName string) (string, error) {
	if spec == "" {
		return intToDecimal(i)
	}
	f, err := parseSpec(spec, typName, '>')
	if err != nil {
		return "", err
	}
	base, prefix := 10, ""
	switch f.typ {
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		x, err := intToFloat(i)
		if err != nil {
			return "", err
		}
		return formatFloatSpec(x, f, typName)
	case 0, 'd', 'n', 'c':
	case 'b':
		base, prefix = 2, "0b"
	case 'o':
		base, prefix = 8, "0o"
	case 'x':
		base, prefix = 16, "0x"
	case 'X':
		base, prefix = 16, "0X"
	default:
		return "", valueErrorf("Unknown format code '%c' for object of type '%s'", f.typ, typName)
	}
	switch {
	case f.precision >= 0:
		return "", valueErrorf("Precision not allowed in integer format specifier")
	case f.noNegZero:
		return "", valueErrorf("Negative zero coercion (z) not allowed in integer format specifier")
	case f.typ == 'n' && f.grouping != 0:
		return "", valueErrorf("Cannot specify '%c' with 'n'.", f.grouping)
	}
	if f.typ == 'c' {
		switch {
		case f.sign != 0:
			return "", valueErrorf("Sign not allowed with integer format specifier 'c'")
		case f.alt:
			return "", valueErrorf("Alternate form (#) not allowed with integer format specifier 'c'")
		}
		v, ok := i.Int64()
		if !ok {
			return "", overflowErrorf("Python int too large to convert to C long")
		}
		if v < 0 || v > unicodeMax {
			return "", overflowErrorf("%%c arg not in range(0x110000)")
		}
		return pad(f, "", string(rune(v))), nil
	}
	var digits string
	if base == 10 {
		if digits, err = intToDecimal(intAbs(i)); err != nil {
			return "", err
		}
	} else {
		digits = intToBase(i, base)
		if f.typ == 'X' {
			digits = strings.ToUpper(digits)
		}
	}
	if !f.alt {
		prefix = ""
	}
	size := 3
	if base != 10 {
		size = 4 // '_' groups hex/octal/binary digits in fours
	}
	return finishNumber(f, i.Sign() < 0, prefix, digits, "", size), nil
}

func formatFloat(x float64, spec string) (string, error) {
	if spec == "" {
		return floatRepr(x), nil
	}
	f, err := parseSpec(spec, "float", '>')
	if err != nil {
		return "", err
	}
	return formatFloatSpec(x, f, "float")
}

func formatFloatSpec(x float64, f *formatSpec, typName string) (string, error) {
	switch f.typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
	default:
		return "", valueErrorf("Unknown format code '%c' for object of type '%s'", f.typ, typName)
	}
	if f.typ == 'n' && (f.grouping != 0 || f.fracGrouping != 0) {
		g := f.grouping
		if g == 0 {
			g = f.fracGrouping
		}
		return "", valueErrorf("Cannot specify '%c' with 'n'.", g)
	}
	prec := f.precision
	defaultPrec := func() {
		if prec < 0 {
			prec = 6
		}
	}
	neg := math.Signbit(x) && !math.IsNaN(x)
	a := math.Abs(x)
	finite := !math.IsInf(x, 0) && !math.IsNaN(x)
	var body string
	switch {
	case math.IsInf(x, 0):
		body = "inf"
	case math.IsNaN(x):
		body = "nan"
	default:
		switch f.typ {
		case 'f', 'F', '%':
			defaultPrec()
			if f.typ == '%' {
				a *= 100
			}
			body = strconv.FormatFloat(a, 'f', prec, 64)
			if f.alt && prec == 0 {
				body += "."
			}
		case 'e', 'E':
			defaultPrec()
			body = strconv.FormatFloat(a, 'e', prec, 64)
			if f.alt && prec == 0 {
				body = strings.Replace(body, "e", ".e", 1)
			}
		case 'g', 'G', 'n':
			defaultPrec()
			if prec == 0 {
				prec = 1
			}
			body = formatGeneral(a, prec, prec, f.alt, false)
		default: // no type: like 'g' but always showing a fractional part
			if prec < 0 {
				body = formatGeneral(a, -1, 16, f.alt, true) // repr digits
			} else {
				if prec == 0 {
					prec = 1
				}
				body = formatGeneral(a, prec, prec-1, f.alt, true)
			}
		}
	}
	if f.typ == '%' {
		body += "%"
	}
	if f.typ == 'E' || f.typ == 'F' || f.typ == 'G' {
		body = strings.ToUpper(body)
	}
	// 'z' turns a negative zero (after rounding) into a positive one.
	if f.noNegZero && neg && finite && strings.Trim(strings.SplitN(strings.ToLower(body), "e", 2)[0], "0.%") == "" {
		neg = false
	}
	intDigits, rest := "", body
	if finite {
		n := strings.IndexFunc(body, func(r rune) bool { return r < '0' || r > '9' })
		if n < 0 {
			n = len(body)
		}
		intDigits, rest = body[:n], body[n:]
		if f.fracGrouping != 0 && strings.HasPrefix(rest, ".") {
			m := strings.IndexFunc(rest[1:], func(r rune) bool { return r < '0' || r > '9' })
			if m < 0 {
				m = len(rest) - 1
			}
			rest = "." + groupLeft(rest[1:1+m], f.fracGrouping) + rest[1+m:]
		}
	}
	return finishNumber(f, neg, "", intDigits, rest, 3), nil
}

// groupLeft groups fractional digits in threes from the left.
func groupLeft(digits string, sep rune) string {
	var b strings.Builder
	for i := 0; i < len(digits); i += 3 {
		if i > 0 {
			b.WriteRune(sep)
		}
		b.WriteString(digits[i:min(i+3, len(digits))])
	}
	return b.String()
}

func formatStr(s, spec string) (string, error) {
	if spec == "" {
		return s, nil
	}
	f, err := parseSpec(spec, "str", '<')
	if err != nil {
		return "", err
	}
	switch {
	case f.typ != 0 && f.typ != 's':
		return "", valueErrorf("Unknown format code '%c' for object of type 'str'", f.typ)
	case f.sign != 0:
		return "", valueErrorf("Sign not allowed in string format specifier")
	case f.alt:
		return "", valueErrorf("Alternate form (#) not allowed in string format specifier")
	case f.noNegZero:
		return "", valueErrorf("Negative zero coercion (z) not allowed in string format specifier")
	case f.align == '=':
		return "", valueErrorf("'=' alignment not allowed in string format specifier")
	case f.grouping != 0 || f.fracGrouping != 0:
		return "", valueErrorf("Cannot specify '%c' with 's'.", max(f.grouping, f.fracGrouping))
	}
	if f.precision >= 0 {
		if r := []rune(s); len(r) > f.precision {
			s = string(r[:f.precision])
		}
	}
	return pad(f, "", s), nil
}
