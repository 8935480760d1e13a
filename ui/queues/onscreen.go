package queues

import "github.com/sqscope/sqscope/model"

// What the refresh schedule needs of the list: which queues' counts are on
// screen (read every tick; the rest only now and then), and when the user
// asks for an order that needs every queue's count.

// SortedMsg says the list is now sorted by By; sorting by depth needs every
// queue's count, which the root then reads.
type SortedMsg struct{ By model.SortKey }

// OnScreen are the queues whose counts are on screen: the rows the list
// draws, the selected one among them (its metrics are under the list); or
// only the selected queue while its details take the whole body.
func (b *Browser) OnScreen() []model.Queue {
	l := &b.list
	if b.showDetail && b.lay.side == 0 {
		if q, ok := l.Selected(); ok {
			return []model.Queue{q}
		}
		return nil
	}
	// The list keeps the cursor on screen, so the selected queue is a row.
	end := min(l.offset+l.pageSize(), len(l.rows))
	out := make([]model.Queue, 0, max(end-l.offset, 0))
	for i := l.offset; i < end; i++ {
		out = append(out, l.sorted[l.rows[i].Index])
	}
	return out
}
