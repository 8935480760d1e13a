package serve

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// term is one interactive session: its screen's bytes, and its keyboard.
type term struct {
	t      *testing.T
	client *gossh.Client
	sess   *gossh.Session
	in     interface{ Write([]byte) (int, error) }
	mu     sync.Mutex
	out    bytes.Buffer
}

func (tm *term) Write(p []byte) (int, error) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.Write(p)
}

// screen is everything drawn so far, escape sequences stripped.
func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return ansi.Strip(tm.out.String())
}

func (tm *term) waitScreen(want string) {
	tm.t.Helper()
	waitFor(tm.t, strconv.Quote(want)+" on the screen", func() bool { return strings.Contains(tm.screen(), want) })
}

func (tm *term) typeKeys(s string) {
	tm.t.Helper()
	if _, err := tm.in.Write([]byte(s)); err != nil {
		tm.t.Fatal(err)
	}
}

// open starts the TUI over a PTY of 120×36 with k.
func (e *env) open(k key) *term {
	e.t.Helper()
	c, err := e.dial(gossh.PublicKeys(k.signer))
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { c.Close() })
	s, err := c.NewSession()
	if err != nil {
		e.t.Fatal(err)
	}
	tm := &term{t: e.t, client: c, sess: s}
	s.Stdout, s.Stderr = tm, tm
	in, err := s.StdinPipe()
	if err != nil {
		e.t.Fatal(err)
	}
	tm.in = in
	if err := s.RequestPty("xterm-256color", 36, 120, gossh.TerminalModes{}); err != nil {
		e.t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		e.t.Fatal(err)
	}
	return tm
}
