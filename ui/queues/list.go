package queues

import (
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// list is the queue list: sorted, fuzzy-filtered rows with a cursor. It
// renders only the rows on screen, so 10,000 queues cost what 30 do. The
// cursor is tracked by queue URL, so it stays on the same queue when a
// refresh or a new sort moves it.
type list struct {
	c *common.Common

	sorted  []model.Queue // every queue, in sortKey order
	graph   model.DLQGraph
	sortKey model.SortKey
	rows    []queueMatch // the rows shown: indexes into sorted
	cursor  int          // index into rows
	offset  int          // first row on screen

	input     dialog.Input
	filtering bool // the filter input has the keyboard
	dlqOnly   bool // only dead-letter queues are shown (:dlq)

	width, height int
	cols          columns
	longest       int    // longest queue name, in cells, for the name column
	longestRel    int    // longest DLQ relation, in cells, for its column
	empty         string // what an empty list says; the root knows why it is
	want          string // a queue URL to select once listed (one just created)
	focused       bool

	// The age of each queue's oldest message, from CloudWatch: the
	// browser's map, read here for the column and the sort.
	ages     model.Ages
	ageAlert time.Duration // older is highlighted
	ageOn    bool          // the column is shown
}

func newList(c *common.Common) list {
	return list{c: c, focused: true, empty: "loading queues…"}
}

// SetSize sets the pane's outer size; the title and column header take two
// rows, the rest are queue rows.
func (l *list) SetSize(w, h int) {
	l.width, l.height = w, h
	l.cols = layoutColumns(w, l.longest, l.longestRel, l.ageOn)
	l.scroll()
}

func (l *list) Focus() { l.focused = true }
func (l *list) Blur()  { l.focused = false }

// pageSize is the number of queue rows on screen.
func (l *list) pageSize() int { return max(l.height-2, 1) }

// SetQueues replaces the queues, keeping the cursor on the queue it was on.
func (l *list) SetQueues(qs []model.Queue, g model.DLQGraph) {
	sel := l.selectedURL()
	if l.want != "" && slices.ContainsFunc(qs, func(q model.Queue) bool { return q.URL == l.want }) {
		sel, l.want = l.want, ""
	}
	// A sorted copy: the catalog's slice keeps its order.
	l.sorted = append(make([]model.Queue, 0, len(qs)), qs...)
	model.SortQueuesAged(l.sorted, l.sortKey, l.ages)
	l.graph = g
	l.longest, l.longestRel = 0, 0
	for _, q := range qs {
		l.longest = max(l.longest, common.Width(sanitize.Line(q.Name)))
		if _, src := g.DLQOf(q.ARN); src || g.IsDLQ(q.ARN) {
			l.longestRel = max(l.longestRel, common.Width(relation(q, g, 1<<10)))
		}
	}
	l.cols = layoutColumns(l.width, l.longest, l.longestRel, l.ageOn)
	l.refilter(sel)
}

// SetSort reorders the rows, keeping the cursor on the same queue.
func (l *list) SetSort(k model.SortKey) {
	sel := l.selectedURL()
	l.sortKey = k
	model.SortQueuesAged(l.sorted, k, l.ages)
	l.refilter(sel)
}

// SetAges shows the ages of the oldest messages (on: as a column),
// highlighting those older than alert.
func (l *list) SetAges(ages model.Ages, alert time.Duration, on bool) {
	l.ages, l.ageAlert, l.ageOn = ages, alert, on
	l.cols = layoutColumns(l.width, l.longest, l.longestRel, on)
}

// ageOf is q's age cell: "2m", "3h!" past the alert, "-" when unknown or
// the queue is empty;
// old says it is past the alert.
func (l *list) ageOf(q model.Queue) (text string, old bool) {
	a, ok := l.ages[q.Name]
	switch {
	// An empty queue has no oldest message: CloudWatch's 0 would read as
	// "a message 0 s old". (A queue read with an error keeps its age.)
	case !ok || (q.Err == nil && !q.FetchedAt.IsZero() && q.Stats.Total() == 0):
		return "- ", false
	case a.Oldest > l.ageAlert:
		return shortAge(a.Oldest) + "!", true
	}
	return shortAge(a.Oldest) + " ", false
}

// Selected returns the queue under the cursor.
func (l *list) Selected() (model.Queue, bool) {
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return model.Queue{}, false
	}
	return l.sorted[l.rows[l.cursor].Index], true
}

func (l *list) selectedURL() string {
	q, _ := l.Selected()
	return q.URL
}

// Filter is the current filter pattern.
func (l *list) Filter() string { return l.input.Value() }

// StartFilter gives the keyboard to the filter input.
func (l *list) StartFilter() {
	l.filtering = true
	l.input.Focus()
}

// ClearFilter empties the filter and shows every queue again.
func (l *list) ClearFilter() {
	sel := l.selectedURL()
	l.filtering = false
	l.input.Blur()
	l.input.Reset()
	l.refilter(sel)
}

// refilter recomputes the shown rows and puts the cursor back on url, or
// keeps its position when that queue is gone.
func (l *list) refilter(url string) {
	// A pattern ranks its matches (exact, prefix, then by score); the sort
	// order only breaks ties, and orders every row while there is none.
	l.rows = filterQueues(l.sorted, l.input.Value())
	if l.dlqOnly {
		l.rows = onlyDLQs(l.rows, l.sorted, l.graph)
	}
	if url != "" {
		for i, m := range l.rows {
			if l.sorted[m.Index].URL == url {
				l.cursor = i
				l.scroll()
				return
			}
		}
	}
	l.cursor = min(max(l.cursor, 0), max(len(l.rows)-1, 0))
	l.scroll()
}

// scroll keeps the cursor on screen.
func (l *list) scroll() { l.offset = common.Offset(l.cursor, l.offset, l.pageSize(), len(l.rows)) }

func (l *list) move(d int) {
	l.cursor = min(max(l.cursor+d, 0), max(len(l.rows)-1, 0))
	l.scroll()
}

// Update handles navigation and, while it has the keyboard, the filter.
func (l *list) Update(msg tea.Msg) {
	if l.filtering {
		l.updateFilter(msg)
		return
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if d, ok := common.NavStep(k, l.c.Keys.Nav, l.pageSize()); ok {
			l.move(d)
		}
	}
}

// updateFilter narrows the list live as the pattern changes; enter keeps
// the filter and returns the keyboard, esc clears it.
func (l *list) updateFilter(msg tea.Msg) {
	switch dialog.InputKeyOf(msg, l.c.Keys.Input) {
	case dialog.InputAccept:
		l.filtering = false
		l.input.Blur()
	case dialog.InputClear:
		l.ClearFilter()
	case dialog.InputUp:
		l.move(-1)
	case dialog.InputDown:
		l.move(1)
	default:
		if l.input.Update(msg, l.c.Keys.Input) {
			// A new pattern puts the cursor on its best match, so that
			// "/ord" then enter opens orders, whatever row it started on.
			l.cursor = 0
			l.refilter("")
		}
	}
}
