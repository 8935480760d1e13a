package queues

import (
	"slices"

	"github.com/sqscope/sqscope/model"
)

// The list's "dead-letter queues only" view (`:dlq`): on call, the DLQs
// are where the trouble collects. It narrows the rows as the filter does,
// and the filter still applies within it.

// SetDLQOnly shows dead-letter queues only (on) or every queue again; the
// cursor stays on its queue when it is still shown.
func (b *Browser) SetDLQOnly(on bool) {
	l := &b.list
	sel := l.selectedURL()
	l.dlqOnly = on
	l.refilter(sel)
	b.sync()
}

// DLQOnly says the list shows dead-letter queues only.
func (b *Browser) DLQOnly() bool { return b.list.dlqOnly }

// Select puts the cursor on the queue at url when the list shows it (a
// queue opened from the command line or a link), so that closing its peek
// comes back to it; false when it is not shown.
func (b *Browser) Select(url string) bool {
	l := &b.list
	i := slices.IndexFunc(l.rows, func(m queueMatch) bool { return l.sorted[m.Index].URL == url })
	if i < 0 {
		return false
	}
	l.cursor = i
	l.scroll()
	b.sync()
	return true
}

// onlyDLQs keeps the matches that are dead-letter queues: some listed
// queue sends its failures there.
func onlyDLQs(rows []queueMatch, qs []model.Queue, g model.DLQGraph) []queueMatch {
	return slices.DeleteFunc(rows, func(m queueMatch) bool { return !g.IsDLQ(qs[m.Index].ARN) })
}
