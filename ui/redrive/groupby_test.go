package redrive

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// failures is a DLQ of order failures whose reason is nested in an error
// object, as the issue found them: grouped whole, every row read
// {"type":"DuplicateOrder"…}.
func failures() []model.Message {
	var msgs []model.Message
	for i, e := range []struct {
		typ  string
		code int
	}{{"DuplicateOrder", 2}, {"DuplicateOrder", 10}, {"Timeout", 1}, {"DuplicateOrder", 2}, {"Timeout", 11}, {"Declined", 1}} {
		msgs = append(msgs, model.Message{
			ID:           fmt.Sprintf("m%d", i),
			Body:         fmt.Sprintf(`{"order":"ORD-%d","error":{"type":%q,"code":%d,"retry":{"n":1}}}`, i, e.typ, e.code),
			DLQSourceARN: uitest.ARN("orders"),
		})
	}
	return msgs
}

// peeking is the pane beside a peek of orders-dlq that read msgs.
func peeking(t *testing.T, msgs []model.Message) *Pane {
	t.Helper()
	p, _ := newPane(t, false)
	p.Attach(queue("orders-dlq"))
	p.SetPeeked(msgs, 0)
	p.Take()
	return p
}

func TestGroupingKeysAreHandledWhileTheDLQPaneShows(t *testing.T) {
	p, _ := newPane(t, false)
	for _, k := range []string{"a", "A", "f"} {
		if p.Handles(uitest.Key(k)) {
			t.Errorf("%s handled with no DLQ pane on screen: the peek pane's key", k)
		}
	}
	p.Attach(queue("orders-dlq"))
	for _, k := range []string{"a", "A", "f"} {
		if !p.Handles(uitest.Key(k)) {
			t.Errorf("%s not handled with the DLQ pane on screen", k)
		}
	}
}

// a steps forward and A back, round either end, through the fields in
// the order the picker lists them.
func TestGroupingStepsBothWays(t *testing.T) {
	p := peeking(t, failures())
	var names []string
	for _, f := range p.dlq.fields {
		names = append(names, f.String())
	}
	if strings.Join(names, " ") != "body.error.code body.error.type body.order" {
		t.Fatalf("fields %v: want the error's scalar keys, not the error object", names)
	}
	steps := []struct{ key, want string }{
		{"a", "body.error.type"}, {"a", "body.order"}, {"a", "body.error.code"},
		{"A", "body.order"}, {"A", "body.error.type"}, {"A", "body.error.code"},
	}
	for i, s := range steps {
		if cmd := send(p, s.key, "orders-dlq"); cmd != nil {
			t.Errorf("%s returned a Cmd", s.key)
		}
		if got := p.dlq.fieldName(); got != s.want {
			t.Errorf("step %d (%s): grouped by %s, want %s", i, s.key, got, s.want)
		}
	}
	if up := p.Take(); len(up) != 0 {
		t.Errorf("stepping sent up %v", up)
	}
}

// f opens a picker of the fields seen, each with how many values it takes
// and how many messages carry it, the cursor on the field shown; the pick
// comes back as the pane's own message and regroups, numbers by value.
func TestGroupingPickerChoosesTheField(t *testing.T) {
	p := peeking(t, failures())
	send(p, "a", "orders-dlq") // body.error.type: the picker starts there
	send(p, "f", "orders-dlq")
	pk, ok := dialogOf(p.Take()).(*dialog.Picker)
	if !ok {
		t.Fatal("f opened no picker")
	}
	pk.SetSize(80, 24)
	v := ansi.Strip(pk.View())
	for _, want := range []string{"Group the 6 peeked messages by…", "body.error.code", "4 values · in 6 of 6",
		">body.error.type", "3 values · in 6 of 6", "body.order", "6 values · in 6 of 6"} {
		if !strings.Contains(v, want) {
			t.Errorf("picker lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "body.error ") || strings.Contains(v, "retry") {
		t.Errorf("picker offers the error object or an object inside it:\n%s", v)
	}
	pk.Update(uitest.Key("down"))
	_, res := pk.Update(uitest.Key("enter"))
	if cmd := p.Update(res); cmd != nil {
		t.Error("the pick returned a Cmd")
	}
	if got := p.dlq.fieldName(); got != "body.order" {
		t.Errorf("picked body.order, grouped by %s", got)
	}

	// Typing narrows; the code's values list by count, then by value as
	// numbers: 1 and 2 twice each, then 10 before 11.
	send(p, "f", "orders-dlq")
	pk = dialogOf(p.Take()).(*dialog.Picker)
	for _, r := range "code" {
		pk.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	_, res = pk.Update(uitest.Key("enter"))
	p.Update(res)
	var vals []string
	for _, g := range p.dlq.byField {
		vals = append(vals, g.Value)
	}
	if p.dlq.fieldName() != "body.error.code" || strings.Join(vals, " ") != "1 2 10 11" {
		t.Errorf("grouped by %s into %v, want body.error.code into 1 2 10 11", p.dlq.fieldName(), vals)
	}
	if v := ansi.Strip(p.View()); !strings.Contains(v, "By body.error.code · a/A step · f pick") {
		t.Errorf("the breakdown title does not say how to step and pick:\n%s", v)
	}

	// esc leaves the field as it was, silently.
	send(p, "f", "orders-dlq")
	_, res = dialogOf(p.Take()).Update(uitest.Key("esc"))
	p.Update(res)
	if up := p.Take(); p.dlq.fieldName() != "body.error.code" || len(up) != 0 {
		t.Errorf("esc: grouped by %s, sent up %v", p.dlq.fieldName(), up)
	}
}

// A pick that arrives after the peek moved to another DLQ is not applied
// there; one for a field no message has any more says so.
func TestGroupingPickOutlivedIsDropped(t *testing.T) {
	p := peeking(t, failures())
	send(p, "f", "orders-dlq")
	pk := dialogOf(p.Take())
	p.Attach(queue("shared-dlq"))
	p.SetPeeked(failures()[:2], 0)
	before := p.dlq.fieldName() // body.error.type: the same in both
	pk.Update(uitest.Key("down"))
	pk.Update(uitest.Key("down")) // body.order
	_, res := pk.Update(uitest.Key("enter"))
	p.Update(res)
	if got := p.dlq.fieldName(); got != before {
		t.Errorf("a pick made for orders-dlq regrouped shared-dlq by %s", got)
	}

	send(p, "f", "shared-dlq")
	pk = dialogOf(p.Take())
	p.SetPeeked([]model.Message{{ID: "x", Body: `{"other":1}`}}, 0)
	pk.Update(uitest.Key("down")) // body.error.code, listed when f was pressed
	_, res = pk.Update(uitest.Key("enter"))
	p.Update(res)
	if n := notices(p.Take()); len(n) != 1 || n[0] != "body.error.code is on no peeked message any more" {
		t.Errorf("a stale pick said %v", n)
	}
}

// With nothing to group by, f says so instead of opening an empty list.
func TestGroupingPickerWithoutFieldsSaysWhy(t *testing.T) {
	p := peeking(t, []model.Message{{ID: "x", Body: "plain text"}})
	send(p, "f", "orders-dlq")
	up := p.Take()
	if dialogOf(up) != nil || len(notices(up)) != 1 || !strings.HasPrefix(notices(up)[0], "nothing to group by yet") {
		t.Errorf("f with no field sent up %v", up)
	}
	send(p, "a", "orders-dlq")
	send(p, "A", "orders-dlq")
	if up := p.Take(); len(up) != 0 {
		t.Errorf("stepping with no field sent up %v", up)
	}
}

// Where the column is narrow the keys shrink to "a/A/f" before the
// field's name is cut.
func TestGroupingTitleKeepsTheFieldName(t *testing.T) {
	p := peeking(t, failures())
	for _, c := range []struct {
		w    int
		want string
	}{{50, "By body.error.code · a/A step · f pick"}, {28, "By body.error.code · a/A/f"}} {
		p.SetSize(c.w, 33)
		v := ansi.Strip(p.View())
		if !slices.ContainsFunc(strings.Split(v, "\n"), func(l string) bool { return strings.TrimRight(l, " ") == c.want }) {
			t.Errorf("at %d columns the title is not %q:\n%s", c.w, c.want, v)
		}
	}
}

// The breakdowns say when they count a sample, in both layouts: 5 peeked
// of a DLQ holding more are not the DLQ.
func TestBreakdownsSayWhenTheyAreASample(t *testing.T) {
	p := peeking(t, failures())
	total := p.dlq.q.Stats.Total()
	if total <= int64(len(failures())) {
		t.Fatalf("orders-dlq holds %d: the dataset no longer makes a sample of %d", total, len(failures()))
	}
	tall := fmt.Sprintf("Peeked %d of %s (a sample)", len(failures()), common.Commas(total))
	short := fmt.Sprintf("by source, %d of %s:", len(failures()), common.Commas(total))
	if v := ansi.Strip(p.View()); !strings.Contains(v, tall) {
		t.Errorf("tall layout lacks %q:\n%s", tall, v)
	}
	p.SetWide(false)
	p.SetSize(80, 6)
	if v := ansi.Strip(p.View()); !strings.Contains(v, short) {
		t.Errorf("short layout lacks %q:\n%s", short, v)
	}
	p.SetPeeked(failures()[:1], 0)
	p.dlq.q.Stats = model.QueueStats{Visible: 1}
	if v := ansi.Strip(p.View()); strings.Contains(v, "1 of") {
		t.Errorf("a whole DLQ called a sample:\n%s", v)
	}
}
