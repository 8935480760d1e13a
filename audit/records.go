package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/sqscope/sqscope/model"
)

// ReadRecords reads a file of records to send: an export (one
// model.Record per line), an audit log, or both mixed. An audit line
// stands for the messages it kept in full (a delete's), in their order;
// an audit line that kept none (a send, a purge) stands for nothing. A
// line that is neither is returned as a model.LineError and the others
// are still read, so one bad line never hides the rest; lines[i] is the
// line number of recs[i] (the messages of one audit line share it).
//
// It lives here, not in model, because only this package knows the audit
// line.
func ReadRecords(r io.Reader) (recs []model.Record, lines []int, bad []model.LineError, err error) {
	// Not a bufio.Scanner: an audit line holding a large delete's
	// messages can be far longer than any token limit worth setting.
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		text, rerr := br.ReadBytes('\n')
		if len(bytes.TrimSpace(text)) > 0 {
			got, lerr := parseLine(text)
			if lerr != nil {
				bad = append(bad, model.LineError{Line: n, Err: lerr})
			}
			for _, rec := range got {
				recs = append(recs, rec)
				lines = append(lines, n)
			}
		}
		if errors.Is(rerr, io.EOF) {
			return recs, lines, bad, nil
		}
		if rerr != nil {
			return recs, lines, bad, rerr
		}
	}
}

// parseLine reads one line: an audit Entry when it has "op", else a
// Record.
func parseLine(text []byte) ([]model.Record, error) {
	var probe struct {
		Op *string `json:"op"`
	}
	if err := json.Unmarshal(text, &probe); err != nil {
		return nil, err
	}
	if probe.Op != nil {
		var e Entry
		if err := json.Unmarshal(text, &e); err != nil {
			return nil, err
		}
		return e.Messages, nil
	}
	var rec model.Record
	if err := json.Unmarshal(text, &rec); err != nil {
		return nil, err
	}
	return []model.Record{rec}, nil
}

// UnknownFields finds, on each of lines (1-based, as ReadRecords counts
// them) of data that is an export's record, a field a record does not
// have, by line: a typo ("MessageAtributes") would otherwise drop what it
// holds silently. The name is as encoding/json quotes it. An audit line
// is this package's own and is not checked.
func UnknownFields(data []byte, lines []int) map[int]string {
	text := bytes.Split(data, []byte("\n"))
	out := map[int]string{}
	for _, n := range lines {
		if n < 1 || n > len(text) {
			continue
		}
		var probe struct {
			Op *string `json:"op"`
		}
		if json.Unmarshal(text[n-1], &probe) != nil || probe.Op != nil {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(text[n-1]))
		dec.DisallowUnknownFields()
		var r model.Record
		if err := dec.Decode(&r); err != nil {
			if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
				out[n] = name
			}
		}
	}
	return out
}
