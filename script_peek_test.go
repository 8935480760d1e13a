package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/scripting"
)

// A peek is a receive, made harmless: every message comes back visible,
// its receive count raised by exactly one, and the JSON is the messages.
func TestScriptPeekLeavesMessagesVisible(t *testing.T) {
	forEachScriptBackend(t, func(t *testing.T, b sqsBackend) {
		_, dlqARN := b.queue(t, "peek-dlq", nil)
		url, _ := b.queue(t, "peek-src", redriveTo(dlqARN, 5))
		bodies := []string{"one", "two", "three", "four", "five"}
		b.send(t, url, nil, bodies...)

		code, stdout, stderr := b.script(t, nil, "peek", b.prefix+"peek-src", "-n", "5", "--json", "--yes")
		if code != scripting.ExitOK {
			t.Fatalf("exit %d, stderr:\n%s", code, stderr)
		}
		recs, _, bad, err := audit.ReadRecords(strings.NewReader(stdout))
		if err != nil || len(bad) > 0 {
			t.Fatalf("stdout is not JSON lines of records (%v %v):\n%s", err, bad, stdout)
		}
		var got []string
		for _, r := range recs {
			got = append(got, r.Body)
			if r.Attributes["ApproximateReceiveCount"] != "1" {
				t.Errorf("%s: receive count %s as peeked, want 1", r.Body, r.Attributes["ApproximateReceiveCount"])
			}
		}
		slices.Sort(got)
		if want := slices.Sorted(slices.Values(bodies)); !slices.Equal(got, want) {
			t.Errorf("peeked %q, want %q", got, want)
		}
		if v, f := b.counts(t, url); v != 5 || f != 0 {
			t.Errorf("after the peek: %d visible, %d in flight; want 5 and 0", v, f)
		}
		// This check's own receive is the second.
		for body, n := range b.receiveCounts(t, url, 5) {
			if n != 2 {
				t.Errorf("%s: received %d times after the peek and this check, want 2", body, n)
			}
		}
	})
}

// Off a terminal a peek that could dead-letter needs --yes; without it
// nothing is received. On a terminal the answer decides.
func TestScriptPeekAsksBeforeDeadLettering(t *testing.T) {
	forEachScriptBackend(t, func(t *testing.T, b sqsBackend) {
		_, dlqARN := b.queue(t, "ask-dlq", nil)
		url, _ := b.queue(t, "ask-src", redriveTo(dlqARN, 3))
		b.send(t, url, nil, "m")
		q := b.prefix + "ask-src"

		code, stdout, stderr := b.script(t, nil, "peek", q)
		if code != scripting.ExitNothingDone || stdout != "" ||
			!strings.Contains(stderr, "(maxReceiveCount 3)") || !strings.Contains(stderr, "add --yes to go ahead") {
			t.Errorf("no terminal, no --yes: exit %d, stdout %q, stderr:\n%s\nwant exit 3, maxReceiveCount named, --yes asked for", code, stdout, stderr)
		}
		no, yes := "n\n", "y\n"
		if code, stdout, _ := b.script(t, &no, "export", q); code != scripting.ExitNothingDone || stdout != "" {
			t.Errorf("answered no: exit %d, stdout %q; want 3 and nothing", code, stdout)
		}
		if got := b.receiveCounts(t, url, 1); got["m"] != 1 {
			t.Fatalf("refused peeks received the message: count %d, want 1 (this check's)", got["m"])
		}
		// The check above holds the message for a minute; a fresh one.
		b.send(t, url, nil, "m2")
		if code, stdout, stderr := b.script(t, &yes, "peek", q, "--json"); code != 0 || !strings.Contains(stdout, `"m2"`) {
			t.Errorf("answered yes: exit %d, stdout %q, stderr %s", code, stdout, stderr)
		}
	})
}

// Read-only mode refuses a peek that could dead-letter, as the TUI does.
func TestScriptPeekReadOnly(t *testing.T) {
	b := localBackend(t, nil)
	_, dlqARN := b.queue(t, "ro-dlq", nil)
	b.queue(t, "ro-src", redriveTo(dlqARN, 3))
	code, stdout, stderr := b.script(t, nil, "peek", "ro-src", "--read-only", "--yes")
	if code != scripting.ExitNothingDone || stdout != "" || !strings.Contains(stderr, "read-only mode: not peeking ro-src") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 3 and the read-only refusal", code, stdout, stderr)
	}
}

// Export writes the messages exactly (attributes, binary values), to a new
// file only, readable by the user alone; read back, it is the messages.
func TestScriptExportReadsBack(t *testing.T) {
	forEachScriptBackend(t, func(t *testing.T, b sqsBackend) {
		url, _ := b.queue(t, "export", nil)
		attrs := map[string]types.MessageAttributeValue{
			"kind":  {DataType: aws.String("String"), StringValue: aws.String("order")},
			"trace": {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 0xfe, 0xff}},
		}
		bodies := []string{`{"id":1}`, "zwei \u00e9", "line\nbreak \u009b31m"}
		b.send(t, url, attrs, bodies...)
		path := filepath.Join(t.TempDir(), "out.jsonl")

		code, stdout, stderr := b.script(t, nil, "export", b.prefix+"export", "-o", path)
		if code != 0 || stdout != "" {
			t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v, %v; want mode 0600", path, fi, err)
		}
		data, _ := os.ReadFile(path)
		recs, _, bad, err := audit.ReadRecords(bytes.NewReader(data))
		if err != nil || len(bad) > 0 || len(recs) != len(bodies) {
			t.Fatalf("read back %d records (%v %v), want %d:\n%s", len(recs), err, bad, len(bodies), data)
		}
		for _, r := range recs {
			if !slices.Contains(bodies, r.Body) || r.MessageAttributes["kind"].StringValue != "order" ||
				!bytes.Equal(r.MessageAttributes["trace"].BinaryValue, []byte{0, 1, 0xfe, 0xff}) || r.Queue != url {
				t.Errorf("record %+v is not a message sent", r)
			}
		}
		if v, f := b.counts(t, url); v != len(bodies) || f != 0 {
			t.Errorf("after the export: %d visible, %d in flight; want %d and 0", v, f, len(bodies))
		}

		code, _, stderr = b.script(t, nil, "export", b.prefix+"export", "-o", path)
		again, _ := os.ReadFile(path)
		if code != scripting.ExitUsage || !strings.Contains(stderr, "never overwrites") || !bytes.Equal(again, data) {
			t.Errorf("export onto an existing file: exit %d, stderr %q, file changed %v; want 2 and the file kept", code, stderr, !bytes.Equal(again, data))
		}
	})
}

// An unknown queue is a usage error that suggests the close name.
func TestScriptUnknownQueueSuggests(t *testing.T) {
	forEachScriptBackend(t, func(t *testing.T, b sqsBackend) {
		b.queue(t, "invoices", nil)
		for _, cmd := range []string{"peek", "export"} {
			code, stdout, stderr := b.script(t, nil, cmd, b.prefix+"invoice")
			if code != scripting.ExitUsage || stdout != "" || !strings.Contains(stderr, "(did you mean "+b.prefix+"invoices?)") {
				t.Errorf("%s: exit %d, stdout %q, stderr %q; want 2 and a suggestion", cmd, code, stdout, stderr)
			}
		}
	})
}

// SIGINT while a receive is on the wire: the command stops, the message
// that receive took is made visible again, and the exit says interrupted.
func TestScriptPeekSIGINTReleases(t *testing.T) {
	// The handler runs on the server's goroutines: the command's context
	// reaches it through a channel, the flag is atomic.
	stopped := make(chan context.Context, 1)
	old := signalContext
	t.Cleanup(func() { signalContext = old })
	signalContext = func(parent context.Context) (context.Context, context.CancelFunc) {
		ctx, stop := old(parent)
		stopped <- ctx
		return ctx, stop
	}
	var signalled atomic.Bool
	b := localBackend(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Amz-Target") == "AmazonSQS.ReceiveMessage" && signalled.CompareAndSwap(false, true) {
				ctx := <-stopped
				if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
					t.Errorf("kill: %v", err)
				}
				<-ctx.Done() // the signal has cancelled the command
			}
			h.ServeHTTP(w, r)
		})
	})
	url, _ := b.queue(t, "sigint", nil)
	b.send(t, url, nil, "a", "b", "c")
	code, stdout, stderr := b.script(t, nil, "peek", "sigint", "-n", "3")
	if !signalled.Load() || code != scripting.ExitInterrupted || stdout != "" || !strings.Contains(stderr, "made visible again") {
		t.Errorf("signalled %v: exit %d, stdout %q, stderr %q; want 130, nothing printed", signalled.Load(), code, stdout, stderr)
	}
	if v, f := b.counts(t, url); v != 3 || f != 0 {
		t.Errorf("after SIGINT: %d visible, %d in flight; want 3 and 0", v, f)
	}
}

// Reading commands change nothing, so they open no audit log: nothing is
// created in the state directory, and no warning when it cannot be.
func TestScriptReadingOpensNoAuditLog(t *testing.T) {
	b := localBackend(t, nil)
	url, _ := b.queue(t, "quiet", nil)
	b.send(t, url, nil, "m")
	for _, args := range [][]string{{"ls"}, {"peek", "quiet"}, {"export", "quiet"}} {
		code, _, stderr := b.script(t, nil, args...)
		state := os.Getenv("XDG_STATE_HOME")
		if _, err := os.Stat(state); code != 0 || !os.IsNotExist(err) || strings.Contains(stderr, "warning") {
			t.Errorf("%q: exit %d, state directory %s: %v, stderr %q; want 0, none created, no warning", args, code, state, err, stderr)
		}
	}
}

// A profile the configuration's read-only pattern names is read-only for
// a script as for the TUI: the peek that could dead-letter is refused.
func TestScriptReadOnlyPattern(t *testing.T) {
	b := localBackend(t, nil)
	_, dlqARN := b.queue(t, "rop-dlq", nil)
	b.queue(t, "rop-src", redriveTo(dlqARN, 3))
	conf := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(conf, []byte("read-only-pattern = \"^default$\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := b.script(t, nil, "peek", "rop-src", "--yes", "--config", conf)
	if code != scripting.ExitNothingDone || stdout != "" || !strings.Contains(stderr, "read-only mode: not peeking rop-src") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 3 and the read-only refusal", code, stdout, stderr)
	}
}

// A message that cannot be made visible again is said, and the exit is
// 1; what was read is still written, as the command's work is done.
func TestScriptPeekReleaseFailure(t *testing.T) {
	b := localBackend(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Amz-Target") != "AmazonSQS.ChangeMessageVisibilityBatch" {
				h.ServeHTTP(w, r)
				return
			}
			// HTTP 200 with every entry refused: a partial batch failure.
			var in struct{ Entries []struct{ Id string } }
			if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
				t.Errorf("decoding the batch: %v", err)
			}
			type failed struct {
				Id, Code, Message string
				SenderFault       bool
			}
			out := struct{ Failed []failed }{}
			for _, e := range in.Entries {
				out.Failed = append(out.Failed, failed{Id: e.Id, Code: "InternalError", Message: "injected"})
			}
			w.Header().Set("Content-Type", "application/x-amz-json-1.0")
			_ = json.NewEncoder(w).Encode(out)
		})
	})
	url, _ := b.queue(t, "stuck", nil)
	b.send(t, url, nil, "a", "b")
	code, stdout, stderr := b.script(t, nil, "peek", "stuck", "--json")
	recs, _, _, _ := audit.ReadRecords(strings.NewReader(stdout))
	if code != scripting.ExitFailed || len(recs) != 2 || !strings.Contains(stderr, "injected") {
		t.Errorf("exit %d, %d records, stderr %q; want 1, both messages written, the failure said", code, len(recs), stderr)
	}
}

// The changing commands write the audit log as the TUI does: one line
// each for send, purge and redrive, at --audit-log's path.
func TestScriptChangesAreAudited(t *testing.T) {
	b := localBackend(t, nil)
	url, dlqARN := b.queue(t, "aud-dlq", nil)
	b.queue(t, "aud-src", redriveTo(dlqARN, 3))
	b.send(t, url, nil, "m")
	log := filepath.Join(t.TempDir(), "audit.jsonl")
	for _, args := range [][]string{
		{"send", "aud-dlq", "--body", "hello"},
		{"redrive", "aud-dlq", "--to", "aud-src", "--yes"},
		{"purge", "aud-dlq", "--yes"},
	} {
		code, _, stderr := b.script(t, nil, append(args, "--audit-log", log)...)
		if code != 0 {
			t.Fatalf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	entries, _, err := audit.Recent(log, 10)
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, e := range entries {
		ops = append(ops, e.Op)
	}
	for _, want := range []string{"send", "move", "purge"} {
		if !slices.Contains(ops, want) {
			t.Errorf("no %q line in the audit log: %v", want, ops)
		}
	}
}
