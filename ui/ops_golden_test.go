package ui

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// The delete, purge and audit log screens. Regenerate with:
// go test ./ui -run TestGoldenOps -update
var opsGolden = []struct {
	name  string
	setup func(t *testing.T, a *App, f *fakeClient)
	// keyLine is what must stay on screen however small: the dialog's
	// answer keys.
	keyLine string
}{
	{"delete_confirm", func(t *testing.T, a *App, f *fakeClient) {
		openPeek(t, a, "orders-dlq")
		press(a, "space", "space", "space")
		session(t, f).ExpireHold(dlqMessages(t)[1].ID)
		press(a, "X")
	}, "n/esc/enter cancel"},
	{"delete_report", func(t *testing.T, a *App, f *fakeClient) {
		openPeek(t, a, "orders-dlq")
		all := dlqMessages(t)
		f.Ops.DelFail = map[string]error{all[0].ID: fmt.Errorf("ReceiptHandleIsInvalid: The receipt handle has expired.")}
		press(a, "space", "space", "space")
		session(t, f).ExpireHold(all[1].ID)
		press(a, "X")
		drive(a, press(a, "y"))
	}, "enter/esc close"},
	{"purge_list", func(t *testing.T, a *App, f *fakeClient) {
		selectQueue(t, a, "orders-dlq")
		press(a, "P")
		typeText(a, "orders-d")
	}, "esc cancel"},
	{"purge_peek", func(t *testing.T, a *App, f *fakeClient) {
		openPeek(t, a, "orders-dlq")
		press(a, "P")
		typeText(a, "orders-dlx")
	}, "ctrl+e export first"},
	{"audit_list", func(t *testing.T, a *App, f *fakeClient) {
		withAuditLog(a, auditFixtureIn(t, shortTemp(t)))
		openAudit(a)
	}, "esc close"},
	{"audit_entry", func(t *testing.T, a *App, f *fakeClient) {
		withAuditLog(a, auditFixtureIn(t, shortTemp(t)))
		openAudit(a)
		press(a, "enter")
	}, "esc back"},
}

// shortTemp is a temporary directory with a short name, which the golden
// views show as goldenStateDir: the log's path is on screen.
func shortTemp(t *testing.T) string {
	dir, err := os.MkdirTemp("", "sq")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

const goldenStateDir = "~/.local/state/sqscope"

var tempDirRE = regexp.MustCompile(regexp.QuoteMeta(os.TempDir()) + `/sq[0-9]+`)

func TestGoldenOps(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range opsGolden {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, f := peekApp(t, size.w, size.h)
				st.setup(t, a, f)
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, tempDirRE.ReplaceAllString(ansi.Strip(content), goldenStateDir))
			})
		}
	}
}

// Down to 40×10 every one of these fits, and its keys stay on screen.
func TestOpsFitSmallScreens(t *testing.T) {
	for _, st := range opsGolden {
		a, f := peekApp(t, 120, 36)
		st.setup(t, a, f)
		for _, size := range []struct{ w, h int }{{100, 30}, {80, 24}, {60, 15}, {40, 10}} {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				if s := flat(ansi.Strip(content)); !strings.Contains(s, st.keyLine) {
					t.Errorf("%q not on screen:\n%s", st.keyLine, ansi.Strip(content))
				}
			})
		}
	}
}
