package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
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
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	endpoint, _, _ := startServer(t)
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

// startServer builds and starts `sqscope server` on a free loopback port
// with args, and returns its endpoint, the process and its exit; the
// process is killed at the end of the test if still running.
func startServer(t *testing.T, args ...string) (endpoint string, srv *exec.Cmd, exited <-chan error) {
	t.Helper()
	srv = exec.Command(buildBinary(t), append([]string{"server", "--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Process.Kill() })
	endpoint = readEndpoint(t, stdout)
	done := make(chan error, 1)
	go func() { _, _ = io.Copy(io.Discard, stdout); done <- srv.Wait() }()
	return endpoint, srv, done
}

// buildBinary builds sqscope into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sqscope")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestServerDemoAndInterrupt: `sqscope server --demo` serves the demo
// queues to an SDK client, and Ctrl+C (SIGINT) stops it cleanly, exit 0.
func TestServerDemoAndInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds the binary")
	}
	endpoint, srv, exited := startServer(t, "--demo", "--seed", "1")

	c := sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	out, err := c.ListQueues(context.Background(), &sqs.ListQueuesInput{})
	if err != nil {
		t.Fatalf("ListQueues: %v", err)
	}
	names := map[string]bool{}
	for _, u := range out.QueueUrls {
		names[u[strings.LastIndexByte(u, '/')+1:]] = true
	}
	for _, want := range []string{"orders", "orders-dlq", "payments.fifo", "payments-dlq.fifo", "notifications-dlq"} {
		if !names[want] {
			t.Errorf("demo queue %s missing from %v", want, out.QueueUrls)
		}
	}

	if err := srv.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("after SIGINT: %v; want exit status 0", err)
		}
	case <-time.After(30 * time.Second): // a hang, not a speed check
		t.Fatal("the server did not exit on SIGINT")
	}
}
