package common

import (
	"fmt"
	"image/color"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
)

// Theme is a foreground colour for some style roles, by role name: the
// Styles field in kebab-case (status-err, dlq-full). Roles it leaves out
// keep the default colour; bold, reverse and underline always stay, since
// meaning never rests on colour alone.
type Theme map[string]string

// ThemeRoles are the names a Theme may use, in the Styles' order. They
// come from the Styles fields, so a new role is themable at once.
func ThemeRoles() []string {
	t := reflect.TypeFor[Styles]()
	out := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		out = append(out, keymap.Kebab(t.Field(i).Name))
	}
	return out
}

// colourNames are the 16 ANSI colours by name; like the default theme
// they follow the terminal's own palette.
var colourNames = map[string]string{
	"black": "0", "red": "1", "green": "2", "yellow": "3", "blue": "4", "magenta": "5", "cyan": "6", "white": "7",
	"gray": "8", "grey": "8", "bright-black": "8", "bright-red": "9", "bright-green": "10", "bright-yellow": "11",
	"bright-blue": "12", "bright-magenta": "13", "bright-cyan": "14", "bright-white": "15",
}

var hexColour = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// ParseColour reads a theme colour: "#rrggbb", "#rgb", an ANSI number
// 0–255 or one of the 16 names (red, bright-blue, gray).
func ParseColour(s string) (color.Color, error) {
	if n, ok := colourNames[strings.ToLower(s)]; ok {
		s = n
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= 255 {
		return lipgloss.Color(s), nil
	}
	if hexColour.MatchString(s) {
		return lipgloss.Color(s), nil
	}
	return nil, fmt.Errorf("%q is not a colour: use \"#rrggbb\", \"#rgb\", an ANSI number 0-255 or a name (red, bright-blue, gray)", s)
}

// WithTheme is s with the theme's colours as foregrounds (the dialog's is
// its border's). Unknown roles and bad colours were refused when the
// configuration was read; here they are skipped.
func (s Styles) WithTheme(t Theme) Styles {
	v := reflect.ValueOf(&s).Elem()
	for i := range v.NumField() {
		c, ok := t[keymap.Kebab(v.Type().Field(i).Name)]
		if !ok {
			continue
		}
		col, err := ParseColour(c)
		if err != nil {
			continue
		}
		st := v.Field(i).Interface().(lipgloss.Style)
		if v.Type().Field(i).Name == "Dialog" {
			st = st.BorderForeground(col)
		} else {
			st = st.Foreground(col)
		}
		v.Field(i).Set(reflect.ValueOf(st))
	}
	return s
}

// StylesFor is the session's styles: the theme over the default colours,
// or no colour at all when NO_COLOR is set, whatever the theme says
// (no-color.org: the user's wish outranks any configuration).
func StylesFor(t Theme) Styles {
	if noColor() {
		return PlainStyles()
	}
	return DefaultStyles().WithTheme(t)
}
