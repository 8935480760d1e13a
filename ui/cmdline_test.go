package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/cmdline"
	"github.com/sqscope/sqscope/ui/dialog"
)

// The ":" command line and the deep links, through the whole App: what a
// command asks for reaches the pane that owns it.

// commanding reports whether the command line is on top of the stack.
func commanding(a *App) bool {
	_, ok := a.dialogs.Top().(*cmdline.Line)
	return ok
}

// command types ":" and line, then enter, and follows what it starts.
func command(a *App, line string) {
	drive(a, press(a, ":"))
	typeText(a, line)
	drive(a, press(a, "enter"))
}

func TestColonOpensTheCommandLine(t *testing.T) {
	a, _ := loadedApp(t, 80, 24)
	press(a, ":")
	if !commanding(a) {
		t.Fatal(": opened no command line")
	}
	typeText(a, "q ord")
	s := screen(a)
	if !strings.Contains(s, ":q ord") || !strings.Contains(s, "> orders ") {
		t.Errorf("the line and its candidates are not on screen:\n%s", s)
	}
	if !strings.Contains(s, "tab complete") || !strings.Contains(s, "↑/↓ history") {
		t.Errorf("the hints are not the command line's:\n%s", s)
	}
	press(a, "esc")
	if commanding(a) || !strings.Contains(screen(a), "orders") {
		t.Error("esc left the command line open")
	}
}

func TestColonWaitsWhileTheFilterIsTyped(t *testing.T) {
	a, _ := loadedApp(t, 80, 24)
	press(a, "/")
	typeText(a, "a:b")
	if commanding(a) || a.queues.Filter() != "a:b" {
		t.Errorf("':' in the filter opened the command line (filter %q)", a.queues.Filter())
	}
}

func TestJumpOpensThePeek(t *testing.T) {
	a, _ := peekApp(t, 120, 36)
	command(a, "q orders-dlq")
	if !a.peek.Open() || a.peek.Queue().Name != "orders-dlq" {
		t.Fatalf("peek open %v on %q", a.peek.Open(), a.peek.Queue().Name)
	}
	if selectedName(a) != "orders-dlq" {
		t.Errorf("the list's cursor is on %q: closing the peek should come back to the queue", selectedName(a))
	}
	// A queue that dead-letters asks first, as p does.
	command(a, "q orders")
	if !strings.HasPrefix(question(a), "Peek orders?") {
		t.Errorf("jumping to orders asked %q", question(a))
	}
}

func TestDLQCommandNarrowsTheList(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	command(a, "dlq")
	got := strings.Join(shownNames(a), " ")
	if got != "orders-dlq payments-dlq.fifo shared-dlq" {
		t.Errorf(":dlq shows %s", got)
	}
	if s := screen(a); !strings.Contains(s, "dead-letter queues only") || !strings.Contains(s, "3 shown") {
		t.Errorf(":dlq not said:\n%s", s)
	}
	command(a, "dlq")
	if n := len(shownNames(a)); n != 9 {
		t.Errorf(":dlq again shows %d queues, want all 9", n)
	}
	command(a, "dlq")
	press(a, "esc")
	if n := len(shownNames(a)); n != 9 {
		t.Errorf("esc after :dlq shows %d queues, want all 9", n)
	}
	command(a, "dlq")
	command(a, "all")
	if n := len(shownNames(a)); n != 9 {
		t.Errorf(":all shows %d queues", n)
	}
}

func TestHelpAndQuitCommands(t *testing.T) {
	a, _ := loadedApp(t, 80, 24)
	command(a, "help")
	if !helpOpen(a) {
		t.Error(":help opened no help")
	}
	press(a, "esc")
	drive(a, press(a, ":"))
	typeText(a, "quit")
	_, cmd := a.Update(keyMsg("enter"))
	if !a.quitting && cmd == nil {
		t.Error(":quit did not quit")
	}
}

// Without a way to connect (an App built without Options.Connect), the
// session commands say so and change nothing.
func TestSessionCommandsWithoutConnectSaySo(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	sharedFiles(t, "[profile prod]\nregion = eu-west-1\n")
	command(a, "profile prod")
	if s := screen(a); !strings.Contains(s, "switching is not available here") {
		t.Errorf(":profile said:\n%s", s)
	}
}

// deepLinkApp is an App started with --queue target, whose first list has
// just loaded (the fake serves the peek messages).
func deepLinkApp(t *testing.T, target string) *App {
	t.Helper()
	return deepLinkAppAt(t, target, 120, 36)
}

// deepLinkAppAt is deepLinkApp at w×h.
func deepLinkAppAt(t *testing.T, target string, w, h int) *App {
	t.Helper()
	f := &fakeClient{EP: awsclient.Endpoint{URL: "http://127.0.0.1:9324", Region: "us-east-1", Demo: true}}
	a, _ := newTestApp(t, f, Options{Refresh: 5 * time.Second, Queue: target})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	f.Set(testDataset(0), nil)
	f.Messages = map[string][]model.Message{testQueue("orders-dlq", 0, 0, 0, "").URL: dlqMessages(t)}
	if !strings.Contains(screen(a), "opening "+target[:min(len(target), 20)]) {
		t.Errorf("the wait for the list is not said:\n%s", screen(a))
	}
	_, cmd := a.Update(a.refresh()())
	drive(a, cmd)
	return a
}

func TestQueueFlagOpensThePeek(t *testing.T) {
	for _, target := range []string{
		"orders-dlq",
		"http://127.0.0.1:9324/000000000000/orders-dlq",
		"https://sqs.us-east-1.amazonaws.com/000000000000/orders-dlq",
		"arn:aws:sqs:us-east-1:000000000000:orders-dlq",
		"https://us-east-1.console.aws.amazon.com/sqs/v3/home?region=us-east-1#/queues/" +
			"https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F000000000000%2Forders-dlq",
	} {
		a := deepLinkApp(t, target)
		if !a.peek.Open() || a.peek.Queue().Name != "orders-dlq" {
			t.Errorf("--queue %s: peek open %v on %q\n%s", target, a.peek.Open(), a.peek.Queue().Name, screen(a))
			continue
		}
		if s := screen(a); !strings.Contains(s, "orders-dlq") || strings.Contains(s, "once the queues are listed") {
			t.Errorf("--queue %s: the screen:\n%s", target, s)
		}
	}
}

func TestQueueFlagAsksBeforeAPeekThatCouldDeadLetter(t *testing.T) {
	a := deepLinkApp(t, "orders")
	if !strings.HasPrefix(question(a), "Peek orders?") {
		t.Errorf("--queue orders asked %q", question(a))
	}
}

func TestQueueFlagThatCannotOpen(t *testing.T) {
	for _, tc := range []struct{ target, says string }{
		{"ordrs", `no queue named "ordrs" in this list (did you mean orders?)`},
		{"arn:aws:sqs:eu-west-1:000000000000:orders", "this link is for eu-west-1, you are in us-east-1: `:region eu-west-1`"},
		{"https://sqs.us-east-1.amazonaws.com/999999999999/orders",
			"this link is for account 999999999999, the queues listed are in 000000000000"},
	} {
		a := deepLinkApp(t, tc.target)
		if a.peek.Open() {
			t.Errorf("--queue %s opened %s", tc.target, a.peek.Queue().Name)
		}
		if s := screen(a); !strings.Contains(strings.ReplaceAll(s, "\n", ""), tc.says) {
			t.Errorf("--queue %s: want %q on the status line:\n%s", tc.target, tc.says, s)
		}
		// The app goes on: the list has the keyboard.
		press(a, "j")
		if selectedName(a) == "" {
			t.Errorf("--queue %s: the list does not answer", tc.target)
		}
	}
}

func TestMismatchOffersTheProfileOfThatRegion(t *testing.T) {
	a, _ := loadedApp(t, 200, 36)
	sharedFiles(t, "[default]\nregion = us-east-1\n[profile prod-eu]\nregion = eu-west-1\n")
	drive(a, press(a, ":")) // reads the profiles
	typeText(a, "q https://sqs.eu-west-1.amazonaws.com/000000000000/orders")
	press(a, "enter")
	want := "this link is for eu-west-1, you are in us-east-1: `:region eu-west-1` or `:profile prod-eu`"
	if s := screen(a); !commanding(a) || !strings.Contains(s, want) {
		t.Errorf("want the line kept, saying %q:\n%s", want, s)
	}
}

// sharedFiles points the SDK's shared config file at one holding config,
// and its credentials file at none.
func sharedFiles(t *testing.T, config string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "config")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", path)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "none"))
}

// At 80 columns the status line would cut the fix a mismatch names; a note
// says it whole, and closing it leaves the list as it was.
func TestNarrowMismatchSaysItInANote(t *testing.T) {
	a := deepLinkAppAt(t, "arn:aws:sqs:eu-west-1:000000000000:orders", 80, 24)
	if _, ok := a.dialogs.Top().(*dialog.Note); !ok {
		t.Fatalf("no note at 80 columns:\n%s", screen(a))
	}
	if s := screen(a); !strings.Contains(s, "`:region eu-west-1`") {
		t.Errorf("the note lacks the fix:\n%s", s)
	}
	press(a, "esc")
	if a.dialogs.Len() != 0 || a.peek.Open() {
		t.Errorf("after esc: %d dialogs, peek open %v", a.dialogs.Len(), a.peek.Open())
	}
}
