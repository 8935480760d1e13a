package model

import "testing"

// The path of a redrive is one decision for the TUI and the command line:
// the first reason in this order wins, and none means a native task.
func TestRedriveAskClientSideReason(t *testing.T) {
	tests := []struct {
		name    string
		ask     RedriveAsk
		want    string
		journal bool
	}{
		{"all back to the sources", RedriveAsk{}, "", false},
		{"selected wins over everything", RedriveAsk{Selected: true, Filter: true, Dest: true, NoNative: true, Journal: 3}, WhySelected, false},
		{"filter", RedriveAsk{Filter: true, Dest: true}, WhyFilter, false},
		{"destination", RedriveAsk{Dest: true, NoNative: true}, WhyDest, false},
		{"no native API", RedriveAsk{NoNative: true, Journal: 2}, WhyNoNative, false},
		{"one half-moved", RedriveAsk{Journal: 1}, "an interrupted move left 1 message half-moved, and only its journal knows which copies were already sent", true},
		{"many half-moved", RedriveAsk{Journal: 1234}, "an interrupted move left 1,234 messages half-moved, and only its journal knows which copies were already sent", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ask.ClientSideReason(); got != tt.want {
				t.Errorf("ClientSideReason() = %q, want %q", got, tt.want)
			}
			if got := tt.ask.JournalDecides(); got != tt.journal {
				t.Errorf("JournalDecides() = %v, want %v", got, tt.journal)
			}
		})
	}
}
