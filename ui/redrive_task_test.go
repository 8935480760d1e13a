package ui

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

func TestRedriveTaskAlreadyActiveIsShownNotDuplicated(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	running := model.MoveTask{Handle: "old", Status: model.TaskRunning, SourceARN: testARN("orders-dlq"), Moved: 3, ToMove: 19}
	f.Mover.StartErr = &awsclient.TaskActiveError{Task: running}
	startNativeRedrive(t, a)
	if l := a.redrive.Latest(); !l.Running || l.Task.Handle != "old" {
		t.Fatalf("the running task is not shown: %+v", l)
	}
	if s := screen(a); !strings.Contains(s, "already running") {
		t.Errorf("no word that a task was already running:\n%s", s)
	}
	press(a, "R")
	if asking(a) || len(f.MoverCalls().Starts) != 1 {
		t.Error("R during a running task offered a second one")
	}
}

// TestRedriveFinishesAnInterruptedMoveClientSide: after a crash mid-move,
// only the journal knows which DLQ messages were already sent; a native
// task would send them again, unreported. R must take the client-side path.
func TestRedriveFinishesAnInterruptedMoveClientSide(t *testing.T) {
	noJournalHome(t)
	line := `{"op":"sending","id":"m-1","dest":"http://q/billing","at":1}` + "\n" +
		`{"op":"sending","id":"m-2","dest":"http://q/billing","at":1}` + "\n"
	if err := os.WriteFile(awsclient.JournalPath(testARN("shared-dlq")), []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	a, f := sharedDLQApp7(t)
	info, err := awsclient.ReadJournal(awsclient.JournalPath(testARN("shared-dlq")))
	if err != nil {
		t.Fatal(err)
	}
	f.Mover.Reconcile = awsclient.JournalCheck{Left: info, Visible: 7} // the DLQ still holds messages
	a.notice = ""
	_, check := a.Update(a.redrive.Init()())
	drive(a, check)
	if want := "an interrupted move left 2 messages of shared-dlq half-moved: R on it finishes the move " +
		"(2 messages may arrive twice: their sends never answered)"; a.notice != want {
		t.Errorf("start-up notice = %q, want %q", a.notice, want)
	}
	selectQueue(t, a, "shared-dlq")
	press(a, "R")
	s := flat(screen(a))
	if strings.Contains(s, "native move task") {
		t.Fatal("an interrupted move's DLQ was offered a native move task")
	}
	for _, want := range []string{"client-side move", "interrupted move left 2 messages half-moved", "journal"} {
		if !strings.Contains(s, want) {
			t.Errorf("dialog lacks %q:\n%s", want, s)
		}
	}
}

// TestPeekYieldsToARunningMoveTask: a peek opened on a DLQ while a move
// task runs there would hide messages from the task, which then ends with
// them left behind. The peek releases them as soon as it knows.
func TestPeekYieldsToARunningMoveTask(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	f.Mover.Tasks = []model.MoveTask{{Handle: "ext", Status: model.TaskRunning, SourceARN: testARN("orders-dlq"), ToMove: 36}}
	selectQueue(t, a, "orders-dlq")
	// Not drive: the task's progress timer would re-arm for ever.
	var step func(cmd tea.Cmd)
	step = func(cmd tea.Cmd) {
		for _, m := range uitest.RunCmdNoTick(cmd) {
			if m != nil {
				_, next := a.Update(m)
				step(next)
			}
		}
	}
	step(press(a, "p"))
	if !a.redrive.NativeOn(a.peek.Queue().URL) {
		t.Fatal("the running task was not adopted")
	}
	if _, rel := f.Opened()[0].Counts(); rel != 1 {
		t.Errorf("peek released %d times; want once, for the task", rel)
	}
	if a.peek.Held() != 0 || len(a.peek.Messages()) == 0 {
		t.Errorf("after the release: %d held, %d listed; want 0 held, the list kept", a.peek.Held(), len(a.peek.Messages()))
	}
	if s := flat(screen(a)); !strings.Contains(s, "messages were released so that it") {
		t.Errorf("the DLQ pane does not say why the peek let go:\n%s", screen(a))
	}
}

// TestRedriveDialogFindsATaskStartedElsewhere: R from the list looks for a
// task already running on the DLQ; when one is found the dialog closes and
// the task is shown, and nothing is started.
func TestRedriveDialogFindsATaskStartedElsewhere(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	f.Mover.Tasks = []model.MoveTask{{Handle: "ext", Status: model.TaskRunning, SourceARN: testARN("orders-dlq"), Moved: 4, ToMove: 19}}
	selectQueue(t, a, "orders-dlq")
	cmd := press(a, "R")
	if !asking(a) || cmd == nil {
		t.Fatalf("R opened no dialog or looked for no task (cmd %v)", cmd != nil)
	}
	for _, m := range runCmd(cmd) {
		a.Update(m)
	}
	if l := a.redrive.Latest(); asking(a) || !a.redrive.NativeOn(testQueue("orders-dlq", 0, 0, 0, "").URL) || l.Task.Handle != "ext" {
		t.Fatalf("the running task was not adopted in place of the dialog: %+v", l)
	}
	if s := screen(a); !strings.Contains(s, "already running on orders-dlq") {
		t.Errorf("no word of the running task:\n%s", s)
	}
	if m := f.MoverCalls(); len(m.Starts) != 0 {
		t.Errorf("%d tasks started", len(m.Starts))
	}
}
