package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
)

// TestHostileQueueNamesAreSanitized feeds names no real SQS would return
// (an endpoint may be a proxy or an emulator) and checks that none of their
// bytes reaches the terminal raw: not in the list, the DLQ relation, the
// metrics title or the detail pane.
func TestHostileQueueNamesAreSanitized(t *testing.T) {
	const (
		osc   = "\x1b]0;pwned\x07" // would retitle the terminal
		bidi  = "\u202e"           // would reverse what follows
		src   = "src" + osc + "q"
		dlq   = "dl" + bidi + "q"
		plain = "zz-plain"
	)
	f := &fakeClient{}
	a, _ := newTestApp(t, f, Options{})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	f.Set([]model.Queue{
		testQueue(src, 1, 0, 0, dlq),
		testQueue(dlq, 3, 0, 0, ""),
		testQueue(plain, 0, 0, 0, ""),
	}, nil)
	poll(a)

	check := func(where string) {
		t.Helper()
		raw := a.View().Content
		for _, bad := range []string{"\x1b]", "\x07", bidi} {
			if strings.Contains(raw, bad) {
				t.Errorf("%s: %q from a queue name reached the screen", where, bad)
			}
		}
		if s := screen(a); !strings.Contains(s, "⟨U+202E⟩") {
			t.Errorf("%s: the bidi override is not shown visibly:\n%s", where, s)
		}
	}
	check("list") // both names in rows, and in each other's relation
	selectQueue(t, a, src)
	check("list with metrics")
	press(a, "i")
	check("detail")
}
