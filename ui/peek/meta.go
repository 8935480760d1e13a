package peek

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// Binary attribute values are shown up to these many bytes; export has
// them all.
const (
	hexShown    = 256
	base64Shown = 1024
	hexOffsetW  = 10 // "00000000  " before each sanitize.Hex row
)

// summaryLines are the rows above the body: id, when sent, how often
// received against the queue's limit, and FIFO ordering fields.
func summaryLines(m model.Message, q model.Queue, st *common.Styles, w int) []string {
	label := func(s string) string { return st.Label.Render(s) }
	lines := []string{label("id ") + sanitize.Cut(m.ID, max(w-3, 0))}
	parts := []string{}
	if !m.SentAt.IsZero() {
		parts = append(parts, label("sent ")+stamp(m.SentAt))
	}
	recv := label("received ") + strconv.Itoa(m.ReceiveCount) + "×"
	if n := maxReceives(q); n > 0 {
		recv += fmt.Sprintf(" of %d", n)
	}
	parts = append(parts, recv, label("size ")+size(m.Size()))
	lines = append(lines, strings.Join(parts, st.Muted.Render(" · ")))
	if m.GroupID != "" || m.SequenceNumber != "" {
		lines = append(lines, label("group ")+sanitize.Cut(m.GroupID, 128)+st.Muted.Render(" · ")+
			label("seq ")+sanitize.Cut(m.SequenceNumber, 40))
	}
	if m.DedupID != "" {
		// Up to 128 characters, as SQS allows: on a line of its own, so
		// that a hash-sized id is read whole.
		lines = append(lines, label("dedup ")+sanitize.Cut(m.DedupID, max(w-6, 1)))
	}
	if m.AtRisk(maxReceives(q)) {
		lines = append(lines, st.RowErr.Render("! at its receive limit: the next receive (a peek too) moves it to the DLQ"))
	}
	return lines
}

// stamp is a timestamp in UTC to the millisecond.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000 UTC") }

// bodyHeader titles the body: how it is shown, its size, and any note
// (decoded, or JSON that fell back to raw text).
func bodyHeader(st *common.Styles, focused bool, kind string, n int, note string) string {
	title := st.PaneTitle
	if focused {
		title = st.PaneTitleFocused
	}
	s := title.Render("Body") + st.Muted.Render(" · "+kind+" · "+common.Plural(n, "byte"))
	if note != "" {
		s += st.Note.Render(" · " + note)
	}
	return s
}

// systemOrder is the order of the system attributes SQS documents; any
// other (e.g. AWSTraceHeader) follows, sorted.
var systemOrder = []string{
	"SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp",
	"SenderId", "DeadLetterQueueSourceArn",
	"MessageGroupId", "MessageDeduplicationId", "SequenceNumber",
}

// attributeLines are the rows below the body: message attributes (Binary
// ones as hex or base64) and every system attribute.
func attributeLines(m model.Message, st *common.Styles, w int, b64 bool) []string {
	lines := []string{""}
	if len(m.Attributes) > 0 {
		form := "hex"
		if b64 {
			form = "base64"
		}
		lines = append(lines, st.HelpGroup.Render(fmt.Sprintf("Message attributes (%d)", len(m.Attributes)))+
			st.Muted.Render(" · binary as "+form))
		names := slices.Sorted(maps.Keys(m.Attributes))
		nw := 0
		for _, n := range names {
			nw = max(nw, min(common.Width(sanitize.Line(n)), 30))
		}
		for _, n := range names {
			a := m.Attributes[n]
			lead := "  " + st.Label.Render(common.PadRight(sanitize.Cut(n, 30), nw)) + "  " +
				common.PadRight(sanitize.Cut(a.DataType, 16), 7) + "  "
			if !a.IsBinary() {
				lines = append(lines, valueRows(lead, a.StringValue, w, st)...)
				continue
			}
			lines = append(lines, lead+st.Muted.Render(common.Plural(len(a.BinaryValue), "byte")))
			lines = append(lines, binaryLines(a.BinaryValue, b64, w-4, st)...)
		}
		lines = append(lines, "")
	}
	lines = append(lines, st.HelpGroup.Render("System attributes"))
	known := map[string]bool{}
	for _, k := range systemOrder {
		known[k] = true
	}
	var others []string
	for k := range m.System {
		if !known[k] {
			others = append(others, k)
		}
	}
	slices.Sort(others)
	for _, k := range append(slices.Clone(systemOrder), others...) {
		v, ok := m.System[k]
		if !ok {
			continue
		}
		lead := "  " + st.Label.Render(common.PadRight(sanitize.Cut(k, 32), 32)) + "  "
		if strings.HasSuffix(k, "Timestamp") {
			if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
				// The date first: a narrow pane cuts the end.
				lines = append(lines, lead+stamp(time.UnixMilli(ms))+st.Muted.Render("  "+sanitize.Cut(v, 20)))
				continue
			}
		}
		lines = append(lines, valueRows(lead, v, w, st)...)
	}
	return lines
}

// maxValueRows bounds one attribute value on screen; export has it all.
const maxValueRows = 8

// valueRows lays a value out after lead, wrapped to the pane's width w
// (an ARN or an error text is read to its end, not cut), continuation
// rows indented under the value, at most maxValueRows of them.
func valueRows(lead, v string, w int, st *common.Styles) []string {
	leadW := common.Width(lead)
	wr := sanitize.Wrap(v, max(w-leadW, sanitize.MinWidth))
	n := min(wr.Len(), maxValueRows)
	rows := wr.Rows(0, n)
	if len(rows) == 0 {
		return []string{lead}
	}
	pad := strings.Repeat(" ", leadW)
	out := make([]string, 0, n+1)
	for i, r := range rows {
		if i == 0 {
			out = append(out, lead+r)
		} else {
			out = append(out, pad+r)
		}
	}
	if more := wr.Len() - n; more > 0 {
		out = append(out, pad+st.Muted.Render(fmt.Sprintf("… %s more (e exports all)", common.Plural(more, "row"))))
	}
	return out
}

// binaryLines renders the start of a Binary value, indented.
func binaryLines(v []byte, b64 bool, w int, st *common.Styles) []string {
	limit := hexShown
	if b64 {
		limit = base64Shown
	}
	var rows []string
	if b64 {
		rows = sanitize.Lines(sanitize.Base64(v[:min(len(v), limit)]), max(w, sanitize.MinWidth))
	} else {
		rows = strings.Split(sanitize.Hex(v[:min(len(v), limit)]), "\n")
	}
	ind := "    "
	if w < 78 {
		ind = "  " // a hex row is 78 cells: it still fits 80 columns
	}
	if !b64 && len(rows) > 0 && len(ind)+len(rows[0]) > w+4 { // hex is ASCII: bytes are cells
		// Beside the DLQ pane a full row does not fit: the offsets go, so
		// the bytes and their printable column do (at most 256 are shown).
		for i, r := range rows {
			rows[i] = r[hexOffsetW:]
		}
	}
	for i := range rows {
		rows[i] = ind + rows[i]
	}
	if len(v) > limit {
		rows = append(rows, st.Muted.Render(fmt.Sprintf(ind+"… %s more (e exports all)", common.Plural(len(v)-limit, "byte"))))
	}
	return rows
}
