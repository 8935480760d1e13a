package localsqs

import (
	"bytes"
	"encoding/json"
)

// Request and response bodies of the AWS JSON 1.0 protocol. Optional numbers
// are pointers so "absent" and "0" stay distinct: the Go SDK omits zero
// int32s, boto3 sends them.

// queueURLInput is embedded by every request that names its queue by URL,
// so one helper (decodeForQueue) can decode and resolve them all.
type queueURLInput struct {
	QueueUrl string
}

func (in *queueURLInput) queueURL() string { return in.QueueUrl }

// queueAddressed is a request that names its queue by QueueUrl.
type queueAddressed interface{ queueURL() string }

type createQueueInput struct {
	QueueName  string
	Attributes map[string]string
	Tags       map[string]string `json:"tags"`
}

type getQueueURLInput struct {
	QueueName              string
	QueueOwnerAWSAccountId string
}

type listQueuesInput struct {
	QueueNamePrefix string
	MaxResults      *int64
	NextToken       string
}

type listQueuesOutput struct {
	QueueUrls []string `json:"QueueUrls,omitempty"`
	NextToken string   `json:"NextToken,omitempty"`
}

type getQueueAttributesInput struct {
	queueURLInput
	AttributeNames []string
}

type setQueueAttributesInput struct {
	queueURLInput
	Attributes map[string]string
}

type tagQueueInput struct {
	queueURLInput
	Tags map[string]string
}

type untagQueueInput struct {
	queueURLInput
	TagKeys []string
}

type listDLSourcesInput struct {
	queueURLInput
	MaxResults *int64
	NextToken  string
}

type listDLSourcesOutput struct {
	QueueUrls []string `json:"queueUrls"`
	NextToken string   `json:"NextToken,omitempty"`
}

// attrValue is a MessageAttributeValue (and MessageSystemAttributeValue).
// BinaryValue travels as base64, which encoding/json does for []byte.
type attrValue struct {
	DataType         string
	StringValue      *string  `json:",omitempty"`
	BinaryValue      []byte   `json:",omitempty"`
	StringListValues []string `json:",omitempty"`
	BinaryListValues [][]byte `json:",omitempty"`
}

type sendMessageInput struct {
	queueURLInput
	MessageBody             *string
	DelaySeconds            *int64
	MessageAttributes       map[string]attrValue
	MessageSystemAttributes map[string]attrValue
	MessageDeduplicationId  *string
	MessageGroupId          *string
}

type sendMessageOutput struct {
	MessageId                    string
	MD5OfMessageBody             string
	MD5OfMessageAttributes       string `json:",omitempty"`
	MD5OfMessageSystemAttributes string `json:",omitempty"`
	SequenceNumber               string `json:",omitempty"`
}

type sendBatchEntry struct {
	Id string
	sendMessageInput
}

type sendBatchInput struct {
	queueURLInput
	Entries []sendBatchEntry
}

type sendBatchResult struct {
	Id string
	sendMessageOutput
}

type batchError struct {
	Id          string
	SenderFault bool
	Code        string
	Message     string
}

type sendBatchOutput struct {
	Successful []sendBatchResult `json:"Successful"`
	Failed     []batchError      `json:"Failed"`
}

type receiveMessageInput struct {
	queueURLInput
	AttributeNames              []string
	MessageSystemAttributeNames []string
	MessageAttributeNames       []string
	MaxNumberOfMessages         *int64
	VisibilityTimeout           *int64
	WaitTimeSeconds             *int64
	ReceiveRequestAttemptId     string
}

type messageOutput struct {
	MessageId              string
	ReceiptHandle          string
	MD5OfBody              string
	Body                   string
	Attributes             map[string]string    `json:",omitempty"`
	MD5OfMessageAttributes string               `json:",omitempty"`
	MessageAttributes      map[string]attrValue `json:",omitempty"`
}

type receiveMessageOutput struct {
	Messages []messageOutput `json:"Messages,omitempty"`
}

type deleteMessageInput struct {
	queueURLInput
	ReceiptHandle string
}

type changeVisibilityInput struct {
	queueURLInput
	ReceiptHandle     string
	VisibilityTimeout *int64
}

type handleBatchEntry struct {
	Id                string
	ReceiptHandle     string
	VisibilityTimeout *int64
}

type handleBatchInput struct {
	queueURLInput
	Entries []handleBatchEntry
}

type idResult struct {
	Id string
}

type handleBatchOutput struct {
	Successful []idResult   `json:"Successful"`
	Failed     []batchError `json:"Failed"`
}

type startMoveTaskInput struct {
	SourceArn                    string
	DestinationArn               string
	MaxNumberOfMessagesPerSecond *int64
}

type listMoveTasksInput struct {
	SourceArn  string
	MaxResults *int64
}

type moveTaskEntry struct {
	TaskHandle                        string `json:",omitempty"`
	Status                            string
	SourceArn                         string
	DestinationArn                    string `json:",omitempty"`
	MaxNumberOfMessagesPerSecond      *int64 `json:",omitempty"`
	ApproximateNumberOfMessagesMoved  int64
	ApproximateNumberOfMessagesToMove *int64 `json:",omitempty"`
	FailureReason                     string `json:",omitempty"`
	StartedTimestamp                  int64
}

type cancelMoveTaskInput struct {
	TaskHandle string
}

// empty is the body of operations that return nothing.
type empty struct{}

// decode unmarshals a request body, rejecting anything that is not one JSON
// object with an AWS-shaped error.
func decode(raw json.RawMessage, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	if err := d.Decode(v); err != nil {
		return errMalformed(err)
	}
	if d.More() {
		return errMalformed(errTrailingData)
	}
	return nil
}

type constError string

func (e constError) Error() string { return string(e) }

const errTrailingData = constError("trailing data after the JSON object")
