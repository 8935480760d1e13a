package scripting

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

func init() {
	register(&Command{
		Name: "peek",
		Synopsis: `usage: sqscope peek QUEUE [-n N] [--json] [--yes] [flags]
                                 read messages without consuming them: each is held while the rest
                                 are read, then made visible again (its receive count rises by one);
                                 asks first, or needs --yes off a terminal, when that could dead-letter`,
		Args:         []string{"QUEUE"},
		Placeholders: map[string]string{"n": "N"},
		Bind:         bindPeek,
	})
}

func bindPeek(fs *flag.FlagSet) Runner {
	n := fs.Int("n", 10, fmt.Sprintf("how many messages to read, at most %d", MaxRead))
	json := fs.Bool("json", false, "print each message as one JSON line, exactly (the export format; binary values in base64)")
	yes := fs.Bool("yes", false, "do not ask before a peek that could move messages to the dead-letter queue")
	return func(ctx context.Context, env *Env, args []string) int {
		if *n < 1 || *n > MaxRead {
			return env.Usage("-n %d: read between 1 and %d messages", *n, MaxRead)
		}
		return peek(ctx, env, args[0], *n, *yes, env.Output(*json))
	}
}

// peek reads n messages of the queue arg names, releases them, and prints
// them: exact JSON lines, or text made safe for a terminal.
func peek(ctx context.Context, env *Env, arg string, n int, yes bool, out *Output) int {
	c, code := env.Client(ctx)
	if code != ExitOK {
		return code
	}
	q, code := env.Queue(ctx, c, arg)
	if code != ExitOK {
		return code
	}
	res, code := readQueue(ctx, env, c, q, n, yes)
	if code != ExitOK {
		return code
	}
	var err error
	if out.JSON() {
		err = model.WriteRecords(jsonSafe{env.Stdout}, records(res.msgs, q.URL))
	} else {
		err = writeMessages(out.Text(), res.msgs)
	}
	if err != nil {
		return env.Fail(ExitFailed, "writing: %v", err)
	}
	readNotes(env, q, res, n)
	return res.done(env)
}

// records are msgs in the export format.
func records(msgs []model.Message, queueURL string) []model.Record {
	recs := make([]model.Record, len(msgs))
	for i, m := range msgs {
		recs[i] = model.RecordOf(m, queueURL)
	}
	return recs
}

// writeMessages prints msgs for people: a header line per message, its
// attributes, then the body. Everything from the message passes through
// sanitize: a body may hold escape sequences, invalid UTF-8 or binary.
func writeMessages(w io.Writer, msgs []model.Message) error {
	var b strings.Builder
	for i, m := range msgs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "── %d/%d  %s  received %d×", i+1, len(msgs), sanitize.Line(m.ID), m.ReceiveCount)
		if !m.SentAt.IsZero() {
			fmt.Fprintf(&b, "  sent %s", m.SentAt.UTC().Format(time.RFC3339))
		}
		b.WriteString("\n")
		if m.GroupID != "" {
			fmt.Fprintf(&b, "   group %s", sanitize.Line(m.GroupID))
			if m.DedupID != "" {
				fmt.Fprintf(&b, "  dedup %s", sanitize.Line(m.DedupID))
			}
			b.WriteString("\n")
		}
		if m.DLQSourceARN != "" {
			fmt.Fprintf(&b, "   from %s\n", sanitize.Line(model.NameFromARN(m.DLQSourceARN)))
		}
		for _, name := range slices.Sorted(maps.Keys(m.Attributes)) {
			a := m.Attributes[name]
			v := sanitize.Line(a.StringValue)
			if a.IsBinary() {
				v = "base64:" + sanitize.Base64(a.BinaryValue)
			}
			fmt.Fprintf(&b, "   %s (%s) = %s\n", sanitize.Line(name), sanitize.Line(a.DataType), v)
		}
		body := sanitize.Text(m.Body)
		b.WriteString(body)
		if !strings.HasSuffix(body, "\n") {
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
