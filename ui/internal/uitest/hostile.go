package uitest

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sqscope/sqscope/model"
)

// hostilePath is the project's corpus of hostile messages, found from
// this file so that tests in any package read the same one.
func hostilePath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "../../../testdata/hostile-messages.json")
}

// HostileMessages loads the corpus as messages: every body (and every
// encoded body, which d decodes) as a message, a message carrying the
// Binary attributes and hostile text in every other field that reaches
// the screen, and one message per raw field value (attribute names and
// values, group and deduplication ids). It fails the test when the file is
// missing: skipping would hide that nothing was checked.
func HostileMessages(t testing.TB) []model.Message {
	t.Helper()
	data, err := os.ReadFile(hostilePath())
	if err != nil {
		t.Fatalf("hostile corpus missing (%v): it must be at %s", err, hostilePath())
	}
	var f struct {
		Bodies  []struct{ Name, Body string }
		Encoded []struct{ Name, Body string } `json:"encoded_bodies"`
		Binary  []struct {
			Name, Attr, Type string
			ValueB64         string `json:"value_b64"`
		} `json:"binary_attributes"`
		Fields []struct {
			Name, Field string
			ValueB64    string `json:"value_b64"`
		}
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Bodies) == 0 || len(f.Binary) == 0 {
		t.Fatalf("hostile corpus has %d bodies and %d binary attributes", len(f.Bodies), len(f.Binary))
	}
	var msgs []model.Message
	evil := "\x1b[2J\x9b31m\u202e\r\x07\x00\x7f"
	attrs := map[string]model.MessageAttribute{"note" + evil: {DataType: "String.x" + evil, StringValue: "v" + evil}}
	for _, b := range append(f.Bodies, f.Encoded...) {
		m := Message(len(msgs), b.Body, 1)
		m.Attributes = map[string]model.MessageAttribute{b.Name: {DataType: "String", StringValue: b.Body}}
		msgs = append(msgs, m)
	}
	for _, fl := range f.Fields {
		raw, err := base64.StdEncoding.DecodeString(fl.ValueB64)
		if err != nil {
			t.Fatalf("%s: %v", fl.Name, err)
		}
		v := string(raw)
		m := Message(len(msgs), "field "+fl.Name, 1)
		switch fl.Field {
		case "attribute_name":
			m.Attributes = map[string]model.MessageAttribute{v: {DataType: "String", StringValue: "x"}}
		case "string_attribute_value":
			m.Attributes = map[string]model.MessageAttribute{"value": {DataType: "String", StringValue: v}}
		case "message_group_id":
			m.GroupID, m.System["MessageGroupId"] = v, v
		case "message_deduplication_id":
			m.DedupID, m.System["MessageDeduplicationId"] = v, v
		default:
			t.Fatalf("%s: unknown field %q", fl.Name, fl.Field)
		}
		msgs = append(msgs, m)
	}
	for _, b := range f.Binary {
		v, err := base64.StdEncoding.DecodeString(b.ValueB64)
		if err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		attrs[b.Attr] = model.MessageAttribute{DataType: b.Type, BinaryValue: v}
	}
	m := Message(len(msgs), "binary attributes"+evil, 1)
	m.ID += evil
	m.Attributes = attrs
	m.GroupID, m.DedupID, m.SequenceNumber = "g"+evil, "d"+evil, "s"+evil
	m.System["SenderId"] = "AIDA" + evil
	m.System["Custom"+evil] = evil
	return append(msgs, m)
}

// AssertSafe fails when frame holds any byte a terminal acts on: a C0
// control other than '\n', DEL, ESC, a C1 control, or invalid UTF-8. The
// frame must come from styles without attributes, so that ESC cannot be
// ours.
func AssertSafe(t *testing.T, what, frame string) {
	t.Helper()
	if !utf8.ValidString(frame) {
		t.Errorf("%s: invalid UTF-8 in the frame", what)
	}
	for i, r := range frame {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			line := strings.Count(frame[:i], "\n")
			t.Errorf("%s: control %U on row %d: %q", what, r, line, strings.Split(frame, "\n")[line])
			return
		}
	}
}
