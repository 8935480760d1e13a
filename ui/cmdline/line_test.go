package cmdline

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// session is the fake account of the UI tests, listed, in us-east-1, with
// three profiles.
func session() Session {
	return Session{
		Queues: uitest.Dataset(0), Listed: true, Region: "us-east-1", Profile: "default",
		Profiles: []awsclient.Profile{
			{Name: "default", Region: "us-east-1"},
			{Name: "prod-eu", Region: "eu-west-1", Account: uitest.Account},
			{Name: "staging", Region: "us-east-2", Account: "222222222222"},
		},
		Regions: awsclient.KnownRegions,
	}
}

func newLine(t *testing.T) *Line {
	t.Helper()
	c := &common.Common{Styles: uitest.BareStyles(), Keys: keymap.Default(), Now: func() time.Time { return time.Time{} },
		Ctx: context.Background()}
	l := New(c).Open(session())
	l.SetSize(80, 20)
	return l
}

// typeIn types s, then presses each key; it returns the last result.
func typeIn(l *Line, s string, keys ...string) (done bool, msg tea.Msg) {
	for _, r := range s {
		done, msg = l.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	for _, k := range keys {
		done, msg = l.Update(uitest.Key(k))
	}
	return done, msg
}

func TestEachCommandSendsItsMessage(t *testing.T) {
	for _, tc := range []struct {
		line string
		want tea.Msg
	}{
		{"q orders-dlq", common.JumpMsg{Target: "orders-dlq"}},
		{"queue orders", common.JumpMsg{Target: "orders"}},
		{"q ordq", common.JumpMsg{Target: "orders-dlq"}}, // fuzzy: the highlighted candidate
		{"q arn:aws:sqs:us-east-1:000000000000:billing", common.JumpMsg{Target: "arn:aws:sqs:us-east-1:000000000000:billing"}},
		{"dlq", common.FilterDLQMsg{Only: true}},
		{"all", common.FilterDLQMsg{Only: false}},
		{"profile prod-eu", common.SwitchMsg{Profile: "prod-eu"}},
		{"profile stag", common.SwitchMsg{Profile: "staging"}},
		{"region eu-west-1", common.SwitchMsg{Region: "eu-west-1"}},
		{"region ap-sou", common.SwitchMsg{Region: "ap-south-1"}},
		{"region xx-new-9", common.SwitchMsg{Region: "xx-new-9"}}, // newer than the list
		{"ro", common.ReadOnlyMsg{On: true}},
		{"ro off", common.ReadOnlyMsg{On: false}},
		{"rw", common.ReadOnlyMsg{On: false}},
		{"help", common.HelpMsg{}},
		{"quit", QuitMsg{}},
		{"q!", QuitMsg{}},
		{":q billing", common.JumpMsg{Target: "billing"}}, // a colon typed twice
	} {
		l := newLine(t)
		done, got := typeIn(l, tc.line, "enter")
		if !done || !reflect.DeepEqual(got, tc.want) {
			t.Errorf(":%s → done %v, %#v; want %#v (error %q)", tc.line, done, got, tc.want, l.Err())
		}
	}
}

func TestDLQAgainShowsAll(t *testing.T) {
	l := newLine(t)
	s := session()
	s.DLQOnly = true
	l.Open(s)
	if _, got := typeIn(l, "dlq", "enter"); got != (common.FilterDLQMsg{Only: false}) {
		t.Errorf(":dlq while DLQs only = %#v", got)
	}
}

func TestRefusedLinesKeepTheText(t *testing.T) {
	for _, tc := range []struct{ line, says string }{
		{"frobnicate", "unknown command :frobnicate"},
		{"dql", "did you mean :dlq?"},
		{"q", ":q NAME opens a queue"},
		{"q zzzz", `no queue matches "zzzz"`},
		{"dlq now", ":dlq takes no argument"},
		{"ro maybe", ":ro takes nothing, on or off"},
		{"profile nope", `no profile "nope"`},
		{"region Mars", `"Mars" is not a region`},
		{"q https://sqs.eu-west-1.amazonaws.com/000000000000/orders",
			"this link is for eu-west-1, you are in us-east-1: `:region eu-west-1` or `:profile prod-eu`"},
		{"q arn:aws:sqs:us-east-1:222222222222:orders",
			"this link is for account 222222222222, the queues listed are in 000000000000"},
		{"q https://console.aws.amazon.com/sqs/v3/home#/queues", "opens no queue"},
		{"", "type a command"},
	} {
		l := newLine(t)
		done, msg := typeIn(l, tc.line, "enter")
		if done || msg != nil {
			t.Errorf(":%s was taken: %#v", tc.line, msg)
		}
		if !strings.Contains(l.Err(), tc.says) {
			t.Errorf(":%s says %q, want %q", tc.line, l.Err(), tc.says)
		}
		if l.Value() != tc.line {
			t.Errorf(":%s left %q: the text must stay to be fixed", tc.line, l.Value())
		}
		if strings.Contains(l.prompt(), "\n") {
			t.Errorf(":%s: the reason takes more than one line", tc.line)
		}
		// The next edit clears the reason.
		typeIn(l, "x")
		if l.Err() != "" {
			t.Errorf(":%s: the reason outlived an edit", tc.line)
		}
	}
}

func TestBeforeTheListLoadsAJumpWaits(t *testing.T) {
	l := newLine(t)
	l.Open(Session{})
	if _, got := typeIn(l, "q anything", "enter"); got != (common.JumpMsg{Target: "anything"}) {
		t.Errorf("before the list: %#v, want the jump to go to the root, which waits", got)
	}
}

func TestEscLeavesWithNothing(t *testing.T) {
	l := newLine(t)
	if done, msg := typeIn(l, "q orders", "esc"); !done || msg != nil {
		t.Errorf("esc: done %v, %#v", done, msg)
	}
}

func TestTabCompletesAndCycles(t *testing.T) {
	l := newLine(t)
	typeIn(l, "pro", "tab")
	if l.Value() != "profile " {
		t.Fatalf("tab on pro = %q", l.Value())
	}
	// The argument's candidates follow at once: the profiles.
	if got := candArgs(l); !reflect.DeepEqual(got, []string{"default", "prod-eu", "staging"}) {
		t.Errorf("profile candidates %v", got)
	}
	typeIn(l, "", "tab")
	if l.Value() != "profile default" {
		t.Errorf("tab = %q", l.Value())
	}
	typeIn(l, "", "tab")
	if l.Value() != "profile prod-eu" {
		t.Errorf("tab again = %q, want the next candidate", l.Value())
	}
	typeIn(l, "", "tab", "tab")
	if l.Value() != "profile default" {
		t.Errorf("tab past the last = %q, want the first again", l.Value())
	}

	l = newLine(t)
	typeIn(l, "q ord")
	if got := candArgs(l); len(got) < 2 || got[0] != "orders" || got[1] != "orders-dlq" {
		t.Errorf(":q ord candidates %v: the names it begins first", got)
	}
	typeIn(l, "", "tab", "tab")
	if l.Value() != "q orders-dlq" {
		t.Errorf("tab tab on :q ord = %q", l.Value())
	}
	if _, got := typeIn(l, "", "enter"); got != (common.JumpMsg{Target: "orders-dlq"}) {
		t.Errorf("enter after tab = %#v", got)
	}
}

func TestALinkShowsWhereItLeads(t *testing.T) {
	l := newLine(t)
	typeIn(l, "q https://us-east-1.console.aws.amazon.com/sqs/v3/home?region=us-east-1#/queues/"+
		"https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F000000000000%2Fshipping")
	view := ansi.Strip(l.View())
	if !strings.Contains(view, "→ shipping") || !strings.Contains(view, "account 000000000000") {
		t.Errorf("the link's row:\n%s", view)
	}
	if _, got := typeIn(l, "", "enter"); got == nil {
		t.Errorf("enter refused the link: %q", l.Err())
	}
}

func TestHistory(t *testing.T) {
	l := newLine(t)
	typeIn(l, "dlq", "enter")
	l.Open(session())
	typeIn(l, "q billing", "enter")
	l.Open(session())
	typeIn(l, "q billing", "enter") // the same again is kept once
	l.Open(session())
	typeIn(l, "bogus", "enter") // refused: not history
	l.Open(session())
	typeIn(l, "q ordq", "enter") // kept as it ran
	if got := l.History(); !reflect.DeepEqual(got, []string{"dlq", "q billing", "q orders-dlq"}) {
		t.Fatalf("history %v", got)
	}
	l.Open(session())
	typeIn(l, "he", "up", "up")
	if l.Value() != "q billing" {
		t.Errorf("↑ = %q", l.Value())
	}
	typeIn(l, "", "up", "up")
	if l.Value() != "dlq" {
		t.Errorf("↑↑ = %q, want the oldest (and no further)", l.Value())
	}
	typeIn(l, "", "down", "down", "down")
	if l.Value() != "he" {
		t.Errorf("↓ back past the newest = %q, want the draft", l.Value())
	}
}

func TestViewFitsAndShowsFewCandidates(t *testing.T) {
	for _, w := range []int{80, 40, 12} {
		l := newLine(t)
		l.SetSize(w, 20)
		typeIn(l, "q ")
		lines := strings.Split(l.View(), "\n")
		if len(lines) != shownCands+1 {
			t.Errorf("%d wide: %d lines, want %d candidates and the prompt", w, len(lines), shownCands)
		}
		for _, s := range lines {
			if ansi.StringWidth(s) > w {
				t.Errorf("%d wide: line %q is wider", w, ansi.Strip(s))
			}
		}
	}
	// A short body gets fewer rows: a third of it.
	l := newLine(t)
	l.SetSize(80, 6)
	typeIn(l, "q ")
	if n := strings.Count(l.View(), "\n"); n != 2 {
		t.Errorf("6 rows of body: %d candidate rows, want 2", n)
	}
	// A long link shows its end, where the cursor is.
	l = newLine(t)
	typeIn(l, "q https://sqs.us-east-1.amazonaws.com/000000000000/"+strings.Repeat("x", 70)+"-the-end")
	if p := ansi.Strip(l.prompt()); !strings.Contains(p, "-the-end") || ansi.StringWidth(p) > 80 {
		t.Errorf("long line prompt %q", p)
	}
}

func candArgs(l *Line) []string {
	var out []string
	for _, c := range l.cands {
		out = append(out, c.arg)
	}
	return out
}
