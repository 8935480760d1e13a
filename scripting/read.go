package scripting

import (
	"context"
	"fmt"
	"time"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// Reading a queue from a script is the TUI's safe peek (awsclient.Peek):
// every message received is held so the paging cannot receive it twice,
// and made visible again (released) before the command prints anything —
// also on error and on SIGINT/SIGTERM. Each message's receive count still
// rises by one: SQS has no read-only peek. So on a queue with a redrive
// policy the command asks first, as the TUI does, or needs --yes.

// MaxRead caps -n: every message read is held until the end, and SQS
// counts held messages against ~120,000 in flight per queue.
const MaxRead = 10000

// readResult is what readQueue read and released.
type readResult struct {
	msgs      []model.Message
	exhausted bool // the queue had no more visible messages
	// unreleased says why some messages read stay hidden until their
	// hold ends; nil when all were made visible again.
	unreleased error
}

// readQueue reads up to n messages of q (n <= 0: until the queue is read
// to its end, at most MaxRead), after asking when the peek could
// dead-letter, and releases them all before it returns. code is ExitOK
// when every message read was released and ctx was not cancelled.
func readQueue(ctx context.Context, env *Env, c awsclient.Client, q model.Queue, n int, yes bool) (readResult, int) {
	var res readResult
	if env.ReadOnly {
		if err := awsclient.ReadOnlyPeekRisk(q); err != nil {
			return res, env.Fail(ExitNothingDone, "%v", err)
		}
	}
	if q.Redrive != nil || q.RedriveErr != nil {
		if code := env.Confirm(ctx, yes, fmt.Sprintf("Peek %s?", q.Name), peekRisk(q)); code != ExitOK {
			return res, code
		}
	}
	want := n
	if want <= 0 {
		want = MaxRead
	}
	p := c.OpenPeek(q.URL, awsclient.PeekOptions{Hold: holdFor(want, q)})
	msgs, exhausted, err := drain(ctx, p, want)
	// Released under its own context: ctx may be cancelled by now, and
	// that is exactly when the messages must be given back.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	rep, rerr := p.Release(rctx)
	if rep.LostReceives > 0 {
		env.Note("%s got no answer; any messages they took stay hidden until %s",
			plural(rep.LostReceives, "receive"), rep.LostHoldUntil.UTC().Format(time.TimeOnly))
	}
	if rerr != nil && (err != nil || Interrupted(ctx)) {
		env.Note("%s", awsclient.Describe(rerr)) // the command stops for another reason, said next
	}
	switch {
	case Interrupted(ctx) && rerr != nil:
		return res, env.Fail(ExitInterrupted, "interrupted: %s read; nothing written", plural(len(msgs), "message"))
	case Interrupted(ctx):
		return res, env.Fail(ExitInterrupted, "interrupted: %s read and made visible again; nothing written", plural(len(msgs), "message"))
	case err != nil:
		return res, env.Fail(ExitFailed, "%s", awsclient.Describe(err))
	}
	// Messages some of which could not be released are still worth
	// writing: the command writes them and then exits 1 (see done).
	res.msgs, res.exhausted, res.unreleased = msgs, exhausted, rerr
	return res, ExitOK
}

// done is the exit code once res has been written: 1 when some message
// could not be made visible again (it is, once its hold ends).
func (res readResult) done(env *Env) int {
	if res.unreleased != nil {
		return env.Fail(ExitFailed, "%s", awsclient.Describe(res.unreleased))
	}
	return ExitOK
}

// drain calls Next until it has want messages or the queue is read to its
// end. A message received again (its hold ended while paging) replaces
// the copy read before, whose receive count is now one short.
func drain(ctx context.Context, p awsclient.Peek, want int) (msgs []model.Message, exhausted bool, err error) {
	index := map[string]int{}
	for len(msgs) < want {
		page, err := p.Next(ctx, want-len(msgs))
		for _, m := range page.Messages {
			index[m.ID] = len(msgs)
			msgs = append(msgs, m)
		}
		for _, m := range page.Again {
			if i, ok := index[m.ID]; ok {
				msgs[i] = m
			}
		}
		if err != nil {
			return msgs, false, err
		}
		if page.Exhausted {
			return msgs, true, nil
		}
		if len(page.Messages) == 0 {
			break // nothing new and not exhausted: do not spin
		}
	}
	return msgs, false, nil
}

// holdFor is how long each message stays hidden while the rest are read:
// long enough that the first is not received again before the last is
// read (which would raise its count twice), short enough that a crash
// leaves messages hidden only briefly.
func holdFor(want int, q model.Queue) time.Duration {
	expect := min(int64(want), max(q.Stats.Visible, 10))
	return awsclient.DefaultPeekHold + time.Duration(expect)*5*time.Millisecond
}

// peekRisk is what the question says before peeking q: what a receive
// does on a queue with a redrive policy, naming maxReceiveCount.
func peekRisk(q model.Queue) []string {
	if q.Redrive == nil {
		return []string{
			fmt.Sprintf("%s has a redrive policy that could not be read (%v);", q.Name, q.RedriveErr),
			"if it has one, a peek (a receive) could move messages to its dead-letter queue.",
		}
	}
	rp := q.Redrive
	lines := []string{
		"SQS has no read-only peek: reading a message receives it, which raises its receive count by one.",
		fmt.Sprintf("%s moves a message to %s when a receive would take its count past %d (maxReceiveCount %d):",
			q.Name, model.NameFromARN(rp.DeadLetterTargetARN), rp.MaxReceiveCount, rp.MaxReceiveCount),
		fmt.Sprintf("messages already received %d times move there on this peek; those at %d use up their last delivery.",
			rp.MaxReceiveCount, rp.MaxReceiveCount-1),
	}
	if model.PeekCostOf(rp, nil).UnknownAtRisk {
		lines = append(lines, "With maxReceiveCount 1 every message read uses up its only delivery: the consumer's next receive dead-letters it.")
	} else {
		lines = append(lines, "How many messages are at risk is unknown until they have been read.")
	}
	if q.IsFIFO() {
		lines = append(lines, "FIFO queue: each message read blocks its message group until it is made visible again, at the end of this command.")
	}
	return lines
}

// readNotes tells the person what the read means: how far it got, and on a
// FIFO queue that it saw only the head of each group.
func readNotes(env *Env, q model.Queue, res readResult, n int) {
	switch {
	case len(res.msgs) == 0:
		env.Note("%s: no visible messages (read to its end; messages in flight or delayed are not seen)", q.Name)
	case n > 0 && len(res.msgs) < n && res.exhausted:
		env.Note("%s: %d of %d asked: no more visible messages", q.Name, len(res.msgs), n)
	}
	if len(res.msgs) > 0 {
		env.Note("%s read and made visible again; each one's receive count rose by one", plural(len(res.msgs), "message"))
	}
	if q.IsFIFO() && len(res.msgs) > 0 {
		env.Note("FIFO: a peek sees at most the head of each message group, not the whole queue")
	}
}

// plural is "1 message", "2 messages".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
