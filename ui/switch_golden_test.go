package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/common"
)

// The banner and the switch picker at the two sizes the issue names.
// Regenerate with: go test ./ui -run TestGoldenSession -update

// sessionApp is a loaded App on profile, identified as account/arn (an
// identity "" leaves it unknown: an emulator without STS).
func sessionApp(t *testing.T, w, h int, profile, account, arn string, ro bool) *App {
	t.Helper()
	f := &fakeClient{EP: awsclient.Endpoint{Region: "eu-west-1", Profile: profile}}
	a, clock := newTestApp(t, f, Options{Refresh: 5 * time.Second, Version: "v0.1.0", ReadOnly: ro,
		Connect: fakeConnect(&fakeClient{}), Regions: []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"}})
	a.com.Styles = common.DefaultStyles()
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	f.Set(testDataset(0), nil)
	poll(a)
	clock.T = clock.T.Add(5 * time.Second)
	a.sess.idSeq++
	var err error
	if account == "" {
		a.sess.emulator = true
		err = fmt.Errorf("InvalidAction")
	}
	a.Update(identityMsg{seq: a.sess.idSeq, id: awsclient.Identity{Account: account, ARN: arn}, err: err})
	return a
}

var sessionStates = []struct {
	name, profile, account, arn string
	ro, picker                  bool
}{
	{name: "banner", profile: "team-a", account: "111111111111", arn: "arn:aws:iam::111111111111:user/alice"},
	{name: "banner_prod", profile: "acme-prod", account: "222222222222",
		arn: "arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com"},
	{name: "banner_readonly", profile: "team-a", account: "111111111111", arn: "arn:aws:iam::111111111111:user/alice", ro: true},
	{name: "banner_no_identity", profile: "", ro: false},
	{name: "picker", profile: "team-a", account: "111111111111", arn: "arn:aws:iam::111111111111:user/alice", picker: true},
}

func TestGoldenSession(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range sessionStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a := sessionApp(t, size.w, size.h, st.profile, st.account, st.arn, st.ro)
				if st.picker {
					a.Update(profilesMsg{names: []string{"default", "acme-prod", "team-a", "team-b"}})
				}
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}

// The warning colour itself, which the stripped goldens cannot show: the
// header line with its escapes.
func TestGoldenSessionProdColour(t *testing.T) {
	a := sessionApp(t, 120, 36, "acme-prod", "222222222222", "arn:aws:iam::222222222222:user/alice", false)
	header := strings.Split(a.View().Content, "\n")[0]
	golden.RequireEqual(t, header)
	prod := common.DefaultStyles().Prod.Render("profile acme-prod")
	if !strings.Contains(header, prod) {
		t.Errorf("the profile is not in the warning style: %q", header)
	}
}
