package localsqs

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// apiError is an error as SQS's JSON protocol returns it: the modelled
// shape name in __type (which the SDK maps to a typed error) and the legacy
// query-protocol code in the x-amzn-query-error header (which the SDK
// reports as ErrorCode()).
type apiError struct {
	status    int
	shape     string // e.g. "QueueDoesNotExist"
	queryCode string // e.g. "AWS.SimpleQueueService.NonExistentQueue"
	msg       string
}

func (e *apiError) Error() string { return e.shape + ": " + e.msg }

func newError(status int, shape, queryCode, msg string) *apiError {
	return &apiError{status: status, shape: shape, queryCode: queryCode, msg: msg}
}

func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = errInternal(err.Error())
	}
	fault := "Sender"
	if ae.status >= 500 {
		fault = "Receiver"
	}
	b, _ := json.Marshal(map[string]string{
		"__type":  "com.amazonaws.sqs#" + ae.shape,
		"message": ae.msg,
	})
	h := w.Header()
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("x-amzn-RequestId", newRequestID())
	h.Set("x-amzn-query-error", ae.queryCode+";"+fault)
	w.WriteHeader(ae.status)
	_, _ = w.Write(b)
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// Modelled errors: the SDK turns these into types.<Shape> values.

func errQueueDoesNotExist() *apiError {
	return newError(400, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
		"The specified queue does not exist.")
}

func errQueueNameExists(name string) *apiError {
	return newError(400, "QueueNameExists", "QueueAlreadyExists",
		fmt.Sprintf("A queue already exists with the same name and a different value for attribute(s) of %s.", name))
}

func errReceiptHandleIsInvalid(h string) *apiError {
	return newError(400, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid",
		fmt.Sprintf("The input receipt handle %q is not a valid receipt handle.", h))
}

func errInvalidMessageContents(msg string) *apiError {
	return newError(400, "InvalidMessageContents", "InvalidMessageContents", msg)
}

func errBatchEntryIdsNotDistinct(id string) *apiError {
	return newError(400, "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
		fmt.Sprintf("Id %s repeated.", id))
}

func errTooManyEntries(n int) *apiError {
	return newError(400, "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
		fmt.Sprintf("Maximum number of entries per request are 10. You have sent %d.", n))
}

func errEmptyBatch() *apiError {
	return newError(400, "EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest",
		"There should be at least one SendMessageBatchRequestEntry in the request.")
}

func errBatchRequestTooLong(n int) *apiError {
	return newError(400, "BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong",
		fmt.Sprintf("Batch requests cannot be longer than %d bytes. You have sent %d bytes.", maxMessageSize, n))
}

func errInvalidBatchEntryID() *apiError {
	return newError(400, "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId",
		"A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
}

func errInvalidAttributeName(name string) *apiError {
	return newError(400, "InvalidAttributeName", "InvalidAttributeName",
		fmt.Sprintf("Unknown Attribute %s.", name))
}

func errInvalidAttributeValue(msg string) *apiError {
	return newError(400, "InvalidAttributeValue", "InvalidAttributeValue", msg)
}

func errPurgeInProgress(name string) *apiError {
	return newError(400, "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress",
		fmt.Sprintf("Only one PurgeQueue operation on %s is allowed every 60 seconds.", name))
}

func errMessageNotInflight() *apiError {
	return newError(400, "MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight",
		"The message referred to isn't in flight.")
}

func errOverLimit(msg string) *apiError {
	return newError(403, "OverLimit", "OverLimit", msg)
}

func errResourceNotFound(msg string) *apiError {
	return newError(400, "ResourceNotFoundException", "ResourceNotFoundException", msg)
}

func errUnsupportedOperation(msg string) *apiError {
	return newError(400, "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", msg)
}

// Unmodelled errors: the SDK reports them as smithy.GenericAPIError with
// the query code as ErrorCode().

func errInvalidParameterValue(format string, a ...any) *apiError {
	return newError(400, "InvalidParameterValue", "InvalidParameterValue", fmt.Sprintf(format, a...))
}

// errInvalidParam is SQS's usual wording for a parameter out of range.
func errInvalidParam(name string, value any, reason string) *apiError {
	return errInvalidParameterValue("Value %v for parameter %s is invalid. Reason: %s", value, name, reason)
}

func errMissingParameter(name string) *apiError {
	return newError(400, "MissingParameter", "MissingParameter",
		fmt.Sprintf("The request must contain the parameter %s.", name))
}

func errInvalidAction(op string) *apiError {
	return newError(400, "InvalidAction", "InvalidAction",
		fmt.Sprintf("The action %s is not valid for this endpoint.", op))
}

func errMalformed(err error) *apiError {
	return newError(400, "SerializationException", "SerializationException",
		"Could not decode the request: "+err.Error())
}

func errInternal(msg string) *apiError {
	return newError(500, "InternalError", "InternalError", "Internal error: "+msg)
}
