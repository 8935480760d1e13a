package localsqs

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/smithy-go/encoding/cbor"
)

// maxMetricDataQueries is CloudWatch's limit per GetMetricData call.
const maxMetricDataQueries = 500

// mdQuery is one validated MetricDataQuery.
type mdQuery struct {
	id, label  string
	returnData bool
	// sqs is false for a metric localsqs has no data for (another
	// namespace, another dimension set, an unknown metric name or unit):
	// CloudWatch answers those with an empty series, not an error.
	sqs    bool
	metric metric
	queue  string
	period int64 // seconds, a multiple of 60
	stat   statistic
}

// queryIDPattern is CloudWatch's rule for Id: a lowercase letter, then
// letters, digits and underscores.
var queryIDPattern = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*$`)

// parseQueries validates MetricDataQueries as CloudWatch does.
func parseQueries(in cbor.Map) ([]mdQuery, error) {
	raw, err := listMaps(in, "MetricDataQueries", "MetricDataQueries")
	if err != nil {
		return nil, err
	}
	if member(in, "MetricDataQueries") == nil {
		return nil, cwMissingParameter("MetricDataQueries")
	}
	if len(raw) > maxMetricDataQueries {
		return nil, cwValidation("1 validation error detected: Value at 'metricDataQueries' failed to satisfy constraint: Member must have length less than or equal to %d (got %d)", maxMetricDataQueries, len(raw))
	}
	seen := map[string]bool{}
	out := make([]mdQuery, 0, len(raw))
	for i, q := range raw {
		path := fmt.Sprintf("MetricDataQueries.member.%d", i+1)
		mq, err := parseQuery(q, path)
		if err != nil {
			return nil, err
		}
		if seen[mq.id] {
			return nil, cwInvalidParameter("The values for parameter id in MetricDataQueries are not unique: %s appears more than once.", mq.id)
		}
		seen[mq.id] = true
		out = append(out, mq)
	}
	return out, nil
}

func parseQuery(q cbor.Map, path string) (mdQuery, error) {
	mq := mdQuery{returnData: true}
	id, ok, err := cborString(q, "Id", path+".Id")
	if err != nil {
		return mq, err
	}
	if !ok {
		return mq, cwMissingParameter(path + ".Id")
	}
	if len(id) > 255 || !queryIDPattern.MatchString(id) {
		return mq, cwInvalidParameter("The value %s for parameter %s.Id is not valid: it must start with a lowercase letter and hold only letters, digits and underscores.", id, path)
	}
	mq.id = id
	if mq.label, _, err = cborString(q, "Label", path+".Label"); err != nil {
		return mq, err
	}
	if rd, ok, err := cborBool(q, "ReturnData", path+".ReturnData"); err != nil {
		return mq, err
	} else if ok {
		mq.returnData = rd
	}
	expr, hasExpr, err := cborString(q, "Expression", path+".Expression")
	if err != nil {
		return mq, err
	}
	stat, err := cborMap(q, "MetricStat", path+".MetricStat")
	if err != nil {
		return mq, err
	}
	switch {
	case hasExpr && stat != nil:
		return mq, &cwError{"InvalidParameterCombinationException", "InvalidParameterCombination", 400,
			fmt.Sprintf("Exactly one of %s.MetricStat and %s.Expression must be set, not both.", path, path)}
	case hasExpr:
		return mq, cwInvalidParameter("localsqs answers MetricStat queries only; %s.Expression %q (metric math) is not supported.", path, expr)
	case stat == nil:
		return mq, &cwError{"InvalidParameterCombinationException", "InvalidParameterCombination", 400,
			fmt.Sprintf("Exactly one of %s.MetricStat and %s.Expression must be set.", path, path)}
	}
	return mq, parseMetricStat(&mq, stat, path+".MetricStat")
}

func parseMetricStat(mq *mdQuery, ms cbor.Map, path string) error {
	period, ok, err := cborInt(ms, "Period", path+".Period")
	if err != nil {
		return err
	}
	if !ok {
		return cwMissingParameter(path + ".Period")
	}
	if period < 60 || period%60 != 0 {
		return cwInvalidParameter("The parameter %s.Period must be a multiple of 60 (got %d): localsqs records one-minute statistics, so there is no high-resolution data.", path, period)
	}
	mq.period = period
	statName, ok, err := cborString(ms, "Stat", path+".Stat")
	if err != nil {
		return err
	}
	if !ok {
		return cwMissingParameter(path + ".Stat")
	}
	if mq.stat, ok = statisticNames[statName]; !ok {
		return cwInvalidParameter("The value %s for parameter %s.Stat is not supported by localsqs: use one of %s.", statName, path, strings.Join(statisticList(), ", "))
	}
	m, err := cborMap(ms, "Metric", path+".Metric")
	if err != nil {
		return err
	}
	if m == nil {
		return cwMissingParameter(path + ".Metric")
	}
	name, ok, err := cborString(m, "MetricName", path+".Metric.MetricName")
	if err != nil {
		return err
	}
	if !ok || name == "" {
		return cwMissingParameter(path + ".Metric.MetricName")
	}
	if mq.label == "" {
		mq.label = name
	}
	ns, _, err := cborString(m, "Namespace", path+".Metric.Namespace")
	if err != nil {
		return err
	}
	unit, _, err := cborString(ms, "Unit", path+".Unit")
	if err != nil {
		return err
	}
	dims, err := parseDimensions(m, path+".Metric.Dimensions")
	if err != nil {
		return err
	}
	k, known := metricByName(name)
	queue, byQueue := dims["QueueName"]
	mq.sqs = ns == "AWS/SQS" && known && byQueue && len(dims) == 1 && (unit == "" || unit == k.unit())
	mq.metric, mq.queue = k, queue
	return nil
}

// parseDimensions reads a Dimensions list into a map, refusing repeats.
func parseDimensions(m cbor.Map, path string) (map[string]string, error) {
	list, err := listMaps(m, "Dimensions", path)
	if err != nil {
		return nil, err
	}
	if len(list) > 30 {
		return nil, cwInvalidParameter("The collection %s must not have a size greater than 30.", path)
	}
	dims := make(map[string]string, len(list))
	for i, d := range list {
		p := fmt.Sprintf("%s.member.%d", path, i+1)
		name, ok, err := cborString(d, "Name", p+".Name")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, cwMissingParameter(p + ".Name")
		}
		value, _, err := cborString(d, "Value", p+".Value")
		if err != nil {
			return nil, err
		}
		if _, dup := dims[name]; dup {
			return nil, cwInvalidParameter("The dimension %s appears more than once in %s.", name, path)
		}
		dims[name] = value
	}
	return dims, nil
}

func statisticList() []string {
	names := make([]string, 0, len(statisticNames))
	for n := range statisticNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
