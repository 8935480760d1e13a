package queues

import (
	"context"
	"slices"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// The browser on its own: fed a catalog and keys as the root would.

func newBrowser(t *testing.T, w, h int) *Browser {
	t.Helper()
	c := common.New(context.Background(), false)
	clock := &uitest.Clock{T: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)}
	c.Now = clock.Now
	b := New(c)
	b.SetSize(w, h)
	cat := model.NewCatalog(10)
	for step := range int64(3) {
		cat.Update(uitest.Dataset(step), clock.T)
		clock.T = clock.T.Add(5 * time.Second)
	}
	b.SetCatalog(cat)
	return b
}

func press(b *Browser, keys ...string) {
	for _, k := range keys {
		b.Update(uitest.Key(k))
	}
}

func selected(b *Browser) string {
	q, _ := b.Selected()
	return q.Name
}

func TestEnterAndPAskTheRootToPeek(t *testing.T) {
	b := newBrowser(t, 120, 33)
	press(b, "j", "j", "j") // orders
	for _, k := range []string{"enter", "p"} {
		press(b, k)
		up := b.Take()
		if len(up) != 1 || up[0].(PeekMsg).Queue.Name != "orders" {
			t.Errorf("%s sent up %v, want a peek of orders", k, up)
		}
	}
	// From the details too: enter peeks the queue they show.
	press(b, "i")
	press(b, "enter")
	if up := b.Take(); len(up) != 1 || up[0].(PeekMsg).Queue.Name != "orders" {
		t.Errorf("enter on the details sent up %v", up)
	}
}

func TestFilterTakesTheKeyboardUntilEnterOrEsc(t *testing.T) {
	b := newBrowser(t, 120, 33)
	press(b, "/")
	if !b.Typing() {
		t.Fatal("/ did not start the filter")
	}
	for _, r := range "dlq" {
		b.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	b.Update(tea.PasteMsg{Content: "\x1b[2J"}) // a paste edits too, without the escape
	if got := b.Filter(); got != "dlq[2J" {
		t.Fatalf("filter %q", got)
	}
	press(b, "backspace", "backspace", "backspace")
	if !slices.Equal(b.ShownNames(), []string{"orders-dlq", "shared-dlq", "payments-dlq.fifo"}) {
		t.Errorf("rows %v", b.ShownNames())
	}
	press(b, "enter")
	if b.Typing() || b.Filter() != "dlq" {
		t.Error("enter did not keep the filter")
	}
	press(b, "esc")
	if b.Filter() != "" || b.Shown() != 9 {
		t.Errorf("esc left filter %q and %d rows", b.Filter(), b.Shown())
	}
	if len(b.Take()) != 0 {
		t.Error("filtering sent something up")
	}
}

// TestDetailScrollsWithNavigationKeys: the detail pane is taller than its
// share of an 80×24 screen, and the list's keys scroll it while it has the
// keyboard.
func TestDetailScrollsWithNavigationKeys(t *testing.T) {
	b := newBrowser(t, 80, 21)
	press(b, "j", "j", "j", "j") // orders-dlq
	press(b, "i")
	if b.detail.vp.TotalLineCount() <= b.detail.vp.Height() {
		t.Fatalf("detail fits in %d rows: nothing to scroll", b.detail.vp.Height())
	}
	press(b, "G")
	bottom := b.detail.vp.YOffset()
	if bottom == 0 || !b.detail.vp.AtBottom() {
		t.Fatalf("G did not scroll to the bottom: offset %d", bottom)
	}
	press(b, "k")
	if b.detail.vp.YOffset() != bottom-1 {
		t.Errorf("k scrolled to %d, want %d", b.detail.vp.YOffset(), bottom-1)
	}
	press(b, "g")
	if b.detail.vp.YOffset() != 0 {
		t.Errorf("g left the offset at %d", b.detail.vp.YOffset())
	}
	if selected(b) != "orders-dlq" {
		t.Errorf("scrolling the detail moved the list to %q", selected(b))
	}
}

// Blurred (a peek pane over it), the browser forgets nothing: Focus gives
// the keyboard back to the pane that had it.
func TestFocusReturnsToThePaneThatHadIt(t *testing.T) {
	b := newBrowser(t, 120, 33)
	press(b, "i")
	b.Blur()
	if b.list.focused || b.detail.focused || b.metrics.focused {
		t.Error("a pane kept the focus while the browser is blurred")
	}
	b.Focus()
	if !b.detail.focused || b.list.focused {
		t.Error("Focus did not give the keyboard back to the details")
	}
}

// The hints leave a slot for the DLQ keys after help and quit, and none
// while typing or reading the details, whose hints fill the line.
func TestHintsSlot(t *testing.T) {
	b := newBrowser(t, 120, 33)
	slot := func() int {
		return slices.IndexFunc(b.Hints(), func(k key.Binding) bool {
			return len(common.FillDLQSlot([]key.Binding{k}, nil)) == 0
		})
	}
	if got := slot(); got != 2 {
		t.Errorf("slot at %d, want after help and quit", got)
	}
	press(b, "/")
	if slot() >= 0 {
		t.Error("a DLQ slot while typing a filter")
	}
	press(b, "esc", "i")
	if slot() >= 0 {
		t.Error("a DLQ slot while the details have the keyboard")
	}
}
