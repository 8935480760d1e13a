package peek

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// unsafeByte is the first byte of b a terminal acts on, or where the text
// stops being UTF-8; -1 when there is none. '\n' and '\t' are text.
func unsafeByte(b []byte) int {
	if !utf8.Valid(b) {
		return bytes.IndexFunc(b, func(r rune) bool { return r == utf8.RuneError })
	}
	return bytes.IndexFunc(b, func(r rune) bool {
		return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e
	})
}

// clipText is the text of the message tea.SetClipboard's Cmd returns: a
// string type of Bubble Tea's own.
func clipText(msg tea.Msg) string {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.String || v.Type().Name() != "setClipboardMsg" {
		panic(fmt.Sprintf("%T is not a clipboard write", msg))
	}
	return v.String()
}

// pagerBytes runs what o or O prepared with PAGER=cat and records every
// byte the pager writes to the terminal.
func pagerBytes(t *testing.T, p *Pane, cmd tea.Cmd) []byte {
	t.Helper()
	if cmd == nil {
		t.Fatal("no pager")
	}
	msg, ok := cmd().(pagerFileMsg)
	if !ok || msg.err != nil {
		t.Fatalf("pager file: %+v", msg)
	}
	defer os.Remove(msg.path)
	var out bytes.Buffer
	msg.pager.Stdout = &out
	if err := msg.pager.Run(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// y and o hand on the text the screen shows, whatever the body holds,
// decoded or not, and whatever $PAGER says: nothing of it acts on a
// terminal, a shell it is pasted into, or an editor.
func TestCopyAndPagerHandOnSafeText(t *testing.T) {
	t.Setenv("PAGER", "cat") // passes everything it is given to the terminal
	msgs := uitest.HostileMessages(t)
	p, f := newPane(t, 120, 33)
	f.Messages[queue("orders-dlq").URL] = msgs
	openAll(t, p, "orders-dlq", len(msgs))
	press(p, "g")
	checked := 0
	for i := range p.Messages() {
		for _, decode := range []bool{false, true} {
			if decode {
				press(p, "d")
			}
			if m, _ := p.Current(); len(m.Body) < 1<<16 { // the 1 MiB body is cut by the clipboard limit
				if at := unsafeByte([]byte(clipText(press(p, "y")()))); at >= 0 {
					t.Errorf("message %d (decode %v): y copied an unsafe byte at %d", i, decode, at)
				}
			}
			if at := unsafeByte(pagerBytes(t, p, press(p, "o"))); at >= 0 {
				t.Errorf("message %d (decode %v): o sent an unsafe byte to the terminal at %d", i, decode, at)
			}
			checked++
			if decode {
				press(p, "d")
			}
		}
		press(p, "j")
	}
	if checked < 10 {
		t.Fatalf("only %d bodies checked", checked)
	}
}

// The raw bytes go out only on Y and O, after a question that says what
// they hold; no, and they go nowhere.
func TestRawBytesOnlyOnTheirKeysAfterAsking(t *testing.T) {
	t.Setenv("PAGER", "cat")
	p, f := newPane(t, 120, 33)
	evil := "paste me\x1b[201~rm -rf ~\n\x1b]52;c;cm0gLXJmIH4K\x07"
	f.Messages[queue("orders-dlq").URL][0].Body = evil
	open(t, p, "orders-dlq")

	if got := clipText(press(p, "y")()); got == evil || unsafeByte([]byte(got)) >= 0 {
		t.Fatalf("y copied the raw bytes: %q", got)
	}
	if n := notices(p.Take()); len(n) != 1 || !strings.Contains(n[0], "Y copies the raw bytes") {
		t.Errorf("y does not say what it left out: %v", n)
	}
	for _, k := range []string{"Y", "O"} {
		if cmd := p.Update(tea.KeyPressMsg{Code: rune(k[0]), Text: k}); cmd != nil {
			t.Fatalf("%s handed on the raw bytes without asking", k)
		}
		d, ok := dialogOf(p.Take()).(*dialog.Confirm)
		if !ok || !strings.Contains(d.Title(), "the raw bytes?") {
			t.Fatalf("%s: no question: %v", k, d)
		}
		if cmd := answer(p, d, "n"); cmd != nil {
			t.Errorf("%s then n still handed them on", k)
		}
	}
	press(p, "Y")
	cmd := answer(p, dialogOf(p.Take()), "y")
	if got := clipText(cmd()); got != evil {
		t.Errorf("Y then y copied %q, want the raw bytes", got)
	}
	press(p, "O")
	if got := pagerBytes(t, p, answer(p, dialogOf(p.Take()), "y")); string(got) != evil {
		t.Errorf("O then y paged %q, want the raw bytes", got)
	}
}
