package queueform

import (
	"context"
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

// harness plays the root for the flows: it keeps the overlay stack, hands
// keys to the top dialog (or, with none open, C/E/X to the flows with the
// selected queue), routes every answer back, runs every Cmd at once and
// records what the flows say and ask of the root.
type harness struct {
	t       *testing.T
	f       *Forms
	fake    *uitest.Client
	cat     *model.Catalog
	stack   dialog.Stack
	sel     model.Queue // the queue under the list's cursor
	notices []string
	changed []ChangedMsg
}

func newHarness(t *testing.T, readOnly bool) *harness {
	t.Helper()
	fake := &uitest.Client{}
	c := common.New(context.Background(), readOnly)
	cat := model.NewCatalog(10)
	cat.Update(dataset(), time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC))
	f := New(c, fake)
	f.SetCatalog(cat)
	h := &harness{t: t, f: f, fake: fake, cat: cat}
	h.stack.SetSize(80, 21)
	return h
}

// dataset is uitest's, with every attribute SQS returns for the queues
// the edit tests change.
func dataset() []model.Queue {
	qs := uitest.Dataset(0)
	for i := range qs {
		q := &qs[i]
		if q.Err != nil {
			continue
		}
		q.Attrs["MessageRetentionPeriod"] = "345600"
		q.Attrs["DelaySeconds"] = "0"
		q.Attrs["ReceiveMessageWaitTimeSeconds"] = "0"
		q.Attrs["MaximumMessageSize"] = "262144"
		if q.Redrive != nil {
			q.Attrs["RedrivePolicy"] = `{"deadLetterTargetArn":"` + q.Redrive.DeadLetterTargetARN + `","maxReceiveCount":5}`
		}
	}
	return qs
}

func (h *harness) queue(name string) model.Queue {
	for _, q := range h.cat.Queues {
		if q.Name == name {
			return q
		}
	}
	h.t.Fatalf("no queue %s", name)
	return model.Queue{}
}

// on puts the list's cursor on the queue called name.
func (h *harness) on(name string) *harness {
	h.sel = h.queue(name)
	return h
}

// run acts on what the flows sent up, runs cmd and feeds its messages
// back, until nothing is left.
func (h *harness) run(cmd tea.Cmd) {
	for range 20 {
		for _, m := range h.f.Take() {
			switch m := m.(type) {
			case dialog.OpenMsg:
				h.stack.Push(m.Dialog)
			case dialog.CloseMsg:
				h.stack.Close(m.Dialog)
			case common.NoticeMsg:
				h.notices = append(h.notices, m.Text)
			case ChangedMsg:
				h.changed = append(h.changed, m)
			default:
				h.t.Fatalf("%T sent up", m)
			}
		}
		if cmd == nil {
			return
		}
		var next []tea.Cmd
		for _, m := range uitest.RunCmd(cmd) {
			next = append(next, h.f.Update(m))
		}
		cmd = tea.Batch(next...)
	}
	h.t.Fatal("the flows never settled")
}

// press sends each key as the root would.
func (h *harness) press(keys ...string) {
	for _, k := range keys {
		km := uitest.Key(k)
		if res, ok := h.stack.Update(km); ok {
			h.run(h.f.Update(res))
			continue
		}
		if h.f.Handles(km) {
			h.run(h.f.Update(KeyMsg{Key: km, Queue: h.sel, OK: h.sel.URL != ""}))
		}
	}
}

// typeText types s into whatever has the keyboard.
func (h *harness) typeText(s string) {
	for _, r := range s {
		if res, ok := h.stack.Update(tea.KeyPressMsg{Code: r, Text: string(r)}); ok {
			h.run(h.f.Update(res))
		}
	}
}

// clear empties the focused text field.
func (h *harness) clear() { h.press("ctrl+u") }

// view is the top dialog as text.
func (h *harness) view() string {
	v, _ := h.stack.Body()
	return ansi.Strip(v)
}

// flat is the top dialog's text in one line, borders and wrapping gone,
// for sentences the box wraps.
func (h *harness) flat() string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╰", " ", "─", " ", "╮", " ", "╯", " ").Replace(h.view())), " ")
}

// top is the top dialog's title, "" with none open.
func (h *harness) top() string {
	switch d := h.stack.Top().(type) {
	case nil:
		return ""
	case *dialog.Confirm:
		return d.Title()
	case *dialog.Typed:
		return d.Title()
	case *dialog.Form:
		return "form"
	case *dialog.Picker:
		return "picker"
	}
	return "?"
}

// toButton moves the form's cursor to its button.
func (h *harness) toButton() {
	for range 20 {
		if f, ok := h.stack.Top().(*dialog.Form); !ok || f.Focused() == nil {
			return
		}
		h.press("tab")
	}
}

// toField moves the form's cursor to the field labelled label.
func (h *harness) toField(label string) {
	h.t.Helper()
	form := h.stack.Top().(*dialog.Form)
	for range 20 {
		h.press("shift+tab")
	}
	for range 20 {
		if fl := form.Focused(); fl != nil && fl.Label == label {
			return
		}
		h.press("tab")
	}
	h.t.Fatalf("no field %q reached", label)
}

func (h *harness) lastNotice() string {
	if len(h.notices) == 0 {
		return ""
	}
	return h.notices[len(h.notices)-1]
}

func contains(t *testing.T, what, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, s)
		}
	}
}
