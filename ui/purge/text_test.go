package purge

import (
	"testing"
	"time"
)

func TestAgo(t *testing.T) {
	for d, want := range map[time.Duration]string{
		42 * time.Second:                  "42s",
		65 * time.Second:                  "1m05s",
		2*time.Hour + 5*time.Minute + 3e9: "2h 5m", // was "125m08s"
	} {
		if got := ago(d); got != want {
			t.Errorf("ago(%v) = %q, want %q", d, got, want)
		}
	}
}
