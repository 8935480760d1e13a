// Package bench compares localsqs with independent SQS emulators (moto,
// fauxqs) through the real aws-sdk-go-v2 client, in one run, so the ratios
// are meaningful on a small noisy machine. It holds benchmarks only; see
// scripts/bench-localsqs for the command that starts the emulators.
package bench
