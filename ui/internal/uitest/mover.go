package uitest

import (
	"context"
	"slices"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// Mover records the Mover calls made through a Client and answers
// them as configured. Guarded by the Client's mutex.
type Mover struct {
	StartTask model.MoveTask
	StartErr  error
	Starts    []StartCall

	Tasks     []model.MoveTask // what MoveTasks answers, newest first
	TasksErr  error
	TaskCalls int

	Cancels   []string
	CancelErr error

	Moves      []awsclient.MoveRequest
	Selected   [][]string // for each Move, the ids of the DLQ messages Select took
	HeldAtMove []int      // messages the peek sessions still held when Move began
	Progress   []awsclient.MoveProgress
	Report     awsclient.MoveReport
	MoveErr    error
	MoveGate   chan struct{} // Move waits for it (or its context) before returning
	MoveCtxErr error
	// Returned, when set, is closed as Move returns.
	Returned chan struct{}

	Reconcile    awsclient.JournalCheck // what ReconcileJournal answers
	ReconcileErr error
	Reconciled   []string // the DLQ URLs ReconcileJournal was asked about
}

// StartCall is one StartRedrive call.
type StartCall struct {
	ARN  string
	Rate int
}

func (f *Client) StartRedrive(_ context.Context, arn string, rate int) (model.MoveTask, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Mover.Starts = append(f.Mover.Starts, StartCall{arn, rate})
	return f.Mover.StartTask, f.Mover.StartErr
}

func (f *Client) MoveTasks(context.Context, string) ([]model.MoveTask, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Mover.TaskCalls++
	return slices.Clone(f.Mover.Tasks), f.Mover.TasksErr
}

func (f *Client) CancelRedrive(_ context.Context, handle string) error {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Mover.Cancels = append(f.Mover.Cancels, handle)
	return f.Mover.CancelErr
}

// Move applies req.Select to the messages the fake serves for the DLQ,
// sends the configured progress, waits for the gate, and reports.
func (f *Client) Move(ctx context.Context, req awsclient.MoveRequest, progress chan<- awsclient.MoveProgress) (awsclient.MoveReport, error) {
	defer close(progress)
	f.Mu.Lock()
	held := 0
	for _, p := range f.peeks {
		if p.URL == req.SourceURL {
			held += p.Held()
		}
	}
	var took []string
	for _, m := range f.Messages[req.SourceURL] {
		if req.Select == nil || req.Select(m) {
			took = append(took, m.ID)
		}
	}
	f.Mover.Moves = append(f.Mover.Moves, req)
	f.Mover.Selected = append(f.Mover.Selected, took)
	f.Mover.HeldAtMove = append(f.Mover.HeldAtMove, held)
	prog, rep, err, gate, returned := f.Mover.Progress, f.Mover.Report, f.Mover.MoveErr, f.Mover.MoveGate, f.Mover.Returned
	f.Mu.Unlock()
	if returned != nil {
		defer close(returned)
	}
	for _, p := range prog {
		select {
		case progress <- p:
		default: // never block, as the real Move
		}
	}
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			rep.Cancelled = true
			f.Mu.Lock()
			f.Mover.MoveCtxErr = ctx.Err()
			f.Mu.Unlock()
		}
	}
	return rep, err
}

// moverCalls is a snapshot of what was called.
func (f *Client) MoverCalls() Mover {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	m := f.Mover
	return m
}

// ReconcileJournal answers as Mover.Reconcile says, and records the call.
func (f *Client) ReconcileJournal(_ context.Context, dlqURL, path string) (awsclient.JournalCheck, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Mover.Reconciled = append(f.Mover.Reconciled, dlqURL)
	return f.Mover.Reconcile, f.Mover.ReconcileErr
}
