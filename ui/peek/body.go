package peek

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// body is the selected message: a short summary, the body, then its
// message and system attributes, scrolled as one. The body is wrapped once
// per message, width or mode, and each frame renders only the rows on
// screen, so a 1 MiB single-line body scrolls like a short one.
type body struct {
	c             *common.Common
	width, height int

	m  model.Message
	ok bool
	q  model.Queue

	raw    bool // show the body as is, not pretty-printed
	decode bool // decode a base64 or gzip+base64 body
	base64 bool // Binary attributes as base64 rather than hex

	shown string   // the body as displayed: decoded or original bytes
	kind  string   // "JSON", "text" or "raw", for the body's header
	note  string   // why the body is not shown as expected, or decoded
	head  []string // summary rows, then a slot for the body's header
	text  *sanitize.Wrapped
	json  bool // text came from PrettyJSON: highlight it
	tail  []string
	off   int
}

func newBody(c *common.Common) body { return body{c: c} }

func (b *body) SetSize(w, h int) {
	changed := w != b.width
	b.width, b.height = w, h
	if changed {
		b.build()
	}
	b.clamp()
}

// SetMessage shows m (ok false: nothing). The scroll resets for another
// message; the display modes stay, as a reader expects when stepping
// through similar messages.
func (b *body) SetMessage(m model.Message, ok bool, q model.Queue) {
	if !ok || m.ID != b.m.ID {
		b.off = 0
	}
	b.m, b.ok, b.q = m, ok, q
	b.build()
}

func (b *body) ToggleRaw()    { b.raw = !b.raw; b.build() }
func (b *body) ToggleDecode() { b.decode = !b.decode; b.build() }
func (b *body) ToggleBinary() { b.base64 = !b.base64; b.build() }

// Shown is the body as displayed, decoded when decoding is on and worked:
// what y copies and o opens.
func (b *body) Shown() string { return b.shown }

// build prepares everything View needs for the current message and modes.
func (b *body) build() {
	b.head, b.tail, b.text, b.json, b.shown = nil, nil, nil, false, ""
	if !b.ok || b.width <= 0 {
		b.clamp()
		return
	}
	body, note := b.m.Body, ""
	if b.decode {
		body, note = decodeBody(body)
	}
	b.shown = body
	kind := "text"
	if !b.raw {
		lines, ok, jnote := sanitize.PrettyJSON(body)
		switch {
		case ok:
			b.text, b.json, kind = sanitize.WrapJSON(lines, b.width), true, "JSON"
		case jnote != "":
			note = joinNote(jnote, note) // about this body first: the decode note is a mode's
		}
	} else {
		kind = "raw"
	}
	if b.text == nil {
		b.text = sanitize.Wrap(body, b.width)
	}
	b.head = summaryLines(b.m, b.q, &b.c.Styles, b.width)
	b.kind, b.note = kind, note
	b.head = append(b.head, "") // the body's header, rendered with the focus
	b.tail = attributeLines(b.m, &b.c.Styles, b.width, b.base64)
	b.clamp()
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// decodeBody tries gzip+base64, then plain base64.
func decodeBody(body string) (string, string) {
	if out, ok := sanitize.DecodeGzipBase64(body); ok {
		return string(out), "decoded from gzip+base64"
	}
	if out, ok := sanitize.DecodeBase64(body); ok {
		return string(out), "decoded from base64"
	}
	return body, "not base64"
}

func (b *body) total() int {
	n := len(b.head) + len(b.tail)
	if b.text != nil {
		n += b.text.Len()
	}
	return n
}

func (b *body) clamp() {
	b.off = min(max(b.off, 0), max(b.total()-b.height, 0))
}

// Scroll handles a scrolling key; it reports whether k was one.
func (b *body) Scroll(k tea.KeyPressMsg, nav keymap.Nav) bool {
	step, ok := common.NavStep(k, nav, max(b.height-1, 1))
	if ok {
		b.off += step
		b.clamp()
	}
	return ok
}

// View renders the rows on screen: head, body and tail rows in the window
// [off, off+height), rendering body rows only inside it.
func (b *body) View(focused bool) []string {
	if !b.ok || b.text == nil {
		return []string{b.c.Styles.Muted.Render("  no message selected")}
	}
	out := make([]string, 0, b.height)
	i := b.off
	for ; i < len(b.head) && len(out) < b.height; i++ {
		if i == len(b.head)-1 {
			out = append(out, bodyHeader(&b.c.Styles, focused, b.kind, len(b.shown), b.note))
			continue
		}
		out = append(out, b.head[i])
	}
	n := b.text.Len()
	if start := i - len(b.head); start < n && len(out) < b.height {
		rows := b.bodyRows(start, b.height-len(out))
		out = append(out, rows...)
		i += len(rows)
	}
	for j := i - len(b.head) - n; j >= 0 && j < len(b.tail) && len(out) < b.height; j++ {
		out = append(out, b.tail[j])
	}
	return out
}

// bodyRows renders n body rows from start, JSON highlighted when it is.
func (b *body) bodyRows(start, n int) []string {
	if !b.json {
		return b.text.Rows(start, n)
	}
	st := &b.c.Styles
	return b.text.JSONRows(start, n, func(k sanitize.JSONKind, piece string) string {
		switch k {
		case sanitize.JSONKey:
			return st.JSONKey.Render(piece)
		case sanitize.JSONString:
			return st.JSONString.Render(piece)
		case sanitize.JSONNumber:
			return st.JSONNumber.Render(piece)
		case sanitize.JSONLiteral:
			return st.JSONLiteral.Render(piece)
		}
		return piece
	})
}
