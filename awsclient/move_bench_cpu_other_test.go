//go:build !unix

package awsclient

import "time"

// processCPU is not measured here: the benchmark reports 0 µs/msg.
func processCPU() time.Duration { return 0 }
