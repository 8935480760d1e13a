package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Redrive end to end: the real awsclient against localsqs in process,
// driven through Update by a small event loop that runs commands (timers
// included) the way Bubble Tea does.

// run feeds the messages of cmd, and of every command Update returns,
// back into the App until done reports true; it fails after a minute.
func run(t *testing.T, a *App, cmd tea.Cmd, done func() bool) {
	t.Helper()
	msgs := make(chan tea.Msg, 64)
	var spawn func(tea.Cmd)
	spawn = func(c tea.Cmd) {
		if c == nil {
			return
		}
		go func() {
			m := c()
			if b, ok := m.(tea.BatchMsg); ok {
				for _, c := range b {
					spawn(c)
				}
				return
			}
			msgs <- m
		}()
	}
	spawn(cmd)
	deadline := time.After(time.Minute)
	for !done() {
		select {
		case m := <-msgs:
			if m == nil {
				continue
			}
			_, next := a.Update(m)
			spawn(next)
		case <-deadline:
			t.Fatalf("gave up waiting; status: %s", statusText(a))
		}
	}
}

func statusText(a *App) string {
	lines := strings.Split(screen(a), "\n")
	return lines[len(lines)-2]
}

// failInto sends n messages to src, each with its source in the body, and
// receives them until SQS dead-letters them (maxReceiveCount 1).
func (f *sqsFixture) failInto(src, name string, n int) []string {
	var bodies []string
	for i := range n {
		b := fmt.Sprintf(`{"from":%q,"n":%d}`, name, i)
		bodies = append(bodies, b)
		if _, err := f.admin.SendMessage(context.Background(), &sqs.SendMessageInput{
			QueueUrl: aws.String(src), MessageBody: aws.String(b)}); err != nil {
			f.t.Fatal(err)
		}
	}
	f.receiveAll(src) // count 1: the next receive moves each to the DLQ
	f.receiveAll(src)
	return bodies
}

// bodiesIn receives every visible message of url (holding them a minute)
// and returns the bodies, sorted.
func (f *sqsFixture) bodiesIn(url string) []string {
	var out []string
	for range 50 {
		got, err := f.admin.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{
			QueueUrl: aws.String(url), MaxNumberOfMessages: 10, VisibilityTimeout: 60})
		if err != nil {
			f.t.Fatal(err)
		}
		if len(got.Messages) == 0 {
			break
		}
		for _, m := range got.Messages {
			out = append(out, aws.ToString(m.Body))
		}
	}
	slices.Sort(out)
	return out
}

func sharedDLQ(f *sqsFixture) (dlq, a, b string) {
	dlq = f.create("shared-dlq", nil)
	policy := map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + testARN("shared-dlq") + `","maxReceiveCount":"1"}`}
	return dlq, f.create("billing", policy), f.create("shipping", policy)
}

func TestRedriveLocalSQSNativeSharedDLQ(t *testing.T) {
	f := newSQSFixture(t)
	dlq, billing, shipping := sharedDLQ(f)
	wantB := f.failInto(billing, "billing", 4)
	wantS := f.failInto(shipping, "shipping", 3)
	if v, _ := f.counts(dlq); v != 7 {
		t.Fatalf("fixture: %d messages dead-lettered, want 7", v)
	}
	f.load()
	selectQueue(t, f.app, "shared-dlq")
	press(f.app, "R")
	if s := flat(screen(f.app)); !strings.Contains(s, "native move task") || !strings.Contains(s, "billing") ||
		!strings.Contains(s, "shipping") {
		t.Fatalf("dialog does not offer the native redrive to both sources:\n%s", screen(f.app))
	}
	run(t, f.app, press(f.app, "y"), func() bool { l := f.app.redrive.Latest(); return l.Started && !l.Running })
	if l := f.app.redrive.Latest(); l.Err != nil || !l.Native {
		t.Fatalf("native redrive failed (%v) or fell back to client-side", l.Err)
	}
	if v, nv := f.counts(dlq); v+nv != 0 {
		t.Errorf("DLQ holds %d visible, %d in flight after the redrive", v, nv)
	}
	slices.Sort(wantB)
	slices.Sort(wantS)
	if got := f.bodiesIn(billing); !slices.Equal(got, wantB) {
		t.Errorf("billing got %v, want %v", got, wantB)
	}
	if got := f.bodiesIn(shipping); !slices.Equal(got, wantS) {
		t.Errorf("shipping got %v, want %v", got, wantS)
	}
}

func TestRedriveLocalSQSClientSideSelected(t *testing.T) {
	noJournalHome(t)
	f := newSQSFixture(t)
	dlq, billing, _ := sharedDLQ(f)
	f.failInto(billing, "billing", 5)
	f.load()
	selectQueue(t, f.app, "shared-dlq")
	drive(f.app, press(f.app, "p"))
	if n := len(f.app.peek.Messages()); n != 5 {
		t.Fatalf("peeked %d messages, want 5", n)
	}
	press(f.app, "space", "space")
	var want []string
	for _, m := range f.app.peek.Selection() {
		want = append(want, m.Body)
	}
	slices.Sort(want)
	press(f.app, "R")
	if s := flat(screen(f.app)); !strings.Contains(s, "client-side move") {
		t.Fatalf("selected messages not moved client-side:\n%s", screen(f.app))
	}
	run(t, f.app, press(f.app, "y"), func() bool { l := f.app.redrive.Latest(); return l.Started && !l.Running })
	l := f.app.redrive.Latest()
	if rep := l.Report; rep == nil || rep.Moved != 2 || rep.Failed != 0 || l.Err != nil {
		t.Fatalf("report %+v, err %v: want 2 moved", rep, l.Err)
	}
	if got := f.bodiesIn(billing); !slices.Equal(got, want) {
		t.Errorf("billing got %v, want exactly the selected %v", got, want)
	}
	if v, nv := f.counts(dlq); v != 3 || nv != 0 {
		t.Errorf("DLQ: %d visible, %d in flight; want the 3 others visible", v, nv)
	}
}
