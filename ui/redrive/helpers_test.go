package redrive

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

// The pane on its own: fed the catalog, the peek's state, keys with their
// target and its own results, as the root would.

func newPane(t *testing.T, readOnly bool) (*Pane, *uitest.Client) {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // journals go nowhere shared
	f := &uitest.Client{}
	c := common.New(context.Background(), readOnly)
	clock := &uitest.Clock{T: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)}
	c.Now = clock.Now
	p := New(c, f)
	cat := model.NewCatalog(10)
	cat.Update(uitest.Dataset(0), clock.T)
	p.SetCatalog(cat)
	p.SetSize(50, 33)
	p.SetWide(true)
	return p, f
}

var (
	queue    = uitest.Named
	dialogOf = uitest.DialogOf
	notices  = uitest.Notices
)

// send sends k with the list cursor on queue name.
func send(p *Pane, k, name string) tea.Cmd {
	return p.Update(KeyMsg{Key: uitest.Key(k), Target: Target{Queue: queue(name), OK: true}})
}

// answer presses k on d and hands the answer to the pane.
func answer(p *Pane, d dialog.Dialog, k string) tea.Cmd {
	_, res := d.Update(uitest.Key(k))
	return p.Update(res)
}
