// Compiles and runs: each family's rewrite writes its opcode into the instruction word (the oparg
// kept) and its counter into the cell CPython's cache struct has it in; it prints the code units.
package main

import (
	"fmt"

	"gopy.example/gopy/compile"
	"gopy.example/gopy/specialize"
)

func main() {
	for _, c := range []struct {
		name    string
		size    int
		rewrite func([]uint16)
	}{
		{"CALL", 1 + int(compile.Caches[compile.CALL]), func(code []uint16) {
			specialize.SpecializeCall(code, 0, specialize.TargetCallPyExactArgs, 0x1234)
		}},
		{"LOAD_GLOBAL", 1 + int(compile.Caches[compile.LOAD_GLOBAL]), func(code []uint16) {
			specialize.SpecializeLoadGlobal(code, 0, specialize.TargetLoadGlobalModule, 0x1234)
		}},
		{"JUMP_BACKWARD", 1 + int(compile.Caches[compile.JUMP_BACKWARD]), func(code []uint16) {
			specialize.SpecializeJumpBackward(code, 0, specialize.TargetJumpBackwardNoJit, 0x1234)
		}},
	} {
		code := make([]uint16, c.size)
		code[0] = 7 << 8 // oparg 7
		c.rewrite(code)
		fmt.Println(c.name, code)
	}
}
