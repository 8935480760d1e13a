package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// noJournalHome keeps the move journal of a test out of the user's cache.
func noJournalHome(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	return dir
}

func TestRedriveOnNonDLQSaysWhy(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders")
	if cmd := press(a, "R"); cmd != nil {
		t.Errorf("R on a source queue returned a command")
	}
	if asking(a) {
		t.Fatal("R on a queue that is no DLQ opened a dialog")
	}
	if s := screen(a); !strings.Contains(s, "orders is not a dead-letter queue") {
		t.Errorf("no hint why R did nothing:\n%s", s)
	}
	if m := f.MoverCalls(); len(m.Starts)+len(m.Moves) != 0 {
		t.Errorf("R on a source queue moved something: %+v", m)
	}
}

// sharedDLQApp7 is a loaded app whose shared-dlq shows 7 visible messages.
func sharedDLQApp7(t *testing.T) (*App, *fakeClient) {
	t.Helper()
	a, f := loadedApp(t, 120, 36)
	qs := testDataset(2)
	for i := range qs {
		if qs[i].Name == "shared-dlq" {
			qs[i].Stats.Visible = 7
		}
	}
	f.Set(qs, nil)
	poll(a)
	return a, f
}

func TestRedriveDialogNamesCountSourcesAndMethod(t *testing.T) {
	a, _ := sharedDLQApp7(t)
	selectQueue(t, a, "shared-dlq")
	press(a, "R")
	if !strings.HasPrefix(question(a), "Redrive ") {
		t.Fatal("R on a DLQ did not open the redrive dialog")
	}
	s := flat(screen(a))
	for _, want := range []string{"Redrive 7 messages from shared-dlq?", "billing (48 messages now)",
		"shipping (9 messages now)", "native move task", "as fast as SQS goes", "y redrive", "n/esc/enter cancel"} {
		if !strings.Contains(s, want) {
			t.Errorf("dialog lacks %q:\n%s", want, s)
		}
	}
	press(a, "t", "t")
	if s := flat(screen(a)); !strings.Contains(s, "100 messages per second") || !asking(a) {
		t.Errorf("t did not cycle the rate to 100, keeping the dialog:\n%s", s)
	}
}

func TestRedriveDeclineCallsNothing(t *testing.T) {
	for _, k := range []string{"n", "esc", "enter", "x", "j", "q"} {
		a, f := loadedApp(t, 120, 36)
		selectQueue(t, a, "orders-dlq")
		press(a, "R")
		drive(a, press(a, k))
		if m := f.MoverCalls(); len(m.Starts)+len(m.Moves)+len(m.Cancels) != 0 {
			t.Errorf("key %q on the dialog moved something: %+v", k, m)
		}
		cancels := k == "n" || k == "esc" || k == "enter"
		if asking(a) == cancels || a.redrive.Latest().Started || a.quitting {
			t.Errorf("key %q: dialog %v, a move %v, a quit %v", k, asking(a), a.redrive.Latest().Started, a.quitting)
		}
	}
}

// startNativeRedrive presses R, t (rate 10), y on orders-dlq and delivers
// the StartRedrive answer.
func startNativeRedrive(t *testing.T, a *App) {
	t.Helper()
	selectQueue(t, a, "orders-dlq")
	press(a, "R", "t")
	cmd := press(a, "y")
	if cmd == nil {
		t.Fatal("y on the dialog started nothing")
	}
	a.Update(cmd())
}

func TestRedriveNativeUnsupportedFallsBackToMove(t *testing.T) {
	noJournalHome(t)
	a, f := loadedApp(t, 120, 36)
	f.Mover.StartErr = &smithy.GenericAPIError{Code: "UnknownOperationException", Message: "no"}
	f.Mover.Report = awsclient.MoveReport{Moved: 19, Total: 19}
	selectQueue(t, a, "orders-dlq")
	press(a, "R")
	drive(a, press(a, "y"))
	m := f.MoverCalls()
	if len(m.Starts) != 1 || len(m.Moves) != 1 {
		t.Fatalf("starts %d, moves %d; want 1 and 1", len(m.Starts), len(m.Moves))
	}
	req := m.Moves[0]
	if req.SourceURL != testQueue("orders-dlq", 0, 0, 0, "").URL || req.DestURL != "" || req.Select != nil || req.Limit != 0 {
		t.Errorf("fallback move %+v, want all of orders-dlq back to the sources", req)
	}
	if !strings.HasSuffix(req.JournalPath, "sqscope/journal-"+uitest.Account+".us-east-1.orders-dlq.jsonl") {
		t.Errorf("journal path %q", req.JournalPath)
	}
	if note := a.redrive.Latest().Note; !strings.Contains(note, "client-side") {
		t.Errorf("the fallback is not explained: %q", note)
	}
	if s := screen(a); !strings.Contains(s, "moved 19 messages, 0 failed, no duplicates") {
		t.Errorf("report not shown:\n%s", s)
	}
}

func TestReadOnlyRedriveDisabledAndSaysWhy(t *testing.T) {
	f := &fakeClient{List: testDataset(0)}
	a, _ := newTestApp(t, f, Options{ReadOnly: true})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	poll(a)
	selectQueue(t, a, "orders-dlq")
	for _, k := range []string{"R", "c", "m"} {
		press(a, k)
		if asking(a) || picking(a) {
			t.Fatalf("%s opened a dialog in read-only mode", k)
		}
		if s := screen(a); !strings.Contains(s, "read-only mode: redrive, move and cancel are disabled") {
			t.Errorf("%s: no word why nothing happened:\n%s", k, s)
		}
	}
	if m := f.MoverCalls(); len(m.Starts)+len(m.Moves)+len(m.Cancels) != 0 {
		t.Errorf("read-only mode called the mover: %+v", m)
	}
	if strings.Contains(hintText(a), "R redrive") {
		t.Error("R offered in the hints in read-only mode")
	}
	f.Messages = map[string][]model.Message{testQueue("orders-dlq", 0, 0, 0, "").URL: dlqMessages(t)}
	openPeek(t, a, "orders-dlq")
	if s := screen(a); strings.Contains(s, "R redrive") || !strings.Contains(s, "read-only: redrive and move are disabled") {
		t.Errorf("the DLQ pane offers redrive in read-only mode:\n%s", s)
	}
}

// hintText is the key hint line.
func hintText(a *App) string {
	lines := strings.Split(screen(a), "\n")
	return lines[len(lines)-1]
}

// flat is the screen as one line of words, for text a dialog wraps.
func flat(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╰", " ").Replace(s)), " ")
}
