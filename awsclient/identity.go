package awsclient

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// Identity is who the session acts as: sts:GetCallerIdentity's account
// and principal. The header shows it beside profile and region, because
// the worst mistakes happen in the wrong account.
type Identity struct {
	Account string // 12 digits
	ARN     string // the principal: a user, an assumed role's session, root
}

// Identifier reads the session's identity. GetCallerIdentity needs no
// permission (an SCP can still deny it) and changes nothing, so read-only
// lets it through: it is STS, not SQS, and the guard is SQS's.
type Identifier interface {
	Identity(ctx context.Context) (Identity, error)
}

var _ Identifier = (*SQS)(nil)

// Identity asks STS who the client's credentials belong to. It goes to
// the same endpoint as SQS when one was set (localsqs answers a minimal
// GetCallerIdentity; moto answers it too), else where the SDK resolves
// STS (AWS_ENDPOINT_URL_STS, the profile's endpoint_url, the region's).
func (s *SQS) Identity(ctx context.Context) (Identity, error) {
	awsCfg := s.awsCfg
	if awsCfg.Region == "" {
		// Built by NewFromClient: only the SQS client's options are known.
		o := s.api.Options()
		awsCfg.Region, awsCfg.Credentials, awsCfg.HTTPClient = o.Region, o.Credentials, o.HTTPClient
	}
	api := sts.NewFromConfig(awsCfg, func(o *sts.Options) {
		if s.cfg.EndpointURL != "" {
			o.BaseEndpoint = aws.String(s.cfg.EndpointURL)
		}
		o.Retryer = newRetryer(s.cfg)
		o.APIOptions = append(o.APIOptions, closeSafeBody)
	})
	ctx, cancel := context.WithTimeout(ctx, s.cfg.CallTimeout)
	defer cancel()
	out, err := api.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return Identity{}, err
	}
	return Identity{Account: aws.ToString(out.Account), ARN: aws.ToString(out.Arn)}, nil
}

// IdentityProblem is why the identity is unknown, in one line that names
// the fix for profile (which may be ""). emulator says the endpoint is
// not AWS (localsqs, moto, ElasticMQ): there a failure only means the
// server has no STS, and the banner says "no identity" instead.
func IdentityProblem(err error, profile string, emulator bool) string {
	if err == nil {
		return ""
	}
	if emulator {
		return "no identity"
	}
	flag := ""
	if profile != "" {
		flag = " --profile " + profile
	}
	text := strings.ToLower(err.Error())
	var ce *CredentialsError
	if errors.As(err, &ce) && ce.Cause != nil {
		// Its own words are advice for the command line; the cause says
		// what failed (an SSO token, the IMDS fallback).
		text = strings.ToLower(ce.Cause.Error())
	}
	var apiErr smithy.APIError
	code := ""
	if errors.As(err, &apiErr) {
		code = apiErr.ErrorCode()
	}
	switch {
	case strings.Contains(text, "sso") && (strings.Contains(text, "expired") || strings.Contains(text, "token") ||
		strings.Contains(text, "refresh")):
		return "SSO session expired: run `aws sso login" + flag + "`"
	case code == "ExpiredToken" || code == "ExpiredTokenException" || code == "RequestExpired":
		return "credentials expired: refresh them (`aws sso login" + flag + "`, or the tool that set them)"
	case code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch" || code == "UnrecognizedClientException":
		return "credentials rejected (" + code + "): check the access key of" + orDefault(profile) + " in ~/.aws/credentials"
	case accessDeniedCodes[code]:
		return "identity denied (sts:GetCallerIdentity, " + code + "): an SCP or permission boundary blocks it"
	case isNoCredentials(err, text):
		return "no AWS credentials for" + orDefault(profile) + ": run `aws configure" + flag + "` or `aws sso login" + flag + "`"
	case errors.Is(err, context.DeadlineExceeded):
		return "identity unknown: STS did not answer in time"
	}
	if host, cause, ok := networkCause(err); ok {
		return "identity unknown: cannot reach " + host + ": " + cause
	}
	return "identity unknown: " + Describe(err)
}

func isNoCredentials(err error, text string) bool {
	var ce *CredentialsError
	return errors.As(err, &ce) || strings.Contains(text, "failed to retrieve credentials") ||
		strings.Contains(text, "no credential") || strings.Contains(text, "static credentials are empty") ||
		strings.Contains(text, "anonymous credentials") || strings.Contains(text, "get credentials") ||
		strings.Contains(text, "no ec2 imds role")
}

func orDefault(profile string) string {
	if profile == "" {
		return " the default profile"
	}
	return " profile " + profile
}
