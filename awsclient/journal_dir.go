package awsclient

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sqscope/sqscope/model"
)

// Where move journals live: one file per DLQ under the user's cache
// directory, named by JournalKey, so that a move restarted after a crash
// finds the journal of the run it continues, and only that one.

const journalPrefix, journalSuffix = "journal-", ".jsonl"

// JournalDir is the directory of the move journals, created if need be;
// empty when the user has no cache directory (moves then keep their
// journal in memory only).
func JournalDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	dir = filepath.Join(dir, "sqscope")
	if os.MkdirAll(dir, 0o700) != nil {
		return ""
	}
	return dir
}

// JournalPath is the journal of the DLQ dlqARN; empty when there is no
// cache directory.
func JournalPath(dlqARN string) string {
	dir := JournalDir()
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, journalPrefix+JournalKey(dlqARN)+journalSuffix)
}

// JournalKey names a DLQ's journal "account.region.name": a DLQ of the
// same name in another account or region is another queue, whose move must
// not be taken for this one's. Neither an account nor a region has a dot,
// and the key is always one file name, whatever the ARN holds.
func JournalKey(dlqARN string) string {
	parts := strings.Split(dlqARN, ":")
	if len(parts) != 6 || parts[0] != "arn" {
		return filepath.Base(model.NameFromARN(dlqARN))
	}
	return filepath.Base(parts[4] + "." + parts[3] + "." + parts[5])
}

// JournalName is the DLQ name in a JournalKey, for messages.
func JournalName(key string) string {
	if parts := strings.SplitN(key, ".", 3); len(parts) == 3 {
		return parts[2]
	}
	return key
}

// JournalPending counts the messages an interrupted move left half-moved
// in the journal at path (a copy may exist at the destination while the
// DLQ copy remains); 0 when there is no journal. Only a client-side Move
// with that journal can finish them without sending any twice.
func JournalPending(path string) (int, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("move journal: %w", err)
	}
	defer f.Close()
	j := &journal{ids: map[string]jRecord{}}
	if err := j.load(f); err != nil {
		return 0, fmt.Errorf("move journal %s: %w", path, err)
	}
	return j.outstanding(), nil
}

// PendingJournals counts, by JournalKey, the messages that interrupted
// moves left half-moved, from every journal in JournalDir. A journal that
// cannot be read is left out: it is reported when a move opens it.
func PendingJournals() map[string]int {
	pending := map[string]int{}
	dir := JournalDir()
	if dir == "" {
		return pending
	}
	files, _ := filepath.Glob(filepath.Join(dir, journalPrefix+"*"+journalSuffix))
	for _, f := range files {
		if n, err := JournalPending(f); err == nil && n > 0 {
			key := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), journalPrefix), journalSuffix)
			pending[key] = n
		}
	}
	return pending
}
