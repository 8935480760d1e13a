package cmdline

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The history outlives the session in a small file beside the audit log
// (the root says where; none in tests): the queue jumped to at the last
// incident is one ↑ away at the next. Only what was run is kept, one line
// each, and only the newest keepHistory are read back.

// keepHistory is how many lines ↑ reaches back through.
const keepHistory = 100

// HistoryMsg carries the history read back from its file.
type HistoryMsg struct {
	Lines []string
	Err   error
}

// HistorySavedMsg says the lines run were appended to the file (or why
// not: the history then lives for the session only, which is no reason
// to interrupt anyone).
type HistorySavedMsg struct{ Err error }

// SetHistoryFile keeps the history in path ("" keeps it for the session
// only) and returns the Cmd that reads it back.
func (l *Line) SetHistoryFile(path string) tea.Cmd {
	l.histPath = path
	if path == "" {
		return nil
	}
	return func() tea.Msg {
		lines, err := readHistory(path)
		return HistoryMsg{Lines: lines, Err: err}
	}
}

// SetHistory puts the lines read back before those of this session.
func (l *Line) SetHistory(lines []string) {
	l.history = append(append([]string(nil), lines...), l.history...)
	l.saved += len(lines)
	l.hist = len(l.history)
}

// SaveCmd appends what was run since the last save to the history file;
// nil when there is nothing to save or no file.
func (l *Line) SaveCmd() tea.Cmd {
	if l.histPath == "" || l.saved >= len(l.history) {
		return nil
	}
	lines, path := append([]string(nil), l.history[l.saved:]...), l.histPath
	l.saved = len(l.history)
	return func() tea.Msg { return HistorySavedMsg{Err: appendHistory(path, lines)} }
}

func readHistory(path string) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), maxLine*4)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" && (len(lines) == 0 || lines[len(lines)-1] != s) {
			lines = append(lines, s)
		}
	}
	return lines[max(len(lines)-keepHistory, 0):], sc.Err()
}

// appendHistory appends lines to the file, created 0600 in a 0700
// directory: a link names an account and a queue.
func appendHistory(path string, lines []string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.WriteString(strings.Join(lines, "\n") + "\n")
	return errors.Join(werr, f.Close())
}
