package peek

import (
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/common"
)

// What a purge asks of the peek pane: to keep a copy of what it has read
// before, and to forget it after.

// MarkPurged notes that the queue was purged: every message listed is
// gone, so the list is cleared and nothing is selected; n reads it again.
func (p *Pane) MarkPurged() {
	p.purged = true
	p.held = 0 // gone, not held
	p.msgs, p.rows, p.cursor, p.offset = nil, p.rows[:0], 0, 0
	p.selected, p.again = map[string]bool{}, nil
	p.share()
	p.follow()
}

// ReadCount is how many messages the pane lists from queueURL: what an
// export before a purge of that queue would write; -1 when the pane is
// not open on it.
func (p *Pane) ReadCount(queueURL string) int {
	if !p.s.open() || p.q.URL != queueURL {
		return -1
	}
	return len(p.msgs)
}

// ExportRead writes every message the pane has read (whatever the filter
// or the selection) to a new file named after the queue and the time, the
// export's JSONL, and tells then how it went: purge's "export first". It
// never overwrites a file.
func (p *Pane) ExportRead(then func(n int, path string, err error) tea.Msg) tea.Cmd {
	if !p.s.open() || len(p.msgs) == 0 {
		return func() tea.Msg { return then(0, "", nil) }
	}
	req := exportReq{queueURL: p.q.URL, msgs: p.readAll(), what: common.Plural(len(p.msgs), "message"),
		path: defaultExportPath(p.q.Name, p.c.Now())}
	write := exportCmd(req)
	return func() tea.Msg {
		r := write().(exportedMsg)
		// Absolute, so the message says where the file is whatever the
		// directory sqscope was started in.
		path, err := filepath.Abs(common.ExpandHome(req.path))
		if err != nil {
			path = req.path
		}
		return then(r.n, path, r.err)
	}
}
