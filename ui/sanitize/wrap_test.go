package sanitize

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestLinesWrapsWithMarker(t *testing.T) {
	got := Lines("abcdefghijklmnopqrstuvwxyz\nshort", 12)
	want := []string{"abcdefghijkl", "↪mnopqrstuvw", "↪xyz", "short"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestLinesWideCharacters(t *testing.T) {
	s := strings.Repeat("注", 13) // 26 cells
	got := Lines(s, 13)          // an odd width: a wide char never straddles the edge
	want := []string{strings.Repeat("注", 6), "↪" + strings.Repeat("注", 6), "↪注"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestLinesNeverSplitsAnEscape(t *testing.T) {
	got := Lines("abcdefghij\u202eX", 12)
	want := []string{"abcdefghij", "↪⟨U+202E⟩X"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestLinesTabClippedAtEdge(t *testing.T) {
	for _, r := range Lines(strings.Repeat("ab\t", 20), 13) {
		if w := ansi.StringWidth(r); w > 13 {
			t.Errorf("row %q is %d wide", r, w)
		}
	}
}

func TestWrapNarrowWidthIsRaised(t *testing.T) {
	w := Wrap("abcdefghijklmnopqrstuvwxyz", 3)
	if w.Width() != MinWidth {
		t.Fatalf("width %d, want %d", w.Width(), MinWidth)
	}
	for _, r := range w.Rows(0, w.Len()) {
		if ansi.StringWidth(r) > MinWidth {
			t.Errorf("row %q wider than %d", r, MinWidth)
		}
	}
}

func TestWrapEmptyAndTrailingNewline(t *testing.T) {
	if got := Lines("", 20); len(got) != 1 || got[0] != "" {
		t.Errorf("empty: got %q, want one empty row", got)
	}
	if got := Lines("a\n", 20); strings.Join(got, "|") != "a|" {
		t.Errorf("trailing newline: got %q", got)
	}
}

func TestWrapWindowMatchesFullRender(t *testing.T) {
	s := strings.Repeat("héllo wörld 注文 \x1b[31m\t", 300)
	w := Wrap(s, 37)
	all := w.Rows(0, w.Len())
	if len(all) != w.Len() {
		t.Fatalf("Rows(0, Len) gave %d rows, Len is %d", len(all), w.Len())
	}
	for _, off := range []int{0, 1, 17, w.Len() - 3} {
		win := w.Rows(off, 5)
		for i, r := range win {
			if r != all[off+i] {
				t.Errorf("window at %d row %d = %q, full render has %q", off, i, r, all[off+i])
			}
		}
	}
	if got := w.Rows(w.Len(), 5); got != nil {
		t.Errorf("window past the end: %q", got)
	}
	if got := w.Rows(-3, 1); len(got) != 1 || got[0] != all[0] {
		t.Errorf("negative offset: %q", got)
	}
	if got := w.Rows(w.Len()-1, int(^uint(0)>>1)); len(got) != 1 {
		t.Errorf("huge n: %d rows, want 1", len(got))
	}
}

func TestHostileLongLine(t *testing.T) {
	for _, h := range loadHostile(t) {
		if h.name != "one-mib-single-line" {
			continue
		}
		const width = 80
		w := Wrap(h.data, width)
		rows := w.Rows(0, w.Len())
		var b strings.Builder
		for i, r := range rows {
			if rw := ansi.StringWidth(r); rw > width {
				t.Fatalf("row %d is %d wide", i, rw)
			}
			if i > 0 {
				r = strings.TrimPrefix(r, WrapMarker)
			}
			b.WriteString(r)
		}
		if b.String() != h.data {
			t.Errorf("rows without markers do not add up to the body (%d vs %d bytes)", b.Len(), len(h.data))
		}
		if c := Cut(h.data, width); ansi.StringWidth(c) != width || !strings.HasSuffix(c, CutMarker) {
			t.Errorf("Cut = %q", c)
		}
		return
	}
	t.Fatal("one-mib-single-line entry not found in the hostile corpus")
}
