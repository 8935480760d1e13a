package model

import (
	"sort"
	"strings"
)

// FieldInfo is a field messages can be grouped by, with what a person
// choosing among them wants to know: how many messages carry it and how
// many different values it takes there.
type FieldInfo struct {
	Field
	Messages int // messages that carry the field
	Values   int // distinct values among them
}

// GroupFields lists the fields msgs can be grouped by: every attribute,
// top-level JSON key and scalar key one level down seen, the likeliest to
// show why messages failed first: fields named like an error or a reason,
// then fields that split the messages into a few groups, then constant
// ones, and last fields unique per message (an id shows no pattern) and
// objects or arrays. Ties go to the field more messages carry, then
// attributes before body keys.
//
// An object is not offered when its scalar keys are: grouped as a whole,
// {"type":"DuplicateOrder",…} rows look alike and differ somewhere off
// screen, while body.error.type says what differs.
func GroupFields(msgs []Message) []FieldInfo {
	type stat struct {
		n         int
		values    map[string]bool
		composite bool // an object or array in some message
		scalar    bool // anything else in some message
	}
	stats := map[Field]*stat{}
	see := func(f Field, v string) *stat {
		s := stats[f]
		if s == nil {
			s = &stat{values: map[string]bool{}}
			stats[f] = s
		}
		s.n++
		s.values[v] = true
		return s
	}
	hasSub := map[string]bool{} // top-level keys with a scalar key offered
	for _, m := range msgs {
		for name := range m.Attributes {
			v, _ := FieldValue(m, Field{Kind: FieldAttr, Name: name})
			see(Field{Kind: FieldAttr, Name: name}, v).scalar = true
		}
		// The body is parsed once per message, not once per key: a DLQ
		// breakdown reads a few hundred bodies of a dozen keys each.
		for name, raw := range topLevel(m.Body) {
			s := see(Field{Kind: FieldJSON, Name: name}, jsonValue(raw))
			if composite(raw) {
				s.composite = true
			} else {
				s.scalar = true
			}
			for sub, v := range object(raw) {
				if !composite(v) {
					see(Field{Kind: FieldJSON, Name: name, Sub: sub}, jsonValue(v))
					hasSub[name] = true
				}
			}
		}
	}
	out := make([]FieldInfo, 0, len(stats))
	for f, s := range stats {
		// A field that is sometimes a plain value stays: those messages
		// would show only as (none) under its keys.
		if f.Kind == FieldJSON && f.Sub == "" && !s.scalar && hasSub[f.Name] {
			continue
		}
		out = append(out, FieldInfo{Field: f, Messages: s.n, Values: len(s.values)})
	}
	rank := func(f FieldInfo) int {
		switch {
		case stats[f.Field].composite:
			return 4 // an array, or an object without scalar keys: unreadable labels
		case f.Values == f.Messages && f.Messages > 1:
			return 3 // unique per message, like an id: no pattern
		case errorish(f.Name) || errorish(f.Sub):
			return 0
		case f.Values == 1 && f.Messages > 1:
			return 2 // the same everywhere: true, but says little
		}
		return 1
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Messages != b.Messages {
			return a.Messages > b.Messages
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
