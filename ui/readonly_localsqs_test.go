package ui

import (
	"net/http/httptest"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/internal/sqstest"
	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/ui/dialog"
)

// Every key that changes something, pressed in the list, in the peek of a
// DLQ and with messages selected, each followed by every way of agreeing
// (y, the queue's name typed, enter): in read-only mode not one mutating
// call reaches the server. The same keys on a writable App (but the moves)
// do reach it, so the test can fail.
func TestReadOnlyNoKeyReachesTheServer(t *testing.T) {
	t.Setenv("EDITOR", "")
	t.Setenv("VISUAL", "")
	for _, readOnly := range []bool{true, false} {
		srv := localsqs.New(localsqs.Options{})
		counter := sqstest.NewCounter(srv)
		hs := httptest.NewServer(counter)
		admin := sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL),
			Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
		f := &sqsFixture{t: t, admin: admin}
		dlq := f.create("orders-dlq", nil)
		f.create("orders", map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:orders-dlq","maxReceiveCount":"3"}`})
		f.send(dlq, 6)
		counter.Take() // the fixture's own calls are not the App's

		client := awsclient.NewStatic(hs.URL, "us-east-1", awsclient.Config{ReadOnly: readOnly, MaxBackoff: 20 * time.Millisecond})
		a := New(client, Options{Refresh: time.Hour, ReadOnly: readOnly, AuditPath: t.TempDir() + "/audit.jsonl"})
		a.arm = armNow
		a.Update(sizeMsg(120, 36))
		f.app = a
		f.load()

		agree := func(k string) {
			if !readOnly && (k == "R" || k == "m") {
				// A move runs until its DLQ is drained, which drive would
				// wait for; the writable pass only needs to show that
				// the other keys reach the server.
				return
			}
			drive(a, press(a, k))
			for range 3 {
				switch d := a.dialogs.Top().(type) {
				case *dialog.Typed:
					typeText(a, d.Want())
					drive(a, press(a, "enter"))
				case nil:
					return
				default:
					drive(a, press(a, "y"))
					if a.dialogs.Top() == d {
						drive(a, press(a, "enter"))
					}
				}
			}
			for a.dialogs.Top() != nil {
				drive(a, press(a, "esc"))
			}
		}
		// X last: on a writable App it deletes the queue.
		listKeys := []string{"R", "m", "S", "F", "E", "C", "P", "X"}
		for _, k := range listKeys {
			selectQueue(t, a, "orders-dlq")
			agree(k)
		}
		if !readOnly {
			hs.Close()
			srv.Close()
			if got := counter.Mutating(); len(got) == 0 {
				t.Errorf("writable: the same keys sent no mutating call, so the read-only check proves nothing")
			} else {
				t.Logf("writable: mutating calls %v", got)
			}
			continue
		}
		openPeek(t, a, "orders-dlq")
		for _, k := range []string{"space", "space", "X", "E", "R", "m", "x", "c", "P"} {
			if k == "space" {
				press(a, k)
				continue
			}
			agree(k)
			if !a.peek.Open() {
				openPeek(t, a, "orders-dlq")
			}
		}
		drive(a, press(a, "esc"))

		got := counter.Mutating()
		receives := counter.Count("ReceiveMessage")
		hs.Close()
		srv.Close()
		if receives == 0 {
			t.Fatal("the peek never received: the test did not reach the keys it means to press there")
		}
		if len(got) > 0 {
			t.Errorf("read-only: mutating calls reached the server: %v", got)
		}
	}
}

// sizeMsg is a window of w×h.
func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
