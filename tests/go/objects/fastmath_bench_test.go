package objects

import "testing"

// Benchmarks of the C library stand-ins over a small spread of ordinary arguments.

var benchSink float64

func benchArgs() []float64 {
	return []float64{0.3, 1.7, 2.9, 5.5, 12.25, 0.01, 100.5, 3.3}
}

func BenchmarkSin(b *testing.B) {
	xs := benchArgs()
	for i := 0; i < b.N; i++ {
		s, _ := cSinCos(xs[i&7])
		benchSink += s
	}
}

func BenchmarkCos(b *testing.B) {
	xs := benchArgs()
	for i := 0; i < b.N; i++ {
		_, c := cSinCos(xs[i&7])
		benchSink += c
	}
}

func BenchmarkExp(b *testing.B) {
	xs := benchArgs()
	for i := 0; i < b.N; i++ {
		benchSink += cExp(xs[i&7] - 3)
	}
}

func BenchmarkLog(b *testing.B) {
	xs := benchArgs()
	for i := 0; i < b.N; i++ {
		benchSink += cLog(xs[i&7])
	}
}

func BenchmarkPowMinus1_5(b *testing.B) {
	xs := benchArgs()
	for i := 0; i < b.N; i++ {
		benchSink += cPow(xs[i&7], -1.5)
	}
}

func BenchmarkPow2(b *testing.B) {
	xs := benchArgs()
	for i := 0; i < b.N; i++ {
		benchSink += cPow(xs[i&7], 2)
	}
}

func BenchmarkPow3(b *testing.B) {
	xs := benchArgs()
	for i := 0; i < b.N; i++ {
		benchSink += cPow(xs[i&7], 3)
	}
}

func BenchmarkAtan2(b *testing.B) {
	xs := benchArgs()
	for i := 0; i < b.N; i++ {
		benchSink += cAtan2(xs[i&7], xs[(i+3)&7]-4)
	}
}
