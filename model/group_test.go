package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func gmsg(body string, attrs map[string]string, src string) Message {
	m := Message{Body: body, DLQSourceARN: src, Attributes: map[string]MessageAttribute{}}
	for k, v := range attrs {
		m.Attributes[k] = MessageAttribute{DataType: "String", StringValue: v}
	}
	return m
}

func TestGroupBySortsByCountThenValue(t *testing.T) {
	msgs := []Message{
		gmsg("", map[string]string{"e": "b"}, ""), gmsg("", map[string]string{"e": "a"}, ""),
		gmsg("", map[string]string{"e": "c"}, ""), gmsg("", map[string]string{"e": "c"}, ""),
		gmsg("", nil, ""),
	}
	got := ByField(msgs, Field{Kind: FieldAttr, Name: "e"})
	want := []Group{{"c", 2}, {"(none)", 1}, {"a", 1}, {"b", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if g := ByField(nil, Field{Kind: FieldAttr, Name: "e"}); len(g) != 0 {
		t.Errorf("no messages grouped into %v", g)
	}
}

func TestFieldValue(t *testing.T) {
	bin := gmsg("", nil, "")
	bin.Attributes["sig"] = MessageAttribute{DataType: "Binary", BinaryValue: []byte{0, 1}}
	cases := []struct {
		name string
		m    Message
		f    Field
		want string
		ok   bool
	}{
		{"string attribute", gmsg("", map[string]string{"error_type": "Timeout"}, ""), Field{Kind: FieldAttr, Name: "error_type"}, "Timeout", true},
		{"missing attribute", gmsg("", nil, ""), Field{Kind: FieldAttr, Name: "error_type"}, "", false},
		{"binary attribute", bin, Field{Kind: FieldAttr, Name: "sig"}, "(binary)", true},
		{"json string unquoted", gmsg(`{"error":"card declined"}`, nil, ""), Field{Kind: FieldJSON, Name: "error"}, "card declined", true},
		{"json number", gmsg(`{"code": 42}`, nil, ""), Field{Kind: FieldJSON, Name: "code"}, "42", true},
		{"json object compacted", gmsg(`{"error": { "type" : "x" }}`, nil, ""), Field{Kind: FieldJSON, Name: "error"}, `{"type":"x"}`, true},
		{"json null", gmsg(`{"coupon":null}`, nil, ""), Field{Kind: FieldJSON, Name: "coupon"}, "null", true},
		{"leading space", gmsg("  \n{\"a\":\"b\"}", nil, ""), Field{Kind: FieldJSON, Name: "a"}, "b", true},
		{"nested key is not top level", gmsg(`{"x":{"error":"e"}}`, nil, ""), Field{Kind: FieldJSON, Name: "error"}, "", false},
		{"nested key by Sub", gmsg(`{"x":{"error":"e"}}`, nil, ""), Field{Kind: FieldJSON, Name: "x", Sub: "error"}, "e", true},
		{"Sub of a non-object", gmsg(`{"x":"error"}`, nil, ""), Field{Kind: FieldJSON, Name: "x", Sub: "error"}, "", false},
		{"invalid json ignored", gmsg(`{"error": "e",,}`, nil, ""), Field{Kind: FieldJSON, Name: "error"}, "", false},
		{"array body", gmsg(`[{"error":"e"}]`, nil, ""), Field{Kind: FieldJSON, Name: "error"}, "", false},
		{"text body", gmsg(`error: e`, nil, ""), Field{Kind: FieldJSON, Name: "error"}, "", false},
		{"too big", gmsg(`{"error":"e","pad":"`+strings.Repeat("x", MaxGroupJSON)+`"}`, nil, ""), Field{Kind: FieldJSON, Name: "error"}, "", false},
	}
	for _, c := range cases {
		got, ok := FieldValue(c.m, c.f)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestBySource(t *testing.T) {
	name := func(arn string) string { return NameFromARN(arn) }
	a := "arn:aws:sqs:us-east-1:1:orders"
	b := "arn:aws:sqs:us-east-1:1:billing"
	got := BySource([]Message{gmsg("", nil, a), gmsg("", nil, b), gmsg("", nil, a), gmsg("", nil, "")}, name)
	want := []Group{{"orders", 2}, {"(none)", 1}, {"billing", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestGroupFieldsOrder(t *testing.T) {
	msgs := []Message{
		gmsg(`{"id":"1","kind":"a","error":"x"}`, map[string]string{"error_type": "T", "ct": "json", "trace": "1"}, ""),
		gmsg(`{"id":"2","kind":"a"}`, map[string]string{"error_type": "U", "ct": "json", "trace": "2"}, ""),
		gmsg(`{"id":"3","kind":"b"}`, map[string]string{"error_type": "T", "ct": "json", "trace": "3"}, ""),
		gmsg(`not json`, nil, ""),
	}
	names := fieldNames(GroupFields(msgs))
	// Error-like first (error_type on 3 messages before body.error on 1),
	// then the splitting body.kind, the constant ct, and the fields unique
	// per message last (an attribute before a body key).
	want := []string{"error_type", "body.error", "body.kind", "ct", "trace", "body.id"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("fields %v, want %v", names, want)
	}
	if len(GroupFields(nil)) != 0 {
		t.Error("fields from no messages")
	}
}

// An error envelope nests its reason: the nested scalar keys are offered
// (error-like first), an array only last, and the object itself not at
// all: grouped whole, its rows would all read {"type":"Timeout",…}.
func TestGroupFieldsNested(t *testing.T) {
	msgs := []Message{
		gmsg(`{"error":{"type":"Timeout","at":1},"items":[1]}`, nil, ""),
		gmsg(`{"error":{"type":"Timeout","at":2},"items":[2]}`, nil, ""),
		gmsg(`{"error":{"type":"Declined","at":3},"items":[3]}`, nil, ""),
	}
	want := []string{"body.error.type", "body.error.at", "body.items"}
	if got := fieldNames(GroupFields(msgs)); !reflect.DeepEqual(got, want) {
		t.Errorf("fields %v, want %v", got, want)
	}
	got := ByField(msgs, Field{Kind: FieldJSON, Name: "error", Sub: "type"})
	if len(got) != 2 || got[0] != (Group{Value: "Timeout", Count: 2}) {
		t.Errorf("by body.error.type: %v", got)
	}
}

func fieldNames(fs []FieldInfo) []string {
	names := []string{}
	for _, f := range fs {
		names = append(names, f.String())
	}
	return names
}

// Which objects are offered whole: only where their keys cannot stand in
// for them.
func TestGroupFieldsObjects(t *testing.T) {
	cases := []struct {
		name   string
		bodies []string
		want   []string
	}{
		{"object of scalars: its keys only",
			[]string{`{"customer":{"id":"c1","tier":"gold"}}`, `{"customer":{"id":"c2","tier":"gold"}}`},
			[]string{"body.customer.tier", "body.customer.id"}},
		{"object of objects: no scalar key, so the object",
			[]string{`{"customer":{"address":{"city":"x"}}}`, `{"customer":{"address":{"city":"y"}}}`},
			[]string{"body.customer"}},
		{"a plain value in one message keeps the field",
			[]string{`{"error":{"type":"Timeout"}}`, `{"error":"boom"}`},
			[]string{"body.error.type", "body.error"}},
		{"an empty object has no keys to offer",
			[]string{`{"meta":{}}`, `{"meta":{}}`},
			[]string{"body.meta"}},
	}
	for _, c := range cases {
		var msgs []Message
		for _, b := range c.bodies {
			msgs = append(msgs, gmsg(b, nil, ""))
		}
		if got := fieldNames(GroupFields(msgs)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: fields %v, want %v", c.name, got, c.want)
		}
	}
}

// A picker shows, for each field, how many messages carry it and how many
// values it takes there.
func TestGroupFieldsCounts(t *testing.T) {
	msgs := []Message{
		gmsg(`{"error":{"code":500}}`, map[string]string{"tenant": "a"}, ""),
		gmsg(`{"error":{"code":503}}`, map[string]string{"tenant": "a"}, ""),
		gmsg(`{"error":{"code":500}}`, nil, ""),
		gmsg(`not json`, map[string]string{"tenant": "b"}, ""),
	}
	got := map[string][2]int{}
	for _, f := range GroupFields(msgs) {
		got[f.String()] = [2]int{f.Messages, f.Values}
	}
	want := map[string][2]int{"body.error.code": {3, 2}, "tenant": {3, 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messages, values: %v, want %v", got, want)
	}
}

// Numbers sort by value, not as text (1, 10, 11, 2); among equal counts
// only: the most common value still comes first.
func TestGroupByOrdersNumbersByValue(t *testing.T) {
	var msgs []Message
	for _, v := range []string{"10", "2", "11", "1", "2", "-3", "1.5", "1e1"} {
		msgs = append(msgs, gmsg(fmt.Sprintf(`{"attempt":%s}`, v), nil, ""))
	}
	msgs = append(msgs, gmsg(`{}`, nil, ""))
	got := ByField(msgs, Field{Kind: FieldJSON, Name: "attempt"})
	want := []Group{{"2", 2}, {"-3", 1}, {"1", 1}, {"1.5", 1}, {"10", 1}, {"1e1", 1}, {"11", 1}, {"(none)", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestCompareValues(t *testing.T) {
	cases := []struct {
		name string
		in   []string
		want []string
	}{
		{"integers", []string{"10", "2", "11", "1"}, []string{"1", "2", "10", "11"}},
		{"signs, decimals, exponents", []string{"1.10", "1.5", "-2", "+0.5", "2e-1"}, []string{"-2", "2e-1", "+0.5", "1.10", "1.5"}},
		{"numbers before words", []string{"timeout", "404", "(none)", "500"}, []string{"404", "500", "(none)", "timeout"}},
		{"digits in words by value", []string{"retry-10", "retry-2", "retry-1"}, []string{"retry-1", "retry-2", "retry-10"}},
		{"several runs", []string{"v1.10.0", "v1.9.2", "v1.9.10"}, []string{"v1.9.2", "v1.9.10", "v1.10.0"}},
		{"equal values by their bytes", []string{"7", "07", "7.0"}, []string{"07", "7", "7.0"}},
		{"leading zeros in words", []string{"a07", "a7", "a007"}, []string{"a007", "a07", "a7"}},
		{"words as bytes", []string{"b", "B", "a", ""}, []string{"", "B", "a", "b"}},
		{"not numbers here", []string{"NaN", "Inf", "0x10", "1_000", "1e999"}, []string{"0x10", "1_000", "1e999", "Inf", "NaN"}},
	}
	for _, c := range cases {
		got := slices.Clone(c.in)
		slices.SortFunc(got, compareValues)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: sorted %v, want %v", c.name, got, c.want)
		}
	}
}

// The order must be total, or a listing could change between two frames
// of the same groups: antisymmetric and transitive over a mixed set.
func TestCompareValuesIsAnOrder(t *testing.T) {
	vals := []string{"", "0", "00", "1", "01", "1.0", "1.10", "1.5", "1.5x", "1.7x", "-1", "-1x", "a", "a1", "a01",
		"a10", "a2b", "a2", "(none)", "Timeout", "x9", "x10y", "10x", "9x", "1e3", "e3", "é1", "é10"}
	for _, a := range vals {
		for _, b := range vals {
			if compareValues(a, b) != -compareValues(b, a) {
				t.Errorf("compare(%q, %q) is not antisymmetric", a, b)
			}
			for _, c := range vals {
				if compareValues(a, b) < 0 && compareValues(b, c) < 0 && compareValues(a, c) >= 0 {
					t.Errorf("%q < %q < %q but not %q < %q", a, b, c, a, c)
				}
			}
		}
	}
}
