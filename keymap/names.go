package keymap

import (
	"reflect"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
)

// Names let a configuration file address every binding as "area.name"
// (`peek.delete`, `list.drop-queue`). They are derived from the KeyMap's
// field names by reflection, so a binding added to a struct is
// configurable the moment it exists, with no second list to forget.

// Name addresses one binding: its area and its own name, both kebab-case.
type Name struct{ Area, Binding string }

func (n Name) String() string { return n.Area + "." + n.Binding }

// Areas are the areas' names, in the KeyMap's order.
func Areas() []string {
	var out []string
	t := reflect.TypeFor[KeyMap]()
	for i := range t.NumField() {
		if f := t.Field(i); f.Type.Kind() == reflect.Struct {
			out = append(out, kebab(f.Name))
		}
	}
	return out
}

// Names are the names of every binding of area, in declaration order
// (fields declared together, `Up, Down key.Binding`, keep their order).
func Names(area string) []string {
	av, ok := (&KeyMap{}).area(area)
	if !ok {
		return nil
	}
	var out []string
	for i := range av.NumField() {
		if av.Field(i).Type() == bindingType {
			out = append(out, kebab(av.Type().Field(i).Name))
		}
	}
	return out
}

// All are the names of every binding, area by area.
func All() []Name {
	var out []Name
	for _, a := range Areas() {
		for _, b := range Names(a) {
			out = append(out, Name{a, b})
		}
	}
	return out
}

// Lookup is a pointer to the binding n names in k, or nil.
func (k *KeyMap) Lookup(n Name) *key.Binding {
	av, ok := k.area(n.Area)
	if !ok {
		return nil
	}
	for i := range av.NumField() {
		if av.Field(i).Type() == bindingType && kebab(av.Type().Field(i).Name) == n.Binding {
			return av.Field(i).Addr().Interface().(*key.Binding)
		}
	}
	return nil
}

var bindingType = reflect.TypeFor[key.Binding]()

// area is the addressable struct value of the area named name.
func (k *KeyMap) area(name string) (reflect.Value, bool) {
	v := reflect.ValueOf(k).Elem()
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.Type.Kind() == reflect.Struct && kebab(f.Name) == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// kebab spells a Go field name as a config key: DropQueue → drop-queue,
// DLQ → dlq, PageUp → page-up, BinaryFmt → binary-fmt.
func kebab(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i, c := range r {
		// A capital starts a word after a lower-case letter, or ends an
		// initialism when a lower-case letter follows it (DLQFull → dlq-full).
		if i > 0 && unicode.IsUpper(c) && (unicode.IsLower(r[i-1]) || i+1 < len(r) && unicode.IsLower(r[i+1])) {
			b.WriteByte('-')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// Kebab is kebab for other packages that name fields the same way (the
// theme's style roles).
func Kebab(s string) string { return kebab(s) }
