// Package conformance holds the SQS conformance suite: one set of cases,
// written against the real aws-sdk-go-v2 SQS client over HTTP, whose
// assertions run unchanged against every target:
//
//   - localsqs, in-process, always;
//   - moto, when SQSCOPE_MOTO_ENDPOINT is set (moto_server -H 127.0.0.1 -p PORT);
//   - local-aws-sqs 2.0.2 (npm), when SQSCOPE_LOCALAWSSQS_ENDPOINT is set,
//     mainly for the move-task cases moto cannot run.
//
// The assertions follow what the AWS documentation promises, not what any
// one emulator does. Where an emulator is known to diverge, its target
// declares the gap (a feature plus what the emulator does instead, verified
// against a running server) and every case that needs that feature is
// skipped for it by name with the reason printed, so a gap shows in every
// run instead of hiding in a weakened assertion. localsqs declares no gaps:
// a case failing on localsqs is a bug in localsqs.
//
// Each case creates queues with random names and deletes them, so one
// emulator can serve many runs. Run with:
//
//	go test -race ./localsqs/conformance/
//	SQSCOPE_MOTO_ENDPOINT=http://127.0.0.1:PORT go test ./localsqs/conformance/
//
// The package has no non-test code: it exists to prove localsqs against
// independent implementations.
package conformance
