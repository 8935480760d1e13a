package localsqs

import "testing"

func sp(s string) *string { return &s }

// The expected digests were produced by moto 5 (an independent
// implementation of SQS's algorithm) for the same attributes.
func TestMD5OfAttributesMatchesReference(t *testing.T) {
	attrs := map[string]attrValue{
		"type":   {DataType: "String", StringValue: sp("order.created")},
		"count":  {DataType: "Number", StringValue: sp("42")},
		"blob":   {DataType: "Binary", BinaryValue: []byte{0, 1, 2, 255}},
		"x.code": {DataType: "String.custom", StringValue: sp("héllo")},
	}
	sys := map[string]attrValue{
		"AWSTraceHeader": {DataType: "String", StringValue: sp("Root=1-5759e988-bd862e3fe1be46a994272793")},
	}
	if got, want := md5OfAttributes(attrs), "3ecaf819300201a9d3c5657674c7b0dc"; got != want {
		t.Errorf("md5OfAttributes = %s, want %s", got, want)
	}
	if got, want := md5Hex("hi"), "49f68a5c8493ec2c0bf489821c21fc3b"; got != want {
		t.Errorf("md5Hex = %s, want %s", got, want)
	}
	// System attributes use the same algorithm; this pins it so a change
	// cannot slip through unnoticed.
	if got, want := md5OfAttributes(sys), "62a56dd927315f2b2e12832b84617ea5"; got != want {
		t.Errorf("system attributes digest = %s, want %s", got, want)
	}
	if md5OfAttributes(nil) != "" {
		t.Error("no attributes must give an empty digest (field omitted)")
	}
}
