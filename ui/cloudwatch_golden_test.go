package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// Goldens of the metrics pane with CloudWatch, with a fixed clock and the
// fake's fixed history. Regenerate with:
//
//	go test ./ui -run TestGoldenMetrics -update
var metricsStates = []struct {
	name string
	keys []string
	m    func() *uitest.Metrics
}{
	{name: "orders_12h", keys: []string{"j", "j", "j"}}, // the first window
	{name: "orders_1h", keys: []string{"j", "j", "j", "w", "w", "w", "w", "w"}},
	{name: "orders_3d", keys: []string{"j", "j", "j", "w", "w"}},
	{name: "idle_queue", keys: []string{"G"}, m: func() *uitest.Metrics { return &uitest.Metrics{Idle: []string{"shipping"}} }},
	{name: "by_age", keys: []string{"s", "s", "g"}},
	{name: "access_denied", keys: []string{"j", "j", "j"}, m: func() *uitest.Metrics {
		return &uitest.Metrics{Err: &awsclient.UnavailableError{Why: "access denied to GetMetricData"}}
	}},
}

func TestGoldenMetrics(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range metricsStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				m := &uitest.Metrics{}
				if st.m != nil {
					m = st.m()
				}
				a, _, _ := cwApp(t, size.w, size.h, m)
				pressDrive(t, a, st.keys...)
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}
