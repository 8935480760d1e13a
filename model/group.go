package model

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
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
// by value, as compareValues orders them), so a pattern in a DLQ shows at
// a glance.
func GroupBy(msgs []Message, key func(Message) string) []Group {
	counts := map[string]int{}
	for _, m := range msgs {
		counts[key(m)]++
	}
	out := make([]Group, 0, len(counts))
	for v, n := range counts {
		out = append(out, Group{Value: v, Count: n})
	}
	slices.SortFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), compareValues(a.Value, b.Value))
	})
	return out
}

// compareValues orders values as a person reads them: numbers by value
// (HTTP statuses, attempt counts and amounts arrive as JSON numbers,
// Number attributes or digits in a string, and as text 10 would come
// before 2), before any other text; other text in natural order, each run
// of digits by its value ("retry-2" before "retry-10"). Values equal by
// these rules ("1.0" and "1", "07" and "7") fall back to their bytes, so
// the order is total and a listing never shuffles between frames.
func compareValues(a, b string) int {
	fa, na := number(a)
	fb, nb := number(b)
	switch {
	case na && nb:
		return cmp.Or(cmp.Compare(fa, fb), strings.Compare(a, b))
	case na:
		return -1
	case nb:
		return 1
	}
	return cmp.Or(natural(a, b), strings.Compare(a, b))
}

// number reads a decimal number: digits, a sign, a point, an exponent.
// "NaN", "Inf" and hex floats, which strconv also reads, are words here;
// so is a number too big for a float64.
func number(s string) (float64, bool) {
	if s == "" || strings.Trim(s, "0123456789+-.eE") != "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// natural compares a and b byte by byte, except that where both have a
// run of digits the runs compare by value (leading zeros aside). A run of
// digits against any other byte compares as its first digit does, which
// keeps the order transitive.
func natural(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da == 0 || db == 0 {
			if a[0] != b[0] {
				return cmp.Compare(a[0], b[0])
			}
			a, b = a[1:], b[1:]
			continue
		}
		x, y := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
		if c := cmp.Or(cmp.Compare(len(x), len(y)), strings.Compare(x, y)); c != 0 {
			return c
		}
		a, b = a[da:], b[db:]
	}
	return cmp.Compare(len(a), len(b))
}

// digitRun is the length of the ASCII digits s starts with.
func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
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
