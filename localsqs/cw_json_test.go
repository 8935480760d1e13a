package localsqs_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// postJSON sends one CloudWatch request in AWS JSON 1.0, as boto3 and the
// AWS CLI do by default, and decodes the answer.
func postJSON(t *testing.T, e *cwEnv, op, body string) (int, map[string]any, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.url+"/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "GraniteServiceVersion20100801."+op)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s: %q is not JSON", op, raw)
	}
	return resp.StatusCode, out, resp.Header
}

func TestCloudWatchSpeaksAWSJSON(t *testing.T) {
	e := recordedScenario(t)
	start := t0.Unix()
	code, out, _ := postJSON(t, e, "GetMetricData", fmt.Sprintf(`{"StartTime": %d, "EndTime": %d.5, "ScanBy": "TimestampAscending",
		"MetricDataQueries": [{"Id": "sent", "MetricStat": {"Metric": {"Namespace": "AWS/SQS", "MetricName": "NumberOfMessagesSent",
		"Dimensions": [{"Name": "QueueName", "Value": "orders"}]}, "Period": 120, "Stat": "Sum"}}]}`, start, start+240))
	if code != 200 {
		t.Fatalf("GetMetricData = %d %v", code, out)
	}
	r := out["MetricDataResults"].([]any)[0].(map[string]any)
	ts := r["Timestamps"].([]any)
	if got := fmt.Sprintf("%.0f %.0f %v", ts[0], ts[1], r["Values"]); got != fmt.Sprintf("%d %d [30 0]", start, start+120) {
		t.Errorf("JSON series = %s, want epoch seconds and sums", got)
	}

	code, out, h := postJSON(t, e, "GetMetricData", fmt.Sprintf(`{"StartTime": %d, "EndTime": %d,
		"MetricDataQueries": [{"Id": "a", "MetricStat": {"Metric": {"MetricName": "NumberOfMessagesSent"}, "Period": 61, "Stat": "Sum"}}]}`, start, start+60))
	if code != 400 || out["__type"] != "com.amazonaws.cloudwatch#InvalidParameterValueException" || h.Get("x-amzn-query-error") != "InvalidParameterValue;Sender" {
		t.Errorf("period 61 = %d %v %q, want CloudWatch's InvalidParameterValue", code, out, h.Get("x-amzn-query-error"))
	}
	if code, out, _ := postJSON(t, e, "GetMetricData", `{"StartTime": `); code != 400 || !strings.HasSuffix(fmt.Sprint(out["__type"]), "#SerializationException") {
		t.Errorf("malformed JSON = %d %v, want SerializationException", code, out)
	}
	if code, out, _ := postJSON(t, e, "DescribeAlarms", `{}`); code != 404 || !strings.HasSuffix(fmt.Sprint(out["__type"]), "#UnknownOperationException") {
		t.Errorf("DescribeAlarms = %d %v, want 404 UnknownOperationException", code, out)
	}
}
