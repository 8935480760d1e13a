package config

import (
	"errors"
	"strconv"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// The file is read twice: once by go-toml's decoder, which knows all of
// TOML's rules (syntax, a key given twice, a table defined twice) and says
// where one is broken; then by its parser, walked here, which keeps where
// every key and value stands, so that a key sqscope does not know, a value
// of the wrong type or a bad colour is reported at its own line and column.

// part is one part of a dotted key and where it stands.
type part struct {
	name string
	pos  Pos
}

// entry is one key of the file with its value, or a table header.
type entry struct {
	key    []part
	table  bool // a [table] header: no value
	val    value
	valPos Pos
}

// value is a TOML value: string, bool, int64, float64, []value, or
// other for what sqscope's settings never take (dates, inline tables in
// arrays); kind names its TOML type for messages.
type value struct {
	v    any
	kind string
}

// parse reads data into entries, or returns the first TOML error with its
// position.
func parse(file string, data []byte) ([]entry, error) {
	var anything map[string]any
	if err := toml.Unmarshal(data, &anything); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, col := de.Position()
			return nil, Errors{{File: file, Pos: Pos{line, col}, Msg: "not valid TOML: " + trimTOML(de.Error())}}
		}
		return nil, Errors{{File: file, Msg: "not valid TOML: " + err.Error()}}
	}
	p := &unstable.Parser{}
	p.Reset(data)
	var out []entry
	var table []part
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyParts(p, e)
			out = append(out, entry{key: table, table: true, val: value{kind: e.Kind.String()}})
		case unstable.KeyValue:
			out = appendKeyValue(p, out, table, e)
		}
	}
	if err := p.Error(); err != nil { // the decoder above would have said
		return nil, Errors{{File: file, Msg: "not valid TOML: " + err.Error()}}
	}
	return out, nil
}

// appendKeyValue adds a key = value under table; an inline table adds one
// entry per key inside it, so `delete = ["X"]` in [keys.peek] and
// `peek = { delete = ["X"] }` in [keys] read the same.
func appendKeyValue(p *unstable.Parser, out []entry, table []part, kv *unstable.Node) []entry {
	key := append(append([]part(nil), table...), keyParts(p, kv)...)
	v := kv.Value()
	if v.Kind == unstable.InlineTable {
		it := v.Children()
		for it.Next() {
			out = appendKeyValue(p, out, key, it.Node())
		}
		return out
	}
	pos := key[len(key)-1].pos
	if v.Raw.Length > 0 { // arrays carry no range: their key's position stands in
		pos = position(p, v.Raw)
	}
	return append(out, entry{key: key, val: convert(v), valPos: pos})
}

func keyParts(p *unstable.Parser, n *unstable.Node) []part {
	var out []part
	it := n.Key()
	for it.Next() {
		k := it.Node()
		out = append(out, part{name: string(k.Data), pos: position(p, k.Raw)})
	}
	return out
}

func position(p *unstable.Parser, r unstable.Range) Pos {
	s := p.Shape(r)
	return Pos{s.Start.Line, s.Start.Column}
}

// convert turns a value node into a Go value; the decoder has checked it.
func convert(n *unstable.Node) value {
	switch n.Kind {
	case unstable.String:
		return value{string(n.Data), "a string"}
	case unstable.Bool:
		return value{string(n.Data) == "true", "a boolean"}
	case unstable.Integer:
		i, _ := strconv.ParseInt(string(n.Data), 0, 64)
		return value{i, "a number"}
	case unstable.Float:
		f, _ := strconv.ParseFloat(string(n.Data), 64)
		return value{f, "a number"}
	case unstable.Array:
		var items []value
		it := n.Children()
		for it.Next() {
			items = append(items, convert(it.Node()))
		}
		return value{items, "a list"}
	case unstable.InlineTable:
		return value{nil, "a table"}
	}
	return value{nil, "a date or time"}
}
