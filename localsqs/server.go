package localsqs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Server. The zero value is usable.
type Options struct {
	Region    string           // default "us-east-1"
	AccountID string           // default "000000000000"
	Latency   time.Duration    // injected before handling every request
	Now       func() time.Time // clock; default time.Now
	// BaseURL is what every QueueUrl starts with, e.g.
	// "http://127.0.0.1:9324". Default: the address ListenAndServe
	// listens on, or "http://localhost" for a Server used only as an
	// http.Handler or through Call. The Host header of a request is never
	// used: it is the client's to choose, and echoing it would let anyone
	// who can reach the server hand out URLs that point elsewhere.
	BaseURL string
	// MetricsRetention is how much per-minute CloudWatch history each
	// queue keeps (metrics.go): default two weeks and an hour, at most
	// 15 days, CloudWatch's own limit for one-minute data.
	MetricsRetention time.Duration
}

// Server is an in-memory SQS. It implements http.Handler.
type Server struct {
	opts Options

	mu     sync.RWMutex
	queues map[string]*queue // by name

	tasks *taskRegistry
	ops   map[string]handlerFunc
	base  atomic.Pointer[string] // see Options.BaseURL; set again by ListenAndServe

	closeOnce sync.Once
	closed    chan struct{}
	bg        sync.WaitGroup
}

// New returns a Server with opts' zero fields defaulted.
func New(opts Options) *Server {
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.AccountID == "" {
		opts.AccountID = "000000000000"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{
		opts:   opts,
		queues: make(map[string]*queue),
		tasks:  newTaskRegistry(),
		closed: make(chan struct{}),
	}
	s.ops = s.operations()
	base := strings.TrimRight(opts.BaseURL, "/")
	if base == "" {
		base = "http://localhost"
	}
	s.base.Store(&base)
	return s
}

// Close stops background work (move tasks, pending long polls) and waits
// for it. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		// Under the task lock, so no move task can start after Wait begins.
		s.tasks.mu.Lock()
		close(s.closed)
		s.tasks.mu.Unlock()
	})
	s.bg.Wait()
}

func (s *Server) now() time.Time { return s.opts.Now() }

// handlerFunc handles one operation: it decodes its own input from raw and
// returns a value to encode as JSON, or an error (an *apiError, or anything
// else for an internal error).
type handlerFunc func(ctx context.Context, r *request, raw json.RawMessage) (any, error)

// request carries what handlers need from the HTTP request.
type request struct {
	sender string // SenderId: the caller's access key id, as far as we know it
}

func (s *Server) operations() map[string]handlerFunc {
	return map[string]handlerFunc{
		"CreateQueue":                  s.createQueue,
		"GetQueueUrl":                  s.getQueueURL,
		"ListQueues":                   s.listQueues,
		"DeleteQueue":                  s.deleteQueue,
		"GetQueueAttributes":           s.getQueueAttributes,
		"SetQueueAttributes":           s.setQueueAttributes,
		"PurgeQueue":                   s.purgeQueue,
		"TagQueue":                     s.tagQueue,
		"UntagQueue":                   s.untagQueue,
		"ListQueueTags":                s.listQueueTags,
		"ListDeadLetterSourceQueues":   s.listDeadLetterSourceQueues,
		"SendMessage":                  s.sendMessage,
		"SendMessageBatch":             s.sendMessageBatch,
		"ReceiveMessage":               s.receiveMessage,
		"DeleteMessage":                s.deleteMessage,
		"DeleteMessageBatch":           s.deleteMessageBatch,
		"ChangeMessageVisibility":      s.changeMessageVisibility,
		"ChangeMessageVisibilityBatch": s.changeMessageVisibilityBatch,
		"StartMessageMoveTask":         s.startMessageMoveTask,
		"ListMessageMoveTasks":         s.listMessageMoveTasks,
		"CancelMessageMoveTask":        s.cancelMessageMoveTask,
		"AddPermission":                s.unsupported,
		"RemovePermission":             s.unsupported,
	}
}

// maxRequestBytes bounds a request body: a 1 MiB batch payload plus JSON
// escaping can grow up to 6× (\u00XX), so allow generous headroom.
const maxRequestBytes = 8 << 20

// ServeHTTP decodes one AWS JSON 1.0 request and dispatches it.
func (s *Server) ServeHTTP(w http.ResponseWriter, hr *http.Request) {
	if s.opts.Latency > 0 {
		t := time.NewTimer(s.opts.Latency)
		select {
		case <-t.C:
		case <-hr.Context().Done():
			t.Stop()
			return
		}
	}
	if s.serveCloudWatch(w, hr) || s.serveSTS(w, hr) {
		return
	}
	target := hr.Header.Get("X-Amz-Target")
	op, ok := strings.CutPrefix(target, "AmazonSQS.")
	if hr.Method != http.MethodPost || !ok {
		writeError(w, errInvalidAction(target))
		return
	}
	h, ok := s.ops[op]
	if !ok {
		writeError(w, errInvalidAction(op))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, hr.Body, maxRequestBytes))
	if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
		writeError(w, newError(413, "RequestEntityTooLarge", "RequestEntityTooLarge", "request body too large"))
		return
	}
	if err != nil {
		// A body cut short or stalled past readTimeout (see ListenAndServe).
		writeError(w, errMalformed(err))
		return
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		body = []byte("{}")
	}
	body = markInvalidText(body) // before Go's decoder hides it (utf8.go)
	out, err := s.call(hr.Context(), h, &request{sender: senderID(hr, s.opts.AccountID)}, body)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// call runs h, turning a panic into an InternalError so one bad request
// never takes the server down.
func (s *Server) call(ctx context.Context, h handlerFunc, r *request, raw json.RawMessage) (out any, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, errInternal(fmt.Sprint(p))
		}
	}()
	return h(ctx, r, raw)
}

func (s *Server) unsupported(context.Context, *request, json.RawMessage) (any, error) {
	return nil, errUnsupportedOperation("this operation is not supported by localsqs")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, errInternal(err.Error()))
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("x-amzn-RequestId", newRequestID())
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// senderID takes the access key id from a SigV4 Authorization header
// (Credential=AKID/date/region/sqs/aws4_request); unsigned requests are
// attributed to the account.
func senderID(hr *http.Request, account string) string {
	auth := hr.Header.Get("Authorization")
	_, cred, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return account
	}
	akid, _, _ := strings.Cut(cred, "/")
	if akid == "" {
		return account
	}
	return akid
}
