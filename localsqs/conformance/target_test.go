package conformance

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// feature names a capability a case depends on beyond the core API, so a
// target that lacks it can be skipped by name instead of failing or, worse,
// passing a weakened assertion. Some features are no current target's gap;
// cases still declare them so a new target can name its gaps without
// touching the cases.
type feature string

const (
	featMoveTasks          feature = "move tasks (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask)"
	featListPaging         feature = "ListQueues MaxResults/NextToken paging"
	featDLQSourceArn       feature = "the DeadLetterQueueSourceArn message system attribute"
	featBatchSizeLimit     feature = "the 1 MiB total batch payload limit (BatchRequestTooLong)"
	featMessageSize1MiB    feature = "1 MiB (1,048,576 byte) messages"
	featAttrNamePrefix     feature = "message attribute name prefixes (\"name.*\") on ReceiveMessage"
	featReceiveCount       feature = "ApproximateReceiveCount per receive"
	featCharset            feature = "rejecting bodies outside the SQS character set (InvalidMessageContents)"
	featEpochSeconds       feature = "CreatedTimestamp/LastModifiedTimestamp as whole epoch seconds"
	featDedupAfterDelete   feature = "FIFO deduplication that outlives the message's deletion"
	featSeqIncreasing      feature = "FIFO SequenceNumbers that increase"
	featSizeWithAttrs      feature = "counting message attributes towards the 1 MiB message size"
	featAttrCountLimit     feature = "the limit of 10 message attributes"
	featPurge              feature = "PurgeQueue"
	featSystemAttrs        feature = "message system attributes requested with MessageSystemAttributeNames"
	featApproxCounts       feature = "exact Approximate* counts on an idle queue"
	featImmediateDelete    feature = "a deleted queue vanishing from ListQueues at once (AWS allows up to 60 s)"
	featPurgeLimit         feature = "PurgeQueueInProgress for a second purge within 60 s"
	featEmptyBody          feature = "rejecting an empty message body"
	featInvalidAttrValue   feature = "InvalidAttributeValue for an out-of-range queue attribute"
	featRedriveAllow       feature = "the RedriveAllowPolicy queue attribute"
	featStrictUTF8         feature = "rejecting bytes that are not UTF-8 and lone surrogates in message text (InvalidMessageContents)"
	featVisibilityNeeded   feature = "MissingParameter for ChangeMessageVisibility[Batch] without VisibilityTimeout"
	featTagLimit           feature = "the limit of 50 tags per queue on TagQueue"
	featTagChars           feature = "refusing tag keys outside letters, digits, spaces and _ . : / = + - @"
	featCreateAttrRanges   feature = "InvalidAttributeValue for every out-of-range numeric attribute, on CreateQueue as on SetQueueAttributes"
	featRedriveChecks      feature = "refusing a RedrivePolicy that is not JSON, has maxReceiveCount outside 1-1000 or names a DLQ of the other queue type"
	featRedriveAllowChecks feature = "checking RedriveAllowPolicy (byQueue with 1-10 queues, no queues otherwise) and enforcing it on RedrivePolicy"
	featMoveTaskAllow      feature = "StartMessageMoveTask refusing a DLQ whose RedriveAllowPolicy admits none of its sources"
	featRedriveRefusal     feature = "a refused RedrivePolicy leaving the queue unchanged"
)

// target is one SQS implementation the suite runs against.
type target struct {
	name     string
	endpoint string
	// lacks maps each known gap to the reason it is a gap (what the target
	// does instead), printed when a case is skipped for it.
	lacks  map[feature]string
	client *sqs.Client
}

func (tg *target) String() string { return tg.name }

// starter builds a target, returning a cleanup to run after all tests. It
// returns a nil target when the target is not configured in this run.
type starter func() (*target, func(), error)

// starters are registered by each target's file; localsqs always starts, the
// external emulators only when their endpoint variable is set.
var starters []starter

// targets is filled by TestMain before any case runs.
var targets []*target

// unconfigured names each optional target left out of this run, with the
// variable that would include it.
var unconfigured = map[string]string{}

func TestMain(m *testing.M) {
	var cleanups []func()
	for _, start := range starters {
		tg, cleanup, err := start()
		if err != nil {
			fmt.Fprintln(os.Stderr, "conformance: starting target:", err)
			os.Exit(2)
		}
		if cleanup != nil {
			cleanups = append(cleanups, cleanup)
		}
		if tg != nil {
			tg.client = newClient(tg.endpoint)
			targets = append(targets, tg)
		}
	}
	code := m.Run()
	for _, c := range cleanups {
		c()
	}
	os.Exit(code)
}

// newClient is the real SDK client as an application would configure it,
// except that retries are limited so a misbehaving server fails fast rather
// than hiding behind backoff.
func newClient(endpoint string) *sqs.Client {
	return sqs.New(sqs.Options{
		Region:           "us-east-1",
		Credentials:      aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("test", "test", "")),
		BaseEndpoint:     aws.String(endpoint),
		RetryMaxAttempts: 2,
	})
}

// externalTarget is the starter for an emulator started outside the test
// binary (by CI or the developer) and named by an environment variable.
func externalTarget(name, envVar string, lacks map[feature]string) starter {
	return func() (*target, func(), error) {
		ep := os.Getenv(envVar)
		if ep == "" {
			unconfigured[name] = envVar
			return nil, nil, nil
		}
		return &target{name: name, endpoint: ep, lacks: lacks}, nil, nil
	}
}

// TestTargets reports each optional target this run left out, as a skip with
// the reason, so a run that covered only localsqs is never mistaken for a
// full one.
func TestTargets(t *testing.T) {
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) { t.Logf("%s at %s", tg.name, tg.endpoint) })
	}
	for name, envVar := range unconfigured {
		t.Run(name, func(t *testing.T) { t.Skipf("%s not run: %s is unset", name, envVar) })
	}
}

// forEachTarget runs fn once per target as a parallel subtest named after the
// target. A target lacking any of needs is skipped with the reason printed.
func forEachTarget(t *testing.T, needs []feature, fn func(t *testing.T, tg *target)) {
	t.Helper()
	if len(targets) == 0 {
		t.Fatal("no targets configured")
	}
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			t.Parallel()
			for _, f := range needs {
				if reason, ok := tg.lacks[f]; ok {
					t.Skipf("%s lacks %s: %s", tg, f, reason)
				}
			}
			fn(t, tg)
		})
	}
}

// testCtx bounds every call of a case so a hung server fails the case
// instead of stalling the whole run.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	t.Cleanup(cancel)
	return ctx
}
