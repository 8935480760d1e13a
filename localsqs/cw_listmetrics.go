package localsqs

import (
	"encoding/base64"
	"fmt"
	"slices"

	"github.com/aws/smithy-go/encoding/cbor"
)

// listMetricsPage is how many metrics CloudWatch returns per ListMetrics
// page.
const listMetricsPage = 500

// listMetrics lists the AWS/SQS metrics of every queue (each metric with
// its QueueName dimension), filtered by Namespace, MetricName and
// Dimensions as CloudWatch filters them. Unlike CloudWatch it lists a
// queue's metrics from the moment the queue exists, not once data arrives,
// and ignores RecentlyActive.
func (s *Server) listMetrics(in cbor.Map) (cbor.Map, error) {
	ns, _, err := cborString(in, "Namespace", "Namespace")
	if err != nil {
		return nil, err
	}
	name, _, err := cborString(in, "MetricName", "MetricName")
	if err != nil {
		return nil, err
	}
	filters, err := listMaps(in, "Dimensions", "Dimensions")
	if err != nil {
		return nil, err
	}
	queueFilter, wantQueue := "", false
	for i, f := range filters {
		p := fmt.Sprintf("Dimensions.member.%d", i+1)
		n, ok, err := cborString(f, "Name", p+".Name")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, cwMissingParameter(p + ".Name")
		}
		v, hasValue, err := cborString(f, "Value", p+".Value")
		if err != nil {
			return nil, err
		}
		if n != "QueueName" {
			return cbor.Map{"Metrics": cbor.List{}}, nil // no SQS metric has it
		}
		if hasValue {
			queueFilter, wantQueue = v, true
		}
	}
	after := ""
	if tok, ok, err := cborString(in, "NextToken", "NextToken"); err != nil {
		return nil, err
	} else if ok {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(raw) == 0 {
			return nil, &cwError{"InvalidNextToken", "InvalidNextToken", 400, "The service couldn't process the NextToken."}
		}
		after = string(raw)
	}
	if ns != "" && ns != "AWS/SQS" {
		return cbor.Map{"Metrics": cbor.List{}}, nil
	}
	metrics := cbor.List{}
	next := ""
	for _, q := range s.sortedQueueNames("") {
		if wantQueue && q != queueFilter {
			continue
		}
		for _, m := range sortedMetricNames {
			key := q + "\x00" + m
			if (name != "" && m != name) || key <= after {
				continue
			}
			if len(metrics) == listMetricsPage {
				next = base64.RawURLEncoding.EncodeToString([]byte(lastKey(metrics)))
				break
			}
			metrics = append(metrics, cbor.Map{
				"Namespace":  cbor.String("AWS/SQS"),
				"MetricName": cbor.String(m),
				"Dimensions": cbor.List{cbor.Map{"Name": cbor.String("QueueName"), "Value": cbor.String(q)}},
			})
		}
		if next != "" {
			break
		}
	}
	out := cbor.Map{"Metrics": metrics}
	if next != "" {
		out["NextToken"] = cbor.String(next)
	}
	return out, nil
}

// sortedMetricNames orders each queue's metrics as the paging key needs.
var sortedMetricNames = func() []string {
	names := slices.Clone(metricNames[:])
	slices.Sort(names)
	return names
}()

// lastKey is the paging key (queue NUL metric) of the last metric listed.
func lastKey(metrics cbor.List) string {
	m := metrics[len(metrics)-1].(cbor.Map)
	q := m["Dimensions"].(cbor.List)[0].(cbor.Map)["Value"].(cbor.String)
	return string(q) + "\x00" + string(m["MetricName"].(cbor.String))
}
