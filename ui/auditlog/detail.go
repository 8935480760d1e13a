package auditlog

import (
	"maps"
	"slices"
	"strings"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// detailLines are the entry under the cursor in full: every field it
// has, its message ids, and the messages it kept. Everything in an entry
// came from outside (queue names, SQS's errors, message bodies), so every
// byte passes through the sanitizer, as in the peek pane.
//
// A kept body can be 1 MiB: the lines are built once per entry and width,
// not per frame.
func (v *viewer) detailLines() []string {
	if v.cursor >= len(v.entries) {
		return nil
	}
	if v.cache.ok && v.cache.entry == v.cursor && v.cache.width == v.width {
		return v.cache.lines
	}
	lines := v.buildDetail()
	v.cache = detailCache{ok: true, entry: v.cursor, width: v.width, lines: lines}
	return lines
}

// detailCache is the rendered entry, for one entry and width.
type detailCache struct {
	ok           bool
	entry, width int
	lines        []string
}

func (v *viewer) buildDetail() []string {
	e := v.entries[v.cursor]
	st := &v.c.Styles
	w := max(v.width, 10)
	// Labels as wide as the widest detail name (old.VisibilityTimeout),
	// within reason.
	labelW := 10
	for k := range e.Details {
		labelW = max(labelW, min(common.Width(common.OneLine(k))+1, 28))
	}
	var lines []string
	field := func(name, value string) {
		if value == "" {
			return
		}
		label := st.Label.Render(common.PadRight(common.OneLine(name), labelW))
		for i, row := range common.Wrap(common.OneLine(value), max(w-labelW, 1)) {
			if i > 0 {
				label = strings.Repeat(" ", labelW)
			}
			lines = append(lines, label+row)
		}
	}
	field("time", v.when(e)+" ("+e.Time.UTC().Format("15:04:05")+" UTC)")
	field("op", e.Op)
	field("queue", e.Queue)
	field("outcome", e.Outcome)
	if e.Count > 0 {
		field("count", common.Commas(int64(e.Count)))
	}
	field("error", e.Error)
	field("endpoint", e.Endpoint)
	field("region", e.Region)
	field("profile", e.Profile)
	field("account", e.Account)
	field("user", e.User)
	for _, k := range slices.Sorted(maps.Keys(e.Details)) {
		field(k, e.Details[k])
	}
	if len(e.MessageIDs) > 0 {
		lines = append(lines, "", st.HelpGroup.Render(common.Plural(len(e.MessageIDs), "message id")))
		for _, id := range e.MessageIDs {
			lines = append(lines, "  "+sanitize.Cut(id, w-2))
		}
	}
	switch {
	case len(e.Messages) > 0 && v.c.Confined:
		// The log is the server's, shared by every key: the content
		// another user deleted is not shown to a session's key.
		lines = append(lines, "", st.HelpGroup.Render(common.Plural(len(e.Messages), "message")+
			" kept in full in the server's audit log (not shown in a served session)"))
	case len(e.Messages) > 0:
		lines = append(lines, "", st.HelpGroup.Render(common.Plural(len(e.Messages), "message")+
			" kept in full (the export format: send from file puts them back)"))
		for _, r := range e.Messages {
			lines = append(lines, recordLines(r, w, st.Label.Render, st.Muted.Render)...)
		}
	}
	return lines
}

// recordLines are one kept message: its id, attributes and body, the
// body sanitized and wrapped like the peek pane's raw view.
func recordLines(r model.Record, w int, label, muted func(...string) string) []string {
	lines := []string{"", label("id ") + sanitize.Cut(r.MessageID, w-3)}
	for _, k := range slices.Sorted(maps.Keys(r.MessageAttributes)) {
		a := r.MessageAttributes[k]
		val := a.StringValue
		if len(a.BinaryValue) > 0 {
			val = sanitize.Base64(a.BinaryValue) + " (base64)"
		}
		lines = append(lines, muted("  "+sanitize.Cut(k, 30)+" ("+sanitize.Cut(a.DataType, 20)+") ")+
			sanitize.Cut(val, max(w-40, 10)))
	}
	body := r.Body
	if len(r.BodyBase64) > 0 {
		body = string(r.BodyBase64) // the exact bytes; the sanitizer shows what is not UTF-8
	}
	if body == "" {
		return append(lines, muted("  (empty body)"))
	}
	for _, row := range sanitize.Lines(body, max(w-2, 1)) {
		lines = append(lines, "  "+row)
	}
	return lines
}
