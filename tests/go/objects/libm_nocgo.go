//go:build !cgo

package objects

// withLibm is false in a build without cgo: the math functions are the correctly rounded
// stand-ins of fastmath.go and floatpow.go, which agree with the C library's but for a few
// arguments in a thousand (see libm_cgo.go). The libm functions below are never called then.
const withLibm = false

func libmSin(x float64) float64      { panic("no libm") }
func libmCos(x float64) float64      { panic("no libm") }
func libmExp(x float64) float64      { panic("no libm") }
func libmLog(x float64) float64      { panic("no libm") }
func libmAtan(x float64) float64     { panic("no libm") }
func libmAtan2(y, x float64) float64 { panic("no libm") }
func libmPow(x, y float64) float64   { panic("no libm") }
func libmHypot(x, y float64) float64 { panic("no libm") }
