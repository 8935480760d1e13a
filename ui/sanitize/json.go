package sanitize

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// MaxJSONDepth is the deepest nesting PrettyJSON indents; deeper documents
// are shown raw. Indenting 10,000 levels would produce megabytes of spaces
// that nobody can read.
const MaxJSONDepth = 64

// PrettyJSON indents a JSON object or array body two spaces a level and
// sanitizes the result, one string per line (unwrapped; see Wrap).
//
// When the body does not start with '{' or '[' it is not treated as JSON:
// ok is false and note is empty. When it looks like JSON but is broken or
// nested deeper than MaxJSONDepth, ok is false, lines hold the sanitized raw
// text and note says why, for the UI to show.
func PrettyJSON(body string) (lines []string, ok bool, note string) {
	trimmed := strings.TrimLeft(body, " \t\r\n")
	if trimmed == "" || (trimmed[0] != '{' && trimmed[0] != '[') {
		return rawLines(body), false, ""
	}
	if tooDeep(body) {
		return rawLines(body), false,
			fmt.Sprintf("JSON nested deeper than %d levels: showing raw text", MaxJSONDepth)
	}
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/2)
	if err := json.Indent(&buf, []byte(body), "", "  "); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return rawLines(body), false,
				fmt.Sprintf("not valid JSON at offset %d: showing raw text", se.Offset)
		}
		return rawLines(body), false, "not valid JSON: showing raw text"
	}
	return strings.Split(Text(buf.String()), "\n"), true, ""
}

func rawLines(body string) []string { return strings.Split(Text(body), "\n") }

// tooDeep reports whether brackets outside strings nest deeper than
// MaxJSONDepth. It is a flat scan, so hostile nesting cannot exhaust the
// stack of anything that runs after it.
func tooDeep(s string) bool {
	depth := 0
	inString, escaped := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > MaxJSONDepth {
				return true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return false
}
