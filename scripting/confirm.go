package scripting

import (
	"bufio"
	"context"
	"fmt"
	"strings"
)

// Confirm asks before something that could harm a queue (a peek that
// could dead-letter, a purge, a redrive). With --yes (yes) it goes ahead
// without asking. On a terminal it prints lines and the question on
// stderr and reads the answer; off a terminal nobody can answer, so it
// refuses and says to add --yes. code is ExitNothingDone when it did not
// go ahead (ExitInterrupted for a signal while asking), ExitOK when it did.
func (e *Env) Confirm(ctx context.Context, yes bool, question string, lines []string) (code int) {
	if yes {
		return ExitOK
	}
	if !e.Interactive {
		for _, l := range lines {
			fmt.Fprintln(e.Stderr, "sqscope: "+l)
		}
		return e.Fail(ExitNothingDone, "not done: stdin is not a terminal, so nobody can answer %q; add --yes to go ahead", question)
	}
	for _, l := range lines {
		fmt.Fprintln(e.Stderr, l)
	}
	fmt.Fprintf(e.Stderr, "%s [y/N] ", question)
	// The read runs apart so that ^C (which the signal context catches)
	// ends the question; the reader is left to the exiting process.
	answer := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(e.Stdin).ReadString('\n')
		answer <- line
	}()
	select {
	case <-ctx.Done():
		fmt.Fprintln(e.Stderr)
		return e.Fail(ExitInterrupted, "interrupted: nothing done")
	case a := <-answer:
		switch strings.ToLower(strings.TrimSpace(a)) {
		case "y", "yes":
			return ExitOK
		}
		return e.Fail(ExitNothingDone, "not done")
	}
}
