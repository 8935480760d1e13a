package awsclient

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/sqscope/sqscope/localsqs"
)

// The kill test: a child process (this test binary, re-executed) moves a
// DLQ served by this process; it is SIGKILLed mid-move, and a second move
// with the same journal finishes the job.

const (
	killEnvEndpoint    = "SQSCOPE_KILL_ENDPOINT"
	killEnvDLQ         = "SQSCOPE_KILL_DLQ"
	killEnvJournal     = "SQSCOPE_KILL_JOURNAL"
	killEnvHold        = "SQSCOPE_KILL_HOLD"
	killEnvConcurrency = "SQSCOPE_KILL_CONCURRENCY"
	killConcurrency    = 4
)

// TestMoveKillChild is the child's body; on its own it does nothing.
func TestMoveKillChild(t *testing.T) {
	ep := os.Getenv(killEnvEndpoint)
	if ep == "" {
		t.Skip("helper process for the kill tests (runs only when " + killEnvEndpoint + " is set)")
	}
	hold, err := time.ParseDuration(os.Getenv(killEnvHold))
	if err != nil {
		hold = 2 * time.Second
	}
	conc, err := strconv.Atoi(os.Getenv(killEnvConcurrency))
	if err != nil {
		conc = killConcurrency
	}
	rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(), MoveRequest{
		SourceURL: os.Getenv(killEnvDLQ), Concurrency: conc, Hold: hold,
		JournalPath: os.Getenv(killEnvJournal),
	}, nil)
	// For the parent, should the child end before it is killed.
	fmt.Printf("child's report: %+v\n", rep)
	if err != nil {
		t.Fatal(err)
	}
}

// moveChild is a move running in a child process, to be SIGKILLed.
type moveChild struct {
	cmd    *exec.Cmd
	exited chan error
	out    *bytes.Buffer // what it printed; read it only once exited said so
}

// startMoveChild starts a child moving dlqURL at endpoint with journal.
func startMoveChild(t *testing.T, endpoint, dlqURL, journal string, hold time.Duration, conc int) *moveChild {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL semantics")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMoveKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killEnvEndpoint+"="+endpoint, killEnvDLQ+"="+dlqURL, killEnvJournal+"="+journal,
		killEnvHold+"="+hold.String(), killEnvConcurrency+"="+strconv.Itoa(conc))
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the child: %v", err)
	}
	c := &moveChild{cmd: cmd, exited: make(chan error, 1), out: out}
	go func() { c.exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return c
}

// kill SIGKILLs the child and waits for it to be gone.
func (c *moveChild) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(os.Kill); err != nil {
		t.Fatalf("SIGKILL: %v", err)
	}
	<-c.exited
}

func TestMoveKilledMidway(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL semantics")
	}
	// Latency keeps the child busy long enough to be killed mid-move.
	srv := localsqs.New(localsqs.Options{Latency: 3 * time.Millisecond})
	t.Cleanup(srv.Close)
	ep := serve(t, srv)
	f := newDLQFixture(t, ep, false, 1, 400)
	journal := filepath.Join(t.TempDir(), "redrive.journal")

	cmd := exec.Command(os.Args[0], "-test.run=^TestMoveKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killEnvEndpoint+"="+ep, killEnvDLQ+"="+f.dlqURL, killEnvJournal+"="+journal)
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the child: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Kill once some messages are home, while most are not.
	deadline := time.Now().Add(time.Minute)
	for f.count(t, f.sources[0]) < 60 {
		select {
		case err := <-exited:
			t.Fatalf("child ended before it could be killed: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("child moved nothing")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Kill); err != nil {
		t.Fatalf("SIGKILL: %v", err)
	}
	<-exited
	if f.count(t, f.dlqURL) == 0 {
		t.Fatal("the child had finished before the kill: nothing left to prove")
	}
	fi, err := os.Stat(journal)
	if err != nil || fi.Size() == 0 {
		t.Fatalf("no journal left by the killed child: %v", err)
	}

	// The child's holds run out (no heartbeat any more); then move again.
	waitNoneHidden(t, f.admin, f.dlqURL)
	rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(), MoveRequest{
		SourceURL: f.dlqURL, Concurrency: killConcurrency, JournalPath: journal,
	}, nil)
	if err != nil {
		t.Fatalf("second Move: %v", err)
	}
	t.Logf("second move: moved %d (resumed %d), possibly duplicated %d, failed %d", rep.Moved, rep.Resumed, rep.PossiblyDuplicated, rep.Failed)
	if rep.PossiblyDuplicated > killConcurrency*maxBatch {
		t.Errorf("%d possibly duplicated: more than the %d messages in flight at the kill", rep.PossiblyDuplicated, killConcurrency*maxBatch)
	}
	checkNothingLost(t, f, rep)
	if f.count(t, f.dlqURL) != 0 {
		t.Error("DLQ not empty after the second move")
	}
}
