//go:build vmbench && !linux

package main

import "time"

// threadCPU is not measured off Linux: cpu_ns is 0 there.
func threadCPU() time.Duration { return 0 }
