package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/scripting"
)

func decodeReport(t *testing.T, out string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("redrive --json printed %q: %v", out, err)
	}
	return m
}

func TestScriptRedriveNative(t *testing.T) {
	b := wLocal(t)
	src, dlq := b.dlqWith(t, "n-", 14)
	code, out, _ := wRun(t, b.url, "redrive", "n-dlq", "--yes", "--json", "--rate", "100")
	if code != scripting.ExitOK {
		t.Fatalf("exit %d", code)
	}
	rep := decodeReport(t, out)
	if rep["path"] != "native" || rep["moved"] != 14.0 || rep["status"] != "COMPLETED" || rep["outcome"] != "all-moved" {
		t.Errorf("report %v", rep)
	}
	if d, s := b.depth(t, dlq), b.depth(t, src); d != 0 || s != 14 {
		t.Errorf("DLQ %d, source %d; want 0 and 14", d, s)
	}
	t.Run("text", func(t *testing.T) {
		_, dlq2 := b.dlqWith(t, "n2-", 3)
		code, out, _ := wRun(t, b.url, "redrive", "n2-dlq", "--yes")
		if code != scripting.ExitOK || b.depth(t, dlq2) != 0 {
			t.Fatalf("exit %d", code)
		}
		golden.RequireEqual(t, out)
	})
}

func TestScriptRedriveClientSide(t *testing.T) {
	b := wLocal(t)
	src, dlq := b.dlqWith(t, "c-", 25)
	ep, _ := b.withoutNative(t, "")
	code, out, errs := wRun(t, ep, "redrive", "c-dlq", "--yes")
	if code != scripting.ExitOK || !strings.Contains(errs, "moved") {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "client-side move, because "+"this endpoint has no native move API") {
		t.Errorf("the report does not say why client-side:\n%s", out)
	}
	if d, s := b.depth(t, dlq), b.depth(t, src); d != 0 || s != 25 {
		t.Errorf("DLQ %d, source %d; want 0 and 25", d, s)
	}
}

func TestScriptRedriveClientSideMoto(t *testing.T) {
	b := wMoto(t)
	p := wPrefix(t)
	src, dlq := b.dlqWith(t, p, 12)
	code, out, _ := wRun(t, b.url, "redrive", p+"dlq", "--yes", "--json")
	if code != scripting.ExitOK {
		t.Fatalf("exit %d", code)
	}
	if rep := decodeReport(t, out); rep["path"] != "client-side" || rep["moved"] != 12.0 {
		t.Errorf("report %v", rep)
	}
	if d, s := b.depth(t, dlq), b.depth(t, src); d != 0 || s != 12 {
		t.Errorf("DLQ %d, source %d; want 0 and 12", d, s)
	}
}

func TestScriptRedrivePartialFailureThenRerun(t *testing.T) {
	b := wLocal(t)
	src, dlq := b.dlqWith(t, "p-", 20)
	ep, proxy := b.withoutNative(t, "7") // msg-7 and msg-17
	t.Run("text", func(t *testing.T) {
		code, out, _ := wRun(t, ep, "redrive", "p-dlq", "--yes")
		if code != scripting.ExitFailed {
			t.Fatalf("exit %d, want %d", code, scripting.ExitFailed)
		}
		left := b.peekIDs(t, dlq)
		if len(left) != 2 {
			t.Errorf("the DLQ holds %d, want the 2 refused", len(left))
		}
		for body, id := range left {
			if !strings.Contains(out, "failed: "+id+": ") {
				t.Errorf("the report does not name %s (%s)", id, body)
			}
		}
		golden.RequireEqual(t, uuids.ReplaceAllString(out, "ID"))
	})
	proxy.setRefuse("")
	t.Run("json", func(t *testing.T) {
		code, out, _ := wRun(t, ep, "redrive", "p-dlq", "--yes", "--json")
		if code != scripting.ExitOK {
			t.Fatalf("re-run: exit %d", code)
		}
		golden.RequireEqual(t, out)
	})
	got := b.drain(t, src)
	var bodies []string
	for _, g := range got {
		bodies = append(bodies, strings.SplitN(g, "|", 2)[0])
	}
	if len(bodies) != 20 || len(slices.Compact(slices.Clone(bodies))) != 20 {
		t.Errorf("the source holds %d messages (%d distinct), want 20 once each: %q", len(bodies), len(slices.Compact(slices.Clone(bodies))), bodies)
	}
}

func TestScriptRedriveDryRun(t *testing.T) {
	b := wLocal(t)
	src, dlq := b.dlqWith(t, "d-", 6)
	t.Run("text", func(t *testing.T) {
		code, out, _ := wRun(t, b.url, "redrive", "d-dlq", "--dry-run")
		if code != scripting.ExitOK {
			t.Fatalf("exit %d", code)
		}
		golden.RequireEqual(t, out)
	})
	t.Run("json", func(t *testing.T) {
		_, out, _ := wRun(t, b.url, "redrive", "d-dlq", "--dry-run", "--json", "--filter", "msg-3")
		golden.RequireEqual(t, out)
	})
	if d, s := b.depth(t, dlq), b.depth(t, src); d != 6 || s != 0 {
		t.Errorf("a dry run moved messages: DLQ %d, source %d", d, s)
	}
	code, out, _ := wRun(t, b.url, "redrive", "d-dlq", "--yes", "--json")
	if rep := decodeReport(t, out); code != scripting.ExitOK || rep["path"] != "native" {
		t.Errorf("after the dry run a real redrive: exit %d, %v (a dry run must have started no task)", code, rep)
	}
}

func TestScriptRedriveFilter(t *testing.T) {
	b := wLocal(t)
	src, dlq := b.dlqWith(t, "f-", 12)
	code, out, _ := wRun(t, b.url, "redrive", "f-dlq", "--yes", "--json", "--filter", "msg-1")
	rep := decodeReport(t, out)
	if code != scripting.ExitOK || rep["path"] != "client-side" || rep["why"] != "a filter is active" || rep["moved"] != 3.0 || rep["skipped"] == nil {
		t.Errorf("exit %d, report %v; want msg-1, msg-10, msg-11 moved client-side", code, rep)
	}
	if d, s := b.depth(t, dlq), b.depth(t, src); d != 9 || s != 3 {
		t.Errorf("DLQ %d, source %d; want 9 and 3", d, s)
	}
	code, _, _ = wRun(t, b.url, "redrive", "f-dlq", "--yes", "--filter", "nothing-like-this")
	if code != scripting.ExitNothingDone {
		t.Errorf("a filter matching nothing: exit %d, want %d", code, scripting.ExitNothingDone)
	}
	code, _, _ = wRun(t, b.url, "redrive", "f-dlq")
	if code != scripting.ExitNothingDone || b.depth(t, dlq) != 9 {
		t.Errorf("without --yes off a terminal: exit %d, want %d and nothing moved", code, scripting.ExitNothingDone)
	}
}

func TestScriptRedriveSIGINTStopsBetweenBatches(t *testing.T) {
	stopped := make(chan context.Context, 1)
	old := signalContext
	t.Cleanup(func() { signalContext = old })
	signalContext = func(parent context.Context) (context.Context, context.CancelFunc) {
		ctx, stop := old(parent)
		stopped <- ctx
		return ctx, stop
	}
	b := wLocal(t)
	src, dlq := b.dlqWith(t, "s-", 200)
	ep, proxy := b.withoutNative(t, "")
	proxy.setBeforeSend(func(n int) {
		if n == 1 {
			ctx := <-stopped
			if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
				t.Errorf("kill: %v", err)
			}
			<-ctx.Done() // the signal has reached the command
		}
	})
	code, out, _ := wRun(t, ep, "redrive", "s-dlq", "--yes", "--json")
	rep := decodeReport(t, out)
	if code != scripting.ExitInterrupted || rep["cancelled"] != true || rep["outcome"] != "interrupted" {
		t.Errorf("exit %d, report %v; want %d, cancelled", code, rep, scripting.ExitInterrupted)
	}
	moved := int(rep["moved"].(float64))
	if s := b.depth(t, src); s != moved || moved == 0 || moved == 200 {
		t.Errorf("the source holds %d, the report says %d moved; want the same, some but not all", s, moved)
	}
	if v := b.visible(t, dlq); v != 200-moved {
		t.Errorf("the DLQ shows %d visible, want %d: every unmoved message visible again", v, 200-moved)
	}
	proxy.setBeforeSend(nil)
	signalContext = old
	if code, _, _ := wRun(t, ep, "redrive", "s-dlq", "--yes"); code != scripting.ExitOK {
		t.Fatalf("re-run: exit %d", code)
	}
	got := b.drain(t, src)
	if len(got) != 200 || len(slices.Compact(slices.Clone(got))) != 200 {
		t.Errorf("the source holds %d messages (%d distinct), want 200 once each", len(got), len(slices.Compact(slices.Clone(got))))
	}
}

// A DLQ with an interrupted move's journal is redriven client-side even
// where the native API exists, as the TUI's R does: the message the
// journal knows was sent is deleted, not sent again, so the source ends
// with each message once.
func TestScriptRedriveFinishesJournal(t *testing.T) {
	b := wLocal(t)
	src, dlq := b.dlqWith(t, "j-", 5)
	ids := b.peekIDs(t, dlq)
	b.sendBody(t, src, "msg-2") // the copy the killed move had sent
	arn := b.arn(t, dlq)
	at := time.Now().Add(-time.Hour).UnixMilli()
	journal := fmt.Sprintf(`{"op":"run","at":%d,"hold":1000}
{"op":"sending","id":%q,"dest":%q,"at":%d}
{"op":"sent","id":%q,"dest":%q,"at":%d,"dup":0}
{"op":"end","at":%d}
`, at, ids["msg-2"], src, at, ids["msg-2"], src, at, at)
	if err := os.WriteFile(awsclient.JournalPath(arn), []byte(journal), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ := wRun(t, b.url, "redrive", "j-dlq", "--yes", "--json")
	rep := decodeReport(t, out)
	if code != scripting.ExitOK || rep["path"] != "client-side" || !strings.Contains(rep["why"].(string), "interrupted move left 1 message") ||
		rep["resumed"] != 1.0 || rep["moved"] != 5.0 {
		t.Errorf("exit %d, report %v; want client-side because of the journal, 1 resumed of 5 moved", code, rep)
	}
	got := b.drain(t, src)
	if len(got) != 5 || len(slices.Compact(slices.Clone(got))) != 5 {
		t.Errorf("the source holds %q; want msg-0 … msg-4 once each", got)
	}
}

// A native task that fails leaves its messages in the DLQ: the report
// counts them as failed (messages sent to the DLQ directly have no source
// to go back to, so localsqs's task fails on them as SQS's does).
func TestScriptRedriveFailedTaskCountsWhatStayed(t *testing.T) {
	b := localBackend(t, nil)
	url, dlqARN := b.queue(t, "ft-dlq", nil)
	b.queue(t, "ft-src", redriveTo(dlqARN, 3))
	b.send(t, url, nil, "a", "b", "c")
	code, stdout, stderr := b.script(t, nil, "redrive", "ft-dlq", "--yes", "--json")
	var rep struct {
		Path, Status, Outcome string
		Moved, Failed         int
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("report %q: %v (stderr %q)", stdout, err, stderr)
	}
	if rep.Path != "native" || rep.Status != "FAILED" {
		t.Fatalf("the task did not fail as a task on messages without a source must (path %s, status %s)", rep.Path, rep.Status)
	}
	if code != scripting.ExitFailed || rep.Moved != 0 || rep.Failed != 3 {
		t.Errorf("exit %d, moved %d, failed %d; want 1, 0 and the 3 left in the DLQ (stdout %s)", code, rep.Moved, rep.Failed, stdout)
	}
}

// --to a queue of the other type is a usage error at planning, --dry-run
// included: the move would only refuse it after asking.
func TestScriptRedriveRefusesAnotherTypeOfDestination(t *testing.T) {
	b := localBackend(t, nil)
	url, dlqARN := b.queue(t, "tt-dlq", nil)
	b.queue(t, "tt-src", redriveTo(dlqARN, 3))
	b.queue(t, "tt-dest.fifo", map[string]string{"FifoQueue": "true"})
	b.send(t, url, nil, "a")
	for _, extra := range []string{"--dry-run", "--yes"} {
		code, _, stderr := b.script(t, nil, "redrive", "tt-dlq", "--to", "tt-dest.fifo", extra)
		if code != scripting.ExitUsage || !strings.Contains(stderr, "is a FIFO queue and tt-dlq a standard one") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the types named", extra, code, stderr)
		}
	}
}
