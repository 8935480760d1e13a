package compose

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// rig plays the root around the pane: it keeps the overlay stack, runs
// every Cmd to its end and feeds its message back, collects the notices
// and keeps what else the pane sends up.
type rig struct {
	t     *testing.T
	p     *Pane
	f     *uitest.Client
	stack dialog.Stack
	said  []string  // notices, oldest first
	shown []string  // the pane's status line after each message, when it had one
	up    []tea.Msg // other messages sent up
	held  map[string]bool
}

// newRig is a pane over a fake whose queues are uitest's dataset, with
// the in-app editor (no $VISUAL or $EDITOR) and a peek of orders-dlq that
// holds the messages in held.
func newRig(t *testing.T, readOnly bool) *rig {
	t.Helper()
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	f := &uitest.Client{}
	c := common.New(context.Background(), readOnly)
	clock := &uitest.Clock{T: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)}
	c.Now = clock.Now
	r := &rig{t: t, p: New(c, f), f: f, held: map[string]bool{}}
	cat := model.NewCatalog(10)
	cat.Update(uitest.Dataset(0), clock.T)
	r.p.SetCatalog(cat)
	// The external editor runs in the test's process, to its end.
	r.p.exec = func(cmd *exec.Cmd, cb tea.ExecCallback) tea.Cmd {
		return func() tea.Msg { return cb(cmd.Run()) }
	}
	r.stack.SetSize(120, 33)
	r.p.SetPeek(Peek{Open: true, QueueURL: q("orders-dlq").URL, Holds: func(id string) bool { return r.held[id] }})
	return r
}

func q(name string) model.Queue { return uitest.Named(name) }

// do hands msg to the pane and runs what follows.
func (r *rig) do(msg tea.Msg) {
	r.t.Helper()
	cmd := r.p.Update(msg)
	r.drain()
	if st := r.p.Status(); st != "" {
		r.shown = append(r.shown, ansi.Strip(st))
	}
	r.run(cmd)
}

func (r *rig) run(cmd tea.Cmd) {
	for _, m := range uitest.RunCmd(cmd) {
		if m != nil {
			r.do(m)
		}
	}
}

// drain acts on what the pane sent up, as the root does.
func (r *rig) drain() {
	for _, m := range r.p.Take() {
		switch m := m.(type) {
		case common.NoticeMsg:
			r.said = append(r.said, m.Text)
		case dialog.OpenMsg:
			r.stack.Push(m.Dialog)
		default:
			r.up = append(r.up, m)
		}
	}
}

// keyOn presses k on the pane with t as its target.
func (r *rig) keyOn(k string, t Target) {
	r.t.Helper()
	msg := uitest.Key(k)
	if !r.p.Handles(msg, t.HasMessage) {
		r.t.Fatalf("%s not handled", k)
	}
	r.do(KeyMsg{Key: msg, Target: t})
}

// press gives keys to the top dialog, and its answer to the pane.
func (r *rig) press(keys ...string) {
	r.t.Helper()
	for _, k := range keys {
		var msg tea.KeyPressMsg
		if k == "ctrl+s" {
			msg = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
		} else {
			msg = uitest.Key(k)
		}
		res, ok := r.stack.Update(msg)
		if !ok {
			r.t.Fatalf("%s: no dialog open", k)
		}
		if res != nil {
			r.do(res)
		}
	}
}

// paste pastes text into the top dialog.
func (r *rig) paste(text string) {
	r.t.Helper()
	if _, ok := r.stack.Update(tea.PasteMsg{Content: text}); !ok {
		r.t.Fatal("paste: no dialog open")
	}
}

// editor is the editor on top of the stack; the test fails without one.
func (r *rig) editor() *dialog.Editor {
	r.t.Helper()
	e, ok := r.stack.Top().(*dialog.Editor)
	if !ok {
		r.t.Fatalf("no editor on top: %T; said %q", r.stack.Top(), r.said)
	}
	return e
}

// confirm is the title of the confirmation on top; "" when none.
func (r *rig) confirm() string {
	if d, ok := r.stack.Top().(*dialog.Confirm); ok {
		return d.Title()
	}
	return ""
}

// last is the latest notice.
func (r *rig) last() string {
	if len(r.said) == 0 {
		return ""
	}
	return r.said[len(r.said)-1]
}

// sends are the recorded Send calls.
func (r *rig) sends() []uitest.OpCall {
	var out []uitest.OpCall
	for _, c := range r.f.OpCalls() {
		if c.Op == "send" {
			out = append(out, c)
		}
	}
	return out
}

func sendTarget(name string) Target { return Target{Queue: q(name), OK: true} }

func peekTarget(queue string, m model.Message) Target {
	return Target{Queue: q(queue), OK: true, Message: m, HasMessage: true}
}

func mustContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s lacks %q:\n%s", what, sub, s)
		}
	}
}
