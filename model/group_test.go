package model

import (
	"reflect"
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
	got := GroupFields(msgs)
	var names []string
	for _, f := range got {
		names = append(names, f.String())
	}
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
// (error-like first), the object itself and arrays only last.
func TestGroupFieldsNested(t *testing.T) {
	msgs := []Message{
		gmsg(`{"error":{"type":"Timeout","at":1},"items":[1]}`, nil, ""),
		gmsg(`{"error":{"type":"Timeout","at":2},"items":[2]}`, nil, ""),
		gmsg(`{"error":{"type":"Declined","at":3},"items":[3]}`, nil, ""),
	}
	var names []string
	for _, f := range GroupFields(msgs) {
		names = append(names, f.String())
	}
	want := []string{"body.error.type", "body.error.at", "body.error", "body.items"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("fields %v, want %v", names, want)
	}
	got := ByField(msgs, Field{Kind: FieldJSON, Name: "error", Sub: "type"})
	if len(got) != 2 || got[0] != (Group{Value: "Timeout", Count: 2}) {
		t.Errorf("by body.error.type: %v", got)
	}
}
