package scripting

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Output is a command's stdout in one of two forms: text for people, or
// JSON lines (--json) for programs. With --json, stdout carries nothing
// but JSON objects, one per line, and what a person should read (the
// table, notes, warnings) goes to stderr, so `… --json | jq` always parses.
type Output struct {
	env  *Env
	json bool
}

// JSONUsage is the --json flag's help, the same for every command.
const JSONUsage = "print JSON lines on stdout (one object each); text for people goes to stderr"

// BindJSON adds --json to fs.
func BindJSON(fs *flag.FlagSet) *bool {
	return fs.Bool("json", false, JSONUsage)
}

// Output is the command's output, as JSON lines when json is set.
func (e *Env) Output(json bool) *Output { return &Output{env: e, json: json} }

// JSON reports whether stdout carries JSON lines.
func (o *Output) JSON() bool { return o.json }

// Text is where text for people goes: stdout, or stderr with --json.
func (o *Output) Text() io.Writer {
	if o.json {
		return o.env.Stderr
	}
	return o.env.Stdout
}

// Line writes v as one JSON line on stdout. HTML escaping is off so that
// text reads as it is; control characters are escaped (see jsonSafe), so
// a line is safe to cat.
func (o *Output) Line(v any) error {
	enc := json.NewEncoder(jsonSafe{o.env.Stdout})
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonSafe wraps a writer that gets whole JSON values, one per Write, as
// json.Encoder writes them. encoding/json escapes C0 controls but not C1
// controls (U+0080–U+009F: U+009B is a CSI to some terminals) nor the
// bidirectional overrides that make text read other than it is; a message
// body may hold any of them. jsonSafe writes those as \uXXXX escapes,
// which decode to the same string, so the output stays exact and is safe
// to cat. Outside strings JSON is ASCII, so a rune-wise rewrite is sound.
type jsonSafe struct{ w io.Writer }

func (j jsonSafe) Write(p []byte) (int, error) {
	if !needsEscape(p) {
		return j.w.Write(p)
	}
	var b strings.Builder
	for _, r := range string(p) {
		if escapeRune(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	if _, err := io.WriteString(j.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

func needsEscape(p []byte) bool {
	for i := 0; i < len(p); {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(p[i:])
		if escapeRune(r) {
			return true
		}
		i += n
	}
	return false
}

// escapeRune: C1 controls, and the invisible format characters that
// reorder or hide text (bidi marks, embeddings, overrides, isolates; zero
// width spaces and joiners are left, being common in real text).
func escapeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
