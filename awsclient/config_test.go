package awsclient

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// isolateAWSEnv gives the test an empty AWS environment: no variables, no
// shared files, no instance metadata. Not parallel-safe (uses Setenv).
func isolateAWSEnv(t *testing.T) (configFile, credsFile string) {
	t.Helper()
	for _, k := range []string{
		"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	dir := t.TempDir()
	configFile, credsFile = filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	t.Setenv("AWS_CONFIG_FILE", configFile)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", credsFile)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("HOME", dir)
	return configFile, credsFile
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestNewNoCredentials(t *testing.T) {
	isolateAWSEnv(t)
	t.Setenv("AWS_REGION", "eu-west-1")
	_, err := New(context.Background(), Config{})
	var ce *CredentialsError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want *CredentialsError", err)
	}
	for _, want := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "aws sso login", "--demo"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message does not mention %s: %s", want, err)
		}
	}
	if Describe(err) != err.Error() {
		t.Errorf("Describe changed the message: %q", Describe(err))
	}
}

func TestNewNoRegion(t *testing.T) {
	isolateAWSEnv(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	_, err := New(context.Background(), Config{})
	if err == nil || !strings.Contains(err.Error(), "AWS_REGION") || !strings.Contains(err.Error(), "--region") ||
		!strings.Contains(err.Error(), "--demo") {
		t.Fatalf("err = %v, want a message naming AWS_REGION and --region, and suggesting --demo", err)
	}
}

// A fresh machine has neither: the one message names both.
func TestNewNoCredentialsNoRegion(t *testing.T) {
	isolateAWSEnv(t)
	_, err := New(context.Background(), Config{})
	var ce *CredentialsError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want *CredentialsError", err)
	}
	for _, want := range []string{"no AWS credentials and no region", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_REGION", "--region", "--demo"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message does not mention %s: %s", want, err)
		}
	}
}

func TestNewUnknownProfile(t *testing.T) {
	configFile, _ := isolateAWSEnv(t)
	write(t, configFile, "[profile prod]\nregion = us-east-1\n")
	_, err := New(context.Background(), Config{Profile: "staging"})
	if err == nil || !strings.Contains(err.Error(), `"staging"`) {
		t.Fatalf("err = %v, want a message naming the profile", err)
	}
}

func TestNewFromProfile(t *testing.T) {
	configFile, credsFile := isolateAWSEnv(t)
	write(t, configFile, "[profile prod]\nregion = ap-southeast-2\n")
	write(t, credsFile, "[prod]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n")
	c, err := New(context.Background(), Config{Profile: "prod", ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	want := Endpoint{Region: "ap-southeast-2", Profile: "prod", ReadOnly: true}
	if got := c.Endpoint(); got != want {
		t.Fatalf("Endpoint = %+v, want %+v", got, want)
	}
}

func TestNewFlagsOverrideEnvironment(t *testing.T) {
	isolateAWSEnv(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_ENDPOINT_URL_SQS", "http://sqs.internal:9324")

	c, err := New(context.Background(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Endpoint(); got.URL != "http://sqs.internal:9324" || got.Region != "us-east-1" {
		t.Errorf("from environment: %+v", got)
	}
	c, err = New(context.Background(), Config{Region: "eu-central-1", EndpointURL: "http://other:1"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Endpoint(); got.URL != "http://other:1" || got.Region != "eu-central-1" {
		t.Errorf("flags: %+v", got)
	}
}

// A local endpoint (sqscope server, moto) needs no real credentials.
func TestNewLoopbackNeedsNoCredentials(t *testing.T) {
	isolateAWSEnv(t)
	h := &countingHandler{}
	ep := serve(t, h)
	c, err := New(context.Background(), Config{Region: "us-east-1", EndpointURL: ep})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if _, err := c.Queues(context.Background()); err != nil || h.n.Load() != 1 {
		t.Fatalf("Queues: %v, %d requests", err, h.n.Load())
	}
}

func TestIsLoopback(t *testing.T) {
	tests := map[string]bool{
		"http://127.0.0.1:9324": true, "http://localhost:4566": true, "http://[::1]:9324": true,
		"https://sqs.us-east-1.amazonaws.com": false, "http://10.0.0.5:9324": false, "": false, "::": false,
	}
	for in, want := range tests {
		if got := isLoopback(in); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", in, got, want)
		}
	}
}
