package model

import "strconv"

// How a redrive runs is decided here, once, for the TUI's R and for
// `sqscope redrive` alike: a native move task (SQS moves the messages
// itself, each back to its own source) unless something only a
// client-side move can honour is asked for or known. The order of the
// checks is the order of the reasons given, so both say the same thing.

// Why a redrive runs client-side. The UI and the command line show them
// after "because".
const (
	WhySelected = "you selected messages"
	WhyFilter   = "a filter is active"
	WhyDest     = "you picked the destination"
	// WhyNoNative: the endpoint said so before the start (a task listing).
	WhyNoNative = "this endpoint has no native move API (it said so when asked)"
	// WhyFellBack: the start itself was refused as unknown.
	WhyFellBack = "this endpoint lacks the native move API"
)

// RedriveAsk is what a redrive is asked to do and what is known of the
// endpoint and the DLQ, as far as it decides the path.
type RedriveAsk struct {
	Selected bool // messages picked one by one
	Filter   bool // a filter picks the messages (only a client-side move reads bodies)
	Dest     bool // a destination the user picked, instead of each message's source
	NoNative bool // the endpoint said it has no move-task API
	// Journal is how many messages an interrupted client-side move left
	// half-moved (its journal's pending count). A native task would send
	// them all again, uncounted: only the journal knows which were sent.
	Journal int
}

// ClientSideReason says why the redrive must run client-side; "" means
// a native move task.
func (a RedriveAsk) ClientSideReason() string {
	switch {
	case a.Selected:
		return WhySelected
	case a.Filter:
		return WhyFilter
	case a.Dest:
		return WhyDest
	case a.NoNative:
		return WhyNoNative
	case a.Journal > 0:
		return JournalReason(a.Journal)
	}
	return ""
}

// JournalDecides reports whether the interrupted move's journal is the
// reason for the client-side path: the move then finishes that journal's
// work, and the TUI offers to forget the journal instead.
func (a RedriveAsk) JournalDecides() bool {
	return a.Journal > 0 && !a.Selected && !a.Filter && !a.Dest && !a.NoNative
}

// JournalReason is the reason given when an interrupted move's journal
// decides the path.
func JournalReason(pending int) string {
	n := commas(pending) + " messages"
	if pending == 1 {
		n = "1 message"
	}
	return "an interrupted move left " + n + " half-moved, and only its journal knows which copies were already sent"
}

func commas(n int) string {
	s := strconv.Itoa(n)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
