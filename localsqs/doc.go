// Package localsqs is an in-memory server that speaks the SQS AWS JSON 1.0
// protocol (POST /, X-Amz-Target: AmazonSQS.<Operation>) well enough for
// aws-sdk-go-v2, boto3 and the AWS CLI. It backs sqscope's --demo mode, its
// integration tests and `sqscope server`; it is never the production path.
// The project carries its own because no existing emulator both speaks the
// JSON protocol the Go SDK uses and can be embedded in a Go binary.
//
// Use it as an http.Handler (New), on a socket (ListenAndServe) or in
// process without HTTP (Server.Call). Queue URLs are BASE/ACCOUNT/NAME, BASE
// being the server's own address (Options.BaseURL, else the one it listens
// on; never a request's Host header), and a QueueUrl with any host resolves
// by its last path segment, since clients mix localhost and 127.0.0.1. Text
// that is not UTF-8 and lone surrogates are refused as SQS refuses them
// (utf8.go), not stored as U+FFFD. Errors
// carry __type and the x-amzn-query-error header as SQS sends them, so SDKs
// produce their typed errors. The conformance suite (localsqs/conformance)
// runs the same assertions against this server and against moto.
//
// On the same listener it answers CloudWatch GetMetricData and ListMetrics
// for its queues' AWS/SQS metrics (cloudwatch.go), from per-minute
// statistics every queue records as it works (metrics.go); a scenario can
// back-fill history (history.go).
//
// What it deliberately does not do: persistence (a restart loses
// everything), authentication (signatures are not checked; the access key
// id only becomes SenderId), permissions (AddPermission and RemovePermission
// are UnsupportedOperation), KMS, throughput limits, QueueDeletedRecently (a
// deleted name can be reused at once) and ReceiveRequestAttemptId.
//
// Where behaviour deliberately differs from AWS, or pins down what SQS
// leaves open:
//   - Receives are exact, not sampled: a short poll returns whatever is
//     visible, and ApproximateNumberOf* counts are exact. Long polls never
//     poll: they sleep until a send, a visibility change or the next delayed
//     or in-flight message falls due (queue.schedule), the client hangs up,
//     or the server closes.
//   - A message already received maxReceiveCount times moves to the DLQ on
//     the next receive instead of being returned, keeping MessageId, body,
//     attributes, SentTimestamp, ApproximateReceiveCount and retention start,
//     and gaining DeadLetterQueueSourceArn. If the DLQ no longer exists the
//     message stays in its queue and is delivered as usual.
//   - Move tasks move up to the source's visible count at start
//     (ApproximateNumberOfMessagesToMove). A moved message keeps MessageId,
//     body, attributes and MessageGroupId; it gets a new SentTimestamp and
//     its receive count starts again at 0. A task fails (FAILED, with
//     FailureReason) at the first message whose destination does not exist;
//     that message and the rest stay in the source, in order. Cancel and
//     Server.Close end a task as CANCELLED. Without
//     MaxNumberOfMessagesPerSecond a task runs as fast as it can.
//   - Receipt handles (handles.go): DeleteMessage accepts a stale handle;
//     ChangeMessageVisibility does not. A handle carries a MAC under a
//     per-process key, so one made up from a MessageId is refused, and
//     handles do not survive a restart.
//   - PurgeQueue empties the queue at once; a second purge within 60 s is
//     PurgeQueueInProgress.
//
// Locking: the registry has one RWMutex guarding the name→queue map; each
// queue has its own mutex guarding its messages. Locks are taken registry
// first, then one queue; never the registry while holding a queue lock
// (code that needs both snapshots the registry first, see queuesByARN and
// redriveTarget) and never two queue locks at once (dead-lettering takes
// messages out under the source lock, then puts them in under the DLQ's).
// So redrive cycles cannot deadlock, and no lock is held while a long poll
// waits.
package localsqs
