package peek

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Update takes the keys the root routes here (after its global and DLQ
// keys) and every message: the pane's own results, and its dialogs'
// answers. Whatever it changes, the body follows the cursor.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	cmd := p.update(msg)
	p.follow()
	return cmd
}

func (p *Pane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if p.filtering {
			p.updateFilter(msg)
			return nil
		}
		return p.key(msg)
	case tea.PasteMsg:
		if p.filtering {
			p.updateFilter(msg)
		}
	case pageMsg:
		return p.loaded(msg)
	case releasedMsg:
		return p.released(msg)
	case confirmedMsg:
		if !msg.yes {
			p.Say("cancelled: nothing was received")
			return nil
		}
		return p.start(msg.q)
	case moreConfirmedMsg:
		if !msg.yes {
			p.Say("cancelled: nothing was received")
			return nil
		}
		return p.more()
	case rawMsg:
		return p.rawAnswered(msg)
	case deleteAnswerMsg:
		return p.deleteAnswered(msg)
	case holdAgainMsg:
		return p.holdAgain(msg)
	case deletedMsg:
		p.deleteDone(msg)
	case exportPathMsg:
		return p.exportAnswered(msg)
	case exportedMsg:
		p.exported(msg)
	case pagerFileMsg:
		if msg.err != nil {
			p.s.err = msg.err
			return nil
		}
		return pagerCmd(msg)
	case pagerDoneMsg:
		if msg.err != nil {
			p.s.err = msg.err
		}
		return removeFileCmd(msg.path)
	}
	return nil
}

// key handles a key while the pane is open and its filter is not typed.
func (p *Pane) key(k tea.KeyPressMsg) tea.Cmd {
	if !p.s.open() {
		return nil
	}
	keys := p.c.Keys
	switch {
	case key.Matches(k, keys.Global.Back):
		if p.Filter() != "" {
			p.ClearFilter()
			return nil
		}
		return p.close()
	case key.Matches(k, keys.Peek.LoadMore):
		return p.loadMore()
	case key.Matches(k, keys.Peek.Copy):
		return p.copyBody()
	case key.Matches(k, keys.Peek.CopyRaw):
		return p.raw(false)
	case key.Matches(k, keys.Peek.Pager):
		return p.openPager()
	case key.Matches(k, keys.Peek.PagerRaw):
		return p.raw(true)
	case key.Matches(k, keys.Peek.Export):
		p.startExport()
		return nil
	case key.Matches(k, keys.Peek.Delete):
		p.askDelete()
		return nil
	case keys.ReadOnly && slices.Contains(keys.Peek.Delete.Keys(), k.String()):
		p.Say("read-only mode: delete is disabled (restart without --read-only)")
		return nil
	}
	p.viewKey(k)
	return nil
}

// viewKey handles the keys that change only what the pane shows.
func (p *Pane) viewKey(k tea.KeyPressMsg) {
	keys := p.c.Keys
	if p.bodyFocus && p.body.Scroll(k, keys.Nav) {
		return
	}
	if d, ok := common.NavStep(k, keys.Nav, p.listRows); ok {
		p.move(d)
		return
	}
	switch {
	case key.Matches(k, keys.Global.NextPane, keys.Global.PrevPane):
		p.bodyFocus = !p.bodyFocus
	case key.Matches(k, keys.Peek.Body):
		p.bodyFocus = true
	case key.Matches(k, keys.Peek.Select):
		p.toggle()
	case key.Matches(k, keys.Peek.Filter):
		p.filtering = true
		p.input.Focus()
	case key.Matches(k, keys.Peek.Raw):
		p.body.ToggleRaw()
	case key.Matches(k, keys.Peek.Decode):
		p.body.ToggleDecode()
	case key.Matches(k, keys.Peek.BinaryFmt):
		p.body.ToggleBinary()
	}
}

// Hints are the pane's, most useful first; while the body has the
// keyboard the arrows scroll it.
func (p *Pane) Hints() []key.Binding {
	keys := p.c.Keys
	if p.filtering {
		return common.FilterHints(keys.Input, "to filter")
	}
	move := keymap.Hint("↑↓", "message")
	if p.bodyFocus {
		move = keymap.Hint("↑↓/pgdn", "scroll")
	}
	s := keymap.Short
	more := s(keys.Peek.LoadMore, "more")
	if p.exhausted {
		more = s(keys.Peek.LoadMore, "read again")
	}
	// Short words, so that at 120 columns the line reaches export.
	return []key.Binding{
		s(keys.Global.Back, "close"), move, common.DLQSlot(), more, keys.Global.Help, keys.Peek.Filter,
		s(keys.Peek.Select, "select"), s(keys.Peek.Export, "export"), s(keys.Peek.Delete, "delete"), s(keys.Peek.Copy, "copy"),
		s(keys.Peek.Pager, "pager"), s(keys.Peek.Raw, "raw"), s(keys.Peek.Decode, "decode"),
		s(keys.Global.NextPane, "list/body"), s(keys.Peek.BinaryFmt, "hex/b64"), keymap.ShortKey(keys.Global.Quit, "q", "quit"),
	}
}
