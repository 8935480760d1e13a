package localsqs_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCloudWatchWithBoto3 reads the recorded scenario with boto3, whose
// CBOR codec and error handling are independent of the Go SDK's. It is
// optional: without python3 and boto3 it skips, saying so.
func TestCloudWatchWithBoto3(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("cross-check with boto3 skipped: python3 is not installed")
	}
	if out, err := exec.Command(py, "-c", "import boto3").CombinedOutput(); err != nil {
		t.Skipf("cross-check with boto3 skipped: boto3 is not importable (%s)", strings.TrimSpace(string(out)))
	}
	for _, proto := range []string{"cbor", "json"} {
		t.Run(proto, func(t *testing.T) { checkBoto3(t, py, proto) })
	}
}

// checkBoto3 runs the script speaking proto ("cbor" or "json", the
// protocol boto3 and the AWS CLI choose for CloudWatch by default).
func checkBoto3(t *testing.T, py, proto string) {
	e := recordedScenario(t)
	cmd := exec.Command(py, "testdata/cloudwatch_boto3.py", proto)
	cmd.Env = append(os.Environ(), "LOCALSQS_ENDPOINT="+e.url, "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("boto3 script: %v\n%s", err, stderr)
	}
	var got struct {
		Protocol string                  `json:"botocore_protocol"`
		Series   map[string][][2]float64 `json:"series"`
		Statuses map[string]string       `json:"statuses"`
		Errors   map[string]string       `json:"errors"`
		Listed   []string                `json:"listed"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("boto3 script output %q: %v", out, err)
	}
	if want := map[string]string{"cbor": "smithy-rpc-v2-cbor", "json": "json"}[proto]; got.Protocol != want {
		t.Skipf("cross-check with boto3 skipped: this botocore speaks %q to CloudWatch, not %q", got.Protocol, want)
	}
	want := `{"sent":[[0,30],[1,0],[2,0],[3,0]],"vis":[[0,30],[1,30],[2,20],[3,20]]}`
	if s, _ := json.Marshal(got.Series); string(s) != want {
		t.Errorf("boto3 read %s, want %s", s, want)
	}
	if got.Statuses["sent"] != "Complete" || got.Errors["period61"] != "InvalidParameterValue" || got.Errors["statp99"] != "InvalidParameterValue" {
		t.Errorf("boto3 statuses %v, errors %v; want Complete and InvalidParameterValue", got.Statuses, got.Errors)
	}
	if strings.Join(got.Listed, ",") != "orders,quiet" {
		t.Errorf("boto3 listed %v, want orders and quiet", got.Listed)
	}
}
