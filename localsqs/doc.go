// Package localsqs is an in-memory server that speaks the SQS AWS JSON 1.0
// protocol (POST /, X-Amz-Target: AmazonSQS.<Operation>) well enough for
// aws-sdk-go-v2, boto3 and the AWS CLI. It backs sqscope's --demo mode, its
// integration tests and `sqscope server`; it is never the production path.
//
// Use it as an http.Handler (New) or on a socket (ListenAndServe). Queue
// URLs are http://HOST/ACCOUNT/NAME with HOST taken from the request, and a
// QueueUrl with any host resolves by its last path segment.
//
// Behaviour worth knowing, where SQS leaves room or localsqs simplifies:
//   - Receives are exact, not sampled: a short poll returns whatever is
//     visible. Long polls wake on sends and visibility changes and when the
//     next delayed or in-flight message is due; they never poll.
//   - A message already received maxReceiveCount times moves to the DLQ on
//     the next receive instead of being returned. It keeps its MessageId,
//     body, attributes, SentTimestamp, ApproximateReceiveCount and retention
//     start, and gains DeadLetterQueueSourceArn.
//   - Move tasks move up to the source's visible count at start
//     (ApproximateNumberOfMessagesToMove). A moved message keeps MessageId,
//     body, attributes and MessageGroupId; it gets a new SentTimestamp and
//     its receive count starts again at 0. A task fails (FAILED, with
//     FailureReason) if a destination no longer exists; the message in hand
//     goes back to the source. Cancel and Server.Close end a task as
//     CANCELLED. Without MaxNumberOfMessagesPerSecond a task runs as fast as
//     it can.
//   - Receipt handles: see handles.go. DeleteMessage accepts a stale handle;
//     ChangeMessageVisibility does not.
//   - PurgeQueue empties the queue at once; a second purge within 60 s is
//     PurgeQueueInProgress.
//   - Not modelled: QueueDeletedRecently (a deleted name can be reused at
//     once), ReceiveRequestAttemptId, permissions (AddPermission and
//     RemovePermission are UnsupportedOperation), KMS, throughput limits.
//
// Locking: the registry has one RWMutex guarding the name→queue map; each
// queue has its own mutex guarding its messages. No lock is held while a
// long poll waits, no request holds two queue locks at once (dead-lettering
// takes messages out under the source lock, then puts them in under the
// DLQ's), and the registry lock is never taken while holding a queue lock,
// so redrive cycles cannot deadlock.
package localsqs
