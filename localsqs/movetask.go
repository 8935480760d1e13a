package localsqs

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"sync"
	"time"
)

// Move task states, as ListMessageMoveTasks reports them.
const (
	taskRunning    = "RUNNING"
	taskCompleted  = "COMPLETED"
	taskCancelling = "CANCELLING"
	taskCancelled  = "CANCELLED"
	taskFailed     = "FAILED"
)

// maxMoveRate is SQS's ceiling for MaxNumberOfMessagesPerSecond.
const maxMoveRate = 500

// taskRegistry holds every move task ever started, oldest first. Its mutex
// also orders task start against Server.Close (see startMessageMoveTask).
type taskRegistry struct {
	mu    sync.Mutex
	tasks []*moveTask
}

func newTaskRegistry() *taskRegistry { return &taskRegistry{} }

// moveTask is one StartMessageMoveTask. Its mutable fields are guarded by
// the registry's mutex.
type moveTask struct {
	id        string
	handle    string
	sourceARN string
	destARN   string    // "" = each message back to its DeadLetterQueueSourceArn
	rate      int64     // messages per second, 0 = unlimited
	started   time.Time // StartedTimestamp, from Options.Now
	wallStart time.Time // real start, for pacing
	toMove    int64
	cancel    chan struct{}

	status  string
	moved   int64
	failure string
}

func (t *moveTask) entry() moveTaskEntry {
	e := moveTaskEntry{
		Status: t.status, SourceArn: t.sourceARN, DestinationArn: t.destARN,
		ApproximateNumberOfMessagesMoved: t.moved, StartedTimestamp: t.started.UnixMilli(),
		FailureReason: t.failure,
	}
	toMove := t.toMove
	e.ApproximateNumberOfMessagesToMove = &toMove
	if t.rate > 0 {
		rate := t.rate
		e.MaxNumberOfMessagesPerSecond = &rate
	}
	if t.status == taskRunning {
		e.TaskHandle = t.handle
	}
	return e
}

func (s *Server) startMessageMoveTask(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in startMoveTaskInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	if in.SourceArn == "" {
		return nil, errMissingParameter("SourceArn")
	}
	src := s.queueByARN(in.SourceArn)
	if src == nil {
		return nil, errResourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
	}
	if len(s.sourcesOf(src, true)) == 0 {
		return nil, errInvalidParameterValue("Source queue must be configured as a Dead Letter Queue.")
	}
	if in.DestinationArn == in.SourceArn {
		return nil, errInvalidParameterValue("The source and destination queues must be different.")
	}
	if in.DestinationArn != "" && s.queueByARN(in.DestinationArn) == nil {
		return nil, errResourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.")
	}
	var rate int64
	if in.MaxNumberOfMessagesPerSecond != nil {
		rate = *in.MaxNumberOfMessagesPerSecond
		if rate < 1 || rate > maxMoveRate {
			return nil, errInvalidParam("MaxNumberOfMessagesPerSecond", rate, "Must be between 1 and 500.")
		}
	}
	now := s.now()
	src.mu.Lock()
	src.tick(now)
	toMove := int64(src.nVisible)
	src.mu.Unlock()

	id := newMessageID()
	handleJSON, _ := json.Marshal(map[string]string{"taskId": id, "sourceArn": in.SourceArn})
	t := &moveTask{
		id: id, handle: base64.StdEncoding.EncodeToString(handleJSON),
		sourceARN: in.SourceArn, destARN: in.DestinationArn, rate: rate,
		started: now, wallStart: time.Now(), toMove: toMove, cancel: make(chan struct{}), status: taskRunning,
	}
	reg := s.tasks
	reg.mu.Lock()
	defer reg.mu.Unlock()
	select {
	case <-s.closed:
		return nil, errInternal("server is shutting down")
	default:
	}
	for _, o := range reg.tasks {
		if o.sourceARN == in.SourceArn && (o.status == taskRunning || o.status == taskCancelling) {
			return nil, errUnsupportedOperation("There is already a message movement task running on this source queue.")
		}
	}
	reg.tasks = append(reg.tasks, t)
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		s.runMoveTask(t, src)
	}()
	return map[string]string{"TaskHandle": t.handle}, nil
}

func (s *Server) listMessageMoveTasks(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in listMoveTasksInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	if in.SourceArn == "" {
		return nil, errMissingParameter("SourceArn")
	}
	if s.queueByARN(in.SourceArn) == nil {
		return nil, errResourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.")
	}
	limit := int64(1)
	if in.MaxResults != nil {
		limit = *in.MaxResults
		if limit < 1 || limit > 10 {
			return nil, errInvalidParam("MaxResults", limit, "Must be between 1 and 10.")
		}
	}
	out := []moveTaskEntry{}
	s.tasks.mu.Lock()
	for i := len(s.tasks.tasks) - 1; i >= 0 && int64(len(out)) < limit; i-- {
		if t := s.tasks.tasks[i]; t.sourceARN == in.SourceArn {
			out = append(out, t.entry())
		}
	}
	s.tasks.mu.Unlock()
	return map[string]any{"Results": out}, nil
}

func (s *Server) cancelMessageMoveTask(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in cancelMoveTaskInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	if in.TaskHandle == "" {
		return nil, errMissingParameter("TaskHandle")
	}
	s.tasks.mu.Lock()
	defer s.tasks.mu.Unlock()
	for _, t := range s.tasks.tasks {
		if t.handle != in.TaskHandle {
			continue
		}
		if t.status != taskRunning {
			return nil, errUnsupportedOperation("Only a RUNNING message movement task can be cancelled.")
		}
		t.status = taskCancelling
		close(t.cancel)
		return map[string]int64{"ApproximateNumberOfMessagesMoved": t.moved}, nil
	}
	return nil, errResourceNotFound("The task handle does not match any message movement task.")
}
