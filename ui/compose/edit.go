package compose

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// draft is one message from the key that opened it to its send: edited,
// checked, asked about, sent. Its text survives every step that stops
// short (a refusal, a cancel, a failed send) in Pane.kept.
type draft struct {
	resend bool
	to     model.Queue   // where it goes: S's queue; for E, set once picked
	from   model.Queue   // E: the queue the original was read from
	orig   model.Message // E: the original, with the peek's receipt handle
	key    string        // where it is kept: "send <url>" or "resend <id>"

	text    string         // as last edited, without the external editor's header
	err     *draftError    // why the last try was refused; nil when none
	written string         // the external editor's file as written, to tell an unchanged save
	out     model.Outgoing // the checked message, once asked about
	sending bool
}

// newSend is a draft to q: the one kept from an earlier try, else a
// template that fits q.
func (p *Pane) newSend(q model.Queue) *draft {
	d := &draft{to: q, key: "send " + q.URL}
	d.text = p.kept[d.key]
	if d.text == "" {
		d.text = sendTemplate(q, p.c.Now())
	}
	return d
}

// newResend is a draft of m, read from q: kept from an earlier try, else
// m's record.
func (p *Pane) newResend(m model.Message, q model.Queue) *draft {
	d := &draft{resend: true, from: q, orig: m, key: "resend " + m.ID}
	d.text = p.kept[d.key]
	if d.text == "" {
		d.text = resendText(m, q)
	}
	return d
}

// title is what the editor says the draft is.
func (d *draft) title() string {
	if d.resend {
		return "Edit message " + common.OneLine(cut(d.orig.ID, 40)) + " of " + common.OneLine(d.from.Name) +
			", then pick where it goes"
	}
	return "A message to " + common.OneLine(d.to.Name) + " (" + d.to.Type.String() + ")"
}

// again is the key that reopens a kept draft.
func (d *draft) again() string {
	if d.resend {
		return "E on the message"
	}
	return "S"
}

// edit opens d in an editor: which one is decided off the UI goroutine,
// since it reads the environment and writes a file.
func (p *Pane) edit(d *draft) tea.Cmd {
	p.cur = d
	d.written = fileText(d)
	if p.c.Confined {
		// $EDITOR is the host's program, run as the server's user: a
		// key holder would get the host's shell (vi's :!).
		return func() tea.Msg { return editorReadyMsg{d: d, inApp: true} }
	}
	return prepareCmd(d, d.written)
}

// editorReady opens the in-app editor, or runs the external one.
func (p *Pane) editorReady(msg editorReadyMsg) tea.Cmd {
	d := msg.d
	if d != p.cur {
		return nil
	}
	if msg.inApp || msg.err != nil {
		if msg.err != nil {
			p.Say("could not write the draft for $EDITOR (" + common.ErrText(msg.err) + "): editing here instead")
		}
		p.openInApp(d)
		return nil
	}
	return p.exec(msg.cmd, func(err error) tea.Msg { return editedMsg{d: d, path: msg.path, err: err} })
}

// openInApp puts the in-app editor on the overlay stack, on the draft,
// with the reason of the last refusal and the cursor where it points.
func (p *Pane) openInApp(d *draft) {
	if len(d.text) > dialog.EditorMax {
		p.stop(d, d.text, fmt.Sprintf("the draft is %s, more than the in-app editor takes: set $EDITOR (or $VISUAL) "+
			"and press %s again, or put it in a file for F", common.Plural(len(d.text), "byte"), d.again()))
		return
	}
	why := ""
	line, col := bodyAt(d.text)
	if d.err != nil && d.err.Line > 0 {
		line, col = d.err.Line, d.err.Col
	}
	if d.err != nil {
		why = d.err.Error()
	}
	p.Send(dialog.OpenMsg{Dialog: dialog.NewEditor(p.c, d.title(), d.text, why, line, col,
		func(r dialog.Result) tea.Msg { return editorAnswerMsg{d: d, res: r} })})
}

// editorAnswered takes the in-app editor's answer.
func (p *Pane) editorAnswered(msg editorAnswerMsg) tea.Cmd {
	if msg.d != p.cur {
		return nil
	}
	if msg.res.Outcome != dialog.Entered {
		p.stop(msg.d, msg.res.Text, "closed: nothing sent")
		return nil
	}
	return p.saved(msg.d, msg.res.Text)
}

// readBack takes the external editor's file. An editor that could not
// start leaves the in-app editor; one that exited with an error (vim's
// :cq) stops, keeping what was saved; a file saved unchanged after a
// refusal stops too, so an editor quit without saving is a way out.
func (p *Pane) readBack(msg draftReadMsg) tea.Cmd {
	d := msg.d
	if d != p.cur {
		return nil
	}
	var exit interface{ ExitCode() int }
	switch {
	case msg.editErr != nil && !errors.As(msg.editErr, &exit):
		p.Say("could not run the editor (" + common.ErrText(msg.editErr) + "): editing here instead")
		p.openInApp(d)
		return nil
	case msg.err != nil:
		p.stop(d, d.text, "could not read the draft back ("+common.ErrText(msg.err)+"): nothing sent")
		return nil
	case msg.editErr != nil:
		p.stop(d, stripHeader(msg.text), "the editor exited with an error: nothing sent")
		return nil
	case d.err != nil && msg.text == d.written:
		p.stop(d, d.text, "the draft was left unchanged: nothing sent")
		return nil
	}
	return p.saved(d, stripHeader(msg.text))
}

// saved checks an edited draft. A refused draft goes back to its editor
// with the reason; a resend picks its destination first, whose rules the
// checks depend on.
func (p *Pane) saved(d *draft, text string) tea.Cmd {
	d.text = text
	if strings.TrimSpace(blankNotes(text)) == "" {
		delete(p.kept, d.key)
		p.cur = nil
		p.Say("the draft is empty: nothing sent")
		return nil
	}
	if d.resend {
		if _, err := parseDraft(text); err != nil {
			return p.refused(d, err)
		}
		p.pickDest(d)
		return nil
	}
	return p.checkFor(d)
}

// checkFor checks d against its destination's rules and asks before
// sending, or sends it back to its editor.
func (p *Pane) checkFor(d *draft) tea.Cmd {
	o, err := check(d.text, model.RulesOf(d.to))
	if err != nil {
		return p.refused(d, err)
	}
	d.err, d.out = nil, o
	p.confirm(d)
	return nil
}

// refused reopens d's editor with why.
func (p *Pane) refused(d *draft, err error) tea.Cmd {
	var de *draftError
	if !errors.As(err, &de) {
		de = &draftError{Msg: err.Error()}
	}
	d.err = de
	return p.edit(d)
}

// stop ends d's flow short of a send, keeping text for next time.
func (p *Pane) stop(d *draft, text, why string) {
	if strings.TrimSpace(blankNotes(text)) != "" {
		p.kept[d.key] = text
		why += "; the draft is kept (" + d.again() + " opens it again)"
	}
	if p.cur == d {
		p.cur = nil
	}
	p.Say(why)
}

// cut is s cut to n bytes, for ids in titles.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
