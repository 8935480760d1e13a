package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/suggest"
	"github.com/sqscope/sqscope/ui/common"
)

// decoder checks each entry of the file against what sqscope knows and
// fills the File, collecting every mistake.
type decoder struct {
	f        *File
	errs     Errors
	reported map[Pos]bool        // a bad table header is said once, not for each key under it
	keyPos   map[keymap.Name]Pos // where each key override stands
}

func (d *decoder) fail(p part, format string, args ...any) {
	if d.reported == nil {
		d.reported = map[Pos]bool{}
	}
	if d.reported[p.pos] {
		return
	}
	d.reported[p.pos] = true
	d.errs = append(d.errs, Error{File: d.f.Path, Pos: p.pos, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) entry(e entry) {
	if e.val.kind == "ArrayTable" {
		d.fail(e.key[0], "[[%s]]: sqscope's configuration has no arrays of tables", dotted(e.key))
		return
	}
	top := e.key[0]
	switch top.name {
	case "theme":
		d.theme(e)
		return
	case "keys":
		d.keys(e)
		return
	}
	s, ok := lookupSetting(top.name)
	switch {
	case !ok:
		d.fail(top, "unknown key %q%s", top.name, suggest.DidYouMean(top.name, topKeys(), ""))
	case e.table || len(e.key) > 1:
		d.fail(top, "%s is a setting (%s = …), not a table", s.Key, s.Key)
	default:
		v, msg := decodeSetting(s, e.val)
		if msg != "" {
			d.errs = append(d.errs, Error{File: d.f.Path, Pos: e.valPos, Msg: msg})
			return
		}
		s.set(d.f, v)
		d.f.Set[s.Key] = top.pos
	}
}

// theme: [theme] then role = "colour".
func (d *decoder) theme(e entry) {
	switch {
	case len(e.key) == 1 && e.table:
	case len(e.key) == 1:
		d.fail(e.key[0], `theme is a table of colours by role: [theme] then status-err = "#ff5f5f"`)
	case len(e.key) > 2 || e.table:
		d.fail(e.key[1], "theme.%s takes a colour, not a table", e.key[1].name)
	case !slices.Contains(common.ThemeRoles(), e.key[1].name):
		d.fail(e.key[1], "theme: no role %q%s; the roles are %s%s", e.key[1].name,
			suggest.DidYouMean(e.key[1].name, common.ThemeRoles(), ""), strings.Join(common.ThemeRoles(), ", "), misplaced(e.key[1].name))
	default:
		s, ok := e.val.v.(string)
		if !ok {
			d.errs = append(d.errs, Error{File: d.f.Path, Pos: e.valPos, Msg: fmt.Sprintf("theme.%s takes a colour in quotes, not %s", e.key[1].name, e.val.kind)})
			return
		}
		if _, err := common.ParseColour(s); err != nil {
			d.errs = append(d.errs, Error{File: d.f.Path, Pos: e.valPos, Msg: "theme." + e.key[1].name + ": " + err.Error()})
			return
		}
		d.f.Theme[e.key[1].name] = s
		d.f.Set["theme."+e.key[1].name] = e.key[1].pos
	}
}

// keys: [keys.AREA] then binding = ["key", …] (or one key as a string).
func (d *decoder) keys(e entry) {
	if len(e.key) == 1 {
		if !e.table {
			d.fail(e.key[0], `keys is a table of areas: [keys.peek] then delete = ["X"]`)
		}
		return
	}
	area := e.key[1]
	if !slices.Contains(keymap.Areas(), area.name) {
		d.fail(area, "keys: no area %q%s; the areas are %s", area.name, suggest.DidYouMean(area.name, keymap.Areas(), ""),
			strings.Join(keymap.Areas(), ", "))
		return
	}
	if len(e.key) == 2 {
		if !e.table {
			d.fail(area, `keys.%s is a table of bindings: [keys.%s] then name = ["key"]`, area.name, area.name)
		}
		return
	}
	b := e.key[2]
	names := keymap.Names(area.name)
	switch {
	case !slices.Contains(names, b.name):
		d.fail(b, "keys.%s: no binding %q%s; the bindings are %s%s", area.name, b.name, suggest.DidYouMean(b.name, names, ""),
			strings.Join(names, ", "), misplaced(b.name))
		return
	case len(e.key) > 3 || e.table:
		d.fail(b, "keys.%s.%s takes a list of keys, not a table", area.name, b.name)
		return
	}
	keys, msg := decodeKeys(e.val)
	if msg != "" {
		d.errs = append(d.errs, Error{File: d.f.Path, Pos: e.valPos, Msg: fmt.Sprintf("keys.%s.%s: %s", area.name, b.name, msg)})
		return
	}
	n := keymap.Name{Area: area.name, Binding: b.name}
	d.f.Keys.Override(n, keys)
	d.f.Overridden = append(d.f.Overridden, n)
	if d.keyPos == nil {
		d.keyPos = map[keymap.Name]Pos{}
	}
	d.keyPos[n] = b.pos
	d.f.Set["keys."+n.String()] = b.pos
}

// decodeKeys reads a list of keys, or one key.
func decodeKeys(v value) ([]string, string) {
	items := []value{v}
	if list, ok := v.v.([]value); ok {
		items = list
	}
	if len(items) == 0 {
		return nil, "an empty list: a binding needs at least one key"
	}
	var keys []string
	for _, it := range items {
		s, ok := it.v.(string)
		if !ok {
			return nil, fmt.Sprintf("keys are strings in quotes, not %s", it.kind)
		}
		if msg := checkKey(s); msg != "" {
			return nil, msg
		}
		keys = append(keys, s)
	}
	return keys, ""
}

// conflicts reports each key two bindings share where both apply, at the
// override that caused it.
func (d *decoder) conflicts() {
	for _, c := range d.f.Keys.Conflicts(d.f.Overridden) {
		// At the later of the two overrides: the one that broke the other.
		pos, ok := d.keyPos[c.A]
		if b, okB := d.keyPos[c.B]; okB && (!ok || b.Line > pos.Line || b.Line == pos.Line && b.Col > pos.Col) {
			pos = b
		}
		d.errs = append(d.errs, Error{File: d.f.Path, Pos: pos, Msg: "key conflict: " + c.String() + ": only one of them would ever see it"})
	}
}

// misplaced explains a top-level setting found inside a table: in TOML a
// key belongs to the last [table] above it.
func misplaced(name string) string {
	if _, ok := lookupSetting(name); ok {
		return fmt.Sprintf(" (%s is a setting of its own: put it above the first [table])", name)
	}
	return ""
}

func dotted(ps []part) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.name
	}
	return strings.Join(names, ".")
}
