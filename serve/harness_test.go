package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	gossh "golang.org/x/crypto/ssh"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/internal/sqstest"
	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/ui"
)

// hangGuard bounds every wait: long enough for a loaded 2-core machine, so
// a wait that hits it means the thing never happened, not that it was slow.
const hangGuard = 30 * time.Second

// waitFor polls cond until it holds; no assertion depends on timing.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(hangGuard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting (%s) for: %s", hangGuard, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// key is a client key and its authorized-keys line.
type key struct {
	signer gossh.Signer
	priv   ed25519.PrivateKey
}

func newKey(t *testing.T) key {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return key{signer: s, priv: priv}
}

// line is k's authorized-keys line with options (may be "") and a comment.
func (k key) line(options, comment string) string {
	l := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.signer.PublicKey()))) + " " + comment
	if options != "" {
		l = options + " " + l
	}
	return l
}

func (k key) fingerprint() string { return gossh.FingerprintSHA256(k.signer.PublicKey()) }

// env is a served sqscope on a random loopback port against localsqs.
type env struct {
	t        *testing.T
	srv      *Server
	addr     string
	admin    *sqs.Client
	counter  *sqstest.Counter
	dir      string
	auditLog string
	read     key // alice, the default role
	write    key // bob, sqscope-role=write
}

func newEnv(t *testing.T, tweak func(*Options)) *env {
	t.Helper()
	ls := localsqs.New(localsqs.Options{})
	counter := sqstest.NewCounter(ls)
	hs := httptest.NewServer(counter)
	t.Cleanup(func() { hs.Close(); ls.Close() })
	e := &env{t: t, counter: counter, dir: t.TempDir(), read: newKey(t), write: newKey(t)}
	e.admin = sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	ak := filepath.Join(e.dir, "authorized_keys")
	e.writeKeys(e.read.line("", "alice") + "\n" + e.write.line(`sqscope-role="write"`, "bob") + "\n")
	e.auditLog = filepath.Join(e.dir, "audit.jsonl")
	log, err := audit.Open(e.auditLog)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	o := Options{
		AuthorizedKeys: ak, HostKey: filepath.Join(e.dir, "host_key"), Audit: log,
		NewClient: func(_ context.Context, readOnly bool, a awsclient.AuditLog) (*awsclient.SQS, error) {
			return awsclient.NewStatic(hs.URL, "us-east-1", awsclient.Config{ReadOnly: readOnly, Audit: a, MaxBackoff: 20 * time.Millisecond}), nil
		},
		UIOptions: func(*awsclient.SQS) ui.Options {
			return ui.Options{Refresh: time.Second, RefreshAll: time.Second, AuditPath: e.auditLog}
		},
	}
	if tweak != nil {
		tweak(&o)
	}
	srv, _, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	e.srv, e.addr = srv, ln.Addr().String()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return e
}

func (e *env) writeKeys(content string) {
	e.t.Helper()
	if err := os.WriteFile(filepath.Join(e.dir, "authorized_keys"), []byte(content), 0o600); err != nil {
		e.t.Fatal(err)
	}
}

// dial connects with auth; the host key is checked against the server's.
func (e *env) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", e.addr, &gossh.ClientConfig{User: "oncall", Auth: auth,
		HostKeyCallback: gossh.FixedHostKey(e.srv.signer.PublicKey()), Timeout: hangGuard})
}

// queue creates a queue with n messages and returns its URL.
func (e *env) queue(name string, n int) string {
	e.t.Helper()
	ctx := context.Background()
	out, err := e.admin.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		e.t.Fatal(err)
	}
	for i := range n {
		if _, err := e.admin.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: out.QueueUrl,
			MessageBody: aws.String("message " + strconv.Itoa(i))}); err != nil {
			e.t.Fatal(err)
		}
	}
	e.counter.Take() // the fixture's calls are not the sessions'
	return *out.QueueUrl
}

// counts are a queue's visible and in-flight messages, read with the SDK.
func (e *env) counts(url string) (visible, inFlight int) {
	e.t.Helper()
	out, err := e.admin.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameApproximateNumberOfMessages,
			types.QueueAttributeNameApproximateNumberOfMessagesNotVisible}})
	if err != nil {
		e.t.Fatal(err)
	}
	visible, _ = strconv.Atoi(out.Attributes[string(types.QueueAttributeNameApproximateNumberOfMessages)])
	inFlight, _ = strconv.Atoi(out.Attributes[string(types.QueueAttributeNameApproximateNumberOfMessagesNotVisible)])
	return visible, inFlight
}

// entries are the audit log's lines so far.
func (e *env) entries() []audit.Entry {
	e.t.Helper()
	data, err := os.ReadFile(e.auditLog)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []audit.Entry
	for _, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		var en audit.Entry
		if err := json.Unmarshal(l, &en); err != nil {
			e.t.Fatalf("audit line %s: %v", l, err)
		}
		out = append(out, en)
	}
	return out
}

// hasEntry reports whether the audit log has a line of op by user.
func (e *env) hasEntry(op, user string) bool {
	for _, en := range e.entries() {
		if en.Op == op && en.User == user {
			return true
		}
	}
	return false
}
