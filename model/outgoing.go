package model

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Checks a message must pass before it is sent, the same ones SQS makes,
// so that a draft with a mistake is kept in the editor with a sentence
// that names it, instead of a batch entry failing later.

// MaxMessageSize is SQS's limit on one message: the body plus every
// attribute's name, type and value.
const MaxMessageSize = 1 << 20

// SendRules are what the destination queue changes in the checks.
type SendRules struct {
	FIFO         bool
	ContentDedup bool // ContentBasedDeduplication: a FIFO send may omit the dedup id
}

// RulesOf are q's send rules.
func RulesOf(q Queue) SendRules {
	return SendRules{FIFO: q.IsFIFO(), ContentDedup: q.Attrs["ContentBasedDeduplication"] == "true"}
}

// Outgoing is r ready to send. The body is BodyBase64's bytes when r has
// them (an export of a body that is not UTF-8); a FIFO group id missing
// from the send fields is taken from Attributes, where an export line
// carries it. A dedup id missing from the send fields is derived from the
// message's own id, "resend-<MessageId>" (as the resend editor does),
// when the message had one (it came from a FIFO queue), never the
// original's: SQS would drop a message sent back with its original dedup
// id within 5 minutes of the first send, and report it sent. Derived, a
// file sent twice is still deduplicated. A record without a MessageId
// keeps the dedup id in its Attributes. The result is not checked: see
// Validate.
func (r Record) Outgoing() Outgoing {
	o := Outgoing{Body: r.Body, DelaySeconds: r.DelaySeconds, GroupID: r.MessageGroupID, DedupID: r.MessageDeduplicationID}
	if len(r.BodyBase64) > 0 {
		o.Body = string(r.BodyBase64)
	}
	if o.GroupID == "" {
		o.GroupID = r.Attributes["MessageGroupId"]
	}
	if d := r.Attributes["MessageDeduplicationId"]; o.DedupID == "" && d != "" {
		// Only a FIFO queue's message has one: a standard queue refuses it.
		o.DedupID = d
		if r.MessageID != "" {
			o.DedupID = "resend-" + r.MessageID
		}
	}
	if len(r.MessageAttributes) > 0 {
		o.Attributes = make(map[string]MessageAttribute, len(r.MessageAttributes))
		for k, a := range r.MessageAttributes {
			o.Attributes[k] = MessageAttribute{DataType: a.DataType, StringValue: a.StringValue, BinaryValue: a.BinaryValue}
		}
	}
	return o
}

// Size is what o counts toward MaxMessageSize.
func (o Outgoing) Size() int { return len(o.Body) + attributesSize(o.Attributes) }

// Validate reports the first reason SQS would refuse o on a queue with
// rules, as one sentence naming the field; nil when it would accept it.
func (o Outgoing) Validate(rules SendRules) error {
	if o.Body == "" {
		return errors.New("Body: a message needs a body of at least one character")
	}
	if err := checkText("Body", o.Body); err != nil {
		return err
	}
	if n := o.Size(); n > MaxMessageSize {
		return fmt.Errorf("the message is %s with its attributes; SQS takes at most 1 MiB (%d bytes)", sizeText(n), MaxMessageSize)
	}
	if len(o.Attributes) > 10 {
		return fmt.Errorf("MessageAttributes: %d attributes; SQS takes at most 10", len(o.Attributes))
	}
	for _, name := range sortedKeys(o.Attributes) {
		if err := checkAttribute(name, o.Attributes[name]); err != nil {
			return err
		}
	}
	if o.DelaySeconds < 0 || o.DelaySeconds > 900 {
		return fmt.Errorf("DelaySeconds: %d is outside 0–900", o.DelaySeconds)
	}
	if !rules.FIFO {
		if o.DedupID != "" {
			return errors.New("MessageDeduplicationId: only a FIFO queue takes one; remove it")
		}
		if o.GroupID != "" {
			return checkToken("MessageGroupId", o.GroupID)
		}
		return nil
	}
	if o.DelaySeconds != 0 {
		return errors.New("DelaySeconds: a FIFO queue takes no per-message delay (set the queue's DelaySeconds instead)")
	}
	if o.GroupID == "" {
		return errors.New("MessageGroupId: a FIFO queue needs one")
	}
	if err := checkToken("MessageGroupId", o.GroupID); err != nil {
		return err
	}
	if o.DedupID == "" && !rules.ContentDedup {
		return errors.New("MessageDeduplicationId: this FIFO queue has no content-based deduplication, so it needs one")
	}
	if o.DedupID != "" {
		return checkToken("MessageDeduplicationId", o.DedupID)
	}
	return nil
}

func checkAttribute(name string, a MessageAttribute) error {
	field := "MessageAttributes." + name
	switch {
	case name == "" || len(name) > 256:
		return fmt.Errorf("%s: a name is 1 to 256 characters", field)
	case strings.HasPrefix(strings.ToLower(name), "aws.") || strings.HasPrefix(strings.ToLower(name), "amazon."):
		return fmt.Errorf("%s: names starting AWS. or Amazon. are reserved", field)
	case name[0] == '.' || name[len(name)-1] == '.' || strings.Contains(name, ".."):
		return fmt.Errorf("%s: a name cannot start or end with a period or hold two in a row", field)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return fmt.Errorf("%s: a name holds only letters, digits, _, - and .", field)
		}
	}
	base, custom, dotted := strings.Cut(a.DataType, ".")
	if dotted && custom == "" {
		return fmt.Errorf("%s: DataType %q ends with a period", field, a.DataType)
	}
	switch base {
	case "String", "Number":
		if a.StringValue == "" {
			return fmt.Errorf("%s: a %s attribute needs a StringValue", field, base)
		}
		if err := checkText(field, a.StringValue); err != nil {
			return err
		}
		if base == "Number" {
			if _, err := strconv.ParseFloat(a.StringValue, 64); err != nil || strings.Trim(a.StringValue, "0123456789+-.eE") != "" {
				return fmt.Errorf("%s: %q is not a number", field, a.StringValue)
			}
		}
	case "Binary":
		if len(a.BinaryValue) == 0 {
			return fmt.Errorf("%s: a Binary attribute needs a BinaryValue (base64 in a record)", field)
		}
	case "":
		return fmt.Errorf("%s: DataType is missing (String, Number or Binary)", field)
	default:
		return fmt.Errorf("%s: DataType %q is not String, Number or Binary", field, a.DataType)
	}
	return nil
}

// checkText reports the first character SQS rejects: it takes
// #x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF, in UTF-8.
func checkText(field, s string) error {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Errorf("%s: byte %d is not UTF-8, which SQS rejects (send binary data base64-encoded, or as a Binary attribute)", field, i)
			}
		}
		if !(r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return fmt.Errorf("%s: character U+%04X at byte %d is one SQS rejects", field, r, i)
		}
	}
	return nil
}

// checkToken is SQS's rule for group and dedup ids: 1–128 printable ASCII.
func checkToken(field, s string) error {
	if len(s) > 128 {
		return fmt.Errorf("%s: %d characters; SQS takes at most 128", field, len(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return fmt.Errorf("%s: only letters, digits and punctuation (no spaces); character %d is not", field, i+1)
		}
	}
	return nil
}

func sortedKeys(m map[string]MessageAttribute) []string {
	return slices.Sorted(maps.Keys(m))
}

// sizeText is n bytes for a person: 1.2 MiB, 900 KiB, 12 bytes.
func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
