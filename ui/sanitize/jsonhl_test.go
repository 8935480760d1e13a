package sanitize

import (
	"fmt"
	"strings"
	"testing"
)

// tag marks each piece with its kind so tests can see the classification.
func tag(k JSONKind, p string) string {
	return fmt.Sprintf("%s<%s>", [...]string{"P", "K", "S", "N", "L"}[k], p)
}

func TestJSONRowsClassifies(t *testing.T) {
	lines, ok, note := PrettyJSON(`{"name":"Zoë \"Z\"","tags":["a","b:c"],"n":-1.5e3,"ok":true,"x":null}`)
	if !ok {
		t.Fatal(note)
	}
	w := WrapJSON(lines, 80)
	got := w.JSONRows(0, w.Len(), tag)
	want := []string{
		`P<{>`,
		`P<  >K<"name">P<: >S<"Zoë \"Z\"">P<,>`,
		`P<  >K<"tags">P<: [>`,
		`P<    >S<"a">P<,>`,
		`P<    >S<"b:c">`,
		`P<  ],>`,
		`P<  >K<"n">P<: >N<-1.5e3>P<,>`,
		`P<  >K<"ok">P<: >L<true>P<,>`,
		`P<  >K<"x">P<: >L<null>`,
		`P<}>`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestJSONRowsAcrossWrappedString(t *testing.T) {
	lines, _, _ := PrettyJSON(`{"k":"` + strings.Repeat("x", 20) + `","v":1}`)
	w := WrapJSON(lines, 14)
	got := w.JSONRows(1, 3, tag)
	want := []string{
		`P<  >K<"k">P<: >S<"xxxxxx>`,
		`P<↪>S<xxxxxxxxxxxxx>`,
		`P<↪>S<x">P<,>`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A window that starts mid-string needs no earlier rows.
	if mid := w.JSONRows(2, 1, tag); len(mid) != 1 || mid[0] != want[1] {
		t.Errorf("window from row 2 = %q", mid)
	}
}

func TestJSONRowsPlainWrapped(t *testing.T) {
	w := Wrap("a\x1bb", 20)
	if got := w.JSONRows(0, 1, tag); len(got) != 1 || got[0] != "P<a␛b>" {
		t.Errorf("got %q", got)
	}
}

func TestJSONRowsIdentityPaintEqualsRows(t *testing.T) {
	for _, h := range loadHostile(t) {
		lines, _, _ := PrettyJSON(h.data)
		w := WrapJSON(lines, 30)
		n := min(w.Len(), 200)
		plain := w.Rows(0, n)
		painted := w.JSONRows(0, n, func(_ JSONKind, p string) string { return p })
		if strings.Join(plain, "\n") != strings.Join(painted, "\n") {
			t.Errorf("%s: painted rows differ from plain rows", h.name)
		}
	}
}
