package sanitize

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// seedHostile adds the hostile corpus as seeds, cut to 512 bytes so the fuzzer
// mutates small inputs quickly; the full bodies are covered by table tests.
func seedHostile(f *testing.F, add func(string)) {
	for _, h := range loadHostile(f) {
		s := h.data
		if len(s) > 512 {
			s = s[:512]
		}
		add(s)
	}
	for _, s := range []string{"", "\r\n", "a\u0301\u0301\u0301\u0301\u0301\u0301", "👩\u200d👩", "\xf0\x9f", "\t\t",
		"\u1100\u1161\u11a8\u11a8", "👩🏽\u200d🚀", "🇯🇵🇯", "क्\u200dष", "\u202e\u0301"} {
		add(s)
	}
}

func FuzzText(f *testing.F) {
	seedHostile(f, func(s string) { f.Add(s, 20) })
	f.Fuzz(func(t *testing.T, s string, width int) {
		text := Text(s)
		assertSafe(t, "Text", text, true)
		if again := Text(text); again != text {
			t.Errorf("Text not idempotent:\n%q\n%q", text, again)
		}
		assertSafe(t, "Line", Line(s), false)
		width = min(max(width, -1), 500)
		c := Cut(s, width)
		assertSafe(t, "Cut", c, false)
		if w := ansi.StringWidth(c); w > max(width, 0) {
			t.Errorf("Cut(%d) is %d wide: %q", width, w, c)
		}
	})
}

func FuzzLines(f *testing.F) {
	seedHostile(f, func(s string) { f.Add(s, 13) })
	f.Fuzz(func(t *testing.T, s string, width int) {
		width = min(max(width, 0), 300)
		w := Wrap(s, width)
		limit := max(width, MinWidth)
		rows := w.Rows(0, w.Len())
		if len(rows) != w.Len() {
			t.Fatalf("%d rows rendered, Len %d", len(rows), w.Len())
		}
		for i, r := range rows {
			assertSafe(t, "row", r, false)
			rw := ansi.StringWidth(r)
			if rw > limit {
				t.Errorf("row %d is %d wide (limit %d): %q", i, rw, limit, r)
			}
			if mw := measured(r); mw != rw {
				t.Errorf("row %q: units measure %d, ansi.StringWidth %d", r, mw, rw)
			}
		}
		if mid := w.Len() / 2; w.Len() > 0 {
			if win := w.Rows(mid, 1); len(win) != 1 || win[0] != rows[mid] {
				t.Errorf("window at %d = %q, full render %q", mid, win, rows[mid])
			}
		}
	})
}

func FuzzPrettyJSON(f *testing.F) {
	seedHostile(f, func(s string) { f.Add(s) })
	f.Add(`{"a":[1,{"b":"\u001b"}],"c":null}`)
	f.Fuzz(func(t *testing.T, s string) {
		lines, ok, note := PrettyJSON(s)
		for _, l := range lines {
			assertSafe(t, "PrettyJSON", l, false)
		}
		if ok && note != "" {
			t.Errorf("ok with a note: %q", note)
		}
		w := WrapJSON(lines, 20)
		n := min(w.Len(), 100)
		plain := w.Rows(0, n)
		for i, r := range w.JSONRows(0, n, func(_ JSONKind, p string) string { return p }) {
			if r != plain[i] {
				t.Errorf("JSONRows row %d = %q, Rows has %q", i, r, plain[i])
			}
		}
	})
}

// measured is the width the wrapper assigns to an already sanitized row,
// unit by unit; it must agree with ansi.StringWidth or layout drifts.
func measured(row string) int {
	w := 0
	for i := 0; i < len(row); {
		u := scan(row, i, true)
		w += u.width
		i = u.end
	}
	return w
}
