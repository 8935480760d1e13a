package localsqs

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
)

// defaultMaxDatapoints is CloudWatch's default MaxDatapoints.
const defaultMaxDatapoints = 100_800

// getMetricData answers GetMetricData for AWS/SQS metrics by QueueName.
//
// As CloudWatch does: StartTime is rounded down to the minute and periods
// start there; EndTime is exclusive; a period without data has no
// datapoint; ScanBy orders each series (TimestampDescending by default).
// When the datapoints of all queries exceed MaxDatapoints, every query
// still gets a result, those cut short marked PartialData, and NextToken
// continues where the page ended. The token pins "now", so data recorded
// between pages cannot shift what a later page holds.
func (s *Server) getMetricData(in cbor.Map) (cbor.Map, error) {
	start, ok, err := cborTime(in, "StartTime", "StartTime")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, cwMissingParameter("StartTime")
	}
	end, ok, err := cborTime(in, "EndTime", "EndTime")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, cwMissingParameter("EndTime")
	}
	if !start.Before(end) {
		return nil, cwInvalidParameter("The parameter StartTime must be less than the parameter EndTime.")
	}
	queries, err := parseQueries(in)
	if err != nil {
		return nil, err
	}
	descending := true
	switch scan, _, err := cborString(in, "ScanBy", "ScanBy"); {
	case err != nil:
		return nil, err
	case scan == "TimestampAscending":
		descending = false
	case scan != "" && scan != "TimestampDescending":
		return nil, cwInvalidParameter("The value %s for parameter ScanBy is not valid: use TimestampDescending or TimestampAscending.", scan)
	}
	maxPoints, ok, err := cborInt(in, "MaxDatapoints", "MaxDatapoints")
	if err != nil {
		return nil, err
	}
	if !ok {
		maxPoints = defaultMaxDatapoints
	}
	if maxPoints < 1 {
		return nil, cwInvalidParameter("The parameter MaxDatapoints must be greater than 0.")
	}
	now := s.now()
	offset := 0
	if tok, ok, err := cborString(in, "NextToken", "NextToken"); err != nil {
		return nil, err
	} else if ok {
		if offset, now, err = parseDataToken(tok); err != nil {
			return nil, err
		}
	}
	series := make([][]point, len(queries))
	for i, q := range queries {
		if q.returnData && q.sqs {
			series[i] = s.querySeries(q, start, end, now)
			if descending {
				slices.Reverse(series[i])
			}
		}
	}
	return pageResults(queries, series, offset, int(maxPoints), now), nil
}

// querySeries computes one query's datapoints, oldest first. It samples the
// queue first, so the current minute reflects the queue as it is now.
func (s *Server) querySeries(q mdQuery, start, end, now time.Time) []point {
	qu := s.queueByName(q.queue)
	if qu == nil {
		return nil
	}
	from := minuteOf(start)
	// EndTime is exclusive: a minute counts when it starts before it.
	to := minuteOf(end.Add(-time.Nanosecond)) + 1
	qu.mu.Lock()
	defer qu.mu.Unlock()
	if !qu.deleted {
		qu.tick(s.now())
	}
	return qu.stats.series(q.metric, q.stat, from, to, q.period/60, minuteOf(now))
}

// pageResults renders the datapoints from offset (counted over all
// queries in order) up to limit of them.
func pageResults(queries []mdQuery, series [][]point, offset, limit int, now time.Time) cbor.Map {
	results := cbor.List{}
	pos, emitted, partial := 0, 0, false
	for i, q := range queries {
		if !q.returnData {
			continue
		}
		pts := series[i]
		lo := min(len(pts), max0(offset-pos))
		hi := lo + min(len(pts)-lo, limit-emitted)
		pos += len(pts)
		emitted += hi - lo
		status := "Complete"
		if hi < len(pts) {
			status, partial = "PartialData", true
		}
		ts, vals := make(cbor.List, 0, hi-lo), make(cbor.List, 0, hi-lo)
		for _, p := range pts[lo:hi] {
			ts = append(ts, cborTimestamp(time.Unix(p.minute*60, 0)))
			vals = append(vals, cbor.Float64(p.value))
		}
		results = append(results, cbor.Map{
			"Id": cbor.String(q.id), "Label": cbor.String(q.label),
			"Timestamps": ts, "Values": vals, "StatusCode": cbor.String(status),
		})
	}
	out := cbor.Map{"MetricDataResults": results, "Messages": cbor.List{}}
	if partial {
		out["NextToken"] = cbor.String(dataToken(offset+emitted, now))
	}
	return out
}

func max0(n int) int { return max(n, 0) }

// dataToken encodes where the next page starts and the "now" the first
// page was computed at.
func dataToken(offset int, now time.Time) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "gmd1:%d:%d", offset, now.UnixNano()))
}

func parseDataToken(tok string) (int, time.Time, error) {
	bad := &cwError{"InvalidNextToken", "InvalidNextToken", 400, "The service couldn't process the NextToken " + strconv.Quote(tok) + "."}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, time.Time{}, bad
	}
	parts := strings.Split(string(raw), ":")
	if len(parts) != 3 || parts[0] != "gmd1" {
		return 0, time.Time{}, bad
	}
	offset, err1 := strconv.Atoi(parts[1])
	nanos, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || offset < 0 {
		return 0, time.Time{}, bad
	}
	return offset, time.Unix(0, nanos), nil
}
