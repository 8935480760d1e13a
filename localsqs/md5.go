package localsqs

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"sort"
	"strings"
)

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// md5OfAttributes is SQS's digest of message (or system) attributes:
// attributes sorted by name, each as length-prefixed name, length-prefixed
// data type, a transport byte (1 string, 2 binary) and the length-prefixed
// value. It is "" when there are no attributes, so the field is omitted.
func md5OfAttributes(attrs map[string]attrValue) string {
	if len(attrs) == 0 {
		return ""
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	h := md5.New()
	put := func(b []byte) {
		var l [4]byte
		binary.BigEndian.PutUint32(l[:], uint32(len(b)))
		h.Write(l[:])
		h.Write(b)
	}
	for _, n := range names {
		v := attrs[n]
		put([]byte(n))
		put([]byte(v.DataType))
		if isBinaryType(v.DataType) {
			h.Write([]byte{2})
			put(v.BinaryValue)
		} else {
			h.Write([]byte{1})
			put([]byte(derefString(v.StringValue)))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func isBinaryType(dataType string) bool { return strings.HasPrefix(dataType, "Binary") }

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
