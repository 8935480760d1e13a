package localsqs

import (
	"context"
	"encoding/json"
	"errors"
)

// CallError is an SQS error returned by Server.Call.
type CallError struct {
	Status    int    // HTTP status the wire would carry
	Type      string // modelled shape, e.g. "QueueDoesNotExist"
	QueryCode string // legacy code, e.g. "AWS.SimpleQueueService.NonExistentQueue"
	Message   string
}

func (e *CallError) Error() string { return e.Type + ": " + e.Message }

// Call runs one operation in process, without HTTP: in is marshalled as
// the JSON request body and the JSON response is unmarshalled into out
// (which may be nil). It lets the demo scenario and tests drive the server
// without an SDK; queue URLs it returns start with the server's base URL
// (see Options.BaseURL) and work with Call and over HTTP alike.
// Options.Latency is not applied.
func (s *Server) Call(ctx context.Context, op string, in, out any) error {
	h, ok := s.ops[op]
	if !ok {
		return toCallError(errInvalidAction(op))
	}
	raw, err := json.Marshal(in)
	if err != nil {
		return err
	}
	if in == nil {
		raw = []byte("{}")
	}
	res, err := s.call(ctx, h, &request{sender: s.opts.AccountID}, raw)
	if err != nil {
		return toCallError(err)
	}
	if out == nil {
		return nil
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

func toCallError(err error) error {
	var ae *apiError
	if !errors.As(err, &ae) {
		return err
	}
	return &CallError{Status: ae.status, Type: ae.shape, QueryCode: ae.queryCode, Message: ae.msg}
}
