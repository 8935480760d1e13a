package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
)

// handleKey routes a key press to whatever has the keyboard, innermost
// first: quit, the confirm dialog, the export prompt, help, the peek pane,
// the filter, then the global keys and the focused pane.
func (a *App) handleKey(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if k.String() == "ctrl+c" {
		return a.quit()
	}
	if a.quitting {
		if key.Matches(k, a.keys.Quit) {
			return a.quit()
		}
		return a, nil // only "quit at once" while releasing
	}
	a.notice = ""
	switch {
	case a.confirm != nil:
		return a, a.answer(k)
	case a.prompt != nil:
		cmd, done, notice := a.prompt.Update(k, &a.keys, a.peek.q.URL)
		if done {
			a.prompt = nil
		}
		a.notice = notice
		return a, cmd
	case a.picker != nil:
		return a, a.pickerKey(k)
	case a.showHelp:
		switch {
		case key.Matches(k, a.keys.Help, a.keys.Back):
			a.showHelp = false
		case key.Matches(k, a.keys.Quit):
			return a.quit()
		}
		return a, nil
	case a.peekOpen():
		return a.peekKey(k)
	case a.browse.list.Filtering():
		var cmd tea.Cmd
		a.browse.list, cmd = a.browse.list.Update(k)
		a.syncSide()
		return a, cmd
	}
	if m, cmd, ok := a.globalKey(k); ok {
		return m, cmd
	}
	switch {
	case key.Matches(k, a.keys.Open, a.keys.Peek):
		if q, ok := a.browse.list.Selected(); ok {
			return a, a.requestPeek(q)
		}
		return a, nil
	case key.Matches(k, a.keys.Details):
		a.openDetail()
		return a, nil
	case key.Matches(k, a.keys.Back):
		a.back()
		return a, nil
	}
	if cmd, ok := a.redriveKey(k); ok {
		return a, cmd
	}
	cmd, moved := a.browse.key(k, &a.keys, a.lay.side > 0)
	if moved {
		a.syncSide()
	}
	return a, cmd
}

// answer handles the key pressed on the confirm dialog.
func (a *App) answer(k tea.KeyPressMsg) tea.Cmd {
	d := a.confirm
	switch d.tag {
	case "redrive":
		a.confirm = nil
		cmd, again := a.moves.answer(a.moveEnv(), d, k, a.keys.Rate)
		if again {
			a.openRedriveDialog()
		}
		return cmd
	case "quitmove":
		a.confirm = nil
		if !d.Answer(k) {
			a.notice = "the move goes on"
			return nil
		}
		_, cmd := a.stopAndQuit()
		return cmd
	}
	a.confirm = nil
	if !d.Answer(k) {
		a.notice = "cancelled: nothing was received"
		return nil
	}
	switch d.tag {
	case "peek":
		return a.startPeek(a.pk.pending)
	case "peekmore":
		return a.pk.more(a.ctx, &a.peek)
	}
	return nil
}

// globalKey handles the keys that mean the same wherever the keyboard is:
// quit, help and refresh. ok is false for any other key.
func (a *App) globalKey(k tea.KeyPressMsg) (m tea.Model, cmd tea.Cmd, ok bool) {
	switch {
	case key.Matches(k, a.keys.Quit):
		m, cmd = a.quit()
		return m, cmd, true
	case key.Matches(k, a.keys.Help):
		a.showHelp = true
		return a, nil, true
	case key.Matches(k, a.keys.Refresh):
		// An explicit refresh supersedes one in flight: its answer will be
		// stale and dropped.
		return a, a.refresh(), true
	}
	return a, nil, false
}

// openDetail shows the selected queue's attributes, redrive policy and
// DLQ links, and gives it the keyboard.
func (a *App) openDetail() {
	q, ok := a.browse.list.Selected()
	if !ok {
		return
	}
	a.browse.showDetail = true
	a.relayout()
	a.browse.detail.SetQueue(q, a.graph, a.byARN)
	a.setFocus(paneSide)
}

// peekKey handles a key while the peek pane is open. Keys that read,
// write or close are handled here; the rest only move the pane's view.
func (a *App) peekKey(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if a.peek.Filtering() {
		a.peek, cmd = a.peek.Update(k)
		return a, cmd
	}
	if m, cmd, ok := a.globalKey(k); ok {
		return m, cmd
	}
	switch {
	case key.Matches(k, a.keys.Back):
		if a.peek.Filter() != "" {
			a.peek.ClearFilter()
			return a, nil
		}
		return a, a.closePeek()
	case key.Matches(k, a.keys.LoadMore):
		return a, a.loadMore()
	case key.Matches(k, a.keys.Copy):
		cmd, a.notice = copyBody(&a.peek)
	case key.Matches(k, a.keys.Pager):
		return a, openPager(&a.peek)
	case key.Matches(k, a.keys.Export):
		a.prompt, a.notice = newExportPrompt(&a.peek, a.now())
	default:
		if cmd, ok := a.redriveKey(k); ok {
			return a, cmd
		}
		a.peek, cmd = a.peek.Update(k)
	}
	return a, cmd
}

// peekMsg handles the peek's result messages; ok is false for any other.
func (a *App) peekMsg(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case peekPageMsg:
		return a.peekLoaded(msg), true
	case peekReleasedMsg:
		a.peekReleased(msg)
		return nil, true
	case quitNowMsg:
		if !a.quitting {
			return nil, true
		}
		_, cmd := a.quitNow()
		return cmd, true
	case exportedMsg:
		if retry, notice := a.pk.exported(msg); retry != nil {
			a.prompt = retry
		} else if notice != "" {
			a.notice = notice
		}
		return nil, true
	case tea.PasteMsg:
		switch {
		case a.prompt != nil:
			a.prompt.input.Update(msg)
		case a.picker != nil:
			cmd = a.pickerKey(msg)
		case a.peekOpen() && a.peek.Filtering():
			a.peek, cmd = a.peek.Update(msg)
		default:
			return nil, false
		}
		return cmd, true
	}
	return a.pk.pagerMsg(msg)
}

// farAway is a step past either end of any list; the caller clamps it.
const farAway = 1 << 30

// navStep is how far a navigation key moves a cursor or a scroll offset,
// page rows being one page; ok is false for any other key. Every pane
// moves by the same keys, so they are read in one place.
func navStep(k tea.KeyPressMsg, keys *keymap.KeyMap, page int) (step int, ok bool) {
	switch {
	case key.Matches(k, keys.Up):
		return -1, true
	case key.Matches(k, keys.Down):
		return 1, true
	case key.Matches(k, keys.PageUp):
		return -page, true
	case key.Matches(k, keys.PageDown):
		return page, true
	case key.Matches(k, keys.Top):
		return -farAway, true
	case key.Matches(k, keys.Bottom):
		return farAway, true
	}
	return 0, false
}
