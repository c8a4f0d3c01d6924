package vm

// handler is one entry of a code object's exception table (CPython's co_exceptiontable).
type handler struct {
	start, end, target, depth int
	lasti                     bool
}

// findHandler returns the innermost handler covering instruction index instr. The table is
// a sequence of entries (start, length, target, depth<<1|lasti), each a varint of 6-bit
// groups, most significant first, with 0x40 marking "more follows"; 0x80 marks an entry start.
func findHandler(table []byte, instr int) (handler, bool) {
	pos := 0
	varint := func() int {
		b := table[pos]
		pos++
		v := int(b & 63)
		for b&64 != 0 {
			b = table[pos]
			pos++
			v = v<<6 | int(b&63)
		}
		return v
	}
	for pos < len(table) {
		start := varint()
		length := varint()
		target := varint()
		dl := varint()
		if start <= instr && instr < start+length {
			return handler{start, start + length, target, dl >> 1, dl&1 != 0}, true
		}
	}
	return handler{}, false
}
