package scripting

import (
	"encoding/json"
	"flag"
	"io"
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
// text reads as it is (encoding/json still escapes control characters, so
// a line is safe to cat).
func (o *Output) Line(v any) error {
	enc := json.NewEncoder(o.env.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
