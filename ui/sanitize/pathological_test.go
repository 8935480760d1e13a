package sanitize

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Bodies that once made segmentation quadratic: each is one huge grapheme
// cluster. At 256 KiB a quadratic renderer takes minutes, so these tests
// fail by timeout if the bound on segmentation is lost.
var pathological = map[string]string{
	"combining marks": "a" + strings.Repeat("\u0301", 128<<10),
	"joined emoji":    strings.Repeat("👩\u200d", 36<<10) + "👩",
	"hangul jamo":     strings.Repeat("\u1100", 85<<10),
	"regional flags":  strings.Repeat("🇯", 64<<10),
}

func TestPathologicalClusters(t *testing.T) {
	for name, s := range pathological {
		t.Run(name, func(t *testing.T) {
			text := Text(s)
			assertSafe(t, "Text", text, true)
			w := Wrap(s, 40)
			for i, r := range w.Rows(0, w.Len()) {
				rw := ansi.StringWidth(r)
				if rw > 40 {
					t.Fatalf("row %d is %d wide", i, rw)
				}
				if mw := measured(r); mw != rw {
					t.Fatalf("row %d: units measure %d, ansi.StringWidth %d: %q", i, mw, rw, r)
				}
			}
			if c := Cut(s, 30); ansi.StringWidth(c) > 30 {
				t.Errorf("Cut is %d wide", ansi.StringWidth(c))
			}
		})
	}
}

func TestMarksBeyondCapAreEscapedOneByOne(t *testing.T) {
	got := Cut("a"+strings.Repeat("\u0301", 1000), 30)
	want := "a" + strings.Repeat("\u0301", maxMarks) + "⟨U+0301⟩⟨U+0301⟩⟨U+0301⟩…"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func BenchmarkWrapCombining1MiB(b *testing.B) {
	s := "a" + strings.Repeat("\u0301", 512<<10)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Wrap(s, 118)
	}
}
