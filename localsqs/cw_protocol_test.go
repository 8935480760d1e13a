package localsqs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/encoding/cbor"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// tap is the CloudWatch client's transport in these tests: it records what
// the SDK sends and, when body is set, sends that instead, so input the
// SDK would refuse to build still comes back through the SDK's own error
// deserializer.
type tap struct {
	body    []byte
	sent    *http.Request
	sentRaw []byte
	got     *http.Response
}

func (tp *tap) RoundTrip(r *http.Request) (*http.Response, error) {
	raw, _ := io.ReadAll(r.Body)
	tp.sent, tp.sentRaw = r, raw
	if tp.body != nil {
		raw = tp.body
	}
	r2 := r.Clone(r.Context())
	r2.Body, r2.ContentLength = io.NopCloser(bytes.NewReader(raw)), int64(len(raw))
	resp, err := http.DefaultTransport.RoundTrip(r2)
	tp.got = resp
	return resp, err
}

func newTappedEnv(t *testing.T) (*cwEnv, *tap) {
	tp := &tap{}
	return newCWEnv(t, &http.Client{Transport: tp}), tp
}

func window(qs ...cwtypes.MetricDataQuery) *cloudwatch.GetMetricDataInput {
	return &cloudwatch.GetMetricDataInput{StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(time.Hour)), MetricDataQueries: qs}
}

func TestCloudWatchWireIsRPCv2CBOR(t *testing.T) {
	e, tp := newTappedEnv(t)
	if _, err := e.cw.GetMetricData(context.Background(), window(query("a", "q", "NumberOfMessagesSent", "Sum", 60))); err != nil {
		t.Fatal(err)
	}
	r := tp.sent
	for _, c := range []struct{ what, got, want string }{
		{"method", r.Method, "POST"},
		{"path", r.URL.Path, "/service/GraniteServiceVersion20100801/operation/GetMetricData"},
		{"Smithy-Protocol", r.Header.Get("Smithy-Protocol"), "rpc-v2-cbor"},
		{"Content-Type", r.Header.Get("Content-Type"), "application/cbor"},
		{"Accept", r.Header.Get("Accept"), "application/cbor"},
		{"X-Amzn-Query-Mode", r.Header.Get("X-Amzn-Query-Mode"), "true"},
		{"response Content-Type", tp.got.Header.Get("Content-Type"), "application/cbor"},
		{"response Smithy-Protocol", tp.got.Header.Get("Smithy-Protocol"), "rpc-v2-cbor"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	v, err := cbor.Decode(tp.sentRaw)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := v.(cbor.Map)["StartTime"].(*cbor.Tag)
	if !ok || st.ID != 1 {
		t.Fatalf("StartTime is %#v, want a CBOR tag 1 timestamp", v.(cbor.Map)["StartTime"])
	}
}

// cwErr asserts err is the SDK's typed error T with the given query code.
func cwErr[T smithy.APIError](t *testing.T, what string, err error, code string) {
	t.Helper()
	var typed T
	if !errors.As(err, &typed) {
		t.Errorf("%s: %T %v, want %T", what, err, err, typed)
		return
	}
	if typed.ErrorCode() != code || typed.ErrorFault() != smithy.FaultClient {
		t.Errorf("%s: code %q fault %v, want %q from the client", what, typed.ErrorCode(), typed.ErrorFault(), code)
	}
}

func TestGetMetricDataRejectsBadInputWithTypedErrors(t *testing.T) {
	e := newCWEnv(t, nil)
	ctx := context.Background()
	many := make([]cwtypes.MetricDataQuery, 501)
	for i := range many {
		many[i] = query(fmt.Sprintf("q%d", i), "q", "NumberOfMessagesSent", "Sum", 60)
	}
	_, err := e.cw.GetMetricData(ctx, window(many...))
	cwErr[*cwtypes.ValidationException](t, "501 queries", err, "ValidationError")
	if _, err := e.cw.GetMetricData(ctx, window(many[:500]...)); err != nil {
		t.Errorf("500 queries: %v, want them answered", err)
	}

	for _, c := range []struct {
		what string
		in   *cloudwatch.GetMetricDataInput
	}{
		{"period 61", window(query("a", "q", "NumberOfMessagesSent", "Sum", 61))},
		{"period 30", window(query("a", "q", "NumberOfMessagesSent", "Sum", 30))},
		{"stat p99", window(query("a", "q", "NumberOfMessagesSent", "p99", 60))},
		{"stat sum", window(query("a", "q", "NumberOfMessagesSent", "sum", 60))},
		{"duplicate ids", window(query("a", "q", "NumberOfMessagesSent", "Sum", 60), query("a", "q", "NumberOfMessagesSent", "Sum", 60))},
		{"id not lowercase first", window(query("Abc", "q", "NumberOfMessagesSent", "Sum", 60))},
		{"expression", window(cwtypes.MetricDataQuery{Id: aws.String("m"), Expression: aws.String("SUM(METRICS())")})},
		{"end before start", &cloudwatch.GetMetricDataInput{StartTime: aws.Time(t0), EndTime: aws.Time(t0),
			MetricDataQueries: []cwtypes.MetricDataQuery{query("a", "q", "NumberOfMessagesSent", "Sum", 60)}}},
	} {
		_, err := e.cw.GetMetricData(ctx, c.in)
		cwErr[*cwtypes.InvalidParameterValueException](t, c.what, err, "InvalidParameterValue")
	}

	in := window(query("a", "q", "NumberOfMessagesSent", "Sum", 60))
	in.NextToken = aws.String("not-a-token")
	_, err = e.cw.GetMetricData(ctx, in)
	cwErr[*cwtypes.InvalidNextToken](t, "bad NextToken", err, "InvalidNextToken")
}

// TestCloudWatchRejectsMalformedRequests sends bodies the SDK would never
// build (through its transport) and checks what the SDK makes of the answers.
func TestCloudWatchRejectsMalformedRequests(t *testing.T) {
	e, tp := newTappedEnv(t)
	ctx := context.Background()
	valid := window(query("a", "q", "NumberOfMessagesSent", "Sum", 60))
	ts := &cbor.Tag{ID: 1, Value: cbor.Float64(float64(t0.Unix()))}
	end := &cbor.Tag{ID: 1, Value: cbor.Uint(t0.Unix() + 60)} // an integral timestamp is valid too
	metric := cbor.Map{"MetricName": cbor.String("NumberOfMessagesSent"), "Namespace": cbor.String("AWS/SQS")}
	for _, c := range []struct {
		what, code string
		body       []byte
	}{
		{"truncated CBOR", "SerializationException", []byte{0xbf, 0x69, 'S', 't'}},
		{"not CBOR", "SerializationException", []byte("{\"StartTime\": 1}")},
		{"not a map", "SerializationException", cbor.Encode(cbor.List{cbor.Uint(1)})},
		{"period as text", "SerializationException", cbor.Encode(cbor.Map{"StartTime": ts, "EndTime": end,
			"MetricDataQueries": cbor.List{cbor.Map{"Id": cbor.String("a"), "MetricStat": cbor.Map{
				"Metric": metric, "Period": cbor.String("60"), "Stat": cbor.String("Sum")}}}})},
		{"no StartTime", "MissingParameter", cbor.Encode(cbor.Map{"EndTime": ts, "MetricDataQueries": cbor.List{}})},
		{"no Stat", "MissingParameter", cbor.Encode(cbor.Map{"StartTime": ts, "EndTime": end,
			"MetricDataQueries": cbor.List{cbor.Map{"Id": cbor.String("a"), "MetricStat": cbor.Map{"Metric": metric, "Period": cbor.Uint(60)}}}})},
	} {
		tp.body = c.body
		_, err := e.cw.GetMetricData(ctx, valid)
		var api smithy.APIError
		if !errors.As(err, &api) || api.ErrorCode() != c.code {
			t.Errorf("%s: %v, want an API error %s", c.what, err, c.code)
		}
		if c.code == "MissingParameter" {
			cwErr[*cwtypes.MissingRequiredParameterException](t, c.what, err, "MissingParameter")
		}
	}
	tp.body = nil

	// An operation localsqs does not implement: 404, UnknownOperationException.
	_, err := e.cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"),
		MetricData: []cwtypes.MetricDatum{{MetricName: aws.String("x"), Value: aws.Float64(1)}}})
	var api smithy.APIError
	var resp *smithyhttp.ResponseError
	if !errors.As(err, &api) || api.ErrorCode() != "UnknownOperationException" || !errors.As(err, &resp) || resp.HTTPStatusCode() != 404 {
		t.Errorf("PutMetricData: %v, want 404 UnknownOperationException", err)
	}
}
