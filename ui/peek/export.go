package peek

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
)

// exportRecord is one line of an export, in the shape of SQS's own
// ReceiveMessage output so that jq recipes and re-send scripts written for
// the API read it unchanged. Binary values are base64, as in the API.
type exportRecord struct {
	MessageID string `json:"MessageId"`
	Body      string `json:"Body"`
	// BodyBase64 is the exact body when it is not valid UTF-8 (which JSON
	// strings cannot carry: Body then has U+FFFD in place of bad bytes).
	BodyBase64        []byte                     `json:"BodyBase64,omitempty"`
	MD5OfBody         string                     `json:"MD5OfBody,omitempty"`
	Attributes        map[string]string          `json:"Attributes,omitempty"`
	MessageAttributes map[string]exportAttribute `json:"MessageAttributes,omitempty"`
	Queue             string                     `json:"Queue"` // the queue it was peeked from
}

type exportAttribute struct {
	DataType    string `json:"DataType"`
	StringValue string `json:"StringValue,omitempty"`
	BinaryValue []byte `json:"BinaryValue,omitempty"`
}

// writeJSONL writes one JSON object per message. HTML escaping is off so
// that bodies read as they were sent; encoding/json still escapes every
// control character, so the file is safe to cat.
func writeJSONL(w io.Writer, queueURL string, msgs []model.Message) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, m := range msgs {
		r := exportRecord{MessageID: m.ID, Body: m.Body, MD5OfBody: m.MD5OfBody, Attributes: m.System, Queue: queueURL}
		if !utf8.ValidString(m.Body) {
			r.BodyBase64 = []byte(m.Body)
		}
		if len(m.Attributes) > 0 {
			r.MessageAttributes = make(map[string]exportAttribute, len(m.Attributes))
			for k, a := range m.Attributes {
				r.MessageAttributes[k] = exportAttribute{DataType: a.DataType, StringValue: a.StringValue, BinaryValue: a.BinaryValue}
			}
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// exportCmd writes req's messages to its path. It never overwrites a
// file, and creates it readable by the user only: message bodies are often
// confidential. When the file cannot be created the answer says to ask
// again.
func exportCmd(req exportReq) tea.Cmd {
	return func() tea.Msg {
		f, err := os.OpenFile(expandHome(req.path), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
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

// expandHome turns a leading ~/ into the home directory, as a shell would.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}
