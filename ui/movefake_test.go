package ui

import (
	"context"
	"slices"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// fakeMover records the Mover calls made through a fakeClient and answers
// them as configured. Guarded by the fakeClient's mutex.
type fakeMover struct {
	startTask model.MoveTask
	startErr  error
	starts    []startCall

	tasks     []model.MoveTask // what MoveTasks answers, newest first
	tasksErr  error
	taskCalls int

	cancels   []string
	cancelErr error

	moves      []awsclient.MoveRequest
	selected   [][]string // for each Move, the ids of the DLQ messages Select took
	heldAtMove []int      // messages the peek sessions still held when Move began
	progress   []awsclient.MoveProgress
	report     awsclient.MoveReport
	moveErr    error
	moveGate   chan struct{} // Move waits for it (or its context) before returning
	moveCtxErr error
}

type startCall struct {
	arn  string
	rate int
}

func (f *fakeClient) StartRedrive(_ context.Context, arn string, rate int) (model.MoveTask, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mover.starts = append(f.mover.starts, startCall{arn, rate})
	return f.mover.startTask, f.mover.startErr
}

func (f *fakeClient) MoveTasks(context.Context, string) ([]model.MoveTask, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mover.taskCalls++
	return slices.Clone(f.mover.tasks), f.mover.tasksErr
}

func (f *fakeClient) CancelRedrive(_ context.Context, handle string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mover.cancels = append(f.mover.cancels, handle)
	return f.mover.cancelErr
}

// Move applies req.Select to the messages the fake serves for the DLQ,
// sends the configured progress, waits for the gate, and reports.
func (f *fakeClient) Move(ctx context.Context, req awsclient.MoveRequest, progress chan<- awsclient.MoveProgress) (awsclient.MoveReport, error) {
	defer close(progress)
	f.mu.Lock()
	held := 0
	for _, p := range f.peeks {
		if p.url == req.SourceURL {
			held += p.Held()
		}
	}
	var took []string
	for _, m := range f.messages[req.SourceURL] {
		if req.Select == nil || req.Select(m) {
			took = append(took, m.ID)
		}
	}
	f.mover.moves = append(f.mover.moves, req)
	f.mover.selected = append(f.mover.selected, took)
	f.mover.heldAtMove = append(f.mover.heldAtMove, held)
	prog, rep, err, gate := f.mover.progress, f.mover.report, f.mover.moveErr, f.mover.moveGate
	f.mu.Unlock()
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
			f.mu.Lock()
			f.mover.moveCtxErr = ctx.Err()
			f.mu.Unlock()
		}
	}
	return rep, err
}

// moverCalls is a snapshot of what was called.
func (f *fakeClient) moverCalls() fakeMover {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.mover
	return m
}
