package main

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"
)

// The try-line is meant to be pasted into a shell with nothing set up: the
// AWS CLI refuses to run without credentials and a region, so it carries
// the dummy ones the server accepts.
func TestServerTryLineRunsAsPrinted(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds the binary")
	}
	srv := exec.Command(buildBinary(t), "server", "--addr", "127.0.0.1:0", "--region", "eu-west-1")
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	srv.Stderr = &stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Process.Kill(); _ = srv.Wait() })
	sc := bufio.NewScanner(stdout)
	var lines []string
	for len(lines) < 2 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) < 2 {
		t.Fatalf("server printed %q", lines)
	}
	url := strings.TrimPrefix(lines[0], "localsqs listening on ")
	want := "try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=eu-west-1 aws --endpoint-url " + url + " sqs list-queues"
	if lines[1] != want {
		t.Errorf("try-line:\n got %q\nwant %q", lines[1], want)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("a loopback server warned: %q", stderr.String())
	}
}

// Listening beyond loopback exposes every queue to the network without
// authentication; the server says so.
func TestServerExposureWarning(t *testing.T) {
	for _, c := range []struct {
		addr string
		want string // "" for no warning
	}{
		{"127.0.0.1:9324", ""},
		{"localhost:9324", ""},
		{"[::1]:9324", ""},
		{":9324", "every network interface"},
		{"0.0.0.0:9324", "every network interface"},
		{"[::]:9324", "every network interface"},
		{"10.0.0.5:9324", "reachable from other machines"},
		{"myhost:9324", "reachable from other machines"},
	} {
		got := exposureWarning(c.addr)
		switch {
		case c.want == "" && got != "":
			t.Errorf("%s: warned %q, want no warning", c.addr, got)
		case c.want != "" && (!strings.Contains(got, c.want) || !strings.Contains(got, "127.0.0.1")):
			t.Errorf("%s: warning %q, want it to say %q and how to stay local (127.0.0.1)", c.addr, got, c.want)
		}
	}
}
