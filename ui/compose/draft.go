package compose

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// A draft is one message as a JSON record in the shape export writes
// (model.Record), with the send fields. Lines whose first non-blank
// character is # are notes to the writer: they are blanked, not removed,
// before the JSON is read, so a line and column in an error are the
// file's own. No JSON line can start with #.

// shapeNote heads a new draft: what attributes look like, which a
// writer needs and nothing else on screen shows.
const shapeNote = `# Lines starting with # are ignored. Attributes look like
#   "name": {"DataType": "String", "StringValue": "v"}
#   "blob": {"DataType": "Binary", "BinaryValue": "<base64>"}`

// sendTemplate is a fresh draft for q: FIFO asks for a group id and,
// unless the queue deduplicates by content, carries a dedup id unique to
// this moment; a FIFO queue takes no per-message delay.
func sendTemplate(q model.Queue, now time.Time) string {
	rules := model.RulesOf(q)
	lines := []string{shapeNote, "{", `  "Body": "",`, `  "MessageAttributes": {},`}
	switch {
	case !rules.FIFO:
		lines = append(lines, `  "DelaySeconds": 0`)
	case rules.ContentDedup:
		lines = append(lines, `  "MessageGroupId": ""`)
	default:
		lines = append(lines, `  "MessageGroupId": "",`,
			`  "MessageDeduplicationId": "sqscope-`+now.UTC().Format("20060102T150405.000000")+`"`)
	}
	return strings.Join(append(lines, "}"), "\n") + "\n"
}

// sendFields is a draft's JSON: a Record without what only a received
// message has (its id, MD5, system attributes, queue).
type sendFields struct {
	Body                   string                           `json:"Body"`
	BodyBase64             []byte                           `json:"BodyBase64,omitempty"`
	MessageAttributes      map[string]model.RecordAttribute `json:"MessageAttributes,omitempty"`
	MessageGroupID         string                           `json:"MessageGroupId,omitempty"`
	MessageDeduplicationID string                           `json:"MessageDeduplicationId,omitempty"`
}

// resendText is the draft of m read from q, ready to edit: its body and
// attributes; on a FIFO queue its group id moved to the send field and a
// dedup id derived from its MessageId, so the copy is not taken for the
// original inside SQS's 5-minute window and a retried send stays
// idempotent.
func resendText(m model.Message, q model.Queue) string {
	r := model.RecordOf(m, q.URL)
	f := sendFields{Body: r.Body, BodyBase64: r.BodyBase64, MessageAttributes: r.MessageAttributes}
	if q.IsFIFO() {
		f.MessageGroupID = m.GroupID
		if f.MessageGroupID == "" {
			f.MessageGroupID = m.System["MessageGroupId"]
		}
		f.MessageDeduplicationID = "resend-" + m.ID
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(f) // a struct of strings, bytes and maps cannot fail
	return shapeNote + "\n" + escapeUnsafe(b.String())
}

// escapeUnsafe writes every character a terminal acts on or shows
// deceptively (C1 controls, DEL, bidi overrides, zero-width and other
// format characters) as a JSON \u escape: the same string once read, but
// harmless on screen and in any editor. encoding/json already escapes the
// C0 controls, and outside strings JSON is ASCII.
func escapeUnsafe(s string) string {
	unsafe := func(r rune) bool {
		return r == 0x7f || (r >= 0x80 && r <= 0x9f) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
	}
	if strings.IndexFunc(s, unsafe) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafe(r):
			b.WriteRune(r)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// bodyAt is where the writer starts typing in text: inside the Body's
// string, or the top when it has none.
func bodyAt(text string) (line, col int) {
	line, col = valueAt(blankNotes(text), "Body")
	if line == 0 {
		return 1, 1
	}
	return line, col
}

// valueAt is where the value of the first key name starts in src: inside
// its quotes when it is a string; 0, 0 when src has no such key.
func valueAt(src, name string) (line, col int) {
	line, col = keyPosition(src, name)
	if line == 0 {
		return 0, 0
	}
	rest := strings.Split(src, "\n")[line-1][col-1:]
	after := rest[len(name)+2:] // past the key's quotes
	after = strings.TrimLeft(after, " \t")
	after = strings.TrimLeft(strings.TrimPrefix(after, ":"), " \t")
	col += len(rest) - len(after)
	if strings.HasPrefix(after, `"`) {
		col++
	}
	return line, col
}

// draftError is why a draft cannot be sent, and where: Line and Col are
// 1-based, 0 when the reason has no place (the message's size).
type draftError struct {
	Line, Col int
	Msg       string
	// cursorOnly: Col is where the cursor goes (a field's value), not a
	// column the reason names.
	cursorOnly bool
}

func (e *draftError) Error() string { return e.at(0) }

// at is the reason with its place, lines shifted by shift (the lines a
// file gets above the draft).
func (e *draftError) at(shift int) string {
	switch {
	case e.Line > 0 && e.Col > 0 && !e.cursorOnly:
		return fmt.Sprintf("line %d, column %d: %s", e.Line+shift, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line+shift, e.Msg)
	}
	return e.Msg
}

// errEmpty says a draft holds nothing but notes: the writer emptied it.
var errEmpty = errors.New("the draft is empty")

// fieldsNote names what a draft takes, for an unknown field.
const fieldsNote = "a message takes Body, MessageAttributes, DelaySeconds, MessageGroupId, MessageDeduplicationId; " +
	"an attribute DataType, StringValue, BinaryValue"

// parseDraft reads a draft strictly: a syntax error says where, and an
// unknown field is refused by name, so that a typo ("Bdy") is never sent
// as an empty message. It does not check what SQS checks: see check.
func parseDraft(text string) (model.Record, error) {
	src := blankNotes(text)
	if strings.TrimSpace(src) == "" {
		return model.Record{}, errEmpty
	}
	dec := json.NewDecoder(strings.NewReader(src))
	dec.DisallowUnknownFields()
	var r model.Record
	if err := dec.Decode(&r); err != nil {
		return model.Record{}, decodeError(src, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := position(src, int(dec.InputOffset()))
		return model.Record{}, &draftError{Line: line, Col: col, Msg: "more text after the closing } of the message; a draft is one message"}
	}
	return r, nil
}

// check is parseDraft, then SQS's own checks for a queue with rules; a
// refusal names the field and, when it can be found, its line.
func check(text string, rules model.SendRules) (model.Outgoing, error) {
	r, err := parseDraft(text)
	if err != nil {
		return model.Outgoing{}, err
	}
	o := r.Outgoing()
	if err := o.Validate(rules); err != nil {
		line, col := fieldAt(blankNotes(text), err.Error())
		return model.Outgoing{}, &draftError{Line: line, Col: col, Msg: err.Error(), cursorOnly: true}
	}
	return o, nil
}

// blankNotes empties the note lines, keeping the line count.
func blankNotes(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// decodeError says what encoding/json found, in the draft's words.
func decodeError(src string, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(src, int(syn.Offset)-1) // Offset is just past the bad character
		return &draftError{Line: line, Col: col, Msg: "not JSON: " + syn.Error()}
	case errors.As(err, &typ):
		line, col := position(src, int(typ.Offset))
		return &draftError{Line: line, Col: col, Msg: fmt.Sprintf("%s: a %s is not what this field takes (%s)",
			cmpOr(typ.Field, "the draft"), typ.Value, typ.Type)}
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return &draftError{Line: strings.Count(src, "\n") + 1, Msg: "the draft ends before the closing } of the message"}
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		line, col := keyPosition(src, strings.Trim(name, `"`))
		return &draftError{Line: line, Col: col, Msg: "unknown field " + name + " (" + fieldsNote + ")"}
	}
	if strings.Contains(msg, "base64") {
		return &draftError{Msg: "a BinaryValue or BodyBase64 is not valid base64 (" + common.OneLine(msg) + ")"}
	}
	return &draftError{Msg: common.OneLine(strings.TrimPrefix(msg, "json: "))}
}

func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// position is the 1-based line and column of the byte at index off of src.
func position(src string, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	before := src[:off]
	line = strings.Count(before, "\n") + 1
	return line, off - strings.LastIndexByte(before, '\n')
}

// keyPosition is where "name" first stands as an object key in src.
func keyPosition(src, name string) (line, col int) {
	q := `"` + name + `"`
	for from := 0; ; {
		i := strings.Index(src[from:], q)
		if i < 0 {
			return 0, 0
		}
		i += from
		if rest := strings.TrimLeft(src[i+len(q):], " \t\r\n"); strings.HasPrefix(rest, ":") {
			return position(src, i)
		}
		from = i + len(q)
	}
}

// fieldAt is where the value of the field a Validate sentence starts
// with is ("MessageAttributes.trace: …" is trace's); 0, 0 when the
// sentence names none or the field is not in the draft (it is missing).
func fieldAt(src, sentence string) (line, col int) {
	field, _, ok := strings.Cut(sentence, ":")
	if !ok || strings.ContainsAny(field, " ") {
		return 0, 0
	}
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		field = field[i+1:]
	}
	return valueAt(src, field)
}
