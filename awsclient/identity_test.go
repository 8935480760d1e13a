package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/localsqs"
)

func TestIdentityProblemNamesTheFix(t *testing.T) {
	api := func(code string) error {
		return fmt.Errorf("operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: x, api error %w",
			&smithy.GenericAPIError{Code: code, Message: "the SDK's own words"})
	}
	for _, tc := range []struct {
		name     string
		err      error
		profile  string
		emulator bool
		want     string
	}{
		{"known", nil, "dev", false, ""},
		{"sso expired", errors.New("failed to refresh cached credentials, refresh cached SSO token failed, " +
			"unable to refresh SSO token, operation error SSO OIDC: CreateToken, InvalidGrantException"), "corp-admin", false,
			"SSO session expired: run `aws sso login --profile corp-admin`"},
		{"sso token file missing", errors.New("failed to refresh cached credentials, failed to read cached SSO token file, " +
			"open sso/cache/abc.json: no such file or directory"), "corp", false,
			"SSO session expired: run `aws sso login --profile corp`"},
		{"session expired", api("ExpiredToken"), "", false,
			"credentials expired: refresh them (`aws sso login`, or the tool that set them)"},
		{"bad key", api("InvalidClientTokenId"), "dev", false,
			"credentials rejected (InvalidClientTokenId): check the access key of profile dev in ~/.aws/credentials"},
		{"denied", api("AccessDenied"), "dev", false,
			"identity denied (sts:GetCallerIdentity, AccessDenied): an SCP or permission boundary blocks it"},
		{"no credentials", &CredentialsError{Cause: errors.New("no EC2 IMDS role found")}, "", false,
			"no AWS credentials for the default profile: run `aws configure` or `aws sso login`"},
		{"no credentials from the chain", errors.New("get identity: get credentials: failed to refresh cached credentials, " +
			"no EC2 IMDS role found"), "ops", false,
			"no AWS credentials for profile ops: run `aws configure --profile ops` or `aws sso login --profile ops`"},
		{"sso profile without a login", &CredentialsError{Cause: errors.New("failed to refresh cached credentials, " +
			"failed to read cached SSO token file, open sso/cache/x.json: no such file or directory")}, "corp", false,
			"SSO session expired: run `aws sso login --profile corp`"},
		{"timeout", fmt.Errorf("calling STS: %w", context.DeadlineExceeded), "", false,
			"identity unknown: STS did not answer in time"},
		{"emulator without STS", api("InvalidAction"), "", true, "no identity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := IdentityProblem(tc.err, tc.profile, tc.emulator)
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if strings.Contains(got, "the SDK's own words") || strings.Contains(got, "RequestID") {
				t.Errorf("SDK text leaked: %q", got)
			}
		})
	}
}

func TestIdentityFromLocalSQS(t *testing.T) {
	srv := localsqs.New(localsqs.Options{AccountID: "123456789012"})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	for _, ro := range []bool{false, true} { // read-only is SQS's guard: STS still answers
		id, err := NewStatic(hs.URL, "us-east-1", Config{ReadOnly: ro}).Identity(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if id.Account != "123456789012" || id.ARN != "arn:aws:iam::123456789012:user/test" {
			t.Errorf("read-only %v: identity %+v", ro, id)
		}
	}
}

func TestProfilesFromBothFiles(t *testing.T) {
	dir := t.TempDir()
	config := "[default]\nregion = us-east-1\n[profile prod-eu]\nsso_session = corp\n[sso-session corp]\n" +
		"sso_start_url = https://x\n[services local]\nsqs =\n  endpoint_url = http://x\n[ profile  spaced ]\n" +
		"# [profile commented]\n[profile dev] ; a comment\n"
	creds := "[default]\naws_access_key_id = a\n[ci]\naws_access_key_id = b\n[dev]\n"
	os.WriteFile(filepath.Join(dir, "config"), []byte(config), 0o600)
	os.WriteFile(filepath.Join(dir, "creds"), []byte(creds), 0o600)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "creds"))
	got, err := ProfileNames()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ci", "default", "dev", "prod-eu", "spaced"}; !slices.Equal(got, want) {
		t.Errorf("profiles %q, want %q", got, want)
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "missing"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "missing too"))
	if got, err := ProfileNames(); err != nil || len(got) != 0 {
		t.Errorf("no files: %q, %v; want none and no error", got, err)
	}
}
