package conformance

// The targets the suite runs against, each with the gaps it declares. Every
// gap was verified against a running server (by running the case with the
// gap removed), not taken from documentation.

import (
	"net/http/httptest"

	"github.com/sqscope/sqscope/localsqs"
)

// localsqsLacks is empty on purpose: localsqs is held to everything the suite
// asserts. A failing case is a bug in localsqs, never a reason to add a gap.
var localsqsLacks = map[feature]string{}

func init() {
	starters = append(starters, func() (*target, func(), error) {
		// One server for the whole run, shared by all cases as a real
		// endpoint would be; unique queue names keep the cases apart.
		// Told its address, as `sqscope server` is, so its QueueUrls name
		// the endpoint the suite talks to.
		hs := httptest.NewUnstartedServer(nil)
		srv := localsqs.New(localsqs.Options{Region: "us-east-1", AccountID: "000000000000",
			BaseURL: "http://" + hs.Listener.Addr().String()})
		hs.Config.Handler = srv
		hs.Start()
		cleanup := func() {
			srv.Close() // first, so a pending long poll cannot hold hs.Close
			hs.Close()
		}
		return &target{name: "localsqs", endpoint: hs.URL, lacks: localsqsLacks}, cleanup, nil
	})
}

// motoLacks lists moto 5.2.1's gaps; each reason says what moto does
// instead.
var motoLacks = map[feature]string{
	featMoveTasks:        "StartMessageMoveTask answers HTTP 500 with an HTML page (not implemented)",
	featListPaging:       "ListQueues ignores MaxResults: 25 queues came back in one page with no NextToken",
	featDLQSourceArn:     "messages redriven into a DLQ carry no DeadLetterQueueSourceArn attribute",
	featCharset:          "accepts U+0000, U+0008 and U+FFFF in bodies (SendMessage and SendMessageBatch) without InvalidMessageContents",
	featEpochSeconds:     "CreatedTimestamp/LastModifiedTimestamp are fractional (\"1795774427.527147\")",
	featDedupAfterDelete: "forgets a deduplication id once its message is deleted, so a re-send inside 5 minutes is delivered",
	featSeqIncreasing:    "SequenceNumber is 20 random digits, not increasing",
	featSizeWithAttrs:    "checks only the body against 1 MiB; attributes are not counted",
	featAttrCountLimit:   "accepts 11 message attributes",
	featRedriveAllow:     "GetQueueAttributes answers InvalidAttributeName: Unknown Attribute RedriveAllowPolicy",
	featPurgeLimit:       "a second PurgeQueue right after the first succeeds",
	featEmptyBody:        "accepts SendMessage with an empty body",
	featInvalidAttrValue: "answers VisibilityTimeout 43201 with InvalidParameterValue instead of InvalidAttributeValue",
	featStrictUTF8:       "stores a body or String attribute holding a lone surrogate or the byte 0xFF while answering HTTP 500 with an HTML page, and every later ReceiveMessage on that queue answers the same 500",
	featVisibilityNeeded: "answers ChangeMessageVisibility without VisibilityTimeout with HTTP 500 (an HTML page), and fails such a batch entry as InvalidParameterValue",
	featTagChars:         "accepts ESC in tag keys and values and returns them raw from ListQueueTags",
	featCreateAttrRanges: "CreateQueue accepts VisibilityTimeout -1 and 43201, MessageRetentionPeriod 59 and 1209601, DelaySeconds -1 and 901, ReceiveMessageWaitTimeSeconds -1 and 21, and creates the queue (only MaximumMessageSize is checked)",
	featRedriveChecks:    "accepts maxReceiveCount 0 and 1001 and a FIFO DLQ for a standard queue; answers a RedrivePolicy that is not JSON with HTTP 500 (an HTML page)",
	featRedriveRefusal:   "answers a RedrivePolicy naming a missing queue with AWS.SimpleQueueService.NonExistentQueue, but stores the policy all the same",
}

func init() {
	starters = append(starters, externalTarget("moto", "SQSCOPE_MOTO_ENDPOINT", motoLacks))
}

// localAWSSQSLacks lists local-aws-sqs 2.0.2's gaps. The target is optional
// and exists mainly for the move-task cases, which moto cannot run.
var localAWSSQSLacks = map[feature]string{
	featSystemAttrs:        "ignores MessageSystemAttributeNames (what aws-sdk-go-v2 v1.53 sends); only the deprecated AttributeNames returns system attributes",
	featApproxCounts:       "after 3 sends reported 2 visible + 1 delayed, after one receive 3 visible + 1 in flight",
	featInvalidAttrValue:   "accepts VisibilityTimeout 43201 and stores it",
	featPurge:              "PurgeQueue leaves every message in place",
	featCharset:            "accepts U+0000, U+0008 and U+FFFF in bodies without InvalidMessageContents",
	featImmediateDelete:    "keeps listing a deleted queue (its 60-second deletion emulation)",
	featDedupAfterDelete:   "forgets a deduplication id once its message is deleted, so a re-send inside 5 minutes is delivered",
	featStrictUTF8:         "accepts a lone surrogate or the byte 0xFF in a body or String attribute and stores U+FFFD instead (HTTP 200)",
	featTagLimit:           "accepts 51 tags in one TagQueue",
	featCreateAttrRanges:   "answers out-of-range CreateQueue attributes with InvalidParameterValue, not InvalidAttributeValue, and creates a queue asked for VisibilityTimeout 0 with 30",
	featRedriveAllowChecks: "lets a queue name a DLQ whose RedriveAllowPolicy is denyAll, or byQueue without it",
	featMoveTaskAllow:      "starts a move task from a DLQ whose RedriveAllowPolicy is denyAll",
}

func init() {
	starters = append(starters, externalTarget("local-aws-sqs", "SQSCOPE_LOCALAWSSQS_ENDPOINT", localAWSSQSLacks))
}
