package awsclient

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestReadProfiles(t *testing.T) {
	dir := t.TempDir()
	config := filepath.Join(dir, "config")
	creds := filepath.Join(dir, "credentials")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(config, `# comment
[default]
region = us-east-1

[profile prod-admin]
sso_session = corp
sso_account_id = 111111111111
region=eu-west-1

[profile staging]
role_arn = arn:aws:iam::222222222222:role/oncall
source_profile = default
; comment
[sso-session corp]
sso_region = us-east-1

[services local]
sqs =
  endpoint_url = http://localhost:9324
`)
	write(creds, `[default]
aws_access_key_id = AKIA
region = ap-south-1
[ci]
aws_access_key_id = AKIB
`)
	got, err := ReadProfiles(config, creds)
	if err != nil {
		t.Fatal(err)
	}
	want := []Profile{
		{Name: "ci"},
		{Name: "default", Region: "us-east-1"}, // the config file's region wins, as in the SDK
		{Name: "prod-admin", Region: "eu-west-1", Account: "111111111111"},
		{Name: "staging", Account: "222222222222"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadProfiles:\n got %+v\nwant %+v", got, want)
	}

	// Missing files list nothing, without an error: most machines have
	// only one of them.
	if got, err := ReadProfiles(filepath.Join(dir, "none"), ""); err != nil || len(got) != 0 {
		t.Errorf("missing files: %v, %v", got, err)
	}
}

func TestProfilePathsHonourTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	config, creds := filepath.Join(dir, "config"), filepath.Join(dir, "creds")
	t.Setenv("AWS_CONFIG_FILE", config)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)
	if c, k := ProfilePaths(); c != config || k != creds {
		t.Errorf("ProfilePaths = %q, %q", c, k)
	}
	t.Setenv("AWS_CONFIG_FILE", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "")
	t.Setenv("HOME", dir)
	if c, k := ProfilePaths(); c != filepath.Join(dir, ".aws", "config") || k != filepath.Join(dir, ".aws", "credentials") {
		t.Errorf("ProfilePaths = %q, %q", c, k)
	}
}
