//go:build cgo

package objects

/*
#cgo LDFLAGS: -lm
#include <math.h>
*/
import "C"

// withLibm says that this build calls the C library's math functions, as CPython's math module,
// float ** and complex ** do: the same results bit for bit as CPython on the same machine. The C
// library is not always correctly rounded (glibc's sin(10500220.08972361) is 0.505 ulp off), so
// the correctly rounded stand-ins of fastmath.go, which a build without cgo uses, differ from
// CPython on a few arguments in a thousand.
const withLibm = true

// CPython: Modules/mathmodule.c (math_1, math_2), Objects/floatobject.c float_pow,
// Objects/complexobject.c _Py_c_pow: each calls the C library function of the same name.
func libmSin(x float64) float64      { return float64(C.sin(C.double(x))) }
func libmCos(x float64) float64      { return float64(C.cos(C.double(x))) }
func libmExp(x float64) float64      { return float64(C.exp(C.double(x))) }
func libmLog(x float64) float64      { return float64(C.log(C.double(x))) }
func libmAtan(x float64) float64     { return float64(C.atan(C.double(x))) }
func libmAtan2(y, x float64) float64 { return float64(C.atan2(C.double(y), C.double(x))) }
func libmPow(x, y float64) float64   { return float64(C.pow(C.double(x), C.double(y))) }
func libmHypot(x, y float64) float64 { return float64(C.hypot(C.double(x), C.double(y))) }
