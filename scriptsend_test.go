package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/sqscope/sqscope/scripting"
)

// export → purge → send --file puts back every body and attribute.
func TestScriptPurgeExportFirstThenSendRestores(t *testing.T) { purgeAndRestore(t, wLocal(t)) }

// The same against moto, when one is running.
func TestScriptPurgeExportFirstThenSendRestoresMoto(t *testing.T) { purgeAndRestore(t, wMoto(t)) }

func purgeAndRestore(t *testing.T, b *wBackend) {
	p := wPrefix(t)
	url, _ := b.create(t, p+"orders", nil)
	b.sendN(t, url, "order", 23)
	file := filepath.Join(t.TempDir(), "orders.jsonl")

	code, out, errs := wRun(t, b.url, "purge", p+"orders", "--yes", "--export-first", file)
	if code != scripting.ExitOK || !strings.Contains(out, "purged "+p+"orders") || !strings.Contains(errs, "exported 23 of the 23 messages") {
		t.Fatalf("purge --export-first: exit %d", code)
	}
	if d := b.depth(t, url); d != 0 {
		t.Fatalf("after the purge the queue holds %d", d)
	}
	code, _, _ = wRun(t, b.url, "send", p+"orders", "--file", file)
	if code != scripting.ExitOK {
		t.Fatalf("send --file: exit %d", code)
	}
	// The bodies and attributes as first sent, for comparison.
	url2, _ := b.create(t, p+"want", nil)
	b.sendN(t, url2, "order", 23)
	if got, want := b.drain(t, url), b.drain(t, url2); !slices.Equal(got, want) {
		t.Errorf("restored messages differ:\ngot  %q\nwant %q", got, want)
	}
}

// A file with an invalid line sends nothing, naming every bad line; with
// --skip-invalid the others go and the bad ones are reported. Goldens hold
// both reports, text and JSON.
func TestScriptSendFileValidatesFirst(t *testing.T) {
	b := wLocal(t)
	url, _ := b.create(t, "inbox", nil)
	file := filepath.Join(t.TempDir(), "in.jsonl")
	lines := `{"Body":"one","MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}}
{"Body":"two","Bdy":"typo"}

not json
{"Body":"three","MessageAttributes":{"n":{"DataType":"Number","StringValue":"x"}}}
{"Body":"four","MessageGroupId":"g","MessageDeduplicationId":"d"}
{"Body":"five"}
`
	if err := os.WriteFile(file, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := wRun(t, b.url, "send", "inbox", "--file", file)
	if code != scripting.ExitFailed || out != "" || b.depth(t, url) != 0 {
		t.Fatalf("exit %d, stdout %q, depth %d: want 1, nothing printed on stdout, nothing sent", code, out, b.depth(t, url))
	}
	for _, want := range []string{"line 2: unknown field", "line 4: not a record", "line 5: MessageAttributes.n", "line 6: MessageDeduplicationId", "4 of 6 lines"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	t.Run("text", func(t *testing.T) {
		code, out, _ := wRun(t, b.url, "send", "inbox", "--file", file, "--skip-invalid")
		if code != scripting.ExitOK || b.depth(t, url) != 2 {
			t.Fatalf("exit %d, depth %d; want 0 and the 2 valid lines sent", code, b.depth(t, url))
		}
		golden.RequireEqual(t, out)
	})
	t.Run("json", func(t *testing.T) {
		_, out, _ := wRun(t, b.url, "send", "inbox", "--file", file, "--skip-invalid", "--json")
		golden.RequireEqual(t, messageIDs.ReplaceAllString(out, `"messageId":"ID"`))
	})
}

var (
	messageIDs = regexp.MustCompile(`"messageId":"[^"]+"`)
	uuids      = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
)

// One message from the flags, attributes included; a FIFO field on a
// standard queue is refused before anything is sent.
func TestScriptSendBody(t *testing.T) {
	b := wLocal(t)
	url, _ := b.create(t, "one", nil)
	code, _, _ := wRun(t, b.url, "send", "one", "--body", "hello", "--attr", "tenant=String:acme", "--attr", "n=Number:7", "--attr", "b=Binary:AP8=")
	if code != scripting.ExitOK {
		t.Fatalf("exit %d", code)
	}
	if got := b.drain(t, url); !slices.Equal(got, []string{"hello|b=Binary:00ff,n=Number:7,tenant=String:acme"}) {
		t.Errorf("got %q", got)
	}
	code, _, errs := wRun(t, b.url, "send", "one", "--body", "x", "--dedup-id", "d")
	if code != scripting.ExitFailed || !strings.Contains(errs, "only a FIFO queue takes one") {
		t.Errorf("a dedup id on a standard queue: exit %d", code)
	}
	code, _, _ = wRun(t, b.url, "send", "one", "--body", "x", "--file", "f")
	if code != scripting.ExitUsage {
		t.Errorf("--body with --file: exit %d, want %d", code, scripting.ExitUsage)
	}
}

// Read-only refuses every change in one line, exit ExitNothingDone, and
// changes nothing; a dry run is a read, and allowed.
func TestScriptWritesReadOnly(t *testing.T) {
	b := wLocal(t)
	_, dlq := b.dlqWith(t, "ro-", 3)
	for _, args := range [][]string{
		{"send", "ro-dlq", "--body", "x"},
		{"purge", "ro-dlq", "--yes"},
		{"redrive", "ro-dlq", "--yes"},
	} {
		code, _, errs := wRun(t, b.url, append(args, "--read-only")...)
		if code != scripting.ExitNothingDone || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "read-only mode") {
			t.Errorf("%s in read-only mode: exit %d, stderr %q; want %d and one line", args[0], code, errs, scripting.ExitNothingDone)
		}
	}
	if d := b.depth(t, dlq); d != 3 {
		t.Errorf("read-only changed the DLQ: %d messages, want 3", d)
	}
	if code, _, _ := wRun(t, b.url, "redrive", "ro-dlq", "--dry-run", "--read-only"); code != scripting.ExitOK {
		t.Errorf("dry run in read-only mode: exit %d", code)
	}
}

// decodeReport reads redrive's JSON line.
// The whole DLQ back to its source on localsqs: a native move task, as
// the TUI would start; every message arrives, exit 0.
// Without the native API (localsqs behind a proxy that has none, as
// moto): a client-side move with its journal, all moved, exit 0.
// The same against moto, when one is running.
// Entries the destination refuses: exit ExitFailed, the report names the
// failure and counts it, the refused messages stay in the DLQ; a re-run
// moves them, and no message arrives twice. Goldens hold the reports.
// A dry run says the path, the count and the destinations, and changes
// nothing: no message moves, no task starts.
// --filter moves only the matching messages, client-side; no match is
// "nothing done".
// SIGINT during a client-side move: it stops between batches (the batch
// on the wire finishes), every message is in the DLQ or the source, none
// stays hidden, the exit says interrupted; a re-run moves the rest and no
// message arrives twice.
// Purge's report, text and JSON; a second purge within the minute exits
// 4 and says why.
func TestScriptPurgeReport(t *testing.T) {
	b := wLocal(t)
	url, _ := b.create(t, "bin", nil)
	b.sendN(t, url, "x", 5)
	t.Run("text", func(t *testing.T) {
		code, out, _ := wRun(t, b.url, "purge", "bin", "--yes")
		if code != scripting.ExitOK || b.depth(t, url) != 0 {
			t.Fatalf("exit %d, depth %d", code, b.depth(t, url))
		}
		golden.RequireEqual(t, out)
	})
	t.Run("in progress", func(t *testing.T) {
		code, out, errs := wRun(t, b.url, "purge", "bin", "--yes", "--json")
		if code != scripting.ExitPurgeInProgress || out != "" || !strings.Contains(errs, "SQS allows one a minute") {
			t.Errorf("a second purge: exit %d, want %d and one line why", code, scripting.ExitPurgeInProgress)
		}
	})
	b2 := wLocal(t)
	url2, _ := b2.create(t, "bin", nil)
	b2.sendN(t, url2, "x", 3)
	t.Run("json", func(t *testing.T) {
		code, out, _ := wRun(t, b2.url, "purge", "bin", "--yes", "--json")
		if code != scripting.ExitOK {
			t.Fatalf("exit %d", code)
		}
		golden.RequireEqual(t, out)
	})
}

// Messages SQS refuses fail alone and are named by line, exit 1; a
// request whose answer was lost and was retried is reported possibly
// duplicated. Goldens hold the text report.
func TestScriptSendReportsFailuresAndDuplicates(t *testing.T) {
	b := wLocal(t)
	url, _ := b.create(t, "out", nil)
	ep, proxy := b.withoutNative(t, "poison")
	file := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(file, []byte("{\"Body\":\"a\"}\n{\"Body\":\"poison 1\"}\n{\"Body\":\"b\"}\n{\"Body\":\"poison 2\"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Run("refused", func(t *testing.T) {
		code, out, _ := wRun(t, ep, "send", "out", "--file", file)
		if code != scripting.ExitFailed || b.depth(t, url) != 2 {
			t.Fatalf("exit %d, depth %d; want 1 and the 2 others sent", code, b.depth(t, url))
		}
		golden.RequireEqual(t, out)
	})
	proxy.setRefuse("")
	proxy.mu.Lock()
	var lost atomic.Bool
	proxy.loseAnswer = func(int) bool { return lost.CompareAndSwap(false, true) } // the next request's answer
	proxy.mu.Unlock()
	t.Run("duplicated", func(t *testing.T) {
		code, out, _ := wRun(t, ep, "send", "out", "--body", "again", "--json")
		if code != scripting.ExitOK || !strings.Contains(out, `"possibleDuplicate":true`) || !strings.Contains(out, `"possiblyDuplicated":1`) {
			t.Errorf("exit %d; want 0 and the message reported possibly duplicated", code)
		}
	})
}

// A --file that is not there is a usage error (2): nothing was tried.
func TestScriptSendMissingFileIsUsage(t *testing.T) {
	b := localBackend(t, nil)
	b.queue(t, "mf", nil)
	code, _, stderr := b.script(t, nil, "send", "mf", "--file", filepath.Join(t.TempDir(), "none.jsonl"))
	if code != scripting.ExitUsage || !strings.Contains(stderr, "none.jsonl") {
		t.Errorf("exit %d, stderr %q; want 2 naming the file", code, stderr)
	}
}
