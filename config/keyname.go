package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sqscope/sqscope/suggest"
)

// A key is written as Bubble Tea names a key press, since that string is
// what a binding is matched against: one character ("X", "?"), a named
// key ("enter", "pgdown") or modifiers before either ("ctrl+u",
// "shift+tab"). A name it would never produce ("escape", "ctrl-c",
// "alt+ctrl+x") could never match, so it is refused, with the spelling
// that works.

// namedKeys are the key names Bubble Tea produces (ultraviolet's
// keyTypeString, the keys on a keyboard; keypad keys arrive as these).
var namedKeys = func() []string {
	names := []string{"enter", "tab", "backspace", "esc", "space", "up", "down", "left", "right", "begin", "find",
		"insert", "delete", "select", "pgup", "pgdown", "home", "end"}
	for i := 1; i <= 24; i++ {
		names = append(names, "f"+strconv.Itoa(i))
	}
	return names
}()

// modifiers in the order Bubble Tea writes them.
var modifiers = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// keyAliases are names other tools use for a key.
var keyAliases = map[string]string{
	"escape": "esc", "return": "enter", "pageup": "pgup", "pagedown": "pgdown", "pgdn": "pgdown", "del": "delete",
	"ins": "insert", "spacebar": "space", "bs": "backspace", "control": "ctrl", "option": "alt", "cmd": "super",
	" ": "space",
}

// checkKey says what is wrong with a key's spelling, or "" when it is one
// Bubble Tea produces.
func checkKey(s string) string {
	if fix, ok := keyAliases[s]; ok {
		return fmt.Sprintf("%q is not a key name Bubble Tea uses: write %q", s, fix)
	}
	if s == "" {
		return "an empty key: write a character (\"x\"), a key name (\"enter\") or modifiers and a key (\"ctrl+u\")"
	}
	if utf8.RuneCountInString(s) == 1 {
		if r, _ := utf8.DecodeRuneInString(s); !unicode.IsPrint(r) {
			return fmt.Sprintf("%q is not a printable character: write its name (\"enter\", \"tab\", \"esc\")", s)
		}
		return ""
	}
	mods, base := splitKey(s)
	if fixed := fix(mods, base); fixed != s && fixed != "" {
		return fmt.Sprintf("%q is not how Bubble Tea writes that key: write %q", s, fixed)
	}
	last := -1
	for _, m := range mods {
		i := slices.Index(modifiers, m)
		if i < 0 {
			return fmt.Sprintf("%q: %q is not a modifier; they are %s", s, m, strings.Join(modifiers, ", "))
		}
		if i <= last {
			return fmt.Sprintf("%q: modifiers go in the order %s, once each", s, strings.Join(modifiers, ", "))
		}
		last = i
	}
	if utf8.RuneCountInString(base) == 1 || slices.Contains(namedKeys, base) {
		return ""
	}
	msg := fmt.Sprintf("%q is not a key: write a character, a key name (%s, f1…f24) or modifiers and a key (\"ctrl+u\")",
		s, strings.Join(namedKeys[:18], ", "))
	if c := suggest.Closest(base, namedKeys); c != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", strings.Join(append(mods, c), "+"))
	}
	return msg
}

// splitKey cuts "ctrl+alt+x" into its modifiers and its key; "ctrl++" is
// ctrl and "+". "ctrl-c" and "C-c" are cut at "-" too, to be corrected.
func splitKey(s string) (mods []string, base string) {
	sep := "+"
	if !strings.Contains(s, "+") && strings.Contains(s[1:], "-") {
		sep = "-"
	}
	if strings.HasSuffix(s, sep+sep) {
		return strings.Split(strings.TrimSuffix(s, sep+sep), sep), sep
	}
	parts := strings.Split(s, sep)
	return parts[:len(parts)-1], parts[len(parts)-1]
}

// fix is the spelling Bubble Tea would use for mods and base, when the
// parts can be recognised: aliases replaced, modifiers lower-case and in
// order, ctrl+X as ctrl+x (a capital with ctrl arrives as ctrl+shift+x).
func fix(mods []string, base string) string {
	var ms []string
	for _, m := range mods {
		m = strings.ToLower(m)
		if m == "c" {
			m = "ctrl"
		} else if m == "m" || m == "a" {
			m = "alt"
		}
		if a, ok := keyAliases[m]; ok {
			m = a
		}
		if !slices.Contains(modifiers, m) {
			return ""
		}
		ms = append(ms, m)
	}
	slices.SortFunc(ms, func(a, b string) int { return slices.Index(modifiers, a) - slices.Index(modifiers, b) })
	ms = slices.Compact(ms)
	if a, ok := keyAliases[strings.ToLower(base)]; ok {
		base = a
	} else if slices.Contains(namedKeys, strings.ToLower(base)) {
		base = strings.ToLower(base)
	}
	// A shifted letter arrives as its capital ("X", not "shift+x"); a
	// capital with ctrl arrives as ctrl+shift+x, so ctrl+X means ctrl+x.
	if r := []rune(base); len(r) == 1 && unicode.IsLetter(r[0]) {
		if slices.Equal(ms, []string{"shift"}) {
			return strings.ToUpper(base)
		}
		if len(ms) > 0 && unicode.IsUpper(r[0]) {
			base = strings.ToLower(base)
		}
	}
	return strings.Join(append(ms, base), "+")
}
