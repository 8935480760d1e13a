package localsqs

import (
	"fmt"
	"math"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
)

// Typed access to members of a decoded CBOR input. A member of the wrong
// CBOR type is a SerializationException naming its path, as a Smithy
// server reports input that does not match the model; null counts as
// absent (Smithy RPC v2 allows either).

func cwSerialization(path, want string, v cbor.Value) *cwError {
	return &cwError{"com.amazon.coral.service#SerializationException", "SerializationException", 400,
		fmt.Sprintf("%s must be %s, not %T", path, want, v)}
}

// member returns m[key], or nil when absent or null.
func member(m cbor.Map, key string) cbor.Value {
	v := m[key]
	if _, null := v.(*cbor.Nil); null {
		return nil
	}
	return v
}

func cborString(m cbor.Map, key, path string) (string, bool, error) {
	v := member(m, key)
	if v == nil {
		return "", false, nil
	}
	s, ok := v.(cbor.String)
	if !ok {
		return "", false, cwSerialization(path, "a text string", v)
	}
	return string(s), true, nil
}

func cborInt(m cbor.Map, key, path string) (int64, bool, error) {
	v := member(m, key)
	if v == nil {
		return 0, false, nil
	}
	switch n := v.(type) {
	case cbor.Uint:
		if n > math.MaxInt32 {
			return 0, false, cwInvalidParameter("The value %d for parameter %s is too large.", uint64(n), path)
		}
		return int64(n), true, nil
	case cbor.NegInt:
		if n == 0 || n > math.MaxInt32 {
			return 0, false, cwInvalidParameter("The value for parameter %s is too small.", path)
		}
		return -int64(n), true, nil
	}
	return 0, false, cwSerialization(path, "an integer", v)
}

func cborBool(m cbor.Map, key, path string) (bool, bool, error) {
	v := member(m, key)
	if v == nil {
		return false, false, nil
	}
	b, ok := v.(cbor.Bool)
	if !ok {
		return false, false, cwSerialization(path, "a boolean", v)
	}
	return bool(b), true, nil
}

// cborTime reads a timestamp: epoch seconds, integral or floating, in tag
// 1 (RPC v2 CBOR; the SDK sends a float64) or bare (AWS JSON 1.0).
func cborTime(m cbor.Map, key, path string) (time.Time, bool, error) {
	v := member(m, key)
	if v == nil {
		return time.Time{}, false, nil
	}
	inner := v
	if tag, ok := v.(*cbor.Tag); ok {
		if tag.ID != 1 {
			return time.Time{}, false, cwSerialization(path, "a timestamp (CBOR tag 1)", v)
		}
		inner = tag.Value
	}
	var secs float64
	switch n := inner.(type) {
	case cbor.Uint:
		secs = float64(n)
	case cbor.NegInt:
		secs = -float64(n) // smithy-go's NegInt holds the magnitude
	case cbor.Float64:
		secs = float64(n)
	case cbor.Float32:
		secs = float64(n)
	default:
		return time.Time{}, false, cwSerialization(path, "a timestamp (CBOR tag 1)", v)
	}
	if math.IsNaN(secs) || math.IsInf(secs, 0) || math.Abs(secs) > 1e11 {
		return time.Time{}, false, cwInvalidParameter("The value for parameter %s is not a valid timestamp.", path)
	}
	whole, frac := math.Modf(secs)
	return time.Unix(int64(whole), int64(frac*1e9)).UTC(), true, nil
}

func cborList(m cbor.Map, key, path string) (cbor.List, error) {
	v := member(m, key)
	if v == nil {
		return nil, nil
	}
	l, ok := v.(cbor.List)
	if !ok {
		return nil, cwSerialization(path, "a list", v)
	}
	return l, nil
}

// cborMap reads a structure member; absent gives nil.
func cborMap(m cbor.Map, key, path string) (cbor.Map, error) {
	v := member(m, key)
	if v == nil {
		return nil, nil
	}
	s, ok := v.(cbor.Map)
	if !ok {
		return nil, cwSerialization(path, "a structure", v)
	}
	return s, nil
}

// listMaps reads a list of structures.
func listMaps(m cbor.Map, key, path string) ([]cbor.Map, error) {
	l, err := cborList(m, key, path)
	if err != nil {
		return nil, err
	}
	out := make([]cbor.Map, len(l))
	for i, v := range l {
		s, ok := v.(cbor.Map)
		if !ok {
			return nil, cwSerialization(fmt.Sprintf("%s.member.%d", path, i+1), "a structure", v)
		}
		out[i] = s
	}
	return out, nil
}

func cborTimestamp(t time.Time) cbor.Value {
	return &cbor.Tag{ID: 1, Value: cbor.Float64(float64(t.UnixNano()) / 1e9)}
}
