package redrive

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

func TestHandlesItsKeysOnly(t *testing.T) {
	p, _ := newPane(t, false)
	for _, k := range []string{"R", "m", "c"} {
		if !p.Handles(uitest.Key(k)) {
			t.Errorf("%s not handled", k)
		}
	}
	for _, k := range []string{"r", "j", "enter", "a"} {
		if p.Handles(uitest.Key(k)) {
			t.Errorf("%s handled, with no DLQ pane on screen", k)
		}
	}
	p.Attach(queue("orders-dlq"))
	if !p.Handles(uitest.Key("a")) {
		t.Error("a not handled with the DLQ pane on screen")
	}
	p.SetSize(0, 0) // no room for it
	if p.Handles(uitest.Key("a")) {
		t.Error("a handled with the DLQ pane hidden")
	}
}

func TestRedriveOnAQueueThatIsNoDLQSaysWhy(t *testing.T) {
	p, f := newPane(t, false)
	if cmd := send(p, "R", "orders"); cmd != nil {
		t.Error("R on a source queue returned a Cmd")
	}
	up := p.Take()
	if dialogOf(up) != nil || !strings.Contains(strings.Join(notices(up), ""), "orders is not a dead-letter queue") {
		t.Errorf("sent up %v", up)
	}
	if m := f.MoverCalls(); len(m.Starts)+len(m.Moves) != 0 {
		t.Error("the mover was called")
	}
}

// A move of messages selected in a peek that holds them: the peek's
// session is released first (and the peek told), the selection cleared,
// then only those messages move; the report tells the root which left.
func TestMoveOfPeekedMessagesReleasesFirstAndReportsWhatMoved(t *testing.T) {
	p, f := newPane(t, false)
	dlq := queue("orders-dlq")
	f.Messages = map[string][]model.Message{dlq.URL: uitest.DLQMessages(t)}
	sess := f.OpenPeek(dlq.URL, awsclient.PeekOptions{})
	if _, err := sess.Next(t.Context(), 5); err != nil {
		t.Fatal(err)
	}
	p.SetPeek(Peek{Open: true, Queue: dlq, Held: sess.Held()})
	p.Attach(dlq)
	p.Take()
	sel := uitest.DLQMessages(t)[:2]
	moved := []string{sel[0].ID, sel[1].ID}
	f.Mover.Report = awsclient.MoveReport{Moved: 2, Total: 2, MovedIDs: moved}

	p.Update(KeyMsg{Key: uitest.Key("R"), Target: Target{Queue: dlq, OK: true, Selected: sel}})
	d, ok := dialogOf(p.Take()).(*dialog.Confirm)
	if !ok || d.Title() != "Redrive 2 messages from orders-dlq?" {
		t.Fatalf("dialog %v", d)
	}
	if cmd := answer(p, d, "y"); cmd != nil || len(f.MoverCalls().Moves) != 0 {
		t.Fatal("the move did not wait for the peek's release")
	}
	up := p.Take()
	if !slices.Contains(up, tea.Msg(ClearSelectionMsg{QueueURL: dlq.URL})) {
		t.Errorf("the selection was not cleared: %v", up)
	}
	i := slices.IndexFunc(up, func(m tea.Msg) bool { _, ok := m.(ReleasePeekMsg); return ok })
	if i < 0 {
		t.Fatalf("the root was not asked for the peek's release: %v", up)
	}
	// The root has the peek release, then hands the pane the answer.
	if _, err := sess.Release(t.Context()); err != nil {
		t.Fatal(err)
	}
	launch := p.Update(up[i].(ReleasePeekMsg).Then(nil))
	var done tea.Msg
	for _, m := range uitest.RunCmd(launch) {
		if _, ok := m.(doneMsg); ok {
			done = m
		}
	}
	p.Update(done)
	up = p.Take()
	if !slices.ContainsFunc(up, func(m tea.Msg) bool { a, ok := m.(MovedAwayMsg); return ok && slices.Equal(a.IDs, moved) }) ||
		!slices.Contains(up, tea.Msg(StoppedMsg{})) || !slices.Contains(up, tea.Msg(RefreshMsg{})) {
		t.Errorf("after the move sent up %v", up)
	}
	if got := f.MoverCalls().Selected[0]; !slices.Equal(got, moved) {
		t.Errorf("moved %v, want exactly %v", got, moved)
	}
}

// The redrive dialog closes itself when a task started elsewhere is found
// while it is open: y would only be refused.
func TestDialogClosesWhenATaskIsFound(t *testing.T) {
	p, f := newPane(t, false)
	f.Mover.Tasks = []model.MoveTask{{Handle: "ext", Status: model.TaskRunning, SourceARN: uitest.ARN("orders-dlq"), ToMove: 19}}
	probe := send(p, "R", "orders-dlq")
	d := dialogOf(p.Take())
	if d == nil || probe == nil {
		t.Fatal("R opened no dialog or looked for no task")
	}
	p.Update(probe())
	up := p.Take()
	if !slices.Contains(up, tea.Msg(dialog.CloseMsg{Dialog: d})) {
		t.Errorf("the dialog was not closed: %v", up)
	}
	if l := p.Latest(); !l.Running || l.Task.Handle != "ext" {
		t.Errorf("the task was not adopted: %+v", l)
	}
}

func TestReadOnlyMovesNothingAndOffersNothing(t *testing.T) {
	p, f := newPane(t, true)
	for _, k := range []string{"R", "m", "c"} {
		if !p.Handles(uitest.Key(k)) {
			t.Fatalf("%s not recognised in read-only mode: nothing would say why", k)
		}
		send(p, k, "orders-dlq")
		up := p.Take()
		if dialogOf(up) != nil || !slices.Contains(notices(up), "read-only mode: redrive, move and cancel are disabled (restart without --read-only)") {
			t.Errorf("%s sent up %v", k, up)
		}
	}
	if m := f.MoverCalls(); len(m.Starts)+len(m.Moves)+len(m.Cancels)+m.TaskCalls != 0 {
		t.Errorf("read-only mode called the mover: %+v", m)
	}
	for _, h := range keymap.Enabled(p.KeyHints(true, true)) {
		if k := h.Help().Key; k == "R" || k == "c" || k == "m" {
			t.Errorf("read-only hints offer %s", k)
		}
	}
}

// A progress snapshot still queued when the report arrived must not clear
// the report from the status line, nor count against it (issue 15,
// defect 8).
func TestLateProgressKeepsTheReport(t *testing.T) {
	p, f := newPane(t, false)
	f.Mover.Report = awsclient.MoveReport{Moved: 19, Total: 19}
	f.Mover.Progress = []awsclient.MoveProgress{{Moved: 10, Total: 19}}
	p.Update(MoveToMsg{Dest: queue("shipping"), Target: Target{Queue: queue("orders-dlq"), OK: true}})
	launch := answer(p, dialogOf(p.Take()), "y")
	batch := launch().(tea.BatchMsg)
	done := batch[0]()     // Move ran to its end
	progress := batch[1]() // the snapshot it sent on its way
	p.Update(done)
	p.Take()
	if cmd := p.Update(progress); cmd != nil {
		t.Error("the reader goes on after the report")
	}
	if up := p.Take(); len(notices(up)) != 0 {
		t.Errorf("a late snapshot changed the status line: %v", up)
	}
	if l := p.Latest(); l.Report == nil || l.Report.Moved != 19 || l.Running {
		t.Errorf("after the late snapshot: %+v", l)
	}
}

// m asks where to; the pick goes up to the root, which answers with the
// peek's selection as it is then (a page may have come meanwhile).
func TestPickAsksTheRootForTheTarget(t *testing.T) {
	p, _ := newPane(t, false)
	send(p, "m", "orders-dlq")
	d := dialogOf(p.Take())
	if _, ok := d.(*dialog.Picker); !ok {
		t.Fatalf("m opened %T, want the picker", d)
	}
	for _, r := range "ship" {
		d.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	_, res := d.Update(uitest.Key("enter"))
	if cmd := p.Update(res); cmd != nil {
		t.Error("a pick planned the move on the old target")
	}
	up := p.Take()
	if len(up) != 1 || up[0].(PickedMsg).Dest.Name != "shipping" {
		t.Fatalf("sent up %v, want the pick of shipping", up)
	}
	send(p, "m", "orders-dlq")
	d = dialogOf(p.Take())
	_, res = d.Update(uitest.Key("esc"))
	p.Update(res)
	if n := notices(p.Take()); !slices.Equal(n, []string{"move cancelled"}) {
		t.Errorf("esc: %v", n)
	}
}
