package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
)

// client is a minimal SQS client over AWS JSON 1.0: POST / with
// X-Amz-Target, JSON in, JSON out. It knows only what the scenario needs.
type client struct {
	hc   *http.Client
	base string
	// idle is closed when the client is done, so a finished run leaves no
	// keep-alive goroutines behind; nil for the in-process client.
	idle interface{ CloseIdleConnections() }
}

// handlerClient calls h directly: no listener, no port, no goroutines.
func handlerClient(h http.Handler) *client {
	return &client{
		hc:   &http.Client{Transport: handlerTransport{h}},
		base: "http://localsqs",
	}
}

// urlClient talks HTTP to a server at base, with its own connection pool.
func urlClient(base string) *client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	return &client{
		hc:   &http.Client{Transport: tr},
		base: strings.TrimRight(base, "/"),
		idle: tr,
	}
}

func (c *client) close() {
	if c.idle != nil {
		c.idle.CloseIdleConnections()
	}
}

// handlerTransport turns a client request into the server-side request a
// real listener would have produced (Host, RequestURI, RemoteAddr set) and
// records the handler's response.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	in := req.Clone(req.Context())
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	in.RequestURI = req.URL.RequestURI()
	in.RemoteAddr = "127.0.0.1:0"
	if in.Body == nil {
		in.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, in)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// fakeAuth is a well-formed but unsigned SigV4 header. Emulators such as
// moto route by the credential scope's service name; none verify it.
const fakeAuth = "AWS4-HMAC-SHA256 Credential=demo/20260101/us-east-1/sqs/aws4_request, " +
	"SignedHeaders=content-type;host;x-amz-target, Signature=0000"

// apiError is an SQS error response: __type (without its namespace) and
// message, plus the HTTP status.
type apiError struct {
	Op      string
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("sqs %s: %s (HTTP %d): %s", e.Op, e.Code, e.Status, e.Message)
}

// call performs one operation; out may be nil when the response is unused.
func (c *client) call(ctx context.Context, op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("sqs %s: encode: %w", op, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("sqs %s: %w", op, err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "AmazonSQS."+op)
	req.Header.Set("Authorization", fakeAuth)
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("sqs %s: %w", op, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("sqs %s: read response: %w", op, err)
	}
	if resp.StatusCode != http.StatusOK {
		return decodeError(op, resp.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("sqs %s: decode response: %w (body %.200q)", op, err, data)
	}
	return nil
}

func decodeError(op string, status int, data []byte) error {
	var doc struct {
		Type     string `json:"__type"`
		Message  string `json:"message"`
		MessageU string `json:"Message"`
	}
	e := &apiError{Op: op, Status: status}
	if json.Unmarshal(data, &doc) != nil || doc.Type == "" {
		e.Code = "Unknown"
		e.Message = fmt.Sprintf("%.200q", data)
		return e
	}
	// "com.amazonaws.sqs#QueueDoesNotExist" -> "QueueDoesNotExist"
	e.Code = doc.Type[strings.LastIndex(doc.Type, "#")+1:]
	e.Message = doc.Message
	if e.Message == "" {
		e.Message = doc.MessageU
	}
	return e
}
