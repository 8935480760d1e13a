package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/refresh"
)

// At 80 columns a production, read-only session still shows whose account
// it is: the URL, the version, the principal, the word "profile" and the
// counts' ages give way first.
func TestNarrowHeaderKeepsProfileAndAccount(t *testing.T) {
	st := common.StylesFor(common.Theme{})
	b := banner{ep: awsclient.Endpoint{URL: "http://127.0.0.1:19401", Region: "us-east-1", Profile: "acme-prod", ReadOnly: true},
		account: "123456789012", principal: "assumed-role/Admin/alice", prod: true}
	fresh := refresh.Freshness{Screen: time.Second, Others: 3 * time.Second, Known: true}
	for _, w := range []int{120, 80, 60} {
		h := ansi.Strip(headerView(&st, "v0.1.0", b, 12, 12, false, fresh, w))
		if !strings.Contains(h, "acme-prod") || !strings.Contains(h, "123456789012") || !strings.Contains(h, "READ-ONLY") {
			t.Errorf("at %d columns the header lost the profile, the account or READ-ONLY: %q", w, h)
		}
		if n := ansi.StringWidth(h); n > w {
			t.Errorf("at %d columns the header is %d wide: %q", w, n, h)
		}
	}
}
