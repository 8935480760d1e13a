package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"

	"github.com/sqscope/sqscope/awsclient"
)

// AccessDenied from a CloudWatch endpoint, through the real client: the
// metrics pane says so in one line and keeps drawing the polled counts,
// the age column goes, and nothing asks CloudWatch again.
func TestAccessDeniedLeavesThePolledSeries(t *testing.T) {
	var calls atomic.Int32
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/cbor")
		w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
		w.Header().Set("X-Amzn-Query-Error", "AccessDenied;Sender")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write(cbor.Encode(cbor.Map{
			"__type":  cbor.String("com.amazon.coral.service#AccessDeniedException"),
			"message": cbor.String("User: arn:aws:iam::123456789012:user/oncall is not authorized to perform: cloudwatch:GetMetricData"),
		}))
	}))
	t.Cleanup(hs.Close)
	cw := awsclient.NewStatic(hs.URL, "us-east-1", awsclient.Config{MaxAttempts: 1}).CloudWatch()

	a, f, clock := cwApp(t, 120, 36, cw)
	pressDrive(t, a, "j", "j", "j") // orders
	s := screen(a)
	for _, want := range []string{
		"CloudWatch unavailable: access denied to GetMetricData · polled counts only",
		"Metrics · orders",
		"visible", "in flight", "3 polls over 10s",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "oldest") {
		t.Errorf("the age column stayed without CloudWatch:\n%s", s)
	}
	n := calls.Load()
	if n == 0 || n > 2 {
		t.Fatalf("%d CloudWatch calls before giving up, want the first history and ages only", n)
	}
	// Polling goes on and the series grows; CloudWatch is not asked again.
	f.Set(testDataset(3), nil)
	clock.T = clock.T.Add(5 * time.Second)
	cwDrive(t, a, a.refresh())
	clock.T = clock.T.Add(2 * time.Minute)
	cwTick(t, a)
	pressDrive(t, a, "j", "w")
	pressDrive(t, a, "k")
	if s := screen(a); !strings.Contains(s, "4 polls over") {
		t.Errorf("the polled series stopped:\n%s", s)
	}
	if got := calls.Load(); got != n {
		t.Errorf("CloudWatch asked %d more times after AccessDenied", got-n)
	}
}
