// Package cmdline is the ":" command line (k9s's command mode): a one-line
// prompt on the status line, with the candidates for the word being typed
// just above it. It parses and completes; what a command asks for goes to
// the root as a message (common.JumpMsg, SwitchMsg, FilterDLQMsg,
// ReadOnlyMsg, HelpMsg, or QuitMsg here), and whoever owns that change
// acts on it, so the command line never reaches into a pane or the
// session. It sits on the overlay stack like any dialog: while open it
// alone gets the keys and names the hints.
package cmdline

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// QuitMsg asks the root to quit as q does (`:quit`, `:q!`).
type QuitMsg struct{}

// Session is what the commands check and complete against, as it stands
// when the line opens.
type Session struct {
	Queues   []model.Queue // the list; empty until it has loaded
	Listed   bool          // the list has loaded once: names can be checked
	Region   string        // the session's region ("" when the endpoint names none)
	Profile  string
	Profiles []awsclient.Profile
	Regions  []string // the regions :region completes
	DLQOnly  bool     // the list shows dead-letter queues only
}

// Line is the command line. The root keeps one for the whole session, so
// the history outlives each opening; Open readies it for the stack.
type Line struct {
	c     *common.Common
	s     Session
	input dialog.Input
	err   string // why the last enter was refused; the text is kept

	cands     []cand // the candidates for the word being typed
	pick      int    // the highlighted candidate, which tab and enter take
	completed bool   // the text is cands[pick]: tab moves to the next one

	history []string // accepted lines, oldest first
	hist    int      // where ↑/↓ is in history; len(history) is the draft
	draft   string   // what was typed before ↑

	histPath string // the history's file; "" keeps it for the session
	saved    int    // history[:saved] is in the file already

	width, height int
}

var _ dialog.Dialog = (*Line)(nil)

// New is a command line with no history.
func New(c *common.Common) *Line { return &Line{c: c, input: dialog.Input{Limit: maxLine}} }

// maxLine bounds the text: a console link with its escaped queue URL
// takes a few hundred characters.
const maxLine = 2048

// Open empties the line for a new command against s, and returns it for
// the overlay stack.
func (l *Line) Open(s Session) *Line {
	l.s = s
	l.input.SetValue("")
	l.input.Focus()
	l.err = ""
	l.hist, l.draft = len(l.history), ""
	l.refresh()
	return l
}

// SetProfiles gives the profiles of the shared files, read by a Cmd; they
// complete :profile and name the profile a link's region belongs to.
func (l *Line) SetProfiles(ps []awsclient.Profile) { l.s.Profiles = ps }

// Value is the text typed so far, without the colon.
func (l *Line) Value() string { return l.input.Value() }

// Err is why the last enter was refused; "" when it was not.
func (l *Line) Err() string { return l.err }

// History is what was run, oldest first.
func (l *Line) History() []string { return append([]string(nil), l.history...) }

func (l *Line) SetSize(w, h int)   { l.width, l.height = w, h }
func (l *Line) OnStatusLine() bool { return true }

// Update runs the line on enter, leaves on esc, walks the history on ↑/↓,
// completes on tab, and edits otherwise.
func (l *Line) Update(msg tea.Msg) (bool, tea.Msg) {
	keys := l.c.Keys.Input
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Accept):
			return l.enter()
		case key.Matches(k, keys.Clear):
			return true, nil
		case key.Matches(k, keys.Up):
			l.walk(-1)
			return false, nil
		case key.Matches(k, keys.Down):
			l.walk(1)
			return false, nil
		case key.Matches(k, keys.Complete):
			l.complete()
			return false, nil
		}
	}
	if l.input.Update(msg, keys) {
		l.err = ""
		l.refresh()
	}
	return false, nil
}

// enter runs the line; a refused line stays, with the reason beside it.
func (l *Line) enter() (bool, tea.Msg) {
	text := l.input.Value()
	out, err := l.run(text)
	if err != nil {
		l.err = err.Error()
		return false, nil
	}
	text = ran(text, out)
	if text != "" && (len(l.history) == 0 || l.history[len(l.history)-1] != text) {
		l.history = append(l.history, text)
	}
	return true, out
}

// ran is the line as it ran: a candidate taken for what was typed is
// what ↑ brings back ("q ord" that opened orders is "q orders").
func ran(text string, out tea.Msg) string {
	name, _, _ := split(text)
	switch m := out.(type) {
	case common.JumpMsg:
		return name + " " + m.Target
	case common.SwitchMsg:
		if m.Profile != "" {
			return name + " " + m.Profile
		}
		return name + " " + m.Region
	}
	return strings.TrimSpace(strings.TrimLeft(text, " :"))
}

// walk moves through the history: ↑ older, ↓ newer, back to the draft.
func (l *Line) walk(d int) {
	to := min(max(l.hist+d, 0), len(l.history))
	if to == l.hist {
		return
	}
	if l.hist == len(l.history) {
		l.draft = l.input.Value()
	}
	l.hist = to
	if to == len(l.history) {
		l.input.SetValue(l.draft)
	} else {
		l.input.SetValue(l.history[to])
	}
	l.err = ""
	l.refresh()
}

func (l *Line) Hints() []key.Binding {
	keys := l.c.Keys.Input
	return []key.Binding{keymap.Short(keys.Accept, "run"), keymap.Short(keys.Complete, "complete"),
		keymap.Hint("↑/↓", "history"), keymap.Short(keys.Clear, "cancel"), keymap.Short(keys.ClearLine, "clear")}
}
