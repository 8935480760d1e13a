package keymap

import (
	"fmt"
	"slices"
	"strings"
)

// Override gives the binding n names the keys keys instead of its own; the
// old keys stop matching. Help and hints show the new keys with the
// binding's own description. It reports false when n names no binding.
func (k *KeyMap) Override(n Name, keys []string) bool {
	b := k.Lookup(n)
	if b == nil {
		return false
	}
	enabled := b.Enabled()
	b.SetKeys(keys...)
	b.SetHelp(HelpKeys(keys), b.Help().Desc)
	b.SetEnabled(enabled) // SetKeys does not touch it; kept explicit for read-only
	return true
}

// HelpKeys is how keys are shown in help: the arrows as arrows, joined
// with "/" as the defaults are ("↑/k").
func HelpKeys(keys []string) string {
	arrows := map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→"}
	shown := make([]string, len(keys))
	for i, k := range keys {
		if a, ok := arrows[k]; ok {
			k = a
		}
		shown[i] = k
	}
	return strings.Join(shown, "/")
}

// Conflict is one key two bindings answer to where both apply: only one
// of them would ever see it.
type Conflict struct {
	Key  string
	A, B Name
}

func (c Conflict) String() string {
	return fmt.Sprintf("%q is bound to both %s and %s", c.Key, c.A, c.B)
}

// scopes are the sets of areas whose keys are live at the same moment:
// each area on its own, and the panes' keys with the global and
// navigation keys the root tries first. A key shared across scopes (enter
// in the list and in a dialog) is not a conflict.
var scopes = [][]string{
	{"global", "nav", "list", "dlq"},
	{"global", "nav", "peek", "dlq"},
	{"dialog"}, {"input"}, {"form", "input"}, {"editor"},
}

// Conflicts are the keys two bindings share within a scope, when at least
// one of the two is in changed: the defaults share keys on purpose (ctrl+c
// quits and interrupts), and only what a user changed can have broken
// them; a key the two shared in the defaults too is no conflict (quit
// moved to ["Q", "ctrl+c"] still shares ctrl+c with interrupt, as
// before). Each pair is reported once.
func (k *KeyMap) Conflicts(changed []Name) []Conflict {
	var out []Conflict
	def := Default()
	seen := map[Conflict]bool{}
	for _, scope := range scopes {
		var names []Name
		for _, a := range scope {
			for _, b := range Names(a) {
				names = append(names, Name{a, b})
			}
		}
		for i, a := range names {
			for _, b := range names[i+1:] {
				if !slices.Contains(changed, a) && !slices.Contains(changed, b) {
					continue
				}
				for _, key := range k.Lookup(a).Keys() {
					c := Conflict{key, a, b}
					byDefault := slices.Contains(def.Lookup(a).Keys(), key) && slices.Contains(def.Lookup(b).Keys(), key)
					if slices.Contains(k.Lookup(b).Keys(), key) && !seen[c] && !byDefault {
						seen[c] = true
						out = append(out, c)
					}
				}
			}
		}
	}
	return out
}
