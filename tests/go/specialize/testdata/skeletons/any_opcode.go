// Does not compile: a target made of an opcode the family does not have.
package main

import (
	"gopy.example/gopy/compile"
	"gopy.example/gopy/specialize"
)

func main() {
	code := make([]uint16, 4)
	specialize.SpecializeCall(code, 0, specialize.CallTarget{compile.LOAD_ATTR_SLOT}, 0)
}
