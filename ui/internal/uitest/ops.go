package uitest

import (
	"context"
	"fmt"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// Ops is the fake's awsclient.Operator: it records every call and answers
// with the configured errors. Hold Client.Mu to read or change it while a
// Cmd may run.
type Ops struct {
	Calls []OpCall // every call, in order

	SendErr    error                  // whole-call failure of Send
	SendFail   map[int]error          // index of a message → its refusal
	DeleteErr  error                  // whole-call failure of DeleteMessages
	DelFail    map[string]error       // message id → its refusal
	PurgeErr   error                  // what Purge fails with
	CreateErr  error                  // what CreateQueue fails with
	Created    awsclient.CreateReport // what CreateQueue reports (with CreateErr; its AuditErr always)
	SetErr     error                  // what SetAttributes fails with
	DropErr    error                  // what DeleteQueue fails with
	SourcesErr error                  // what DeadLetterSources fails with
	// MoreSources are sources SQS knows of beyond List, by DLQ URL: a
	// queue the app has not listed (another page, another account).
	MoreSources map[string][]string
	// AuditErr is the audit log's failure: DeleteMessages reports it in
	// its report (as the adapter does); set PurgeErr to an
	// *awsclient.AuditError for Purge's.
	AuditErr error
}

// OpCall is one recorded Operator call.
type OpCall struct {
	Op       string // "send", "delete", "purge", "create", "set", "delete-queue"
	Queue    string // queue URL (for create: the spec's name)
	Outgoing []model.Outgoing
	Messages []model.Message
	Spec     awsclient.CreateSpec
	Before   map[string]string
	Attrs    map[string]string
}

func (f *Client) record(c OpCall) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Ops.Calls = append(f.Ops.Calls, c)
}

// OpCalls returns a copy of the recorded calls.
func (f *Client) OpCalls() []OpCall {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return append([]OpCall(nil), f.Ops.Calls...)
}

func (f *Client) Send(_ context.Context, url string, msgs []model.Outgoing) (awsclient.SendReport, error) {
	f.record(OpCall{Op: "send", Queue: url, Outgoing: msgs})
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.Ops.SendErr != nil {
		return awsclient.SendReport{}, f.Ops.SendErr
	}
	var r awsclient.SendReport
	for i := range msgs {
		if err := f.Ops.SendFail[i]; err != nil {
			r.Results = append(r.Results, awsclient.SendResult{Err: err})
			continue
		}
		r.Results = append(r.Results, awsclient.SendResult{MessageID: fmt.Sprintf("sent-%d", i)})
	}
	return r, nil
}

func (f *Client) DeleteMessages(_ context.Context, url string, msgs []model.Message) (awsclient.DeleteReport, error) {
	f.record(OpCall{Op: "delete", Queue: url, Messages: msgs})
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.Ops.DeleteErr != nil {
		return awsclient.DeleteReport{}, f.Ops.DeleteErr
	}
	var r awsclient.DeleteReport
	for _, m := range msgs {
		if err := f.Ops.DelFail[m.ID]; err != nil {
			if r.Failed == nil {
				r.Failed = map[string]error{}
			}
			r.Failed[m.ID] = err
			continue
		}
		r.Deleted = append(r.Deleted, m.ID)
	}
	r.AuditErr = f.Ops.AuditErr
	return r, nil
}

func (f *Client) Purge(_ context.Context, url string) error {
	f.record(OpCall{Op: "purge", Queue: url})
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.Ops.PurgeErr
}

func (f *Client) CreateQueue(_ context.Context, spec awsclient.CreateSpec) (awsclient.CreateReport, error) {
	f.record(OpCall{Op: "create", Queue: spec.Name, Spec: spec})
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.Ops.CreateErr != nil {
		return f.Ops.Created, f.Ops.CreateErr
	}
	r := awsclient.CreateReport{AuditErr: f.Ops.Created.AuditErr}
	if spec.DLQ != nil {
		r.Created = append(r.Created, "https://sqs.test/000000000000/"+spec.DLQ.Name)
	}
	r.Created = append(r.Created, "https://sqs.test/000000000000/"+spec.Name)
	return r, nil
}

func (f *Client) SetAttributes(_ context.Context, url string, before, attrs map[string]string) error {
	f.record(OpCall{Op: "set", Queue: url, Before: before, Attrs: attrs})
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.Ops.SetErr
}

func (f *Client) DeleteQueue(_ context.Context, url string) error {
	f.record(OpCall{Op: "delete-queue", Queue: url})
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.Ops.DropErr
}

// DeadLetterSources answers from List: the queues whose redrive policy
// names the queue at url, or SourcesErr.
func (f *Client) DeadLetterSources(_ context.Context, url string) ([]string, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.Ops.SourcesErr != nil {
		return nil, f.Ops.SourcesErr
	}
	var arn string
	for _, q := range f.List {
		if q.URL == url {
			arn = q.ARN
		}
	}
	var out []string
	for _, q := range f.List {
		if q.Redrive != nil && arn != "" && q.Redrive.DeadLetterTargetARN == arn {
			out = append(out, q.URL)
		}
	}
	return append(out, f.Ops.MoreSources[url]...), nil
}
