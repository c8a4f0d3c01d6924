// Package compile stands in for gopy's compiler package: the opcode and uop
// tables casesgen generates (*_gen.go) compile into it.
package compile
