package model

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// MaxGroupJSON is the largest body whose top-level JSON fields are read for
// grouping: bigger bodies would make a breakdown of a few hundred peeked
// messages slow, and a failure reason lives in small envelopes anyway.
const MaxGroupJSON = 64 << 10

// FieldKind says where a grouping field is read from.
type FieldKind int

const (
	// FieldAttr is a user-defined message attribute.
	FieldAttr FieldKind = iota
	// FieldJSON is a top-level key of a JSON object body.
	FieldJSON
)

// Field is something messages can be grouped by.
type Field struct {
	Kind FieldKind
	Name string
	// Sub is a key inside the JSON object at Name ("type" in
	// {"error":{"type":…}}): failure envelopes nest their reason one level
	// down, and the object as a whole is no readable label.
	Sub string
}

// String is how the field is labelled: "error_type", "body.error" or
// "body.error.type".
func (f Field) String() string {
	switch {
	case f.Kind != FieldJSON:
		return f.Name
	case f.Sub != "":
		return "body." + f.Name + "." + f.Sub
	}
	return "body." + f.Name
}

// Group is one value and how many messages have it.
type Group struct {
	Value string
	Count int
}

// NoValue labels the messages a field is missing from.
const NoValue = "(none)"

// GroupBy counts messages by the value key returns, most common first (ties
// by value), so a pattern in a DLQ shows at a glance.
func GroupBy(msgs []Message, key func(Message) string) []Group {
	counts := map[string]int{}
	for _, m := range msgs {
		counts[key(m)]++
	}
	out := make([]Group, 0, len(counts))
	for v, n := range counts {
		out = append(out, Group{Value: v, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

// BySource groups dead-lettered messages by the queue they failed in;
// name turns an ARN into a queue name.
func BySource(msgs []Message, name func(arn string) string) []Group {
	return GroupBy(msgs, func(m Message) string {
		if m.DLQSourceARN == "" {
			return NoValue
		}
		return name(m.DLQSourceARN)
	})
}

// ByField groups messages by one attribute or top-level JSON field.
func ByField(msgs []Message, f Field) []Group {
	return GroupBy(msgs, func(m Message) string {
		v, ok := FieldValue(m, f)
		if !ok {
			return NoValue
		}
		return v
	})
}

// FieldValue reads f from m. A JSON string is returned unquoted; any other
// JSON value as its compact text. Binary attributes group by size only:
// their bytes are not a readable label.
func FieldValue(m Message, f Field) (string, bool) {
	if f.Kind == FieldAttr {
		a, ok := m.Attributes[f.Name]
		if !ok {
			return "", false
		}
		if a.IsBinary() {
			return "(binary)", true
		}
		return a.StringValue, true
	}
	raw, ok := topLevel(m.Body)[f.Name]
	if !ok {
		return "", false
	}
	if f.Sub != "" {
		if raw, ok = object(raw)[f.Sub]; !ok {
			return "", false
		}
	}
	return jsonValue(raw), true
}

// object is a JSON object's fields; nil for any other value.
func object(raw json.RawMessage) map[string]json.RawMessage {
	if !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil
	}
	return obj
}

// composite reports whether raw is a JSON object or array: as a label its
// compact text is unreadable, and nearly every one differs.
func composite(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return bytes.HasPrefix(t, []byte("{")) || bytes.HasPrefix(t, []byte("["))
}

// jsonValue is a top-level field's label: a string unquoted, anything else
// as its compact text.
func jsonValue(raw json.RawMessage) string {
	var s string
	if bytes.HasPrefix(raw, []byte(`"`)) && json.Unmarshal(raw, &s) == nil {
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}

// topLevel is a JSON object body's top-level fields; nil for anything else
// (invalid JSON, an array, a body over MaxGroupJSON).
func topLevel(body string) map[string]json.RawMessage {
	t := strings.TrimSpace(body)
	if len(body) > MaxGroupJSON || !strings.HasPrefix(t, "{") {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(t), &obj) != nil {
		return nil
	}
	return obj
}

// GroupFields lists the fields msgs can be grouped by: every attribute and
// top-level JSON key seen, the likeliest to show why messages failed first:
// fields named like an error or a reason, then fields that split the
// messages into a few groups, then constant ones, and last fields unique
// per message (an id shows no pattern). Ties go to the field more messages
// carry, then attributes before body keys.
func GroupFields(msgs []Message) []Field {
	type stat struct {
		n         int
		values    map[string]bool
		composite bool // an object or array in some message
	}
	stats := map[Field]*stat{}
	see := func(f Field, v string) {
		s := stats[f]
		if s == nil {
			s = &stat{values: map[string]bool{}}
			stats[f] = s
		}
		s.n++
		s.values[v] = true
	}
	for _, m := range msgs {
		for name := range m.Attributes {
			v, _ := FieldValue(m, Field{Kind: FieldAttr, Name: name})
			see(Field{Kind: FieldAttr, Name: name}, v)
		}
		// The body is parsed once per message, not once per key: a DLQ
		// breakdown reads a few hundred bodies of a dozen keys each.
		for name, raw := range topLevel(m.Body) {
			f := Field{Kind: FieldJSON, Name: name}
			see(f, jsonValue(raw))
			if composite(raw) {
				stats[f].composite = true
			}
			for sub, v := range object(raw) {
				if !composite(v) {
					see(Field{Kind: FieldJSON, Name: name, Sub: sub}, jsonValue(v))
				}
			}
		}
	}
	out := make([]Field, 0, len(stats))
	for f := range stats {
		out = append(out, f)
	}
	rank := func(f Field) int {
		s := stats[f]
		switch {
		case s.composite:
			return 4 // its nested fields are offered instead
		case len(s.values) == s.n && s.n > 1:
			return 3 // unique per message, like an id: no pattern
		case errorish(f.Name):
			return 0
		case len(s.values) == 1 && s.n > 1:
			return 2 // the same everywhere: true, but says little
		}
		return 1
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if stats[a].n != stats[b].n {
			return stats[a].n > stats[b].n
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Sub < b.Sub
	})
	return out
}

// errorish reports whether a field name reads like a failure cause.
func errorish(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"error", "reason", "fail", "exception", "code", "status"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
