package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
)

// Loading more is where a peek can harm a queue twice. SQS has no read
// offset: a page is whatever the next receives return. While the messages
// already read are held they cannot come back; once their hold has ended
// (or they were released for a move) the next page receives them again,
// raising their receive counts once more. So before that happens on a
// queue with a redrive policy, the user is asked, and afterwards the list
// shows the raised counts.

// loadMore is n: read the next page, asking first when it would receive
// already-read messages again on a queue that dead-letters.
func (a *App) loadMore() tea.Cmd {
	if !a.pk.open() {
		return nil
	}
	exposed := a.exposed()
	q := a.peek.q
	if len(exposed) == 0 || q.Redrive == nil || q.Redrive.MaxReceiveCount < 1 {
		return a.peekNext()
	}
	counts := make([]int, len(exposed))
	for i, m := range exposed {
		counts[i] = m.ReceiveCount
	}
	lines := append([]string{fmt.Sprintf("%s of the %s read so far %s visible again: their %s hold ended, or they "+
		"were released. SQS has no read offset, so the next page receives them again.",
		commas(int64(len(exposed))), plural(len(a.peek.msgs), "message"), isAre(len(exposed)), peekHold)},
		peekWarning(q, a.graph, model.PeekCostOf(q.Redrive, counts))...)
	a.confirm = newConfirm(&a.st, "peekmore", "Receive messages of "+oneLine(q.Name)+" again?", "load more", lines...)
	a.confirm.SetSize(a.width, a.lay.body)
	return nil
}

// exposed are the listed messages the session no longer holds: the next
// receive can return them. Held counts only the session's live holds, in
// memory.
func (a *App) exposed() []model.Message {
	held := a.pk.sess.Held()
	if held >= len(a.peek.msgs) {
		return nil
	}
	if held == 0 {
		return a.peek.msgs
	}
	// Holds end page by page, oldest first.
	return a.peek.msgs[:len(a.peek.msgs)-held]
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
