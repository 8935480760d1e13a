package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// The command line's golden views at the two sizes the issue names: the
// commands offered, a queue's candidates, a link refused with its reason,
// and the list narrowed to DLQs. Regenerate with:
// go test ./ui -run TestGoldenCommandLine -update
var commandStates = []struct {
	name  string
	text  string // typed after ':'
	enter bool
}{
	{name: "commands"},
	{name: "queue_candidates", text: "q ord"},
	{name: "link_elsewhere", text: "q arn:aws:sqs:eu-west-1:000000000000:orders", enter: true},
	{name: "dlq_only", text: "dlq", enter: true},
}

func TestGoldenCommandLine(t *testing.T) {
	sharedFiles(t, "[profile prod-eu]\nregion = eu-west-1\n")
	for _, size := range goldenSizes {
		for _, st := range commandStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, _ := loadedApp(t, size.w, size.h)
				drive(a, press(a, ":"))
				typeText(a, st.text)
				if st.enter {
					drive(a, press(a, "enter"))
				}
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}

// The command line fits at every size, with its candidates or its reason.
func TestCommandLineFitsAtAnySize(t *testing.T) {
	sharedFiles(t, "[profile prod-eu]\nregion = eu-west-1\n")
	for _, size := range []struct{ w, h int }{{200, 60}, {100, 30}, {60, 15}, {40, 10}, {20, 5}, {1, 1}} {
		for _, st := range commandStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, _ := loadedApp(t, size.w, size.h)
				drive(a, press(a, ":"))
				typeText(a, st.text)
				if st.enter {
					drive(a, press(a, "enter"))
				}
				assertFits(t, a.View().Content, size.w, size.h)
			})
		}
	}
}
