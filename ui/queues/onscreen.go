package queues

import "github.com/sqscope/sqscope/model"

// What the refresh schedule needs of the list: which queues' counts are on
// screen (read every tick; the rest only now and then), and when the user
// asks for an order that needs every queue's count.

// SortedMsg says the list is now sorted by By; sorting by depth needs every
// queue's count, which the root then reads.
type SortedMsg struct{ By model.SortKey }

// OnScreen are the queues whose counts are on screen: the rows the list
// draws and the selected queue (its metrics or details are under the list,
// or instead of it when the details take the whole body).
func (b *Browser) OnScreen() []model.Queue {
	var out []model.Queue
	l := &b.list
	if !b.showDetail || b.lay.side > 0 {
		end := min(l.offset+l.pageSize(), len(l.rows))
		for i := l.offset; i < end; i++ {
			out = append(out, l.sorted[l.rows[i].Index])
		}
	}
	if q, ok := l.Selected(); ok {
		out = append(out, q)
	}
	return out
}
