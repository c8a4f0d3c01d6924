//go:build !casesgen_stats

package vm

// statsEnabled: this build counts no executed instructions (build with -tags casesgen_stats).
const statsEnabled = false
