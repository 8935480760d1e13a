package awsclient

import (
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
)

// fakeCloudWatch is a CloudWatch endpoint for the client's tests: it
// decodes GetMetricData as the SDK sends it (Smithy RPC v2 CBOR), counts
// calls and queries, and answers what answer says, in the CBOR the SDK's
// own deserializer reads — the judge of the encoding.
type fakeCloudWatch struct {
	mu      sync.Mutex
	calls   int
	queries []int        // queries per call
	got     []fakeQuery  // every query, in order of arrival
	ranges  [][2]float64 // StartTime, EndTime of each call (epoch seconds)
	paths   []string

	latency time.Duration
	// answer gives a query's data points; nil answers none.
	answer func(q fakeQuery) (ts []time.Time, vals []float64)
	// fail, when set, answers every call with this status, __type and
	// x-amzn-query-error code instead.
	fail *fakeFailure
}

type fakeQuery struct {
	ID, Metric, Queue, Stat string
	Period                  int64
}

type fakeFailure struct {
	status    int
	typ, code string
}

func newFakeCloudWatch(t testing.TB) (*fakeCloudWatch, string) {
	f := &fakeCloudWatch{}
	hs := httptest.NewServer(f)
	t.Cleanup(hs.Close)
	return f, hs.URL
}

func (f *fakeCloudWatch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if f.latency > 0 {
		time.Sleep(f.latency)
	}
	f.mu.Lock()
	f.calls++
	f.paths = append(f.paths, r.URL.Path)
	fail := f.fail
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/cbor")
	w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	if fail != nil {
		w.Header().Set("X-Amzn-Query-Error", fail.code+";Sender")
		w.WriteHeader(fail.status)
		_, _ = w.Write(cbor.Encode(cbor.Map{"__type": cbor.String(fail.typ), "message": cbor.String("fake " + fail.code)}))
		return
	}
	v, err := cbor.Decode(body)
	in, ok := v.(cbor.Map)
	if err != nil || !ok || !strings.HasSuffix(r.URL.Path, "/operation/GetMetricData") {
		http.Error(w, "not GetMetricData", http.StatusBadRequest)
		return
	}
	qs, _ := in["MetricDataQueries"].(cbor.List)
	results := make(cbor.List, 0, len(qs))
	f.mu.Lock()
	f.queries = append(f.queries, len(qs))
	f.ranges = append(f.ranges, [2]float64{epoch(in["StartTime"]), epoch(in["EndTime"])})
	f.mu.Unlock()
	for _, raw := range qs {
		q := decodeQuery(raw)
		f.mu.Lock()
		f.got = append(f.got, q)
		answer := f.answer
		f.mu.Unlock()
		var ts []time.Time
		var vals []float64
		if answer != nil {
			ts, vals = answer(q)
		}
		tl, vl := make(cbor.List, len(ts)), make(cbor.List, len(vals))
		for i := range ts {
			tl[i] = &cbor.Tag{ID: 1, Value: cbor.Float64(float64(ts[i].UnixMilli()) / 1000)}
			vl[i] = cbor.Float64(vals[i])
		}
		results = append(results, cbor.Map{"Id": cbor.String(q.ID), "Label": cbor.String(q.Metric),
			"StatusCode": cbor.String("Complete"), "Timestamps": tl, "Values": vl})
	}
	_, _ = w.Write(cbor.Encode(cbor.Map{"MetricDataResults": results}))
}

func decodeQuery(v cbor.Value) fakeQuery {
	m, _ := v.(cbor.Map)
	stat, _ := m["MetricStat"].(cbor.Map)
	metric, _ := stat["Metric"].(cbor.Map)
	q := fakeQuery{ID: str(m["Id"]), Metric: str(metric["MetricName"]), Stat: str(stat["Stat"])}
	q.Period, _ = cbor.AsInt64(stat["Period"])
	dims, _ := metric["Dimensions"].(cbor.List)
	for _, d := range dims {
		if dm, _ := d.(cbor.Map); str(dm["Name"]) == "QueueName" {
			q.Queue = str(dm["Value"])
		}
	}
	return q
}

func str(v cbor.Value) string {
	s, _ := v.(cbor.String)
	return string(s)
}

func epoch(v cbor.Value) float64 {
	t, err := cbor.AsTime(v)
	if err != nil {
		return math.NaN()
	}
	return float64(t.UnixMilli()) / 1000
}

func (f *fakeCloudWatch) counts() (calls int, queries []int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls, append([]int(nil), f.queries...)
}

// newPlainServer answers every request with status and body, as a server
// that knows nothing of CloudWatch would.
func newPlainServer(t testing.TB, status int, body string) string {
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(hs.Close)
	return hs.URL
}
