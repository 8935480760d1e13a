package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/logging"
)

// Config is how sqscope connects. The zero value means "the standard AWS SDK
// configuration, writable, default limits".
type Config struct {
	Profile     string // shared config profile; empty: AWS_PROFILE or default
	Region      string // empty: AWS_REGION or the profile's region
	EndpointURL string // empty: AWS_ENDPOINT_URL_SQS / AWS_ENDPOINT_URL or AWS
	ReadOnly    bool   // refuse every mutating call before it leaves the process
	Demo        bool   // connected to the embedded demo server (header only)
	// Audit gets one line per change (every Operator call, moves, move
	// tasks); nil writes none.
	Audit AuditLog

	// Concurrency bounds the GetQueueAttributes calls in flight at once.
	Concurrency int
	// CallTimeout bounds one API call, retries included.
	CallTimeout time.Duration
	// MaxAttempts is how often one call is tried in all (first try included)
	// before a throttling or transient error is given up on.
	MaxAttempts int
	// MaxBackoff caps the jittered exponential delay between attempts.
	MaxBackoff time.Duration
}

// Defaults, chosen from the list benchmark (BenchmarkQueues): with 20 ms per
// call, 32 in flight lists 2,000 queues in well under a second, and AWS allows
// far more GetQueueAttributes per second than that.
const (
	DefaultConcurrency = 32
	DefaultCallTimeout = 10 * time.Second
	DefaultMaxAttempts = 5
	DefaultMaxBackoff  = 5 * time.Second
	// credentialsTimeout bounds the up-front credentials check; off EC2 the
	// SDK's chain ends in IMDS, which would otherwise take a while to give up.
	credentialsTimeout = 5 * time.Second
)

func (c Config) withDefaults() Config {
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.CallTimeout <= 0 {
		c.CallTimeout = DefaultCallTimeout
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = DefaultMaxBackoff
	}
	return c
}

// New connects through the standard AWS SDK configuration (environment,
// shared config and credentials files, SSO, AWS_ENDPOINT_URL[_SQS]).
// Missing credentials or region are reported here, as one readable error,
// so the TUI never starts into a wall of failed calls.
func New(ctx context.Context, cfg Config) (*SQS, error) {
	cfg = cfg.withDefaults()
	// The SDK's default logger writes warnings (e.g. "falling back to
	// IMDSv1") to stderr, which would tear through the TUI's alt screen.
	// Failures reach the user as errors instead.
	opts := []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	if cfg.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(cfg.Profile))
	}
	if cfg.Region != "" {
		opts = append(opts, config.WithRegion(cfg.Region))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		var noProfile config.SharedConfigProfileNotExistError
		if errors.As(err, &noProfile) {
			return nil, fmt.Errorf("AWS profile %q not found in ~/.aws/config or ~/.aws/credentials (check --profile / AWS_PROFILE)", noProfile.Profile)
		}
		return nil, fmt.Errorf("loading AWS configuration: %w", err)
	}
	// Both are checked before either is reported: on a fresh machine both
	// are missing, and the one message must name both.
	credErr := checkCredentials(ctx, &awsCfg, cfg.EndpointURL)
	if awsCfg.Region == "" {
		var ce *CredentialsError
		if errors.As(credErr, &ce) {
			ce.NoRegion = true
			return nil, ce
		}
		return nil, errors.New("no AWS region: set AWS_REGION, add region to the profile in ~/.aws/config, " +
			"or pass --region; to look around without an AWS account, run `sqscope --demo`")
	}
	if credErr != nil {
		var ce *CredentialsError
		if errors.As(credErr, &ce) {
			ce.Profile = cfg.Profile
		}
		return nil, credErr
	}
	return newSQS(awsCfg, cfg, profileName(cfg.Profile)), nil
}

// NewStatic connects to an SQS-compatible endpoint (localsqs, moto) with the
// dummy credentials "test"/"test" that such emulators accept.
func NewStatic(endpoint, region string, cfg Config) *SQS {
	cfg = cfg.withDefaults()
	cfg.EndpointURL = endpoint
	awsCfg := aws.Config{
		Region:      region,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	}
	return newSQS(awsCfg, cfg, "")
}

// checkCredentials resolves credentials once, up front. A local endpoint
// (sqscope server, moto) accepts any credentials, so there a missing set
// falls back to dummy ones instead of failing.
func checkCredentials(ctx context.Context, awsCfg *aws.Config, endpoint string) error {
	var cause error
	if awsCfg.Credentials == nil {
		cause = errors.New("no credential provider")
	} else {
		cctx, cancel := context.WithTimeout(ctx, credentialsTimeout)
		_, cause = awsCfg.Credentials.Retrieve(cctx)
		cancel()
	}
	if cause == nil {
		return nil
	}
	if endpoint == "" {
		endpoint = os.Getenv("AWS_ENDPOINT_URL_SQS")
	}
	if endpoint == "" {
		endpoint = os.Getenv("AWS_ENDPOINT_URL")
	}
	if isLoopback(endpoint) {
		awsCfg.Credentials = credentials.NewStaticCredentialsProvider("test", "test", "")
		return nil
	}
	return &CredentialsError{Cause: cause}
}

func isLoopback(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil || u.Hostname() == "" {
		return false
	}
	if u.Hostname() == "localhost" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}

func profileName(flag string) string {
	if flag != "" {
		return flag
	}
	return os.Getenv("AWS_PROFILE")
}
