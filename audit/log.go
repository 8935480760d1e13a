package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Log appends entries to one file. It is safe for concurrent use; each
// entry is one write of one line on a file opened for appending, so lines
// from two sqscope processes never interleave mid-line.
type Log struct {
	mu   sync.Mutex
	path string
	f    *os.File
}

// DefaultPath is the audit log in the user's state directory:
// $XDG_STATE_HOME/sqscope/audit.jsonl, else ~/.local/state/sqscope/audit.jsonl.
// It lives beside the user's other state, not in a cache, because it is a
// record the user may need after the cache is cleared.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("audit log: no home directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "sqscope", "audit.jsonl"), nil
}

// Open opens (creating it, mode 0600, and its directory, 0700) the log at
// path for appending.
func Open(path string) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	// A log created by hand or by an older version may be readable by
	// others; message bodies in it are often confidential.
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&0o077 != 0 {
		_ = f.Chmod(0o600)
	}
	return &Log{path: path, f: f}, nil
}

// Path is where the log is written.
func (l *Log) Path() string { return l.path }

// Append writes e as one line and syncs it: a change SQS has carried out
// must not be missing from the log after a crash.
func (l *Log) Append(e Entry) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return errors.New("audit log: closed")
	}
	if _, err := l.f.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return l.f.Sync()
}

// Close closes the file.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// Recent reads the last n entries of the log at path, newest first. It
// reads the file from its end, so a long log costs no more than its tail.
// A line that is not an entry (a torn last line after a crash) is skipped
// and counted in bad. A missing file is an empty log.
func Recent(path string, n int) (entries []Entry, bad int, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("audit log: %w", err)
	}
	defer f.Close()
	end, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, 0, fmt.Errorf("audit log: %w", err)
	}
	const chunk = 64 << 10
	var tail []byte // the bytes after pos not yet split into lines
	pos := end
	for len(entries) < n {
		if pos == 0 {
			if len(tail) > 0 {
				entries, bad = addLine(entries, bad, tail)
			}
			break
		}
		size := min(int64(chunk), pos)
		pos -= size
		buf := make([]byte, size, int(size)+len(tail))
		if _, err := f.ReadAt(buf, pos); err != nil {
			return nil, 0, fmt.Errorf("audit log: %w", err)
		}
		tail = append(buf, tail...)
		for len(entries) < n {
			i := bytes.LastIndexByte(tail[:max(len(tail)-1, 0)], '\n')
			if i < 0 {
				break
			}
			entries, bad = addLine(entries, bad, tail[i+1:])
			tail = tail[:i+1]
		}
	}
	return entries, bad, nil
}

func addLine(entries []Entry, bad int, line []byte) ([]Entry, int) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return entries, bad
	}
	var e Entry
	if err := json.Unmarshal(line, &e); err != nil || e.Op == "" {
		return entries, bad + 1
	}
	return append(entries, e), bad
}
