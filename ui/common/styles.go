package common

import (
	"os"

	"charm.land/lipgloss/v2"
)

// Styles is every style the UI uses, so a theme (or NO_COLOR) is one value.
// Meaning never rests on colour alone: the selected row has a ">" marker and
// reverse video, a non-empty DLQ a "!" marker, an error row says "error".
type Styles struct {
	App       lipgloss.Style // header product name
	Header    lipgloss.Style
	Badge     lipgloss.Style // DEMO
	ReadOnly  lipgloss.Style // READ-ONLY
	Prod      lipgloss.Style // a production profile and account in the header
	ProdBadge lipgloss.Style // PROD

	PaneTitle        lipgloss.Style
	PaneTitleFocused lipgloss.Style
	ColumnHeader     lipgloss.Style

	Selected    lipgloss.Style // selected row, list focused
	SelectedDim lipgloss.Style // selected row, another pane focused
	DLQFull     lipgloss.Style // a DLQ that holds messages
	RowErr      lipgloss.Style
	Match       lipgloss.Style // fuzzy-matched characters of a name
	Muted       lipgloss.Style

	SparkVisible  lipgloss.Style
	SparkInFlight lipgloss.Style
	Label         lipgloss.Style

	Status    lipgloss.Style
	StatusErr lipgloss.Style
	HintKey   lipgloss.Style
	HintDesc  lipgloss.Style

	HelpGroup lipgloss.Style
	HelpKey   lipgloss.Style
	HelpDesc  lipgloss.Style

	// Peek pane. JSON colours are decoration only: the text is the same
	// without them.
	Marked      lipgloss.Style // a message selected with space (also marked "*")
	Note        lipgloss.Style // a note on how a body is shown
	JSONKey     lipgloss.Style
	JSONString  lipgloss.Style
	JSONNumber  lipgloss.Style
	JSONLiteral lipgloss.Style

	Dialog      lipgloss.Style // the confirm dialog's box
	DialogTitle lipgloss.Style
}

// The basic 16 ANSI colours follow the user's terminal theme, so one palette
// reads on dark and light backgrounds alike.
var (
	red     = lipgloss.Color("1")
	green   = lipgloss.Color("2")
	yellow  = lipgloss.Color("3")
	blue    = lipgloss.Color("4")
	magenta = lipgloss.Color("5")
	cyan    = lipgloss.Color("6")
	gray    = lipgloss.Color("8")
)

// DefaultStyles is the coloured theme.
func DefaultStyles() Styles {
	s := PlainStyles()
	n := lipgloss.NewStyle
	s.App = n().Bold(true).Foreground(cyan)
	s.Badge = n().Bold(true).Reverse(true).Foreground(magenta)
	s.ReadOnly = n().Bold(true).Reverse(true).Foreground(yellow)
	s.Prod = n().Bold(true).Foreground(red)
	s.ProdBadge = n().Bold(true).Reverse(true).Foreground(red)
	s.PaneTitleFocused = n().Bold(true).Foreground(cyan)
	s.ColumnHeader = n().Foreground(gray)
	s.SelectedDim = n().Bold(true).Foreground(cyan)
	s.DLQFull = n().Foreground(red).Bold(true)
	s.RowErr = n().Foreground(yellow)
	s.Match = n().Foreground(cyan).Underline(true)
	s.Muted = n().Foreground(gray)
	s.SparkVisible = n().Foreground(green)
	s.SparkInFlight = n().Foreground(blue)
	s.Label = n().Foreground(gray)
	s.Status = n().Foreground(gray)
	s.StatusErr = n().Foreground(red).Bold(true)
	s.HintKey = n().Foreground(cyan)
	s.HintDesc = n().Foreground(gray)
	s.HelpGroup = n().Bold(true).Foreground(cyan)
	s.HelpKey = n().Foreground(cyan).Bold(true)
	s.HelpDesc = n()
	s.Marked = n().Bold(true).Foreground(magenta)
	s.Note = n().Foreground(yellow)
	s.JSONKey = n().Foreground(blue)
	s.JSONString = n().Foreground(green)
	s.JSONNumber = n().Foreground(cyan)
	s.JSONLiteral = n().Foreground(magenta)
	s.Dialog = s.Dialog.BorderForeground(yellow)
	s.DialogTitle = n().Bold(true).Foreground(yellow)
	return s
}

// PlainStyles is the NO_COLOR theme: attributes only (bold, reverse,
// underline), which no-color.org allows and which keep focus visible.
func PlainStyles() Styles {
	n := lipgloss.NewStyle
	return Styles{
		App:              n().Bold(true),
		Header:           n(),
		Badge:            n().Bold(true).Reverse(true),
		ReadOnly:         n().Bold(true).Reverse(true),
		Prod:             n().Bold(true),
		ProdBadge:        n().Bold(true).Reverse(true),
		PaneTitle:        n(),
		PaneTitleFocused: n().Bold(true).Underline(true),
		ColumnHeader:     n(),
		Selected:         n().Reverse(true),
		SelectedDim:      n().Bold(true),
		DLQFull:          n().Bold(true),
		RowErr:           n(),
		Match:            n().Underline(true),
		Muted:            n(),
		SparkVisible:     n(),
		SparkInFlight:    n(),
		Label:            n(),
		Status:           n(),
		StatusErr:        n().Bold(true),
		HintKey:          n().Bold(true),
		HintDesc:         n(),
		HelpGroup:        n().Bold(true).Underline(true),
		HelpKey:          n().Bold(true),
		HelpDesc:         n(),
		Marked:           n().Bold(true),
		Note:             n(),
		JSONKey:          n(),
		JSONString:       n(),
		JSONNumber:       n(),
		JSONLiteral:      n(),
		Dialog:           n().Border(lipgloss.RoundedBorder()).Padding(0, 1),
		DialogTitle:      n().Bold(true),
	}
}

// noColor follows no-color.org: any non-empty NO_COLOR disables colour.
// Bubble Tea's colour profile detection also honours NO_COLOR, but only for
// values strconv.ParseBool accepts ("1", "true"); NO_COLOR=yes must count too.
func noColor() bool { return os.Getenv("NO_COLOR") != "" }
