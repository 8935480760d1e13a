package scripting

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

func init() {
	register(&Command{
		Name: "ls",
		Synopsis: `usage: sqscope ls [--prefix P] [--json] [flags]
                                 list the queues with their counts (visible, in flight, delayed),
                                 type and dead-letter links: a table, or one JSON object per queue`,
		Placeholders: map[string]string{"prefix": "P"},
		Bind:         bindLs,
	})
}

// QueueLine is one queue of `sqscope ls --json`. The field names are a
// promise to scripts (the README lists them): add fields, never rename.
type QueueLine struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	ARN  string `json:"arn,omitempty"`
	// Type is "standard" or "fifo".
	Type string `json:"type"`
	// The approximate counts SQS reports.
	Visible  int64 `json:"visible"`
	InFlight int64 `json:"inFlight"`
	Delayed  int64 `json:"delayed"`
	// DeadLetterQueue is the name of the queue this one's failures go to,
	// MaxReceiveCount the receives after which they go (redrive policy).
	DeadLetterQueue string `json:"deadLetterQueue,omitempty"`
	MaxReceiveCount int    `json:"maxReceiveCount,omitempty"`
	// Sources are the listed queues that dead-letter into this one.
	Sources []string `json:"sources,omitempty"`
	// Error says why the queue's attributes could not be read; the
	// counts are then zero and the command exits 1.
	Error string `json:"error,omitempty"`
}

func bindLs(fs *flag.FlagSet) Runner {
	prefix := fs.String("prefix", "", "only the queues whose name starts with P")
	json := BindJSON(fs)
	return func(ctx context.Context, env *Env, _ []string) int {
		return ls(ctx, env, *prefix, env.Output(*json))
	}
}

// ls lists the queues, sorted by name so that two runs compare line by
// line. Rows whose attributes could not be read are still listed.
func ls(ctx context.Context, env *Env, prefix string, out *Output) int {
	c, code := env.Client(ctx)
	if code != ExitOK {
		return code
	}
	urls, err := c.QueueURLs(ctx)
	if err != nil {
		return env.failCall(ctx, err)
	}
	urls = slices.DeleteFunc(urls, func(u string) bool { return !strings.HasPrefix(model.NameFromURL(u), prefix) })
	qs, err := c.Refresh(ctx, urls)
	if err != nil {
		return env.failCall(ctx, err)
	}
	slices.SortFunc(qs, func(a, b model.Queue) int { return strings.Compare(a.Name, b.Name) })
	lines := queueLines(qs)
	failed := 0
	for _, l := range lines {
		if l.Error != "" {
			failed++
		}
	}
	if out.JSON() {
		for _, l := range lines {
			if err := out.Line(l); err != nil {
				return env.Fail(ExitFailed, "writing: %v", err)
			}
		}
	} else if len(lines) > 0 {
		writeQueueTable(out.Text(), lines)
	}
	switch {
	case len(lines) == 0 && prefix != "":
		env.Note("no queue name starts with %q in %s", prefix, where(c))
	case len(lines) == 0:
		env.Note("no queues in %s", where(c))
	case failed > 0:
		return env.Fail(ExitFailed, "the attributes of %d of %d queues could not be read", failed, len(lines))
	}
	return ExitOK
}

// queueLines are qs as JSON lines, with the dead-letter links both ways.
func queueLines(qs []model.Queue) []QueueLine {
	g := model.BuildDLQGraph(qs)
	out := make([]QueueLine, len(qs))
	for i, q := range qs {
		l := QueueLine{Name: q.Name, URL: q.URL, ARN: q.ARN, Type: strings.ToLower(q.Type.String()),
			Visible: q.Stats.Visible, InFlight: q.Stats.InFlight, Delayed: q.Stats.Delayed}
		if q.Redrive != nil {
			l.DeadLetterQueue = g.Name(q.Redrive.DeadLetterTargetARN)
			l.MaxReceiveCount = q.Redrive.MaxReceiveCount
		}
		for _, arn := range g.SourcesOf(q.ARN) {
			l.Sources = append(l.Sources, g.Name(arn))
		}
		if q.Err != nil {
			l.Error = awsclient.Describe(q.Err)
		}
		out[i] = l
	}
	return out
}

// writeQueueTable is the table for people. Names come from the server, so
// they pass through sanitize like everything else shown on a terminal.
func writeQueueTable(w io.Writer, lines []QueueLine) {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTYPE\tVISIBLE\tIN FLIGHT\tDELAYED\tDEAD-LETTER LINKS")
	for _, l := range lines {
		links := links(l)
		if l.Error != "" {
			links = "error: " + l.Error
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", sanitize.Line(l.Name), l.Type,
			count(l.Visible, l.Error), count(l.InFlight, l.Error), count(l.Delayed, l.Error), sanitize.Line(links))
	}
	tw.Flush()
	// tabwriter pads an empty last cell; trailing blanks only get in the
	// way of diff and grep.
	for line := range strings.Lines(b.String()) {
		fmt.Fprintln(w, strings.TrimRight(line, " \n"))
	}
}

// links says where a queue's failures go (→ dlq after N receives) and
// which queues send theirs here (← a, b).
func links(l QueueLine) string {
	var parts []string
	if l.DeadLetterQueue != "" {
		parts = append(parts, fmt.Sprintf("→ %s after %d receives", l.DeadLetterQueue, l.MaxReceiveCount))
	}
	if len(l.Sources) > 0 {
		parts = append(parts, "← "+strings.Join(l.Sources, ", "))
	}
	return strings.Join(parts, "; ")
}

// count is n, or "?" when the queue could not be read.
func count(n int64, err string) string {
	if err != "" {
		return "?"
	}
	return strconv.FormatInt(n, 10)
}
