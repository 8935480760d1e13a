package peek

import (
	"bufio"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// writeJSONL writes one model.Record per message, as read from queueURL.
func writeJSONL(w io.Writer, queueURL string, msgs []model.Message) error {
	recs := make([]model.Record, len(msgs))
	for i, m := range msgs {
		recs[i] = model.RecordOf(m, queueURL)
	}
	return model.WriteRecords(w, recs)
}

// exportCmd writes req's messages to its path. It never overwrites a
// file, and creates it readable by the user only: message bodies are often
// confidential. When the file cannot be created the answer says to ask
// again.
func exportCmd(req exportReq) tea.Cmd {
	return func() tea.Msg {
		f, err := os.OpenFile(common.ExpandHome(req.path), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return exportedMsg{req: req, err: err, retry: true}
		}
		bw := bufio.NewWriter(f)
		err = writeJSONL(bw, req.queueURL, req.msgs)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return exportedMsg{req: req, err: fmt.Errorf("writing %s: %w", req.path, err)}
		}
		return exportedMsg{req: req, n: len(req.msgs)}
	}
}
