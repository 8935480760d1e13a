package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServerWithBoto3 runs the built `sqscope server` and drives it with
// boto3, a client this project did not write: queue with a DLQ, messages
// with attributes failed into the DLQ and read back.
func TestServerWithBoto3(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds the binary and runs python3")
	}
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		if os.Getenv("SQSCOPE_REQUIRE_BOTO3") != "" {
			t.Fatalf("python3 with boto3 is required (SQSCOPE_REQUIRE_BOTO3 is set): %v", err)
		}
		t.Skipf("python3 with boto3 not available (%v); .ci/run requires it", err)
	}
	bin := filepath.Join(t.TempDir(), "sqscope")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := exec.CommandContext(ctx, bin, "server", "--addr", "127.0.0.1:0")
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()

	endpoint := readEndpoint(t, stdout)
	out, err := exec.CommandContext(ctx, "python3", "testdata/boto3_smoke.py", endpoint).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("boto3 smoke against %s: %v", endpoint, err)
	}
}

// readEndpoint waits for the server's "listening on URL" line.
func readEndpoint(t *testing.T, r interface{ Read([]byte) (int, error) }) string {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if _, url, ok := strings.Cut(sc.Text(), "listening on "); ok {
			return strings.TrimSpace(url)
		}
	}
	t.Fatalf("server exited before printing its address: %v", sc.Err())
	return ""
}
