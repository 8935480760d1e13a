//go:build unix

package awsclient

import (
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// Two sqscope processes moving one DLQ would each miss what the other
// journals, and each would send what the other already sent. A journal
// is therefore also locked across processes: a write lock on one byte of
// the journal directory's lock file, chosen by the journal's path. The
// kernel drops the lock when its process dies, even by SIGKILL, so a
// crash never leaves a DLQ locked, and no lock file per DLQ is left
// behind.

// lockFiles keeps each directory's lock file open for the life of the
// process: closing any descriptor of a file drops every fcntl lock the
// process holds on it.
var lockFiles = struct {
	sync.Mutex
	m map[string]*os.File
}{m: map[string]*os.File{}}

// lockRange bounds the byte offsets, well inside any file system's limit.
const lockRange = 1 << 40

func lockAcrossProcesses(abs string) (func(), error) {
	dir := filepath.Dir(abs)
	lockFiles.Lock()
	defer lockFiles.Unlock()
	f := lockFiles.m[dir]
	if f == nil {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("move journal lock: %w", err)
		}
		var err error
		f, err = os.OpenFile(filepath.Join(dir, "journals.lock"), os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("move journal lock: %w", err)
		}
		lockFiles.m[dir] = f
	}
	h := fnv.New64a()
	h.Write([]byte(abs))
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: int64(h.Sum64() % lockRange), Len: 1}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_SETLK, &lk); err != nil {
		if errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) {
			return nil, fmt.Errorf("%w by another sqscope process", ErrJournalInUse)
		}
		return nil, fmt.Errorf("move journal lock: %w", err)
	}
	return func() {
		lockFiles.Lock()
		defer lockFiles.Unlock()
		un := lk
		un.Type = syscall.F_UNLCK
		_ = syscall.FcntlFlock(f.Fd(), syscall.F_SETLK, &un)
	}, nil
}
