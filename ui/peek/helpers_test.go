package peek

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// The pane on its own: built with the fake adapter, fed messages and keys
// as the root would, its Cmds run by hand and its outbox read back.

// newPane is a w×h pane over the fake's dataset, whose orders-dlq serves
// the DLQ messages and orders (redrive policy, 5 receives) two of them.
func newPane(t testing.TB, w, h int) (*Pane, *uitest.Client) {
	t.Helper()
	f := &uitest.Client{Messages: map[string][]model.Message{
		uitest.Queue("orders-dlq", 0, 0, 0, "").URL: uitest.DLQMessages(t),
		uitest.Queue("orders", 0, 0, 0, "").URL:     uitest.DLQMessages(t)[1:3],
	}}
	c := common.New(context.Background(), false)
	clock := &uitest.Clock{T: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)}
	c.Now = clock.Now
	p := New(c, f)
	cat := model.NewCatalog(10)
	cat.Update(uitest.Dataset(0), clock.T)
	p.SetCatalog(cat)
	p.SetSize(w, h)
	return p, f
}

var queue = uitest.Named

// drive runs cmd and feeds every message it produces back into the pane,
// following the Cmds that returns, until nothing is left.
func drive(p *Pane, cmd tea.Cmd) {
	for _, m := range uitest.RunCmd(cmd) {
		if m != nil {
			drive(p, p.Update(m))
		}
	}
}

// open opens the pane on a queue without a redrive policy and lets the
// first page arrive; it returns what the pane sent up.
func open(t testing.TB, p *Pane, name string) []tea.Msg {
	t.Helper()
	drive(p, p.OpenQueue(queue(name)))
	up := p.Take()
	if !p.Open() {
		t.Fatalf("pane not open on %s; sent up %v", name, up)
	}
	return up
}

// press sends keys to the pane and returns the last Cmd.
func press(p *Pane, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		cmd = p.Update(uitest.Key(k))
	}
	return cmd
}

var (
	dialogOf = uitest.DialogOf
	notices  = uitest.Notices
)

// answer presses k on d and hands the answer to the pane.
func answer(p *Pane, d dialog.Dialog, k string) tea.Cmd {
	done, res := d.Update(uitest.Key(k))
	if !done || res == nil {
		return nil
	}
	return p.Update(res)
}

// openAll opens the pane on name and loads pages until it lists n
// messages.
func openAll(t testing.TB, p *Pane, name string, n int) {
	t.Helper()
	open(t, p, name)
	for range n {
		if len(p.Messages()) >= n {
			return
		}
		drive(p, press(p, "n"))
	}
	t.Fatalf("%d of %d messages listed", len(p.Messages()), n)
}
