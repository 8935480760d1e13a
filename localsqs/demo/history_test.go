package demo

import (
	"math"
	"testing"
	"time"
)

// The simulated day ends where Seed leaves every queue, and its metrics
// agree with one another.
func TestStoryEndsWhereSeedLeavesTheQueues(t *testing.T) {
	for _, small := range []bool{false, true} {
		o := Options{Seed: 42, Small: small}.withDefaults()
		days := storyDays(o)
		if len(days) != len(queueSpecs) {
			t.Fatalf("%d queues have a story, want all %d", len(days), len(queueSpecs))
		}
		for _, q := range queueSpecs {
			d := days[q.name]
			want := float64(wantDepths[q.name])
			if small && q.name == "analytics-events" {
				want = smallBacklog
			}
			if got := d.visible[storyMinutes-1]; got != want {
				t.Errorf("small=%v %s: visible %v at the end, want %v (what Seed leaves)", small, q.name, got, want)
			}
			for i := range storyMinutes {
				if d.deleted[i] > d.received[i] || d.visible[i] < 0 || d.age[i] < 0 || (d.visible[i] == 0 && d.age[i] != 0) {
					t.Fatalf("%s minute %d: received %v deleted %v visible %v age %v", q.name, i,
						d.received[i], d.deleted[i], d.visible[i], d.age[i])
				}
			}
		}
	}
}

func TestStoryTellsTheIncidents(t *testing.T) {
	days := storyDays(Options{Seed: 7}.withDefaults())
	dlq := days["orders-dlq"]
	deploy := storyMinutes - deployMinutesAgo
	if dlq.visible[deploy-1] != 0 || dlq.visible[deploy] == 0 {
		t.Errorf("orders-dlq: %v before the deploy, %v at it; want empty until the deploy", dlq.visible[deploy-1], dlq.visible[deploy])
	}
	if age := dlq.age[storyMinutes-1]; math.Abs(age-float64(deployMinutesAgo*60)) > 60 {
		t.Errorf("orders-dlq's oldest message is %v s old at the end, want about %d (the deploy)", age, deployMinutesAgo*60)
	}
	a := days["analytics-events"]
	peak, peakAt := 0.0, 0
	for i, v := range a.visible {
		if v > peak {
			peak, peakAt = v, i
		}
	}
	if peakAt != outageEnd-1 || peak < 50_000 {
		t.Errorf("analytics-events peaks at %v in minute %d, want a backlog of tens of thousands when the outage ends (%d)", peak, peakAt, outageEnd-1)
	}
	if a.age[outageEnd-1] < 100*60 {
		t.Errorf("analytics-events: oldest %v s old when the outage ends, want about two hours", a.age[outageEnd-1])
	}
	if v := a.visible[storyMinutes-3*60]; v > 3*analyticsBacklog {
		t.Errorf("analytics-events still holds %v three hours ago, want the backlog drained", v)
	}
	// Live traffic continues the history at the same rate.
	if s := days["orders"].sent[storyMinutes-1]; math.Abs(s-liveRate("orders", Options{Tick: 500 * time.Millisecond})) > 40 {
		t.Errorf("orders: %v sent in the last minute, want about the live rate", s)
	}
}
