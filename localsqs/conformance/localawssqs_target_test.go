package conformance

// localAWSSQSLacks lists local-aws-sqs 2.0.2's gaps, each verified against a
// running server (by running the case with the gap removed). The target is
// optional and exists mainly for the move-task cases, which moto cannot run.
var localAWSSQSLacks = map[feature]string{
	featSystemAttrs:      "ignores MessageSystemAttributeNames (what aws-sdk-go-v2 v1.53 sends); only the deprecated AttributeNames returns system attributes",
	featApproxCounts:     "after 3 sends reported 2 visible + 1 delayed, after one receive 3 visible + 1 in flight",
	featInvalidAttrValue: "accepts VisibilityTimeout 43201 and stores it",
	featPurge:            "PurgeQueue leaves every message in place",
	featCharset:          "accepts U+0000, U+0008 and U+FFFF in bodies without InvalidMessageContents",
	featImmediateDelete:  "keeps listing a deleted queue (its 60-second deletion emulation)",
	featDedupAfterDelete: "forgets a deduplication id once its message is deleted, so a re-send inside 5 minutes is delivered",
}

func init() {
	starters = append(starters, externalTarget("local-aws-sqs", "SQSCOPE_LOCALAWSSQS_ENDPOINT", localAWSSQSLacks))
}
