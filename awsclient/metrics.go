package awsclient

import (
	"context"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"

	"github.com/sqscope/sqscope/model"
)

// Metrics reads the CloudWatch metrics SQS publishes for each queue (the
// AWS/SQS namespace, by QueueName). GetMetricData is billed per metric
// requested (about $0.01 per 1,000), so the UI asks only for what it shows,
// at most once a minute: CloudWatch's own resolution.
//
// An error that means CloudWatch cannot be used at all — access denied, an
// endpoint that does not serve CloudWatch, credentials it rejects — is an
// *UnavailableError (see Unavailable), for the UI to say so once and stop
// asking; any other error is worth trying again later.
type Metrics interface {
	// History reads the seven metrics of one queue over window w ending
	// at now (see model.Window.Range), each with its statistic: one
	// GetMetricData call of seven queries.
	History(ctx context.Context, queue string, w model.Window, now time.Time) (*model.History, error)
	// OldestAges reads the newest ApproximateAgeOfOldestMessage of each
	// queue, by name, from the last AgeLookback before now: one
	// GetMetricData call per MaxQueriesPerCall queues, a few at once. A
	// queue without a data point in that time (idle for hours, or too new)
	// is missing from the answer. What was read is returned even when a
	// call failed.
	OldestAges(ctx context.Context, queues []string, now time.Time) (model.Ages, error)
}

const (
	// MaxQueriesPerCall is how many metrics one GetMetricData call may ask
	// for: 2,000 queues' ages cost 4 calls.
	MaxQueriesPerCall = 500
	// AgeLookback is how far back the age column looks for a data point:
	// SQS publishes every minute, but the newest minutes can arrive a few
	// minutes late.
	AgeLookback = 15 * time.Minute
	// cwConcurrency bounds the GetMetricData calls in flight at once.
	cwConcurrency = 4
	// cwNamespace and cwDimension name SQS's metrics.
	cwNamespace = "AWS/SQS"
	cwDimension = "QueueName"
)

// CloudWatch is Metrics over aws-sdk-go-v2's CloudWatch client. It is safe
// for concurrent use.
type CloudWatch struct {
	// api is built with a guard that lets only reads through, whatever
	// the read-only flag says: sqscope never writes to CloudWatch.
	api *cloudwatch.Client
	cfg Config
}

var _ Metrics = (*CloudWatch)(nil)

// CloudWatch is a Metrics client configured as s is: the same profile,
// region and credentials, and the same endpoint when --endpoint-url (or
// the demo) set one, unless AWS_ENDPOINT_URL_CLOUDWATCH names CloudWatch's
// own. Without either, the SDK resolves the endpoint (AWS_ENDPOINT_URL, or
// the region's).
func (s *SQS) CloudWatch() *CloudWatch {
	awsCfg := s.awsCfg
	if awsCfg.Region == "" {
		// Built by NewFromClient: only the SQS client's options are known.
		o := s.api.Options()
		awsCfg.Region, awsCfg.Credentials, awsCfg.HTTPClient = o.Region, o.Credentials, o.HTTPClient
	}
	return newCloudWatch(awsCfg, s.cfg)
}

func newCloudWatch(awsCfg aws.Config, cfg Config) *CloudWatch {
	cfg = cfg.withDefaults()
	api := cloudwatch.NewFromConfig(awsCfg, func(o *cloudwatch.Options) {
		if ep := cloudWatchEndpoint(cfg); ep != "" {
			o.BaseEndpoint = aws.String(ep)
		}
		o.Retryer = newRetryer(cfg)
		o.APIOptions = append(o.APIOptions, cloudWatchReadsOnly, closeSafeBody)
	})
	return &CloudWatch{api: api, cfg: cfg}
}

// cloudWatchEndpoint is the endpoint CloudWatch is pointed at explicitly;
// "" leaves it to the SDK. The demo's server answers CloudWatch itself.
func cloudWatchEndpoint(cfg Config) string {
	if cfg.Demo {
		return cfg.EndpointURL
	}
	if ep := os.Getenv("AWS_ENDPOINT_URL_CLOUDWATCH"); ep != "" {
		return ep
	}
	return cfg.EndpointURL
}
