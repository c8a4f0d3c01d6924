// Does not compile: a CALL instruction rewritten to a TO_BOOL family's target.
package main

import "gopy.example/gopy/specialize"

func main() {
	code := make([]uint16, 4)
	specialize.SpecializeCall(code, 0, specialize.TargetToBoolInt, 0)
}
