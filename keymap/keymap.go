// Package keymap declares every key binding of sqscope in one place, nested
// by the area where it applies, with its help text, so that the help
// overlay, the hint line and the panes all agree on what a key does. It
// depends on bubbles only.
package keymap

import "charm.land/bubbles/v2/key"

// KeyMap holds every binding, by area. The UI matches keys with
// key.Matches against these fields; a disabled binding never matches,
// which is how read-only mode removes the actions that change SQS.
type KeyMap struct {
	Nav    Nav    // cursor and scroll, in every list and text pane
	Global Global // wherever the keyboard is, unless text is being typed
	List   List   // the queue list and the panes under it
	Peek   Peek   // the peek pane: one queue's messages
	DLQ    DLQ    // dead-letter queues: the DLQ pane, redrive and move
	Dialog Dialog // confirmations and pickers
	Input  Input  // a one-line text input: filters, the export path
	Form   Form   // a form of several fields: create queue, edit attributes
	Editor Editor // the in-app editor of a message draft

	// ReadOnly is set by ReadOnly; help uses it to say why the actions
	// that change SQS are missing.
	ReadOnly bool
	// Confined is set by Confined: the session runs on another's host
	// (sqscope serve), where its files and programs are out of reach.
	Confined bool
}

// Nav moves a cursor or scrolls.
type Nav struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// Global are the keys that mean the same everywhere.
type Global struct {
	Quit      key.Binding // releases what peeks hold first; asks while a move runs
	Interrupt key.Binding // ctrl+c: quits even while text is typed or a dialog is open
	Help      key.Binding
	Refresh   key.Binding
	NextPane  key.Binding
	PrevPane  key.Binding
	Back      key.Binding // clear a filter, close a pane
	Audit     key.Binding // the audit log's recent entries
	Command   key.Binding // the ":" command line: jump to a queue, switch, filter
	Switch    key.Binding // another profile or region; changes nothing, so read-only keeps it
}

// List are the queue list's keys.
type List struct {
	Filter  key.Binding
	Open    key.Binding // enter: peek the selected queue (the same as Peek)
	Peek    key.Binding
	Details key.Binding
	Sort    key.Binding
	Window  key.Binding // the metrics pane's history window: 1h, 3h, … 2w

	// The changes a queue can take. Each asks first, naming the queue.
	Send      key.Binding // compose one message to the selected queue
	SendFile  key.Binding // send a JSONL file of records
	Purge     key.Binding // asks for the queue's name typed out
	Create    key.Binding // the create-queue form
	Edit      key.Binding // edit the selected queue's attributes
	DropQueue key.Binding // delete the selected queue; asks for its name
}

// Peek are the peek pane's keys.
type Peek struct {
	Filter    key.Binding
	Body      key.Binding // enter: the body takes the arrows
	LoadMore  key.Binding
	Select    key.Binding
	Copy      key.Binding // the body as sanitized text
	CopyRaw   key.Binding // the body's raw bytes, asked first when they hold controls
	Pager     key.Binding // the body as sanitized text
	PagerRaw  key.Binding // the raw bytes, asked first when they hold controls
	Export    key.Binding
	Raw       key.Binding // pretty JSON / raw body
	Decode    key.Binding // base64 / gzip+base64 body
	BinaryFmt key.Binding // Binary attributes as hex / base64
	Delete    key.Binding // delete the selected messages (or the one under the cursor)
	Resend    key.Binding // edit the message under the cursor and send it
}

// DLQ are the keys of dead-letter queues: the breakdown, redrive, move.
type DLQ struct {
	GroupBy    key.Binding // the DLQ breakdown groups by the next field seen
	GroupPrev  key.Binding // … by the previous one
	GroupPick  key.Binding // … by a field picked from a list
	Redrive    key.Binding
	MoveTo     key.Binding // client-side move to a queue the user picks
	Rate       key.Binding // in the redrive dialog: cycle the native rate
	Forget     key.Binding // in the redrive dialog: forget a crashed move's journal
	CancelMove key.Binding
}

// Dialog are the answers a confirmation takes, the same in every dialog:
// Yes confirms, No cancels, Default (enter) takes the answer the dialog
// shows highlighted, which is No for anything that changes or risks
// messages. Other keys do nothing (the arrows scroll a long question), so
// a key typed ahead can never agree by accident.
type Dialog struct {
	Yes     key.Binding
	No      key.Binding
	Default key.Binding
}

// Input edits one line of text.
type Input struct {
	Accept     key.Binding // keep the text (a filter) or use it (a path)
	Clear      key.Binding // clear and leave (a filter) or cancel (a prompt)
	Up, Down   key.Binding // still move the list, since j and k are letters here
	DeleteChar key.Binding
	DeleteWord key.Binding
	ClearLine  key.Binding
	Complete   key.Binding // the command line: complete the word, again for the next candidate
}

// Editor are the in-app draft editor's keys; every other key edits the
// text (enter is a new line, so it cannot also mean "done").
type Editor struct {
	Save   key.Binding // check the draft, then ask before sending
	Cancel key.Binding // close, keeping the draft for next time
}

// Form moves between a form's fields and changes a choice; its text
// fields edit with the Input keys, enter goes to the next field (or does
// what the focused row offers: pick, submit), esc cancels. The arrows and
// tab, not j and k, since letters are text in a form.
type Form struct {
	Next       key.Binding
	Prev       key.Binding
	ChoiceNext key.Binding // the next of a choice's values
	ChoicePrev key.Binding
}

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// Default returns the standard bindings.
func Default() KeyMap {
	return KeyMap{
		Nav: Nav{
			Up:       bind("↑/k", "up", "up", "k"),
			Down:     bind("↓/j", "down", "down", "j"),
			PageUp:   bind("pgup/ctrl+u", "page up", "pgup", "ctrl+u"),
			PageDown: bind("pgdn/ctrl+d", "page down", "pgdown", "ctrl+d"),
			Top:      bind("g/home", "top", "g", "home"),
			Bottom:   bind("G/end", "bottom", "G", "end"),
		},
		Global: Global{
			Quit:      bind("q/ctrl+c", "quit", "q", "ctrl+c"),
			Interrupt: bind("ctrl+c", "quit, even while typing", "ctrl+c"),
			Help:      bind("?", "help", "?"),
			Refresh:   bind("r", "refresh now", "r"),
			NextPane:  bind("tab", "next pane", "tab"),
			PrevPane:  bind("shift+tab", "previous pane", "shift+tab"),
			Back:      bind("esc", "clear / back", "esc"),
			Audit:     bind("L", "audit log", "L"),
			Command:   bind(":", "command: :q NAME, :dlq", ":"),
			Switch:    bind("ctrl+p", "switch profile/region", "ctrl+p"),
		},
		List: List{
			Filter:  bind("/", "filter", "/"),
			Open:    bind("enter", "open: peek messages", "enter"),
			Peek:    bind("p", "peek messages", "p"),
			Details: bind("i", "queue details", "i"),
			Sort:    bind("s", "sort name/depth/age", "s"),
			Window:  bind("w", "metrics window 1h…2w", "w"),

			Send:      bind("S", "send a message", "S"),
			SendFile:  bind("F", "send from a file", "F"),
			Purge:     bind("P", "purge queue", "P"),
			Create:    bind("C", "create queue", "C"),
			Edit:      bind("E", "list: edit attributes", "E"),
			DropQueue: bind("X", "list: delete queue", "X"),
		},
		Peek: Peek{
			Filter:    bind("/", "filter", "/"),
			Body:      bind("enter", "read the body", "enter"),
			LoadMore:  bind("n", "load more messages", "n"),
			Select:    bind("space", "select message", "space"),
			Copy:      bind("y", "copy body", "y"),
			CopyRaw:   bind("Y", "copy raw bytes", "Y"),
			Pager:     bind("o", "open body in $PAGER", "o"),
			PagerRaw:  bind("O", "raw bytes in $PAGER", "O"),
			Export:    bind("e", "export as JSONL", "e"),
			Raw:       bind("v", "pretty / raw body", "v"),
			Decode:    bind("d", "decode base64/gzip", "d"),
			BinaryFmt: bind("b", "binary as hex/base64", "b"),
			Delete:    bind("X", "peek: delete messages", "X"),
			Resend:    bind("E", "peek: edit and resend", "E"),
		},
		DLQ: DLQ{
			GroupBy:    bind("a", "group by the next field", "a"),
			GroupPrev:  bind("A", "group by the previous field", "A"),
			GroupPick:  bind("f", "pick the field to group by", "f"),
			Redrive:    bind("R", "redrive DLQ", "R"),
			MoveTo:     bind("m", "move DLQ to…", "m"),
			Rate:       bind("t", "redrive rate", "t"),
			Forget:     bind("x", "forget a crashed move", "x"),
			CancelMove: bind("c", "cancel move", "c"),
		},
		Dialog: Dialog{
			Yes:     bind("y", "yes", "y", "Y"),
			No:      bind("n/esc", "no", "n", "N", "esc"),
			Default: bind("enter", "the highlighted answer", "enter"),
		},
		Form: Form{
			Next:       bind("tab/↓", "next field", "tab", "down"),
			Prev:       bind("shift+tab/↑", "previous field", "shift+tab", "up"),
			ChoiceNext: bind("→/space", "next choice", "right", "space"),
			ChoicePrev: bind("←", "previous choice", "left"),
		},
		Input: Input{
			Accept:     bind("enter", "keep", "enter"),
			Clear:      bind("esc", "clear", "esc"),
			Up:         bind("↑", "up", "up"),
			Down:       bind("↓", "down", "down"),
			DeleteChar: bind("backspace", "delete a character", "backspace", "ctrl+h"),
			DeleteWord: bind("ctrl+w", "delete a word", "ctrl+w"),
			ClearLine:  bind("ctrl+u", "clear", "ctrl+u"),
			Complete:   bind("tab", "complete", "tab"),
		},
		Editor: Editor{
			Save:   bind("ctrl+s", "check and send", "ctrl+s"),
			Cancel: bind("esc", "close, keep the draft", "esc"),
		},
	}
}

// ReadOnly returns k with every binding that changes SQS state disabled, so
// that it neither matches a key nor shows in hints or help.
func ReadOnly(k KeyMap) KeyMap {
	for _, b := range k.Mutating() {
		b.SetEnabled(false)
	}
	k.ReadOnly = true
	return k
}

// Confined returns k with every binding that reaches the host's files or
// programs disabled: the pager, export to a file, send from a file. A
// session served over SSH runs on the server's host, under its user, with
// its AWS credentials; these would hand a key holder that host.
func Confined(k KeyMap) KeyMap {
	for _, b := range k.HostLocal() {
		b.SetEnabled(false)
	}
	k.Confined = true
	return k
}

// HostLocal returns pointers to the bindings that read or write the
// host's files or run its programs.
func (k *KeyMap) HostLocal() []*key.Binding {
	return []*key.Binding{&k.Peek.Pager, &k.Peek.PagerRaw, &k.Peek.Export, &k.List.SendFile}
}

// OffReason is why the disabled bindings are off, for help.
func (k KeyMap) OffReason() string {
	switch {
	case k.ReadOnly && k.Confined:
		return "read-only mode or a served session"
	case k.Confined:
		return "a served session"
	}
	return "read-only mode"
}

// Mutating returns pointers to the bindings that change queues or
// messages: the ones read-only mode disables. A new action that sends,
// deletes, purges, creates or edits adds its binding here.
func (k *KeyMap) Mutating() []*key.Binding {
	return []*key.Binding{
		&k.DLQ.Redrive, &k.DLQ.MoveTo, &k.DLQ.Rate, &k.DLQ.Forget, &k.DLQ.CancelMove,
		&k.List.Send, &k.List.SendFile, &k.List.Purge, &k.List.Create, &k.List.Edit, &k.List.DropQueue,
		&k.Peek.Delete, &k.Peek.Resend,
	}
}
