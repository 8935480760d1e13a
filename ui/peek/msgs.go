package peek

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
)

const (
	// peekHold is how long each peeked message stays hidden while the pane
	// pages through the queue; the pane releases it sooner when it closes.
	peekHold = 30 * time.Second
	// peekPage is how many messages opening the pane and each "load more"
	// ask for.
	peekPage = 20
	// peekTimeout bounds one page: receives long-poll for a second each.
	peekTimeout = 60 * time.Second
	// ReleaseTimeout bounds a release, on quit above all: a user who
	// pressed q waits at most this long before the program exits anyway.
	ReleaseTimeout = 5 * time.Second
)

// pageMsg is one page of a peek session, tagged with the pane's request
// number; a page from a closed session or an older request is dropped.
type pageMsg struct {
	seq  uint64
	page awsclient.PeekPage
	held int // messages the session held when the page arrived
	err  error
}

// releasedMsg reports a Release of one session.
type releasedMsg struct {
	sess awsclient.Peek
	rep  awsclient.ReleaseReport
	err  error
}

// exportedMsg is the result of writing peeked messages to a JSONL file;
// retry says the file could not be created, so the prompt asks again.
type exportedMsg struct {
	req   exportReq
	n     int
	err   error
	retry bool
}

// pagerFileMsg says the body was written to a temporary file, and the
// pager command to show it is ready to run.
type pagerFileMsg struct {
	path  string
	pager *exec.Cmd
	err   error
}

// pagerDoneMsg says the pager exited; its temporary file is to be removed.
type pagerDoneMsg struct {
	path string
	err  error
}

// nextCmd reads up to n more messages. It only calls the session; the
// page goes back to Update, which alone changes the pane.
func nextCmd(ctx context.Context, sess awsclient.Peek, seq uint64, n int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, peekTimeout)
		defer cancel()
		page, err := sess.Next(ctx, n)
		return pageMsg{seq: seq, page: page, held: sess.Held(), err: err}
	}
}

// releaseCmd makes every message sess holds visible again. It runs under a
// fresh context: the pane's (or the program's) may already be cancelled,
// and the release must happen regardless.
func releaseCmd(sess awsclient.Peek) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ReleaseTimeout)
		defer cancel()
		rep, err := sess.Release(ctx)
		return releasedMsg{sess: sess, rep: rep, err: err}
	}
}

// pagerFileCmd writes body to a private temporary file (o gives it the
// sanitized text, O the raw bytes once asked). It also builds the pager's
// command here, off the UI goroutine, since resolving it reads the
// environment and searches $PATH.
func pagerFileCmd(body []byte) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "sqscope-body-*.txt")
		if err != nil {
			return pagerFileMsg{err: err}
		}
		_, err = f.Write(body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return pagerFileMsg{err: err}
		}
		argv := pagerArgv(os.Getenv("PAGER"), f.Name())
		return pagerFileMsg{path: f.Name(), pager: exec.Command(argv[0], argv[1:]...)}
	}
}

// pagerCmd runs the pager pagerFileCmd prepared ($PAGER, default less,
// without -R, so control characters show caret-escaped), suspending the UI
// meanwhile.
func pagerCmd(msg pagerFileMsg) tea.Cmd {
	return tea.ExecProcess(msg.pager, func(err error) tea.Msg { return pagerDoneMsg{path: msg.path, err: err} })
}

// pagerArgv is the pager's command line. less gets -+R -+r first, which
// undo a -R or -r from the LESS variable (common in dotfiles) so that a
// body's escape sequences show caret-escaped instead of acting on the
// terminal; options given in $PAGER itself come later and still win.
func pagerArgv(pager, path string) []string {
	argv := strings.Fields(pager)
	if len(argv) == 0 {
		argv = []string{"less"}
	}
	if filepath.Base(argv[0]) == "less" {
		argv = append([]string{argv[0], "-+R", "-+r"}, argv[1:]...)
	}
	return append(argv, path)
}

// removeFileCmd deletes the pager's temporary file.
func removeFileCmd(path string) tea.Cmd {
	return func() tea.Msg {
		os.Remove(path)
		return nil
	}
}
