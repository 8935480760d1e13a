package localsqs

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/aws/smithy-go/encoding/cbor"
)

// CloudWatch on the same listener, so the demo and tests have metric
// history: GetMetricData and ListMetrics for the AWS/SQS metrics of this
// server's queues, from the statistics each queue records (metrics.go).
//
// The main protocol is the one aws-sdk-go-v2's CloudWatch client (v1.76)
// speaks: Smithy RPC v2 CBOR (boto3 1.43 speaks it only when told to; by
// default it and the AWS CLI use AWS JSON 1.0, also answered: cw_json.go).
// A request is
//
//	POST /service/GraniteServiceVersion20100801/operation/<Op>
//	Smithy-Protocol: rpc-v2-cbor
//	Content-Type: application/cbor       (absent when there is no input)
//	X-Amzn-Query-Mode: true              (CloudWatch is awsQueryCompatible)
//
// with a CBOR map of the input's members; timestamps are tag 1 (epoch
// seconds, the SDK sends a float64). A response is a CBOR map of the
// output's members. An error is a non-2xx status with a CBOR map holding
// __type (the error shape's ID) and message, plus x-amzn-query-error
// ("Code;Sender"), from which the SDK builds its typed error with the
// query-protocol code (e.g. *types.InvalidParameterValueException whose
// ErrorCode is InvalidParameterValue).
//
// Where it differs from CloudWatch: only MetricStat queries on AWS/SQS by
// QueueName (metric math is refused; other namespaces and dimensions have
// no data); periods are multiples of 60 (no high-resolution data);
// statistics are Sum, Maximum, Minimum, Average and SampleCount (no
// percentiles); a queue's history goes with it when it is deleted, and one
// created again under its name starts afresh; ListMetrics lists every
// queue's metrics whether or not it was active; a purge shows in the depths
// from the queue's next operation (or the next GetMetricData) on.
//
// CBOR is encoded and decoded with smithy-go's encoding/cbor, already a
// dependency through the SDK and the very codec the SDK's client uses, so
// both ends agree on every detail (tags, float widths, indefinite lengths).

const cloudWatchPrefix = "/service/GraniteServiceVersion20100801/operation/"

// cloudWatchTarget starts the X-Amz-Target of CloudWatch's AWS JSON 1.0
// requests, which boto3 and the AWS CLI send by default (POST /, like SQS).
const cloudWatchTarget = "GraniteServiceVersion20100801."

// maxCloudWatchRequest bounds a request body: 500 queries with long labels
// and expressions stay well under it.
const maxCloudWatchRequest = 1 << 20

// cwHandler answers one CloudWatch operation from its decoded input.
type cwHandler func(s *Server, in cbor.Map) (cbor.Map, error)

var cloudWatchOps = map[string]cwHandler{
	"GetMetricData": (*Server).getMetricData,
	"ListMetrics":   (*Server).listMetrics,
}

// cwError is a CloudWatch error: its shape (the name after
// "com.amazonaws.cloudwatch#", or a full ID for shapes from elsewhere),
// the code the query protocol used (x-amzn-query-error), status, message.
type cwError struct {
	shape, code string
	status      int
	msg         string
}

func (e *cwError) Error() string { return e.code + ": " + e.msg }

func cwInvalidParameter(format string, args ...any) *cwError {
	return &cwError{"InvalidParameterValueException", "InvalidParameterValue", 400, fmt.Sprintf(format, args...)}
}

func cwMissingParameter(name string) *cwError {
	return &cwError{"MissingRequiredParameterException", "MissingParameter", 400,
		fmt.Sprintf("The parameter %s is required.", name)}
}

// cwValidation is CloudWatch's constraint failure (a list too long, a
// string too short): the SDK returns *types.ValidationException with the
// query code ValidationError.
func cwValidation(format string, args ...any) *cwError {
	return &cwError{"ValidationException", "ValidationError", 400, fmt.Sprintf(format, args...)}
}

// cwCodec is one of the wire formats CloudWatch clients speak: RPC v2
// CBOR (the Go SDK) or AWS JSON 1.0 (boto3 and the AWS CLI by default,
// cw_json.go). Both decode to the same CBOR tree, so each operation is
// written once.
type cwCodec struct {
	decode func([]byte) (cbor.Map, error)
	write  func(w http.ResponseWriter, status int, out cbor.Map)
}

var (
	cborCodec = cwCodec{decodeCBORInput, writeCBORMap}
	jsonCodec = cwCodec{decodeJSONInput, writeJSONMap}
)

func serializationError(status int, format string, args ...any) *cwError {
	return &cwError{"com.amazon.coral.service#SerializationException", "SerializationException", status, fmt.Sprintf(format, args...)}
}

// serveCloudWatch answers hr when it is a CloudWatch request, in either
// protocol, and reports whether it was; SQS requests are left to the
// caller.
func (s *Server) serveCloudWatch(w http.ResponseWriter, hr *http.Request) bool {
	if op, ok := strings.CutPrefix(hr.URL.Path, cloudWatchPrefix); ok {
		if p := hr.Header.Get("Smithy-Protocol"); p != "rpc-v2-cbor" {
			writeCWError(w, cborCodec, serializationError(400, "the smithy-protocol header must be rpc-v2-cbor, not %q", p))
			return true
		}
		s.cloudWatchCall(w, hr, op, cborCodec)
		return true
	}
	if op, ok := strings.CutPrefix(hr.Header.Get("X-Amz-Target"), cloudWatchTarget); ok {
		s.cloudWatchCall(w, hr, op, jsonCodec)
		return true
	}
	return false
}

func (s *Server) cloudWatchCall(w http.ResponseWriter, hr *http.Request, op string, c cwCodec) {
	h, ok := cloudWatchOps[op]
	if hr.Method != http.MethodPost || !ok {
		// Smithy RPC v2: an operation the service does not have is a 404
		// UnknownOperationException.
		writeCWError(w, c, &cwError{"UnknownOperationException", "UnknownOperationException", 404,
			fmt.Sprintf("localsqs does not support %s of the CloudWatch operation %q (only POST of GetMetricData and ListMetrics)", hr.Method, op)})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, hr.Body, maxCloudWatchRequest))
	if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
		writeCWError(w, c, serializationError(413, "request body too large"))
		return
	}
	if err != nil {
		writeCWError(w, c, serializationError(400, "reading the request: %v", err))
		return
	}
	in, err := c.decode(body)
	if err != nil {
		writeCWError(w, c, err)
		return
	}
	out, err := s.callCloudWatch(h, in)
	if err != nil {
		writeCWError(w, c, err)
		return
	}
	c.write(w, http.StatusOK, out)
}

// callCloudWatch runs h, turning a panic into an InternalServiceFault so
// one bad request never takes the server down.
func (s *Server) callCloudWatch(h cwHandler, in cbor.Map) (out cbor.Map, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &cwError{"InternalServiceFault", "InternalServiceError", 500, fmt.Sprint(p)}
		}
	}()
	return h(s, in)
}

// decodeCBORInput decodes a request body: empty means no members.
func decodeCBORInput(body []byte) (cbor.Map, error) {
	if len(body) == 0 {
		return cbor.Map{}, nil
	}
	v, err := cbor.Decode(body)
	if err != nil {
		return nil, serializationError(400, "malformed CBOR: %v", err)
	}
	m, ok := v.(cbor.Map)
	if !ok {
		return nil, serializationError(400, "the request body must be a CBOR map, not %T", v)
	}
	return m, nil
}

func writeCBORMap(w http.ResponseWriter, status int, out cbor.Map) {
	w.Header().Set("Content-Type", "application/cbor")
	w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	w.Header().Set("x-amzn-RequestId", newRequestID())
	w.WriteHeader(status)
	_, _ = w.Write(cbor.Encode(out))
}

// writeCWError writes err in CloudWatch's shape: __type and message in the
// body, the query-protocol code in x-amzn-query-error.
func writeCWError(w http.ResponseWriter, c cwCodec, err error) {
	var ce *cwError
	if !errors.As(err, &ce) {
		ce = &cwError{"InternalServiceFault", "InternalServiceError", 500, err.Error()}
	}
	shape := ce.shape
	if !strings.Contains(shape, "#") {
		shape = "com.amazonaws.cloudwatch#" + shape
	}
	fault := "Sender"
	if ce.status >= 500 {
		fault = "Receiver"
	}
	w.Header().Set("x-amzn-query-error", ce.code+";"+fault)
	c.write(w, ce.status, cbor.Map{"__type": cbor.String(shape), "message": cbor.String(ce.msg)})
}
