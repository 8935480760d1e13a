package conformance

// motoLacks lists moto 5.2.1's gaps, each verified against a running
// moto_server (by running the case with the gap removed) rather than taken
// from its documentation. Each reason says what moto does instead.
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
}

func init() {
	starters = append(starters, externalTarget("moto", "SQSCOPE_MOTO_ENDPOINT", motoLacks))
}
