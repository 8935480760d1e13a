package localsqs

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// validBodyRune reports whether r is in the character set SQS accepts:
// #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF.
func validBodyRune(r rune) bool {
	switch {
	case r == 0x9 || r == 0xA || r == 0xD:
		return true
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

func checkChars(s string) error {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return errInvalidMessageContents("Invalid binary character in the message: not valid UTF-8.")
			}
		}
		if r == invalidMark {
			return errInvalidMessageContents("Invalid binary character was found in the message body: bytes that are not UTF-8, a lone surrogate or '#xFFFF'; the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF")
		}
		if !validBodyRune(r) {
			return errInvalidMessageContents(fmt.Sprintf("Invalid binary character '#x%X' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF", r))
		}
	}
	return nil
}

// maxMessageAttributes is SQS's limit of message attributes per message.
const maxMessageAttributes = 10

// validateAttributes checks message attributes and returns their size as
// SQS counts it toward the message size limit (name + type + value).
func validateAttributes(attrs map[string]attrValue) (int, error) {
	if len(attrs) > maxMessageAttributes {
		return 0, errInvalidParameterValue("Number of message attributes [%d] exceeds the allowed maximum [%d].", len(attrs), maxMessageAttributes)
	}
	size := 0
	for name, v := range attrs {
		if err := validateAttrName(name); err != nil {
			return 0, err
		}
		if err := validateAttrValue(name, v); err != nil {
			return 0, err
		}
		size += attrSize(name, v)
	}
	return size, nil
}

// attrSize is what one message attribute counts toward the size limits.
func attrSize(name string, v attrValue) int {
	return len(name) + len(v.DataType) + len(derefString(v.StringValue)) + len(v.BinaryValue)
}

func validateAttrName(name string) error {
	bad := func(reason string) error {
		return errInvalidParameterValue("Message (user) attribute name '%s' is invalid. %s", name, reason)
	}
	if name == "" || len(name) > 256 {
		return bad("The name must be 1 to 256 characters long.")
	}
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, "aws.") || strings.HasPrefix(lower, "amazon.") {
		return bad("The attribute name must not start with AWS-reserved prefixes 'AWS.' or 'Amazon.'")
	}
	if name[0] == '.' || name[len(name)-1] == '.' || strings.Contains(name, "..") {
		return bad("The attribute name must not start or end with a period or contain successive periods.")
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return bad("The attribute name can only contain alphanumeric characters, underscores, hyphens and periods.")
		}
	}
	return nil
}

func validateAttrValue(name string, v attrValue) error {
	base, custom, _ := strings.Cut(v.DataType, ".")
	if v.DataType == "" {
		return errInvalidParameterValue("The message attribute '%s' must contain non-empty message attribute type.", name)
	}
	if len(v.DataType) > 256 || (strings.Contains(v.DataType, ".") && custom == "") {
		return errInvalidParameterValue("The message attribute '%s' has an invalid message attribute type.", name)
	}
	switch base {
	case "String", "Number":
		if v.StringValue == nil || *v.StringValue == "" {
			return errInvalidParameterValue("The message attribute '%s' must contain non-empty message attribute value for message attribute type '%s'.", name, base)
		}
		if err := checkChars(*v.StringValue); err != nil {
			return err
		}
		if base == "Number" {
			if _, err := strconv.ParseFloat(*v.StringValue, 64); err != nil || strings.Trim(*v.StringValue, "0123456789+-.eE") != "" {
				return errInvalidParameterValue("Can't cast the value of message (user) attribute '%s' to a number.", name)
			}
		}
	case "Binary":
		if len(v.BinaryValue) == 0 {
			return errInvalidParameterValue("The message attribute '%s' must contain non-empty message attribute value for message attribute type 'Binary'.", name)
		}
	default:
		return errInvalidParameterValue("The type of message (user) attribute '%s' is invalid. You must use only the following supported type prefixes: Binary, Number, String.", name)
	}
	return nil
}

// validBatchID reports SQS's rule for batch entry ids.
func validBatchID(id string) bool {
	if id == "" || len(id) > 80 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// checkBatchIDs applies the whole-request batch rules.
func checkBatchIDs(ids []string) error {
	if len(ids) == 0 {
		return errEmptyBatch()
	}
	if len(ids) > 10 {
		return errTooManyEntries(len(ids))
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !validBatchID(id) {
			return errInvalidBatchEntryID()
		}
		if seen[id] {
			return errBatchEntryIdsNotDistinct(id)
		}
		seen[id] = true
	}
	return nil
}
