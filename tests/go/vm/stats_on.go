//go:build casesgen_stats

package vm

// statsEnabled: this build counts every executed instruction (go build -tags casesgen_stats).
const statsEnabled = true
