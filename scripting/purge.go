package scripting

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// sqscope purge: PurgeQueue through the adapter, which refuses it in
// read-only mode and writes the audit line (with the depth just before).
// --export-first keeps what a safe peek can read, in the export format
// (sqscope send --file sends it back), before anything is deleted.

// ExitPurgeInProgress: SQS refused the purge because the queue was purged
// in the last 60 seconds (PurgeQueueInProgress). Nothing was deleted by
// this run; a script may wait a minute and run it again.
const ExitPurgeInProgress = 4

func init() {
	register(&Command{
		Name:    "purge",
		Changes: true, // the audit log records it, as the TUI's
		Synopsis: `usage: sqscope purge QUEUE --yes [--export-first FILE] [--json]
                                 delete every message of QUEUE (audited); --export-first writes what a
                                 safe peek can read to FILE first, and purges only once it is written`,
		Args:         []string{"QUEUE"},
		Placeholders: map[string]string{"export-first": "FILE"},
		Bind:         bindPurge,
	})
}

func bindPurge(fs *flag.FlagSet) Runner {
	exportFirst := fs.String("export-first", "", "first write the messages a safe peek can read to FILE (export format; never overwritten)")
	yes := fs.Bool("yes", false, "do not ask (needed when stdin is not a terminal)")
	jsonOut := BindJSON(fs)
	return func(ctx context.Context, env *Env, args []string) int {
		return purge(ctx, env, args[0], *exportFirst, *yes, env.Output(*jsonOut))
	}
}

// purgeJSON is purge's one JSON line.
type purgeJSON struct {
	Queue string `json:"queue"`
	// Depth is the queue's approximate depth before the purge: visible,
	// in flight and delayed.
	Depth      int64  `json:"depth"`
	ExportFile string `json:"exportFile,omitempty"`
	Exported   *int   `json:"exported,omitempty"` // messages written to ExportFile; absent without one
	Purged     bool   `json:"purged"`
}

func purge(ctx context.Context, env *Env, arg, exportPath string, yes bool, out *Output) int {
	c, code := env.Client(ctx)
	if code != ExitOK {
		return code
	}
	q, code := env.Queue(ctx, c, arg)
	if code != ExitOK {
		return code
	}
	rep := purgeJSON{Queue: q.Name, Depth: q.Stats.Total(), ExportFile: exportPath}
	// Read-only: the adapter refuses, in one line, before any export is
	// read for a purge that cannot happen.
	if !env.ReadOnly {
		lines := []string{fmt.Sprintf("Every message of %s is deleted: %d visible, %d in flight, %d delayed (approximate). SQS cannot undo it.",
			q.Name, q.Stats.Visible, q.Stats.InFlight, q.Stats.Delayed)}
		if exportPath != "" {
			n, code := exportBeforePurge(ctx, env, c, q, exportPath, yes)
			if code != ExitOK {
				return code
			}
			rep.Exported = &n
			lines = append(lines, fmt.Sprintf("%s holds %s of them; the in-flight and delayed ones a peek cannot read.",
				exportPath, plural(n, "message")))
		}
		if code := env.Confirm(ctx, yes, fmt.Sprintf("Purge %s?", q.Name), lines); code != ExitOK {
			return code
		}
	}
	// Not ctx: once asked for, the purge is one call, and a signal must
	// not turn its answer into "unknown".
	err := c.Purge(context.WithoutCancel(ctx), q.URL)
	var ro *awsclient.ReadOnlyError
	var auditErr *awsclient.AuditError
	switch {
	case errors.As(err, &ro):
		return env.Fail(ExitNothingDone, "%v: nothing purged", err)
	case errors.Is(err, awsclient.ErrPurgeInProgress):
		return env.Fail(ExitPurgeInProgress, "%s was not purged: %v; run again in a minute", q.Name, err)
	case errors.As(err, &auditErr) && auditErr.Cause == nil:
		env.Note("warning: %v", err)
	case err != nil:
		return env.Fail(ExitFailed, "%s was not purged: %s", q.Name, awsclient.Describe(err))
	}
	rep.Purged = true
	if out.JSON() {
		if err := out.Line(rep); err != nil {
			return ExitFailed
		}
		return ExitOK
	}
	fmt.Fprintf(out.Text(), "purged %s (%d messages before: %d visible, %d in flight, %d delayed)\n",
		q.Name, rep.Depth, q.Stats.Visible, q.Stats.InFlight, q.Stats.Delayed)
	return ExitOK
}

// exportBeforePurge writes what a safe peek of q can read to path, as
// sqscope export does (the same file rules, the same read), and says how
// much of the depth that is. Any failure stops the purge.
func exportBeforePurge(ctx context.Context, env *Env, c awsclient.Client, q model.Queue, path string, yes bool) (int, int) {
	f, err := createExport(path)
	if errors.Is(err, fs.ErrExist) {
		return 0, env.Usage("--export-first %s: the file exists, and an export never overwrites one; choose another name", path)
	}
	if err != nil {
		return 0, env.Fail(ExitFailed, "--export-first: %v", err)
	}
	res, code := readQueue(ctx, env, c, q, 0, yes)
	if code == ExitOK {
		bw := bufio.NewWriter(f)
		err = model.WriteRecords(bw, records(res.msgs, q.URL))
		if err == nil {
			err = bw.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			code = env.Fail(ExitFailed, "writing %s: %v: nothing purged", path, err)
		}
	} else {
		_ = f.Close()
	}
	if code != ExitOK {
		if fi, err := os.Stat(f.Name()); err == nil && fi.Size() == 0 {
			_ = os.Remove(f.Name()) // an empty file would pass for an empty queue's export
		}
		return 0, code
	}
	if res.unreleased != nil {
		// They are in the file, and the purge deletes hidden messages too.
		env.Note("%s (they are in %s)", awsclient.Describe(res.unreleased), path)
	}
	env.Note("exported %d of the %d messages of %s to %s (a peek reads visible messages only: %d in flight, %d delayed)",
		len(res.msgs), q.Stats.Total(), q.Name, path, q.Stats.InFlight, q.Stats.Delayed)
	if !res.exhausted && len(res.msgs) == MaxRead {
		env.Note("the export stopped at %d messages (the most one export reads): the rest are purged unexported", MaxRead)
	}
	return len(res.msgs), ExitOK
}
