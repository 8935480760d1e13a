package peek

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// Column widths of the message list. Times are UTC, as in most logs.
const (
	peekIDW   = 8
	peekSentW = 14 // 01-02 15:04:05
	peekRecvW = 5  // 12/10
	peekSizeW = 6  // 1023K
)

// View renders the title, the visible list rows and the selected message.
func (p *Pane) View() string {
	lines := make([]string, 0, p.height)
	lines = append(lines, p.titleLine())
	lines = append(lines, p.c.Styles.ColumnHeader.Render(common.PadRight(p.header(), p.width)))
	end := min(p.offset+p.listRows, len(p.rows))
	for i := p.offset; i < end; i++ {
		lines = append(lines, p.rowView(i))
	}
	if len(p.rows) == 0 {
		lines = append(lines, p.c.Styles.Muted.Render("  "+p.emptyText()))
	}
	for len(lines) < p.listRows+2 {
		lines = append(lines, "")
	}
	lines = append(lines[:p.listRows+2], p.c.Styles.Muted.Render(strings.Repeat("─", p.width)))
	lines = append(lines, p.body.View(p.bodyFocus && p.focused)...)
	return common.Block(lines, p.width, p.height)
}

func (p *Pane) emptyText() string {
	switch {
	case p.loading:
		return "receiving messages…"
	case p.Filter() != "":
		return `no message matches "` + sanitize.Cut(p.Filter(), 40) + `"`
	case len(p.msgs) == 0 && p.redriven:
		return "a move task moved messages out of this queue: the list was cleared; n reads it again"
	case len(p.msgs) == 0 && p.purged:
		return "the queue was purged: the list was cleared; n reads it again"
	case len(p.msgs) == 0 && p.moved > 0 && p.deleted > 0:
		return "every peeked message has moved away or been deleted; n reads the queue again"
	case len(p.msgs) == 0 && p.moved > 0:
		return "every peeked message has moved away; n reads the queue again"
	case len(p.msgs) == 0 && p.deleted > 0:
		return "every peeked message has been deleted; n reads the queue again"
	case len(p.msgs) == 0:
		return "no messages received (the queue may be empty, or every message is in flight); n tries again"
	}
	return ""
}

// titleLine names the queue and says what the session has read and holds.
func (p *Pane) titleLine() string {
	title := p.c.Styles.PaneTitle
	if p.focused && !p.bodyFocus {
		title = p.c.Styles.PaneTitleFocused
	}
	// The name gives way to what the session read and holds.
	left := title.Render("Peek " + common.MiddleCut(common.OneLine(p.q.Name), max(p.width/2, 20)))
	parts := []string{common.Commas(int64(p.read)) + " read"}
	// Holds run out on their own; past that moment the messages are
	// visible whether or not a release reached SQS.
	if p.held > 0 && p.c.Now().Before(p.heldUntil) {
		held := common.Commas(int64(p.held)) + " held"
		if p.q.Type == model.FIFO {
			held += " (their groups wait)"
		}
		parts = append(parts, held)
	}
	lost := p.lost > 0 && p.c.Now().Before(p.lostUntil)
	switch {
	case p.loading:
		parts = append(parts, "loading…")
	case p.exhausted && lost:
		// Not the end of the queue: what the lost receives took is hidden.
		parts = append(parts, "no more handed out")
	case p.exhausted && p.q.Type == model.FIFO:
		parts = append(parts, p.fifoEnd())
	case p.exhausted:
		parts = append(parts, "exhausted")
	}
	if lost {
		parts = append(parts, lostText(p.lost, p.lostUntil))
	}
	if n := len(p.again); n > 0 {
		parts = append(parts, common.Commas(int64(n))+" received again")
	}
	if p.moved > 0 {
		parts = append(parts, common.Commas(int64(p.moved))+" moved away")
	}
	if p.deleted > 0 {
		parts = append(parts, common.Commas(int64(p.deleted))+" deleted")
	}
	if p.redriven {
		parts = append(parts, "redriven: list cleared")
	}
	if p.purged {
		parts = append(parts, "purged: list cleared")
	}
	if n := len(p.selected); n > 0 {
		parts = append(parts, common.Commas(int64(n))+" selected")
	}
	if p.q.Redrive != nil {
		parts = append(parts, fmt.Sprintf("DLQ after %d receives", p.q.Redrive.MaxReceiveCount))
	}
	left += p.c.Styles.Muted.Render(" · " + strings.Join(parts, " · "))
	switch {
	case p.filtering:
		left += "  " + p.input.View(&p.c.Styles)
	case p.Filter() != "":
		left += p.c.Styles.Muted.Render("  filter: ") + sanitize.Cut(p.Filter(), 30)
	}
	if p.Filter() != "" {
		left += p.c.Styles.Muted.Render(fmt.Sprintf(" (%d of %d)", len(p.rows), len(p.msgs)))
	}
	return left
}

func (p *Pane) header() string {
	return "  " + common.PadRight("ID", peekIDW) + " " + common.PadRight("SENT (UTC)", peekSentW) + " " +
		common.PadLeft("RECV", peekRecvW) + " " + common.PadLeft("SIZE", peekSizeW) + "  BODY"
}

// rowView renders row i from sanitized text only; a highlighted row is
// styled as a whole so that nothing inside can end the highlight early.
func (p *Pane) rowView(i int) string {
	m := &p.msgs[p.rows[i]]
	marker := []byte("  ")
	if i == p.cursor {
		marker[0] = '>'
	}
	if p.selected[m.ID] {
		marker[1] = '*'
	}
	sent := ""
	if !m.SentAt.IsZero() {
		sent = m.SentAt.UTC().Format("01-02 15:04:05")
	}
	text := string(marker) + common.PadRight(shortID(m.ID), peekIDW) + " " +
		common.PadRight(sent, peekSentW) + " " + common.PadLeft(receives(m, p.q), peekRecvW) + " " +
		common.PadLeft(size(m.Size()), peekSizeW) + "  "
	text += sanitize.Cut(preview(m.Body), max(p.width-common.Width(text), 0))
	switch {
	case i == p.cursor && p.focused && !p.bodyFocus:
		return p.c.Styles.Selected.Render(common.PadRight(text, p.width))
	case i == p.cursor:
		return p.c.Styles.SelectedDim.Render(text)
	case p.selected[m.ID]:
		return p.c.Styles.Marked.Render(text)
	case m.AtRisk(maxReceives(p.q)):
		return p.c.Styles.RowErr.Render(text)
	}
	return text
}

// receives is the receive count, with the queue's limit when it has one.
func receives(m *model.Message, q model.Queue) string {
	if n := maxReceives(q); n > 0 {
		return fmt.Sprintf("%d/%d", m.ReceiveCount, n)
	}
	return fmt.Sprint(m.ReceiveCount)
}

func maxReceives(q model.Queue) int {
	if q.Redrive == nil {
		return 0
	}
	return q.Redrive.MaxReceiveCount
}

// size is a byte count in at most six cells: 512B, 1.5K, 256K, 1.0M.
func size(n int) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%dB", n)
	case n < 10*1024:
		return fmt.Sprintf("%.1fK", float64(n)/1024)
	case n < 1024*1024:
		return fmt.Sprintf("%dK", n/1024)
	}
	return fmt.Sprintf("%.1fM", float64(n)/(1024*1024))
}

// shortID is the first eight characters of a message id, enough to tell
// UUIDs apart at a glance; an odd id is cut safely instead.
func shortID(id string) string {
	if len(id) > peekIDW && isPrintableASCII(id[:peekIDW]) {
		return id[:peekIDW]
	}
	return sanitize.Cut(id, peekIDW)
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// previewCompactMax bounds the bodies compacted for a row: the row shows
// a few dozen cells, and a frame renders every visible row.
const previewCompactMax = 8 << 10

// preview is a body's row text: a JSON document compacted onto one line
// (pretty-printed JSON's first line is a lone brace), anything else its
// first line, with a marker when more follows.
func preview(body string) string {
	t := strings.TrimLeft(body, " \t\r\n")
	if len(t) <= previewCompactMax && (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")) {
		var b bytes.Buffer
		if json.Compact(&b, []byte(t)) == nil {
			return b.String()
		}
	}
	first, rest, more := strings.Cut(t, "\n")
	first = strings.TrimSuffix(first, "\r")
	if more && strings.TrimSpace(rest) != "" {
		return first + " …"
	}
	return first
}

// fifoEnd is what "nothing more" means on a FIFO queue: SQS hands out no
// later message of a group while an earlier one is in flight, so a peek
// reads the heads of the groups; the queue's counts say how many wait
// behind them. Never "exhausted" while some do.
func (p *Pane) fifoEnd() string {
	groups := map[string]bool{}
	for _, m := range p.msgs {
		groups[m.GroupID] = true
	}
	st := p.cat.Latest(p.q).Stats
	behind := st.Visible + st.InFlight + st.Delayed - int64(len(p.msgs))
	switch {
	case behind <= 0:
		return "exhausted"
	case len(p.msgs) == 0:
		// Every group's head is in flight or delayed: nothing is handed out.
		return fmt.Sprintf("FIFO: about %s wait, none handed out: every group's first message is held or delayed", common.Commas(behind))
	}
	// The number first: at 80 columns the title is cut at the end.
	return fmt.Sprintf("FIFO: about %s more wait behind the first messages of %s",
		common.Commas(behind), common.Plural(len(groups), "group"))
}
