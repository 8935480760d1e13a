package ui

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/ui/common"
)

// The switch end to end: a temporary HOME whose shared config and
// credentials files hold several profiles with static keys, each pointed
// (endpoint_url) at one of two in-process localsqs servers standing for
// two accounts in two regions; the real awsclient.New reads them, as the
// TUI's Connect does.

// account is one localsqs server standing for an AWS account.
type account struct {
	url   string
	admin *sqs.Client // sets up and inspects queues, bypassing sqscope
}

func newAccount(t *testing.T, id, region string) *account {
	srv := localsqs.New(localsqs.Options{AccountID: id, Region: region})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	admin := sqs.New(sqs.Options{Region: region, BaseEndpoint: aws.String(hs.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	return &account{url: hs.URL, admin: admin}
}

func (x *account) create(t *testing.T, name string, n int) string {
	ctx := context.Background()
	out, err := x.admin.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	for range n {
		if _, err := x.admin.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: out.QueueUrl, MessageBody: aws.String("{}")}); err != nil {
			t.Fatal(err)
		}
	}
	return aws.ToString(out.QueueUrl)
}

// awsHome writes the shared files into a temporary HOME: default and
// team-a in account A (us-east-1), team-b and acme-prod in account B
// (eu-west-1), each with its own access key; and clears what the
// environment could override them with.
func awsHome(t *testing.T, a, b *account) {
	home := noJournalHome(t)
	for _, k := range []string{"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
		"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_STS",
		"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	dir := filepath.Join(home, ".aws")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	config := "[default]\nregion = us-east-1\nendpoint_url = " + a.url + "\n\n" +
		"[profile team-a]\nregion = us-east-1\nendpoint_url = " + a.url + "\n\n" +
		"[profile team-b]\nregion = eu-west-1\nendpoint_url = " + b.url + "\n\n" +
		"[profile acme-prod]\nregion = eu-west-1\nendpoint_url = " + b.url + "\n\n" +
		"[sso-session corp]\nsso_region = us-east-1\n"
	creds := "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n\n" +
		"[team-a]\naws_access_key_id = AKIDALICE\naws_secret_access_key = s\n\n" +
		"[team-b]\naws_access_key_id = AKIDBOB\naws_secret_access_key = s\n\n" +
		"[acme-prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = s\n"
	for name, text := range map[string]string{"config": config, "credentials": creds} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Named outright: the SDK computes its default paths from HOME once,
	// when the process starts.
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
}

// sdkConnect is the TUI's Connect without CloudWatch (whose minute timer
// a test does not wait for).
func sdkConnect(ctx context.Context, profile, region string, ro bool) (awsclient.Client, awsclient.Metrics, error) {
	c, err := awsclient.New(ctx, awsclient.Config{Profile: profile, Region: region, ReadOnly: ro, MaxBackoff: 20 * time.Millisecond})
	if err != nil {
		return nil, nil, err
	}
	return c, nil, nil
}

// switchApp is an App on profile team-a, loaded, at 120×36.
func switchApp(t *testing.T, o Options) (app *App, a, b *account) {
	a = newAccount(t, "111111111111", "us-east-1")
	b = newAccount(t, "222222222222", "eu-west-1")
	awsHome(t, a, b)
	c, _, err := sdkConnect(context.Background(), "team-a", "", false)
	if err != nil {
		t.Fatalf("connecting as team-a: %v", err)
	}
	o.Refresh, o.Connect, o.Regions = time.Hour, sdkConnect, []string{"us-east-1", "eu-west-1"}
	app = New(c, o)
	app.arm = armNow
	app.Update(sizeMsg(120, 36))
	return app, a, b
}

func TestSwitchProfileShowsTheOtherAccountAndReleasesThePeek(t *testing.T) {
	app, a, b := switchApp(t, Options{})
	held := a.create(t, "orders-a", 25) // more than a page: the peek holds what it read
	b.create(t, "billing-b", 0)
	drive(app, app.Init())
	if !strings.Contains(screen(app), "profile team-a · 111111111111 · user/AKIDALICE") {
		t.Fatalf("the banner does not say team-a's account and principal:\n%s", screen(app))
	}
	openPeek(t, app, "orders-a")
	if _, nv := counts(t, a, held); nv == 0 {
		t.Fatal("the peek holds nothing: the test would prove nothing")
	}

	// ctrl+p, narrow to team-b, enter.
	drive(app, press(app, "ctrl+p"))
	if !strings.Contains(screen(app), "profile acme-prod") || !strings.Contains(screen(app), "region eu-west-1") {
		t.Fatalf("the picker does not offer the profiles and regions:\n%s", screen(app))
	}
	typeText(app, "team-b")
	drive(app, press(app, "enter"))

	if v, nv := counts(t, a, held); v != 25 || nv != 0 {
		t.Errorf("after the switch orders-a has %d visible, %d in flight; want 25, 0", v, nv)
	}
	if app.peek.Open() {
		t.Error("the peek of the old account is still open")
	}
	if got := shownNames(app); !slices.Equal(got, []string{"billing-b"}) {
		t.Errorf("the list shows %v, want team-b's billing-b only", got)
	}
	s := screen(app)
	if !strings.Contains(s, "profile team-b · 222222222222 · user/AKIDBOB") || strings.Contains(s, "111111111111") {
		t.Errorf("the banner did not change to team-b's account:\n%s", s)
	}
	// The region stays (SwitchMsg's "" keeps it): a region pick changes it.
	drive(app, press(app, "ctrl+p"))
	typeText(app, "eu-west")
	drive(app, press(app, "enter"))
	if h := strings.Split(screen(app), "\n")[0]; !strings.Contains(h, "eu-west-1 · profile team-b") {
		t.Errorf("the region pick did not change the header: %q", h)
	}
}

func TestSwitchToProdIsReadOnlyByPatternAndLeavingAsks(t *testing.T) {
	app, _, b := switchApp(t, Options{ReadOnlyPattern: DefaultProdPattern})
	b.create(t, "billing-b", 0)
	drive(app, app.Init())
	drive(app, app.route(common.SwitchMsg{Profile: "acme-prod"}))
	s := screen(app)
	if !app.ep.ReadOnly || !app.com.Keys.ReadOnly || !strings.Contains(s, "READ-ONLY") || !strings.Contains(s, "PROD") {
		t.Fatalf("acme-prod is not read-only and marked PROD:\n%s", s)
	}
	// Leaving read-only asks, naming the profile; enter is No.
	drive(app, app.route(common.ReadOnlyMsg{On: false}))
	if !strings.Contains(screen(app), "Leave read-only for profile acme-prod?") {
		t.Fatalf("no question before leaving read-only:\n%s", screen(app))
	}
	drive(app, press(app, "enter"))
	if !app.ep.ReadOnly {
		t.Fatal("enter left read-only")
	}
	drive(app, app.route(common.ReadOnlyMsg{On: false}))
	drive(app, press(app, "y", "enter")) // a key typed ahead does not agree
	if !app.ep.ReadOnly {
		t.Fatal("y and enter left read-only without the profile's name")
	}
	press(app, "ctrl+u")
	typeText(app, "acme-prod")
	drive(app, press(app, "enter"))
	if app.ep.ReadOnly || app.com.Keys.ReadOnly {
		t.Fatal("the profile's name typed did not leave read-only")
	}
	// The state is per profile: team-a is writable, acme-prod stays as left.
	drive(app, app.route(common.SwitchMsg{Profile: "team-a"}))
	drive(app, app.route(common.ReadOnlyMsg{On: true}))
	if !app.ep.ReadOnly {
		t.Fatal(":ro did not make team-a read-only")
	}
	drive(app, app.route(common.SwitchMsg{Profile: "acme-prod"}))
	if app.ep.ReadOnly {
		t.Error("acme-prod, left writable this run, came back read-only")
	}
	drive(app, app.route(common.SwitchMsg{Profile: "team-a"}))
	if !app.ep.ReadOnly {
		t.Error("team-a, made read-only this run, came back writable")
	}
}

func TestSwitchToAMissingProfileKeepsTheSession(t *testing.T) {
	app, a, _ := switchApp(t, Options{})
	a.create(t, "orders-a", 0)
	drive(app, app.Init())
	drive(app, app.route(common.SwitchMsg{Profile: "nope"}))
	s := screen(app)
	if !strings.Contains(s, "Cannot switch to profile nope") || !strings.Contains(s, "sqscope stays in profile team-a") ||
		!strings.Contains(s, "✗ no switch to profile nope") {
		t.Errorf("a failed switch is not said:\n%s", s)
	}
	press(app, "esc")
	if s := screen(app); !strings.Contains(s, "profile team-a · 111111111111") {
		t.Errorf("after a failed switch the banner changed:\n%s", s)
	}
	if got := shownNames(app); !slices.Equal(got, []string{"orders-a"}) {
		t.Errorf("the list shows %v after a failed switch", got)
	}
}

func counts(t *testing.T, x *account, url string) (visible, inFlight int) {
	f := &sqsFixture{t: t, admin: x.admin}
	return f.counts(url)
}
