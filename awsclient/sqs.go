package awsclient

import (
	"net/http"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// SQS is the Client over aws-sdk-go-v2. It is safe for concurrent use.
type SQS struct {
	// awsCfg is what the client was built from, for the CloudWatch client
	// of the same account (see CloudWatch).
	awsCfg aws.Config

	// api is the only way to reach SQS. It is built with the read-only
	// guard and the retryer installed, so no call site can bypass either.
	api *sqs.Client
	cfg Config
	ep  Endpoint
	// auditFailure is the last audit line no call could report (see
	// recordQuietly).
	auditFailure atomic.Pointer[error]
}

var _ Client = (*SQS)(nil)

// NewFromClient wraps an existing SDK client (for tests and embedding). The
// client's options are copied, and the guard and retryer are added to the
// copy; the original client is left as it was.
func NewFromClient(c *sqs.Client, cfg Config) *SQS {
	cfg = cfg.withDefaults()
	o := c.Options()
	if cfg.EndpointURL != "" {
		o.BaseEndpoint = aws.String(cfg.EndpointURL)
	}
	o.Retryer = newRetryer(cfg)
	o.APIOptions = append(o.APIOptions, readOnlyGuard(cfg.ReadOnly), closeSafeBody)
	api := sqs.New(o)
	return &SQS{api: api, cfg: cfg, ep: endpointOf(api, cfg, "")}
}

func newSQS(awsCfg aws.Config, cfg Config, profile string) *SQS {
	awsCfg.HTTPClient = newHTTPClient(cfg.Concurrency)
	api := sqs.NewFromConfig(awsCfg, func(o *sqs.Options) {
		if cfg.EndpointURL != "" {
			o.BaseEndpoint = aws.String(cfg.EndpointURL)
		}
		o.Retryer = newRetryer(cfg)
		o.APIOptions = append(o.APIOptions, readOnlyGuard(cfg.ReadOnly), closeSafeBody)
	})
	return &SQS{api: api, awsCfg: awsCfg, cfg: cfg, ep: endpointOf(api, cfg, profile)}
}

// newHTTPClient keeps as many idle connections per host as calls may be in
// flight; the SDK's default of 10 would make a 32-wide fan-out reconnect
// (and redo TLS) on most calls.
func newHTTPClient(concurrency int) *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConnsPerHost = concurrency + 8
		if t.MaxIdleConns < t.MaxIdleConnsPerHost {
			t.MaxIdleConns = t.MaxIdleConnsPerHost
		}
	})
}

func endpointOf(api *sqs.Client, cfg Config, profile string) Endpoint {
	o := api.Options()
	return Endpoint{
		URL:      aws.ToString(o.BaseEndpoint),
		Region:   o.Region,
		Profile:  profile,
		ReadOnly: cfg.ReadOnly,
		Demo:     cfg.Demo,
	}
}

// Endpoint describes the connection for the header line.
func (s *SQS) Endpoint() Endpoint { return s.ep }
