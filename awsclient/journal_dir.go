package awsclient

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

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

// JournalInfo is what one journal on disk holds, for the notice that a
// DLQ has a half-finished move.
type JournalInfo struct {
	Key  string // the DLQ's JournalKey
	Path string
	// Sent: accepted by the destination while their DLQ copies remain. A
	// client-side Move with this journal deletes those copies instead of
	// sending them again.
	Sent int
	// Sending: the outcome of their send is unknown (the move died
	// waiting for it). Nothing can tell whether a copy arrived: a Move
	// sends them again and counts each as possibly duplicated. Never
	// promise these "without duplicates".
	Sending int
	// Interrupted: the last move on this journal was killed; messages it
	// had received stay hidden in the DLQ until its hold ends.
	Interrupted bool
}

// Pending is how many messages are half-moved.
func (i JournalInfo) Pending() int { return i.Sent + i.Sending }

// ReadJournal reads the journal at path; a missing file is an empty one.
func ReadJournal(path string) (JournalInfo, error) {
	info := JournalInfo{Path: path, Key: keyOfPath(path)}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return info, nil
	}
	if err != nil {
		return info, fmt.Errorf("move journal: %w", err)
	}
	defer f.Close()
	j := &journal{ids: map[string]jRecord{}}
	if err := j.load(f); err != nil {
		return info, fmt.Errorf("move journal %s: %w", path, err)
	}
	for _, r := range j.ids {
		switch r.state {
		case jSent:
			info.Sent++
		case jSending:
			info.Sending++
		}
	}
	info.Interrupted = j.runs.open || (j.runs.legacy && info.Pending() > 0)
	return info, nil
}

// JournalPending counts the messages an interrupted move left half-moved
// in the journal at path; 0 when there is no journal.
func JournalPending(path string) (int, error) {
	info, err := ReadJournal(path)
	return info.Pending(), err
}

// Journals lists every journal in JournalDir with half-moved messages,
// by key. A journal that cannot be read is left out: it is reported when
// a move opens it. Call it at start-up and after a move ends; for each,
// ReconcileJournal settles what the DLQ no longer holds.
func Journals() []JournalInfo {
	var out []JournalInfo
	dir := JournalDir()
	if dir == "" {
		return out
	}
	files, _ := filepath.Glob(filepath.Join(dir, journalPrefix+"*"+journalSuffix))
	sort.Strings(files)
	for _, f := range files {
		if info, err := ReadJournal(f); err == nil && info.Pending() > 0 {
			out = append(out, info)
		}
	}
	return out
}

// DismissJournal is the user's explicit "forget this move": the journal
// at path is renamed to a backup beside it (returned), which no listing
// reads, so the DLQ is moved like any other from now on. What the journal
// knew is lost to later moves: a message it had as sent and that is still
// in the DLQ will be sent again, uncounted. Say so before calling it.
func DismissJournal(path string) (backup string, err error) {
	release, err := claimJournal(path)
	if err != nil {
		return "", err
	}
	defer release()
	backup = path + ".dismissed-" + time.Now().UTC().Format("20060102T150405.000Z")
	if err := os.Rename(path, backup); err != nil {
		return "", fmt.Errorf("dismiss move journal: %w", err)
	}
	pruneBackups(path, keptBackups)
	return backup, nil
}

// keptBackups is how many dismissed journals of one DLQ are kept: enough
// to undo a few mistaken dismissals, without one file per dismissal
// accumulating for ever.
const keptBackups = 5

// pruneBackups removes all but the newest keep backups of the journal at
// path. Their names end in a UTC time that sorts as text.
func pruneBackups(path string, keep int) {
	files, _ := filepath.Glob(path + ".dismissed-*")
	sort.Strings(files)
	for len(files) > keep {
		_ = os.Remove(files[0]) // one left behind is pruned next time
		files = files[1:]
	}
}

func keyOfPath(path string) string {
	return strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), journalPrefix), journalSuffix)
}
